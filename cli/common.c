/*
 * Shared by the kiln subcommands: where the repository is and the extra library folders
 * (-L and KILN_LIBPATH), both answered by the catalog library (cat_find_root,
 * cat_libpath), option parsing, sessions, and error printing.
 */
#include <getopt.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

int cli_add_dir(struct cli_env *env, const char *dir)
{
	struct cat_err err;
	int rc;

	cat_err_init(&err);
	rc = cat_add_libdir(&env->dirs, dir, "-L folder", &err);
	cli_print_errors(&err);
	cat_err_free(&err);
	return rc;
}

int cli_setup(struct cli_env *env, const char *prog)
{
	struct cat_err err;

	(void)prog;
	memset(env, 0, sizeof(*env));
	cat_err_init(&err);
	env->root = cat_find_root(NULL, &err);
	if (env->root && cat_libpath(&env->dirs, &err) < 0) {
		free(env->root);
		env->root = NULL;
	}
	cli_print_errors(&err);
	cat_err_free(&err);
	if (!env->root)
		cat_strv_free(&env->dirs);
	return env->root ? 0 : -1;
}

void cli_done(struct cli_env *env)
{
	free(env->root);
	cat_strv_free(&env->dirs);
}

void cli_print_errors(const struct cat_err *err)
{
	char line[1200];

	for (size_t i = 0; i < err->n; i++) {
		cat_diag_str(&err->v[i], line, sizeof(line));
		fprintf(stderr, "%s\n", line);
	}
}

struct cat_catalog *cli_catalog(struct cli_env *env, const char *app_dir)
{
	struct cat_err err;
	struct cat_catalog *cat;

	if (app_dir && cli_add_dir(env, app_dir) < 0)
		return NULL;
	cat_err_init(&err);
	cat = cat_load(env->root, (const char *const *)env->dirs.v, env->dirs.n, &err);
	cli_print_errors(&err);
	cat_err_free(&err);
	return cat;
}

struct cat_profile *cli_profile(const char *path)
{
	struct cat_err err;
	struct cat_profile *p;

	cat_err_init(&err);
	p = cat_profile_load(path, &err);
	cli_print_errors(&err);
	cat_err_free(&err);
	return p;
}

int cli_usage(const char *usage, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "kiln: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nusage: %s\n", usage);
	return KILN_EUSAGE;
}

int cli_help(const char *usage, const char *help, int full)
{
	if (full)
		printf("usage: %s\n\n%s", usage, help);
	else
		fprintf(stderr, "usage: %s\n", usage);
	return full ? KILN_OK : KILN_EUSAGE;
}

static int wants_help(int argc, char **argv)
{
	for (int i = 1; i < argc; i++)
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h"))
			return 1;
	return 0;
}

int cli_start(struct cli_env *env, int argc, char **argv, const struct cli_cmd *c, const char **val,
	      int *rc)
{
	char opts[8] = "L:";
	int ch;

	*rc = KILN_OK;
	if (wants_help(argc, argv)) {
		printf("usage: %s\n\n%s", c->usage, c->help);
		return -1;
	}
	if (c->opt)
		snprintf(opts, sizeof(opts), "%c:L:", c->opt);
	if (cli_setup(env, argv[0]) < 0) {
		*rc = KILN_EUSER;
		return -1;
	}
	optind = 0; /* 0, not 1: glibc then forgets a half-read word of an earlier parse */
	while ((ch = getopt(argc, argv, opts)) != -1) {
		if (ch == 'L' && cli_add_dir(env, optarg) == 0)
			continue;
		if (ch != 'L' && ch != '?' && ch == c->opt) {
			*val = optarg;
			continue;
		}
		break;
	}
	if (ch != -1 || argc - optind != c->nargs) {
		*rc = cli_usage(c->usage, "%s: %s", argv[0], ch != -1 ? "bad option" : c->what);
		cli_done(env);
		return -1;
	}
	return 0;
}

/*
 * Every command is one process that ends right after: its exit gives a catalog's memory
 * back at once, where freeing the ~100,000 allocations of a catalog of 2,000 libraries one
 * by one takes 4 ms of a 30 ms command. Under the sanitizers (host tests, fuzzers) all is
 * freed, so the leak checks still see everything a command left behind.
 */
#if defined(__SANITIZE_ADDRESS__)
#define CLI_FREE_AT_END 1
#else
#define CLI_FREE_AT_END 0
#endif

void cli_catalog_end(struct cat_catalog *cat)
{
	if (CLI_FREE_AT_END)
		cat_free(cat);
}

void session_end(struct session *s)
{
	cat_result_free(s->res);
	if (CLI_FREE_AT_END)
		cat_solver_free(s->solver);
	cli_catalog_end(s->cat);
	cat_profile_free(s->prof);
	cli_done(&s->env);
}

int session_load(struct session *s, const char *profile)
{
	struct cat_err err;
	int rc = KILN_EUSER;

	if (!(s->prof = cli_profile(profile)))
		return KILN_EUSER;
	if (!(s->cat = cli_catalog(&s->env, s->prof->app_dir)))
		return KILN_EUSER;
	cat_err_init(&err);
	if ((s->solver = cat_solver_new(s->cat, &err)))
		rc = KILN_OK;
	cli_print_errors(&err);
	cat_err_free(&err);
	return rc;
}

int session_resolve(struct session *s, const char *profile)
{
	struct cat_err err;
	int rc = session_load(s, profile);

	if (rc != KILN_OK)
		return rc;
	cat_err_init(&err);
	if (cat_solve(s->solver, s->prof, &s->res, &err) != 0)
		rc = KILN_EUSER;
	cli_print_errors(&err);
	cat_err_free(&err);
	return rc;
}

int cli_flag(int *argc, char **argv, const char *flag)
{
	int found = 0, k = 1;

	for (int i = 1; i < *argc; i++) {
		if (!strcmp(argv[i], flag))
			found = 1;
		else
			argv[k++] = argv[i];
	}
	argv[k] = NULL;
	*argc = k;
	return found;
}

/* The profile a question is about: -p, else $KILN_PROFILE, else the catalog's default. */
char *cli_default_profile(const struct cli_env *env, const char *given)
{
	const char *p = given ? given : getenv("KILN_PROFILE");
	struct cat_err err;
	char *out;

	if (p)
		return strdup(p);
	cat_err_init(&err);
	out = cat_default_profile(env->root, &err);
	cli_print_errors(&err);
	cat_err_free(&err);
	return out;
}

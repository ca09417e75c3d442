/*
 * Shared by the kiln subcommands: where the repository is (KILN_ROOT, else the folder
 * holding kernel-libs/, plat/ and examples/ above the current directory, else above the
 * kiln binary), the extra library folders (-L and KILN_LIBPATH), and error printing.
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

static int is_dir(const char *a, const char *b)
{
	struct stat st;
	char *p;
	int yes;

	if (asprintf(&p, "%s/%s", a, b) < 0)
		return 0;
	yes = stat(p, &st) == 0 && S_ISDIR(st.st_mode);
	free(p);
	return yes;
}

static int is_root(const char *d)
{
	return is_dir(d, "kernel-libs") && is_dir(d, "plat") && is_dir(d, "examples");
}

/* Walks up from start to the first folder that looks like a kiln tree. */
static char *root_above(const char *start)
{
	char p[PATH_MAX];

	if (!realpath(start, p))
		return NULL;
	for (;;) {
		if (is_root(p))
			return strdup(p);
		char *slash = strrchr(p, '/');

		if (!slash || slash == p)
			return NULL;
		*slash = 0;
	}
}

static char *find_root(void)
{
	const char *env = getenv("KILN_ROOT");
	char exe[PATH_MAX];
	ssize_t n;
	char *r;

	if (env && *env)
		return realpath(env, NULL);
	if ((r = root_above(".")))
		return r;
	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n <= 0)
		return NULL;
	exe[n] = 0;
	*strrchr(exe, '/') = 0;
	return root_above(exe);
}

int cli_add_dir(struct cli_env *env, const char *dir)
{
	if (env->ndirs == sizeof(env->dirs) / sizeof(*env->dirs)) {
		fprintf(stderr, "kiln: too many library folders\n");
		return -1;
	}
	env->dirs[env->ndirs++] = dir;
	return 0;
}

int cli_setup(struct cli_env *env, const char *prog)
{
	static char path[4096];
	const char *lp = getenv("KILN_LIBPATH");

	memset(env, 0, sizeof(*env));
	env->root = find_root();
	if (!env->root) {
		fprintf(stderr,
			"kiln: %s: no kiln tree here (kernel-libs/, plat/, examples/); "
			"set KILN_ROOT\n",
			prog);
		return -1;
	}
	if (lp && *lp) {
		snprintf(path, sizeof(path), "%s", lp);
		for (char *s = strtok(path, ":"); s; s = strtok(NULL, ":"))
			if (*s && cli_add_dir(env, s) < 0)
				return -1;
	}
	return 0;
}

void cli_done(struct cli_env *env)
{
	free(env->root);
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
	cat = cat_load(env->root, env->dirs, env->ndirs, &err);
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
	optind = 1;
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

void session_end(struct session *s)
{
	cat_result_free(s->res);
	cat_solver_free(s->solver);
	cat_free(s->cat);
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

/* The profile a question is about: -p, else $KILN_PROFILE, else helloworld's. */
char *cli_default_profile(const struct cli_env *env, const char *given)
{
	const char *p = given ? given : getenv("KILN_PROFILE");
	char *out = NULL;

	if (p)
		return strdup(p);
	if (asprintf(&out, "%s/examples/helloworld/kvm.json", env->root) < 0)
		return NULL;
	return out;
}

/*
 * kiln genconfig: writes an all-yes, all-no or seeded random profile for an app on some
 * targets (cat_genconfig), through the same validity gate as every saved profile, so
 * `make test` can build configurations nobody wrote by hand.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

#define GEN_USAGE                                                                                  \
	"kiln genconfig (--all-yes | --all-no | --random SEED) [--app APP] [--target T]...\n"      \
	"       [--name NAME] [-L DIR]... -o PROFILE"

#define GEN_NAME_CHARS "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-"

static const char gen_help[] =
	"Writes PROFILE: the app and targets plus generated decisions, each kept only when the\n"
	"profile still resolves, so PROFILE always resolves.\n"
	"  --all-yes      turn every library on (by name), then every bool option\n"
	"  --all-no       turn every library off, then every bool option that is on\n"
	"  --random SEED  seeded choices for libraries, then for the options of those on;\n"
	"                 the same SEED on the same catalog writes the same PROFILE\n"
	"  --app APP      the app (a catalog name; default helloworld)\n"
	"  --target T     a target, repeatable (default: the first platform's first\n"
	"                 architecture, by name)\n"
	"  --name NAME    the profile's name (its folder build/NAME/)\n"
	"  -o PROFILE     where to write it\n"
	"  -L DIR         also read the libraries in DIR\n"
	"Exit status: 0 written, 1 the app and targets do not resolve, 2 bad usage.\n";

/* The first platform library (by name) with its first architecture, or NULL (said). */
static const char *first_target(const struct cat_catalog *cat, char *buf, size_t size)
{
	for (size_t i = 0; i < cat_nlibs(cat); i++) {
		const struct cat_lib *l = cat_lib_at(cat, i);

		if (l->kind == CAT_PLATFORM) {
			snprintf(buf, size, "%s-%s", l->platform, l->plat->archs[0].name);
			return buf;
		}
	}
	fprintf(stderr, "kiln: genconfig: the catalog has no platform\n");
	return NULL;
}

struct gen_args {
	int mode; /* enum cat_gen_mode, -1 until given */
	unsigned long long seed;
	const char *app, *name, *out;
	const char *targets[8];
	size_t ntargets;
};

static int gen_bad(const char *fmt, const char *what)
{
	char msg[300];

	snprintf(msg, sizeof(msg), fmt, what);
	return cli_usage(GEN_USAGE, "genconfig: %s", msg);
}

/* Takes the mode of option letter ch ('y', 'n', 'r'), with its seed for --random. */
static int gen_mode(struct gen_args *a, int ch, const char *seed)
{
	char *end;

	if (a->mode != -1)
		return gen_bad("%s", "give one of --all-yes, --all-no, --random");
	a->mode = ch == 'y' ? CAT_GEN_ALL_YES : ch == 'n' ? CAT_GEN_ALL_NO : CAT_GEN_RANDOM;
	if (!seed)
		return 0;
	errno = 0;
	a->seed = strtoull(seed, &end, 0);
	if (!*seed || *end || errno || *seed == '-')
		return gen_bad("bad SEED '%s' (a number)", seed);
	return 0;
}

/* Reads the command line into a; non-zero (the exit status) when it is wrong. */
static int gen_parse(struct cli_env *env, struct gen_args *a, int argc, char **argv)
{
	static const struct option longs[] = {
		{ "all-yes", no_argument, 0, 'y' },
		{ "all-no", no_argument, 0, 'n' },
		{ "random", required_argument, 0, 'r' },
		{ "app", required_argument, 0, 'a' },
		{ "target", required_argument, 0, 't' },
		{ "name", required_argument, 0, 'N' },
		{ 0, 0, 0, 0 },
	};
	int ch, rc = 0;

	optind = 0; /* 0, not 1: glibc then forgets a half-read word of an earlier parse */
	while (!rc && (ch = getopt_long(argc, argv, "o:L:", longs, NULL)) != -1) {
		if (ch == 'y' || ch == 'n' || ch == 'r')
			rc = gen_mode(a, ch, ch == 'r' ? optarg : NULL);
		else if (ch == 'a')
			a->app = optarg;
		else if (ch == 'N')
			a->name = optarg;
		else if (ch == 'o')
			a->out = optarg;
		else if (ch == 'L')
			rc = cli_add_dir(env, optarg) < 0 ? KILN_EUSAGE : 0;
		else if (ch == 't' && a->ntargets < sizeof(a->targets) / sizeof(*a->targets))
			a->targets[a->ntargets++] = optarg;
		else
			rc = gen_bad("%s", ch == 't' ? "too many targets" : "bad option");
	}
	if (rc)
		return rc;
	if (a->name && (!*a->name || strspn(a->name, GEN_NAME_CHARS) != strlen(a->name)))
		return gen_bad("NAME '%s' cannot name a folder (use A-Z a-z 0-9 . _ -)", a->name);
	if (optind != argc)
		return gen_bad("unexpected '%s'", argv[optind]);
	if (a->mode == -1 || !a->out)
		return gen_bad("%s", a->out ? "give one of --all-yes, --all-no, --random"
					    : "give -o PROFILE");
	return 0;
}

/* Generates and saves through the gate; prints what it wrote. */
static int gen_write(struct cat_catalog *cat, const struct gen_args *a)
{
	struct cat_err err;
	struct cat_solver *s;
	struct cat_profile *p = NULL;
	int rc = KILN_EUSER;

	cat_err_init(&err);
	if ((s = cat_solver_new(cat, &err)))
		p = cat_genconfig(s, cat, a->app, a->targets, a->ntargets, a->mode, a->seed, &err);
	if (p && a->name) {
		free(p->name);
		p->name = strdup(a->name);
	}
	if (p && cat_profile_save_checked(p, s, a->out, &err) == 0) {
		printf("kiln: genconfig: wrote %s: %zu decisions\n", a->out, p->ndecs);
		rc = KILN_OK;
	}
	cli_print_errors(&err);
	cat_err_free(&err);
	cat_profile_free(p);
	cat_solver_free(s);
	return rc;
}

int cmd_genconfig(int argc, char **argv)
{
	struct gen_args a = { .mode = -1, .app = "helloworld" };
	struct cli_env env;
	struct cat_catalog *cat = NULL;
	char deftarget[2 * CAT_PLAT_NAME_MAX + 2];
	int rc;

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			printf("usage: %s\n\n%s", GEN_USAGE, gen_help);
			return KILN_OK;
		}
	}
	if (cli_setup(&env, argv[0]) < 0)
		return KILN_EUSER;
	rc = gen_parse(&env, &a, argc, argv);
	if (!rc && !(cat = cli_catalog(&env, NULL)))
		rc = KILN_EUSER;
	if (!rc && !a.ntargets &&
	    !(a.targets[a.ntargets++] = first_target(cat, deftarget, sizeof(deftarget))))
		rc = KILN_EUSER;
	if (!rc)
		rc = gen_write(cat, &a);
	cli_catalog_end(cat);
	cli_done(&env);
	return rc;
}

/*
 * kiln new NAME [DIR]: writes DIR/NAME/, an app kept outside the tree that builds at once:
 * lib.json with one option, src/main.c, a README, and one profile per target kiln can run
 * (every architecture of every platform library with a run description), each saying
 * "app": "." so that the folder travels. The platforms come from the catalog, so a new
 * platform gets its profile here with no change to this file. Everything is written into a
 * hidden folder beside DIR/NAME, checked by resolving every profile, then renamed into
 * place: a failure leaves nothing behind.
 */
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

static const char new_usage[] = "kiln new [-L DIR]... NAME [DIR]";
static const char new_help[] =
	"Writes DIR/NAME/ (DIR defaults to the current folder), an app of your own that\n"
	"builds at once:\n"
	"  lib.json       the app in the catalog's format, with one option, NAME_GREETING\n"
	"  src/main.c     main(): prints the greeting and its arguments, returns 0\n"
	"  README.md      how to build, run and change it\n"
	"  PLATFORM.json  one profile per target kiln can run (PLATFORM-ARCH.json when a\n"
	"                 platform has several architectures), each with \"app\": \".\"\n"
	"NAME: [a-z][a-z0-9_-]*, not the name of a library of the catalog. DIR/NAME must not\n"
	"exist. Then: kiln run DIR/NAME/PLATFORM.json -- ARGS\n"
	"  -L DIR   also read the libraries in DIR\n"
	"Exit status: 0 written, 1 nothing written (the reason is said), 2 bad usage.\n";

/* One profile to write: the target and the file it goes to. */
struct new_target {
	char target[2 * CAT_PLAT_NAME_MAX + 2];
	char file[2 * CAT_PLAT_NAME_MAX + 8];
	char outname[2 * CAT_PLAT_NAME_MAX + 64];
};

struct new_app {
	const char *name, *dir;
	char opt[128];	       /* NAME_GREETING */
	char final[PATH_MAX];  /* DIR/NAME */
	char tmp[PATH_MAX];    /* DIR/.NAME.new-XXXXXX, holding NAME/ until the rename */
	char staged[PATH_MAX]; /* tmp/NAME */
	struct new_target *t;
	size_t nt;
};

/* buf = dir/rel; -1 (said) when that is too long to name. */
static int new_join(char *buf, size_t size, const char *dir, const char *rel)
{
	int n = snprintf(buf, size, "%s/%s", dir, rel);

	if (n >= 0 && (size_t)n < size)
		return 0;
	fprintf(stderr, "kiln: new: %s/%s: path too long\n", dir, rel);
	return -1;
}

/* NAME in the form of an option name: upper case, '-' as '_'. */
static void new_opt_name(struct new_app *a)
{
	size_t n = 0;

	for (const char *s = a->name; *s && n + 10 < sizeof(a->opt); s++)
		a->opt[n++] = *s == '-' ? '_' : (char)(*s >= 'a' && *s <= 'z' ? *s - 32 : *s);
	snprintf(a->opt + n, sizeof(a->opt) - n, "_GREETING");
}

/* Every target of every platform library that says how its images run. */
static int new_collect_targets(const struct cat_catalog *cat, struct new_app *a)
{
	for (size_t i = 0; i < cat_nlibs(cat); i++) {
		const struct cat_lib *l = cat_lib_at(cat, i);

		if (l->kind != CAT_PLATFORM || !l->plat->run)
			continue;
		for (size_t j = 0; j < l->plat->narchs; j++) {
			struct new_target *t;
			const char *arch = l->plat->archs[j].name;

			a->t = realloc(a->t, (a->nt + 1) * sizeof(*a->t));
			if (!a->t)
				abort();
			t = &a->t[a->nt++];
			snprintf(t->target, sizeof(t->target), "%s-%s", l->platform, arch);
			snprintf(t->file, sizeof(t->file), "%s.json",
				 l->plat->narchs == 1 ? l->platform : t->target);
			snprintf(t->outname, sizeof(t->outname), "%s-%s", a->name,
				 l->plat->narchs == 1 ? l->platform : t->target);
		}
	}
	if (a->nt == 0)
		fprintf(stderr, "kiln: new: no platform of the catalog says how to run its images "
				"(\"run\" in its lib.json): nothing written\n");
	return a->nt ? 0 : -1;
}

/* Opens staged/rel for writing; NULL (said). */
static FILE *new_open(const struct new_app *a, const char *rel)
{
	char path[2 * PATH_MAX];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", a->staged, rel);
	if (!(f = fopen(path, "w")))
		fprintf(stderr, "kiln: new: cannot write %s: %s\n", path, strerror(errno));
	return f;
}

/* Closes f, which held rel; -1 (said) when a write failed. */
static int new_close(FILE *f, const char *rel)
{
	int bad = ferror(f);

	if (fclose(f) != 0 || bad) {
		fprintf(stderr, "kiln: new: writing %s failed\n", rel);
		return -1;
	}
	return 0;
}

static int new_write_lib(const struct new_app *a)
{
	FILE *f = new_open(a, "lib.json");

	if (!f)
		return -1;
	fprintf(f,
		"{\n"
		"  \"kiln_catalog\": 1,\n"
		"  \"name\": \"%s\",\n"
		"  \"title\": \"%s\",\n"
		"  \"kind\": \"app\",\n"
		"  \"category\": \"Apps\",\n"
		"  \"help\": \"Prints a greeting, then its arguments, and exits with status 0.\",\n"
		"  \"version\": \"0.1.0\",\n"
		"  \"selects\": \"argparse\",\n"
		"  \"requires\": [\"libc\"],\n"
		"  \"options\": {\n"
		"    \"%s\": {\n"
		"      \"type\": \"string\",\n"
		"      \"title\": \"Greeting\",\n"
		"      \"default\": \"Hello from %s!\",\n"
		"      \"help\": \"The first line main() prints. C sees it as CONFIG_%s.\"\n"
		"    }\n"
		"  },\n"
		"  \"sources\": [\"src/main.c\"]\n"
		"}\n",
		a->name, a->name, a->opt, a->name, a->opt);
	return new_close(f, "lib.json");
}

static int new_write_main(const struct new_app *a)
{
	FILE *f = new_open(a, "src/main.c");

	if (!f)
		return -1;
	fprintf(f,
		"/*\n"
		" * %s: a kiln app. kiln calls main() once the kernel is up; argv holds the\n"
		" * words after \"--\" on the command line (kiln run PROFILE -- one two). What "
		"main()\n"
		" * returns is the exit status kiln run hands back to your shell (0-125).\n"
		" */\n"
		"#include <stdio.h>\n"
		"\n"
		"int main(int argc, char *argv[])\n"
		"{\n"
		"\t/* Each option in lib.json reaches C as a CONFIG_ macro: the profile's value,\n"
		"\t * else the option's default. */\n"
		"\tprintf(\"%%s\\n\", CONFIG_%s);\n"
		"\tfor (int i = 1; i < argc; i++)\n"
		"\t\tprintf(\"arg %%d: %%s\\n\", i, argv[i]);\n"
		"\treturn 0;\n"
		"}\n",
		a->name, a->opt);
	return new_close(f, "src/main.c");
}

static int new_write_readme(const struct new_app *a)
{
	FILE *f = new_open(a, "README.md");

	if (!f)
		return -1;
	fprintf(f,
		"# %s\n\n"
		"A unikernel app made by `kiln new %s`. kiln compiles `src/main.c` with just the\n"
		"libraries `lib.json` asks for into one small image per target, and boots it\n"
		"(from the folder that holds `%s/`):\n\n"
		"```sh\n"
		"kiln run %s/%s -- one two     # builds, boots, prints the greeting and the "
		"arguments\n"
		"echo $?                   # what main() returned\n"
		"```\n\n"
		"(`kiln` is `build/bin/kiln` in kiln's tree; it may be run from any folder.)\n\n"
		"| file | what it is |\n| --- | --- |\n"
		"| `lib.json` | the app as kiln's catalog sees it: its libraries, its option "
		"`%s`, its sources |\n"
		"| `src/main.c` | the app: `main()` runs once the kernel is up |\n",
		a->name, a->name, a->name, a->name, a->t[0].file, a->opt);
	for (size_t i = 0; i < a->nt; i++)
		fprintf(f, "| `%s` | a profile: target `%s`, built into kiln's `build/%s/` |\n",
			a->t[i].file, a->t[i].target, a->t[i].outname);
	fprintf(f,
		"\nA profile holds your decisions: `\"app\": \".\"` is this folder, and options "
		"go\n"
		"under `\"options\"`, e.g. `\"options\": { \"%s\": \"Hi there\" }`; C sees the "
		"value as\n"
		"`CONFIG_%s`. `kiln menu %s/%s` edits a profile in a menu.\n",
		a->opt, a->opt, a->name, a->t[0].file);
	return new_close(f, "README.md");
}

/* Writes each profile through the catalog library, as every saved profile is. */
static int new_write_profiles(const struct new_app *a)
{
	for (size_t i = 0; i < a->nt; i++) {
		struct cat_profile *p = cat_profile_new(".", a->t[i].target);
		char path[2 * PATH_MAX];
		struct cat_err err;
		int rc;

		p->name = strdup(a->t[i].outname);
		snprintf(path, sizeof(path), "%s/%s", a->staged, a->t[i].file);
		cat_err_init(&err);
		rc = p->name ? cat_profile_save(p, path, &err) : -1;
		cli_print_errors(&err);
		cat_err_free(&err);
		cat_profile_free(p);
		if (rc < 0)
			return -1;
	}
	return 0;
}

/* Resolves every staged profile against the catalog plus the staged app. */
static int new_check(struct cli_env *env, const struct new_app *a)
{
	struct cat_catalog *cat = cli_catalog(env, a->staged);
	struct cat_solver *s = NULL;
	struct cat_err err;
	int rc = cat ? 0 : -1;

	cat_err_init(&err);
	if (cat && !(s = cat_solver_new(cat, &err)))
		rc = -1;
	for (size_t i = 0; s && rc == 0 && i < a->nt; i++) {
		char path[2 * PATH_MAX];
		struct cat_profile *p;
		struct cat_result *res = NULL;

		snprintf(path, sizeof(path), "%s/%s", a->staged, a->t[i].file);
		if (!(p = cli_profile(path)) || cat_solve(s, p, &res, &err) != 0)
			rc = -1;
		cat_result_free(res);
		cat_profile_free(p);
	}
	cli_print_errors(&err);
	cat_err_free(&err);
	cat_solver_free(s);
	cli_catalog_end(cat);
	return rc;
}

static int new_rm(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st, (void)flag, (void)ftw;
	return remove(path) == 0 ? 0 : -1;
}

/* Stages, checks and renames into place; removes the staging folder on every path. */
static int new_write(struct cli_env *env, struct new_app *a)
{
	char src[2 * PATH_MAX];
	int rc;

	snprintf(src, sizeof(src), ".%s.new-XXXXXX", a->name);
	if (new_join(a->tmp, sizeof(a->tmp), a->dir, src) < 0)
		return -1;
	if (!mkdtemp(a->tmp)) {
		fprintf(stderr, "kiln: new: cannot write in %s: %s\n", a->dir, strerror(errno));
		return -1;
	}
	rc = new_join(a->staged, sizeof(a->staged), a->tmp, a->name) ||
			     new_join(src, sizeof(src), a->staged, "src")
		     ? -1
		     : 0;
	if (rc == 0 && (mkdir(a->staged, 0777) < 0 || mkdir(src, 0777) < 0)) {
		fprintf(stderr, "kiln: new: cannot make %s: %s\n", src, strerror(errno));
		rc = -1;
	}
	if (rc == 0)
		rc = new_write_lib(a) || new_write_main(a) || new_write_readme(a) ||
				     new_write_profiles(a) || new_check(env, a)
			     ? -1
			     : 0;
	if (rc == 0 && renameat2(AT_FDCWD, a->staged, AT_FDCWD, a->final, RENAME_NOREPLACE) < 0) {
		fprintf(stderr, "kiln: new: cannot make %s: %s\n", a->final, strerror(errno));
		rc = -1;
	}
	nftw(a->tmp, new_rm, 16, FTW_DEPTH | FTW_PHYS);
	return rc;
}

/* NAME and DIR as the rules want them; the exit status when they are not. */
static int new_check_args(struct cli_env *env, struct new_app *a)
{
	const char *rule = cat_lib_name_rule(a->name);
	struct cat_catalog *cat;
	struct stat st;
	long at;

	if (rule)
		return cli_usage(new_usage, "new: '%s' cannot name an app: %s%s", a->name,
				 rule[0] == '[' ? "names match " : "", rule);
	if (stat(a->dir, &st) < 0 || !S_ISDIR(st.st_mode)) {
		fprintf(stderr, "kiln: new: %s: no such folder\n", a->dir);
		return KILN_EUSER;
	}
	if (new_join(a->final, sizeof(a->final), a->dir, a->name) < 0)
		return KILN_EUSER;
	if (lstat(a->final, &st) == 0) {
		fprintf(stderr, "kiln: new: %s already exists: nothing written\n", a->final);
		return KILN_EUSER;
	}
	if (!(cat = cli_catalog(env, NULL)))
		return KILN_EUSER;
	if ((at = cat_find_lib(cat, a->name)) >= 0)
		fprintf(stderr,
			"kiln: new: '%s' is already a library of the catalog (%s): "
			"pick another name\n",
			a->name, cat_lib_at(cat, (size_t)at)->file);
	else if (new_collect_targets(cat, a) < 0)
		at = 0;
	cli_catalog_end(cat);
	return at >= 0 ? KILN_EUSER : KILN_OK;
}

int cmd_new(int argc, char **argv)
{
	struct cli_env env;
	struct new_app a = { 0 };
	int ch, rc;

	for (int i = 1; i < argc && strcmp(argv[i], "--"); i++)
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h"))
			return cli_help(new_usage, new_help, 1);
	if (cli_setup(&env, argv[0]) < 0)
		return KILN_EUSER;
	optind = 0; /* 0, not 1: glibc then forgets a half-read word of an earlier parse */
	while ((ch = getopt(argc, argv, "L:")) != -1 && ch == 'L' && cli_add_dir(&env, optarg) == 0)
		;
	if (ch != -1 || argc - optind < 1 || argc - optind > 2) {
		cli_done(&env);
		return cli_usage(new_usage, "new: %s",
				 ch != -1 ? "bad option" : "expected NAME and at most one DIR");
	}
	a.name = argv[optind];
	a.dir = argc - optind == 2 ? argv[optind + 1] : ".";
	new_opt_name(&a);
	rc = new_check_args(&env, &a);
	if (rc == KILN_OK && new_write(&env, &a) < 0)
		rc = KILN_EUSER;
	if (rc == KILN_OK)
		printf("kiln: new: wrote %s/: lib.json, src/main.c, README.md and %zu profile%s\n"
		       "next: kiln run %s/%s -- one two\n",
		       a.final, a.nt, a.nt == 1 ? "" : "s", a.final, a.t[0].file);
	free(a.t);
	cli_done(&env);
	return rc;
}

/*
 * kiln fix: asks for a value (--enable NAME, --disable NAME, --set NAME=VALUE), applies
 * the smallest change to the profile's decisions that allows it, shows the change as a
 * diff of the profile, and writes the profile back only when it resolves (the same gate
 * the menu uses). kiln check: the catalog checks.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

#define MAX_FIXES 3

static const char fix_usage[] = "kiln fix [-L DIR]... [-n N] [-o FILE] [--dry-run] PROFILE\n"
				"         (--enable NAME | --disable NAME | --set NAME=VALUE)";
static const char fix_help[] =
	"Makes PROFILE allow the value: when the profile's decisions exclude it, applies\n"
	"the smallest change to them (fix N of those kiln why-not lists, default 1),\n"
	"shows the difference and writes the profile, only if it then resolves.\n"
	"  -n N       apply fix N\n"
	"  -o FILE    write to FILE instead of PROFILE\n"
	"  --dry-run  show the difference, write nothing\n"
	"  -L DIR     also read the libraries in DIR\n";

struct fix_args {
	const char *profile, *out, *name, *value;
	long pick;
	int dry;
	char *owned;
};

static int parse_wish(struct fix_args *a, int opt, const char *arg)
{
	char *eq;

	if (a->name)
		return -1;
	a->owned = strdup(arg);
	a->name = a->owned;
	if (opt == 'e' || opt == 'd') {
		a->value = opt == 'e' ? "y" : "n";
		return 0;
	}
	if (!(eq = strchr(a->owned, '=')))
		return -1;
	*eq = 0;
	a->value = eq + 1;
	return 0;
}

/* 0: go on; -1: help shown; else the exit status of a usage error. */
static int fix_parse(struct cli_env *env, int argc, char **argv, struct fix_args *a)
{
	static const struct option longs[] = { { "enable", 1, 0, 'e' }, { "disable", 1, 0, 'd' },
					       { "set", 1, 0, 's' },	{ "dry-run", 0, 0, 'D' },
					       { "help", 0, 0, 'h' },	{ 0, 0, 0, 0 } };
	int ch;

	optind = 0; /* 0, not 1: glibc then forgets a half-read word of an earlier parse */
	while ((ch = getopt_long(argc, argv, "L:n:o:", longs, NULL)) != -1) {
		if (ch == 'h')
			return printf("usage: %s\n\n%s", fix_usage, fix_help), -1;
		if ((ch == 'L' && cli_add_dir(env, optarg) < 0) || ch == '?' ||
		    ((ch == 'e' || ch == 'd' || ch == 's') && parse_wish(a, ch, optarg) < 0))
			return cli_usage(fix_usage, "fix: bad option");
		if (ch == 'n')
			a->pick = strtol(optarg, NULL, 10);
		a->out = ch == 'o' ? optarg : a->out;
		a->dry |= ch == 'D';
	}
	if (argc - optind != 1 || !a->name || a->pick < 1)
		return cli_usage(fix_usage, "fix: expected one PROFILE and one wish");
	a->profile = argv[optind];
	return 0;
}

/* A line diff (longest common subsequence): profiles are a few dozen lines. */
static size_t split(char *text, char ***lines)
{
	size_t n = 0;

	*lines = NULL;
	for (char *s = strtok(text, "\n"); s; s = strtok(NULL, "\n")) {
		*lines = realloc(*lines, (n + 1) * sizeof(**lines));
		(*lines)[n++] = s;
	}
	return n;
}

static void diff(char *old, char *new, const char *name)
{
	char **a, **b;
	size_t n = split(old, &a), m = split(new, &b);
	size_t *t = calloc((n + 1) * (m + 1), sizeof(*t)), i = 0, j = 0;

	for (size_t x = n; x-- > 0;)
		for (size_t y = m; y-- > 0;)
			t[x * (m + 1) + y] =
				!strcmp(a[x], b[y])
					? t[(x + 1) * (m + 1) + y + 1] + 1
					: (t[(x + 1) * (m + 1) + y] > t[x * (m + 1) + y + 1]
						   ? t[(x + 1) * (m + 1) + y]
						   : t[x * (m + 1) + y + 1]);
	printf("--- %s\n+++ %s (fixed)\n", name, name);
	while (i < n || j < m) {
		if (i < n && j < m && !strcmp(a[i], b[j]))
			printf(" %s\n", a[i++]), j++;
		else if (i < n && (j == m || t[(i + 1) * (m + 1) + j] >= t[i * (m + 1) + j + 1]))
			printf("-%s\n", a[i++]); /* old lines first, as diff -u shows them */
		else
			printf("+%s\n", b[j++]);
	}
	free(t);
	free(a);
	free(b);
}

static int apply(struct session *s, const struct fix_args *a, const struct cat_fixes *f,
		 struct cat_err *err)
{
	char *before = cat_profile_text(s->prof), *after;
	size_t i = (size_t)a->pick - 1;
	int rc = KILN_EUSER;

	if (!f->possible && i < f->n)
		printf("fix %zu: %s\n", i + 1, f->v[i].text);
	if (cat_fix_apply(f, i, s->prof, s->cat, err) == 0) {
		after = cat_profile_text(s->prof);
		diff(before, after, a->profile);
		free(after);
		rc = a->dry || cat_profile_save_checked(s->prof, s->solver,
							a->out ? a->out : a->profile, err) == 0
			     ? KILN_OK
			     : KILN_EUSER;
		if (rc == KILN_OK && !a->dry)
			printf("kiln: wrote %s\n", a->out ? a->out : a->profile);
	}
	free(before);
	return rc;
}

int cmd_fix(int argc, char **argv)
{
	struct session s = { 0 };
	struct fix_args a = { .pick = 1 };
	struct cat_fixes *f;
	struct cat_err err;
	int rc;

	if (cli_setup(&s.env, argv[0]) < 0)
		return KILN_EUSER;
	if ((rc = fix_parse(&s.env, argc, argv, &a)) != 0 ||
	    (rc = session_load(&s, a.profile)) != KILN_OK) {
		free(a.owned);
		session_end(&s);
		return rc < 0 ? KILN_OK : rc;
	}
	cat_err_init(&err);
	f = cat_find_fixes(s.solver, s.prof, a.name, a.value, MAX_FIXES, &err);
	if (f && !f->possible && !f->n) {
		printf("kiln: fix: no change of at most 3 of your decisions allows %s = %s\n",
		       f->name, f->value);
		rc = KILN_EUSER;
	} else if (f) {
		rc = apply(&s, &a, f, &err);
	} else {
		rc = KILN_EUSER;
	}
	cli_print_errors(&err);
	cat_err_free(&err);
	cat_fixes_free(f);
	free(a.owned);
	session_end(&s);
	return rc;
}

/* ---- kiln check ---------------------------------------------------------------------------- */

static const struct cli_cmd check_cmd = {
	"kiln check [-L DIR]... [--json]",
	"Checks the whole catalog: libraries, options and values no profile can turn on,\n"
	"options no profile can change, constraints that can never hold, interfaces\n"
	"required on a platform where no provider runs. Exit 1 when it finds any.\n"
	"  -L DIR  also read the libraries in DIR\n"
	"  --json  the issues as JSON\n",
	0,
	0,
	"unexpected argument",
};

int cmd_check(int argc, char **argv)
{
	struct cli_env env;
	int json = cli_flag(&argc, argv, "--json"), rc;
	struct cat_catalog *cat;
	struct cat_solver *s;
	struct cat_check *c;
	struct cat_err err;

	if (cli_start(&env, argc, argv, &check_cmd, NULL, &rc) < 0)
		return rc;
	if (!(cat = cli_catalog(&env, NULL))) {
		cli_done(&env);
		return KILN_EUSER;
	}
	cat_err_init(&err);
	s = cat_solver_new(cat, &err);
	c = s ? cat_check(s) : NULL;
	cli_print_errors(&err);
	if (c) {
		out_check(c, json);
		if (!json)
			fprintf(c->n ? stderr : stdout,
				"kiln: check: %zu issue%s in %zu libraries, %zu options\n", c->n,
				c->n == 1 ? "" : "s", cat_nlibs(cat), cat_nopts(cat));
	}
	rc = c && !c->n ? KILN_OK : KILN_EUSER;
	cat_check_free(c);
	cat_solver_free(s);
	cat_err_free(&err);
	cli_catalog_end(cat);
	cli_done(&env);
	return rc;
}

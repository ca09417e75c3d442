/*
 * kiln resolve and kiln why: a profile resolved against the catalog, written to
 * build/<name>/ or explained value by value.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const struct cli_cmd resolve_cmd = {
    "kiln resolve [-o DIR] [-L DIR]... PROFILE",
    "Resolves PROFILE against the catalog and writes config.mk, config.h,\n"
    "config/<lib>.h and config.json to build/<name>/ under the kiln tree.\n"
    "When the profile's decisions cannot all hold, names them and writes nothing.\n"
    "  -o DIR  write to DIR instead\n"
    "  -L DIR  also read the libraries in DIR\n",
    'o',
    1,
    "expected one PROFILE",
};
static const struct cli_cmd why_cmd = {
    "kiln why [-p PROFILE] [-L DIR]... NAME",
    "Explains the value of a library, option or interface in a profile: who\n"
    "set it (user, default) or which constraint forced it, and why, down to\n"
    "the profile's decisions.\n"
    "  -p PROFILE  the profile (default: $KILN_PROFILE, else\n"
    "              examples/helloworld/kvm.json in the kiln tree)\n"
    "  -L DIR      also read the libraries in DIR\n",
    'p',
    1,
    "expected one NAME",
};

/* Everything a resolve holds, freed together. */
struct session {
	struct cli_env env;
	struct cat_profile *prof;
	struct cat_catalog *cat;
	struct cat_solver *solver;
	struct cat_result *res;
};

static void session_end(struct session *s)
{
	cat_result_free(s->res);
	cat_solver_free(s->solver);
	cat_free(s->cat);
	cat_profile_free(s->prof);
	cli_done(&s->env);
}

/* Loads profile and catalog and resolves; errors are printed. */
static int session_resolve(struct session *s, const char *profile)
{
	struct cat_err err;
	int rc = KILN_EUSER;

	if (!(s->prof = cli_profile(profile)))
		return KILN_EUSER;
	if (!(s->cat = cli_catalog(&s->env, s->prof->app_dir)))
		return KILN_EUSER;
	cat_err_init(&err);
	if ((s->solver = cat_solver_new(s->cat, &err)) &&
	    cat_solve(s->solver, s->prof, &s->res, &err) == 0)
		rc = KILN_OK;
	cli_print_errors(&err);
	cat_err_free(&err);
	return rc;
}

static int write_out(struct session *s, const char *outdir)
{
	const struct cat_profile *rp = cat_result_profile(s->res);
	char *dir = outdir ? strdup(outdir) : NULL;
	struct cat_err err;
	size_t on = 0;
	int rc;

	if (!dir && asprintf(&dir, "%s/build/%s", s->env.root, rp->name) < 0)
		return KILN_EUSER;
	cat_err_init(&err);
	rc = cat_write_config(s->res, dir, &err) == 0 ? KILN_OK : KILN_EUSER;
	cli_print_errors(&err);
	cat_err_free(&err);
	for (size_t i = 0; i < cat_nlibs(s->cat); i++)
		on += cat_result_lib(s->res, i)->on;
	if (rc == KILN_OK)
		printf("kiln: resolved %s: %zu of %zu libraries on, written to %s/\n", rp->name, on,
		       cat_nlibs(s->cat), dir);
	free(dir);
	return rc;
}

int cmd_resolve(int argc, char **argv)
{
	struct session s = {0};
	const char *outdir = NULL;
	int rc;

	if (cli_start(&s.env, argc, argv, &resolve_cmd, &outdir, &rc) < 0)
		return rc;
	rc = session_resolve(&s, argv[optind]);
	if (rc == KILN_OK)
		rc = write_out(&s, outdir);
	session_end(&s);
	return rc;
}

static void print_step(const struct cat_why *w)
{
	const struct cat_origin *o = &w->origin;

	printf("%*s%s = %s  %s", 2 * w->depth, "", w->name, w->value, cat_prov_name(w->prov));
	if (w->prov == CAT_PROV_USER && o->field)
		printf(": %s%s%s", o->field, strcmp(o->field, "targets") ? " " : "",
		       strcmp(o->field, "targets") ? o->subject : "");
	else if (o->field && !strcmp(o->field, "default"))
		; /* the option's own default: nothing to add */
	else if (o->field && w->prov == CAT_PROV_DEFAULT && !strcmp(o->subject, w->name))
		printf(": %s", o->field);
	else if (o->field)
		printf(": %s of %s", o->field, o->subject);
	else if (w->prov == CAT_PROV_FORCED)
		printf(": by the constraints together");
	if (o->file)
		printf(" (%s)", o->file);
	printf("\n");
}

int cmd_why(int argc, char **argv)
{
	struct session s = {0};
	const char *profile = getenv("KILN_PROFILE");
	struct cat_why steps[64];
	long n;
	int rc;

	if (cli_start(&s.env, argc, argv, &why_cmd, &profile, &rc) < 0)
		return rc;
	char *def = NULL;

	if (!profile && asprintf(&def, "%s/examples/helloworld/kvm.json", s.env.root) >= 0)
		profile = def;
	rc = session_resolve(&s, profile);
	if (rc == KILN_OK && (n = cat_result_why(s.res, argv[optind], steps, 64)) < 0) {
		const char *near = cat_suggest(s.cat, argv[optind]);

		fprintf(stderr, "kiln: why: no library, option or interface named '%s'%s%s%s\n",
			argv[optind], near ? " (did you mean " : "", near ? near : "",
			near ? "?)" : "");
		rc = KILN_EUSER;
	} else if (rc == KILN_OK) {
		for (long i = 0; i < n && i < 64; i++)
			print_step(&steps[i]);
	}
	free(def);
	session_end(&s);
	return rc;
}

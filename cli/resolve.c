/*
 * kiln resolve: a profile resolved against the catalog and written to build/<name>/; a
 * profile whose decisions cannot all hold gets its minimal core and chain, and nothing
 * is written.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <kiln/build.h>
#include "cli.h"

static const struct cli_cmd resolve_cmd = {
	"kiln resolve [-o DIR] [--force] [-L DIR]... PROFILE",
	"Resolves PROFILE against the catalog and writes config.mk, config.h,\n"
	"config/<lib>.h and config.json to build/<name>/ under the kiln tree.\n"
	"When the profile's decisions cannot all hold, names them and writes nothing.\n"
	"  -o DIR  write to DIR instead\n"
	"  -L DIR  also read the libraries in DIR\n"
	"  --force write even when another profile of the same name owns the folder\n",
	'o',
	1,
	"expected one PROFILE",
};
static int write_out(struct session *s, const char *outdir, const char *profile, int force)
{
	const struct cat_profile *rp = cat_result_profile(s->res);
	char *dir = outdir ? strdup(outdir) : NULL;
	struct cat_err err;
	size_t on = 0;
	int rc, lock;

	if (!dir && asprintf(&dir, "%s/build/%s", s->env.root, rp->name) < 0)
		return KILN_EUSER;
	cat_err_init(&err);
	/* A refused folder gets nothing, not even the lock or the owner file. */
	if (cat_check_outdir(dir, &err) < 0 || (lock = drv_lock(dir, 0)) < 0) {
		cli_print_errors(&err);
		cat_err_free(&err);
		free(dir);
		return KILN_EUSER;
	}
	rc = drv_claim_outdir(dir, profile, force, &err) == 0 &&
			     drv_write_config(s->res, dir, &err) == 0
		     ? KILN_OK
		     : KILN_EUSER;
	drv_unlock(&lock);
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
	struct session s = { 0 };
	const char *outdir = NULL;
	int force = cli_flag(&argc, argv, "--force"), rc;

	if (cli_start(&s.env, argc, argv, &resolve_cmd, &outdir, &rc) < 0)
		return rc;
	rc = session_resolve(&s, argv[optind]);
	if (rc == KILN_OK)
		rc = write_out(&s, outdir, argv[optind], force);
	session_end(&s);
	return rc;
}

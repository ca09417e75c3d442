/*
 * buildsys/owner.c — one build folder, one profile. A profile builds into build/<name>/,
 * where <name> is its "name" (or <app>-<file's base name>); two profiles with the same name
 * would overwrite each other's images without a word. So the first profile to write a
 * folder leaves its absolute path in build/<name>/owner, and another profile is refused
 * there while that owner still exists and still names the folder. --force (or removing
 * the folder) hands the folder over.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <kiln/build.h>

/* The owner file's first line, or NULL when there is none. Caller frees. */
static char *read_owner(const char *path)
{
	char line[PATH_MAX + 2];
	FILE *f = fopen(path, "r");
	char *owner = NULL;

	if (!f)
		return NULL;
	if (fgets(line, sizeof(line), f)) {
		line[strcspn(line, "\n")] = 0;
		if (line[0] == '/')
			owner = strdup(line);
	}
	fclose(f);
	return owner;
}

/* Whether the profile at owner still builds into a folder called name. */
static int still_claims(const char *owner, const char *name)
{
	struct cat_profile *p = cat_profile_load(owner, NULL);
	char *its = p ? cat_profile_outname(p) : NULL;
	int claims = its && !strcmp(its, name);

	free(its);
	cat_profile_free(p);
	return claims;
}

static const char *base_name(const char *dir)
{
	const char *slash = strrchr(dir, '/');

	return slash ? slash + 1 : dir;
}

int drv_claim_outdir(const char *outdir, const char *profile, int force, struct cat_err *err)
{
	char *me = realpath(profile, NULL), *path = NULL, *owner = NULL;
	int rc = -1;

	if (!me) {
		cat_err_add(err, NULL, 0, 0, "%s: %s", profile, strerror(errno));
		return -1;
	}
	if (asprintf(&path, "%s/owner", outdir) < 0) {
		path = NULL;
		cat_err_add(err, NULL, 0, 0, "%s: out of memory", outdir);
		goto out;
	}
	owner = read_owner(path);
	if (owner && strcmp(owner, me) && !force && still_claims(owner, base_name(outdir))) {
		char cwd[PATH_MAX];
		const char *at = outdir[0] != '/' && getcwd(cwd, sizeof(cwd)) ? cwd : NULL;

		cat_err_add(err, NULL, 0, 0,
			    "%s: %s%s%s/ belongs to %s, whose \"name\" is the same: give this "
			    "profile another \"name\", or take the folder over with --force",
			    me, at ? at : "", at ? "/" : "", outdir, owner);
		goto out;
	}
	if (owner && !strcmp(owner, me)) {
		rc = 0;
		goto out;
	}
	if (drv_mkdirs(outdir) < 0) {
		cat_err_add(err, NULL, 0, 0, "%s: %s", outdir, strerror(errno));
	} else {
		size_t n = strlen(me);
		char *text = malloc(n + 2);

		if (text) {
			memcpy(text, me, n);
			memcpy(text + n, "\n", 2);
			rc = cat_write_file(path, text, err);
		}
		free(text);
	}
out:
	free(owner);
	free(path);
	free(me);
	return rc;
}

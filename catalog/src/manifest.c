/*
 * The manifest of an output folder: OUTDIR/.kiln-manifest names, one a line, every file the
 * catalog's writer put there (config.h, config.json, config/<lib>.h). kiln removes a file
 * only when the previous manifest lists it and this resolution no longer writes it, so a file
 * the user put beside the outputs is never deleted. Before writing, a folder holding files
 * kiln did not write is refused with the reason: a non-empty folder without a manifest (other
 * than a build folder of an older kiln, which has a config.json), or an unknown file in
 * config/, the folder whose contents kiln owns.
 */
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "write_int.h"

#define MANIFEST ".kiln-manifest"

/* The words of sv as a set (a resolution writes thousands of files: no list searches). */
static void word_set(struct cat_map *m, const struct cat_strv *sv)
{
	map_reserve(m, sv->n);
	for (size_t i = 0; i < sv->n; i++)
		map_put(m, sv->v[i], 1);
}

/* Reads the manifest into *out: 1 when there is one, 0 when not, -1 when it is unreadable. */
static int manifest_read(const char *outdir, struct cat_strv *out)
{
	char *path = fs_join(outdir, MANIFEST), *buf = NULL, *line, *save = NULL;
	const char *why;
	size_t len;
	int rc = fs_read(path, &buf, &len, &why);

	free(path);
	if (rc < 0)
		return errno == ENOENT ? 0 : -1;
	for (line = strtok_r(buf, "\n", &save); line; line = strtok_r(NULL, "\n", &save))
		cat_add_word(out, line);
	free(buf);
	return 1;
}

/* The first entry of dir that is none of kiln's own (lock, manifest, sums, owner, its
 * .tmpPID files, the subfolder skip), or NULL; the caller frees it. */
static char *first_stranger(const char *dir, const struct cat_map *known, const char *prefix,
			    const char *skip)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	char *found = NULL;

	if (!d)
		return NULL;
	while (!found && (de = readdir(d))) {
		const char *n = de->d_name;
		char *rel;

		if (!strcmp(n, ".") || !strcmp(n, "..") || !strcmp(n, MANIFEST) ||
		    !strcmp(n, ".kiln-lock") || !strcmp(n, ".kiln-sums") || !strcmp(n, "owner") ||
		    strstr(n, ".tmp") || (skip && !strcmp(n, skip)))
			continue;
		rel = fs_concat(prefix, n, "");
		if (!known || map_get(known, rel) < 0)
			found = rel;
		else
			free(rel);
	}
	closedir(d);
	return found;
}

int manifest_check(const char *outdir, struct cat_strv *old, struct cat_err *err)
{
	int have = manifest_read(outdir, old);
	char *cfg = fs_join(outdir, "config"), *json = fs_join(outdir, "config.json");
	char *part = fs_join(cfg, "part");
	char *stranger = NULL;
	int legacy = access(json, F_OK) == 0;
	struct cat_map known = { 0 };

	free(json);
	cat_remove_dead_tmp(outdir);
	cat_remove_dead_tmp(cfg);
	cat_remove_dead_tmp(part);
	word_set(&known, old);
	if (have < 0) {
		cat_err_add(err, NULL, 0, 0, "cannot read %s/" MANIFEST ": %s", outdir,
			    strerror(errno));
	} else if (!have && !legacy && (stranger = first_stranger(outdir, NULL, "", NULL))) {
		cat_err_add(
			err, NULL, 0, 0,
			"%s: holds %s, which kiln did not write: kiln writes only into a new or "
			"empty folder, or one it wrote",
			outdir, stranger);
		have = -1;
	} else if (have && ((stranger = first_stranger(cfg, &known, "config/", "part")) ||
			    (stranger = first_stranger(part, &known, "config/part/", NULL)))) {
		cat_err_add(err, NULL, 0, 0,
			    "%s/%s: kiln did not write this file and will not write beside it "
			    "(move it away)",
			    outdir, stranger);
		have = -1;
	}
	map_free(&known);
	free(stranger);
	free(cfg);
	free(part);
	return have < 0 ? -1 : 0;
}

/*
 * Before the lock: a folder holding kiln's lock is one kiln writes into, maybe right now
 * (another kiln's config/ before its manifest: two concurrent builds of one profile, one
 * round in twenty refused the other). Only the check under the lock, in the writer, can
 * judge it then; kiln writes its lock before anything else, so a user's folder has none.
 */
int cat_check_outdir(const char *outdir, struct cat_err *err)
{
	struct cat_strv old = { 0 };
	char *lock = fs_join(outdir, ".kiln-lock");
	int ours = access(lock, F_OK) == 0, rc;

	free(lock);
	if (ours)
		return 0;
	rc = manifest_check(outdir, &old, err);

	cat_strv_free(&old);
	return rc;
}

int manifest_commit(const char *outdir, const struct cat_strv *old, const struct cat_strv *now,
		    int prune, struct cat_err *err)
{
	struct cat_strv all = { 0 };
	struct cat_map writes = { 0 };
	size_t len = 0;
	char *text, *path;
	int rc;

	word_set(&writes, now);
	for (size_t i = 0; i < now->n; i++)
		cat_add_word(&all, now->v[i]);
	for (size_t i = 0; i < old->n; i++)
		if (!prune && map_get(&writes, old->v[i]) < 0)
			cat_add_word(&all, old->v[i]);
	for (size_t i = 0; prune && i < old->n; i++)
		if (map_get(&writes, old->v[i]) < 0 && !strstr(old->v[i], "..")) {
			char *p = fs_join(outdir, old->v[i]);

			if (unlink(p) < 0 && errno != ENOENT)
				cat_err_add(err, NULL, 0, 0, "cannot remove %s: %s", p,
					    strerror(errno));
			free(p);
		}
	map_free(&writes);
	for (size_t i = 0; i < all.n; i++)
		len += strlen(all.v[i]) + 1;
	text = calloc(1, len + 1);
	for (size_t i = 0, at = 0; text && i < all.n; i++)
		at += (size_t)sprintf(text + at, "%s\n", all.v[i]);
	cat_strv_free(&all);
	if (!text)
		return -1;
	path = fs_join(outdir, MANIFEST);
	rc = cat_write_file(path, text, err);
	free(path);
	free(text);
	return rc;
}

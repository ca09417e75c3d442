/*
 * A library's "archive": third-party source that a Debian package installs as a tarball
 * (newlib-source puts /usr/src/newlib/newlib-3.3.0.tar.xz there). The Make backend unpacks
 * it at build time into build/_sources/ after checking its sha256, and compiles the sources
 * listed here from the unpacked tree: nothing of the third party is in the repository.
 * "overlay" names a folder of the library whose files are copied over the unpacked tree:
 * what the third party's configure would have generated (newlib.h), written by hand.
 * "configured": true compiles the sources like the library's own (its config header, the
 * include folders of the libraries it sees: lwIP's options and its libc), per profile.
 * Only data is read: the path must be under /usr/src (where such packages put their
 * tarballs) and every path inside the tree is checked for its form, since the tree does not
 * exist yet when the catalog loads.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "lctx.h"

static int is_sha256(const char *s)
{
	size_t n = 0;

	for (; s[n]; n++)
		if (!isxdigit((unsigned char)s[n]) || isupper((unsigned char)s[n]))
			return 0;
	return n == 64;
}

static void archive_configured(struct lctx *c, json_t *j, struct cat_archive *a)
{
	json_t *v = json_object_get(j, "configured");

	if (!v)
		return;
	lc_push_key(c, "configured");
	if (!json_is_boolean(v))
		lc_err(c, 0, "expected true or false");
	else
		a->configured = json_is_true(v);
	lc_pop(c);
}

static void archive_fields(struct lctx *c, json_t *j, struct cat_archive *a)
{
	static const char *const keys[] = { "path",    "package",    "sha256",
					    "sources", "includes",   "cflags",
					    "overlay", "configured", NULL };

	lc_check_keys(c, j, keys);
	if (lc_str(c, j, "path", 1, &a->path) == 0 && a->path) {
		lc_push_key(c, "path");
		if (strncmp(a->path, "/usr/src/", 9) || strstr(a->path, "/..") ||
		    !path_is_make_safe(a->path))
			lc_err(c, 0, "path \"%s\" is not a file under /usr/src", a->path);
		lc_pop(c);
	}
	lc_str(c, j, "package", 1, &a->package);
	if (lc_str(c, j, "sha256", 1, &a->sha256) == 0 && a->sha256 && !is_sha256(a->sha256)) {
		lc_push_key(c, "sha256");
		lc_err(c, 0, "expected 64 lower-case hex digits");
		lc_pop(c);
	}
	lc_sources(c, j, &a->srcs, &a->nsrcs, 1);
	lc_strv(c, j, "includes", &a->includes);
	lc_source_paths(c, "includes", &a->includes, 1, 1);
	lc_strv(c, j, "cflags", &a->cflags);
	lc_flags(c, "cflags", &a->cflags);
	if (lc_str(c, j, "overlay", 0, &a->overlay) == 0 && a->overlay) {
		lc_push_key(c, "overlay");
		lc_path(c, a->overlay, 1);
		lc_pop(c);
	}
	archive_configured(c, j, a);
}

void archive_parse(struct lctx *c, json_t *root, struct cat_lib *l)
{
	json_t *j = json_object_get(root, "archive");

	if (!j)
		return;
	lc_push_key(c, "archive");
	if (!json_is_object(j))
		lc_err(c, 0, "expected { \"path\", \"package\", \"sha256\", \"sources\", ... }");
	else
		archive_fields(c, j, l->archive = xcalloc(1, sizeof(*l->archive)));
	lc_pop(c);
}

void srcs_free(struct cat_src *srcs, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		cat_expr_free(srcs[i].cond);
		free(srcs[i].cond_text);
		for (size_t k = 0; k < srcs[i].nfiles; k++)
			free(srcs[i].files[k]);
		free(srcs[i].files);
	}
	free(srcs);
}

void archive_free(struct cat_archive *a)
{
	if (!a)
		return;
	free(a->path);
	free(a->package);
	free(a->sha256);
	free(a->overlay);
	srcs_free(a->srcs, a->nsrcs);
	strv_free(&a->includes);
	strv_free(&a->cflags);
	free(a);
}

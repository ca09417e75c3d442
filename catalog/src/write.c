/*
 * What a backend needs from a result besides config.h and config.json: the app, each
 * library's sources with their conditions applied, and a file writer that leaves a file
 * alone when its content is unchanged (so Make rebuilds only what a change touches). The
 * Make backend (buildsys/config_mk.c) writes config.mk from these: the catalog library
 * knows no Make.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "result_int.h"
#include "write_int.h"

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The files of srcs whose condition holds, each under dir (when dir is given), sorted. */
static void sources_on(const struct cat_result *r, const struct cat_src *srcs, size_t n,
		       const char *dir, struct cat_strv *out)
{
	size_t first = out->n;

	for (size_t i = 0; i < n; i++) {
		if (srcs[i].cond && !eval_expr(r, srcs[i].cond))
			continue;
		for (size_t k = 0; k < srcs[i].nfiles; k++) {
			char *p = dir ? fs_join(dir, srcs[i].files[k]) : xstrdup(srcs[i].files[k]);

			strv_push(out, p);
			free(p);
		}
	}
	if (out->n > first)
		qsort(out->v + first, out->n - first, sizeof(*out->v), cmp_str);
}

void cat_result_sources(const struct cat_result *r, size_t lib, struct cat_strv *out)
{
	const struct cat_lib *l = &r->cat->libs[lib];

	sources_on(r, l->srcs, l->nsrcs, l->dir, out);
}

void cat_result_archive_sources(const struct cat_result *r, size_t lib, struct cat_strv *out)
{
	const struct cat_archive *a = r->cat->libs[lib].archive;

	if (a)
		sources_on(r, a->srcs, a->nsrcs, NULL, out);
}

long cat_result_app(const struct cat_result *r)
{
	for (size_t i = 0; i < r->cat->nlibs; i++)
		if (r->libs[i].on && cat_kind_is_app(r->cat->libs[i].kind))
			return (long)i;
	return -1;
}

long result_app(const struct cat_result *r)
{
	long app = cat_result_app(r);

	return app < 0 ? 0 : app;
}

int cat_write_file(const char *path, const char *text, struct cat_err *err)
{
	int rc = fs_write_if_changed(path, text, strlen(text), NULL);

	if (rc < 0)
		cat_err_add(err, NULL, 0, 0, "cannot write %s: %s", path, strerror(errno));
	return rc;
}

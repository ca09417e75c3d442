/*
 * The catalog object: libraries added one lib.json at a time, then finished (sorted by
 * name, indexed, cross-checked). Queries for clients: by index, by name, by category,
 * search and "did you mean".
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "cat_int.h"

struct cat_catalog *cat_new(const char *root)
{
	struct cat_catalog *cat = xcalloc(1, sizeof(*cat));

	cat->root = root ? xstrdup(root) : NULL;
	return cat;
}

void cat_keep_text(struct cat_catalog *cat, const char *buf, size_t len, const char *path)
{
	struct cat_text *t;

	vgrow(&cat->texts, &cat->textcap, cat->nlibs, sizeof(*cat->texts));
	t = &cat->texts[cat->nlibs];
	*t = (struct cat_text){ 0 };
	if (buf) {
		t->s = memcpy(xmalloc(len + 1), buf, len);
		t->s[len] = 0;
		t->n = len;
	} else if (path) {
		t->path = xstrdup(path);
	}
}

const struct cat_text *cat_text(const struct cat_catalog *cat, size_t lib)
{
	struct cat_text *t;
	const char *why;

	if (!cat->texts || lib >= cat->nlibs)
		return NULL;
	t = &cat->texts[lib];
	if (!t->s && t->path) {
		if (fs_read(t->path, &t->s, &t->n, &why) < 0)
			t->s = NULL, t->n = 0; /* no position then, the message still stands */
		free(t->path);
		t->path = NULL;
	}
	return t->s ? t : NULL;
}

int cat_add_buffer(struct cat_catalog *cat, const char *buf, size_t len, const char *file,
		   const char *dir, struct cat_err *err)
{
	if (cat->finished)
		return -1;
	return lib_parse(cat, buf, len, file, dir, err);
}

static void free_texts(struct cat_catalog *cat)
{
	for (size_t i = 0; cat->texts && i < cat->nlibs; i++) {
		free(cat->texts[i].s);
		free(cat->texts[i].path);
	}
	free(cat->texts);
	cat->texts = NULL;
}

void cat_free(struct cat_catalog *cat)
{
	if (!cat)
		return;
	free_texts(cat);
	for (size_t i = 0; i < cat->nlibs; i++)
		lib_free(&cat->libs[i]);
	for (size_t i = 0; i < cat->nopts; i++) {
		opt_free(&cat->opts[i]);
		if (cat->dom) {
			for (size_t k = 0; k < cat->dom[i].nslots; k++)
				free(cat->dom[i].slots[k]);
			free(cat->dom[i].slots);
		}
	}
	for (size_t i = 0; i < cat->nifaces; i++) {
		free(cat->ifaces[i].name);
		free(cat->ifaces[i].prov);
	}
	free(cat->ifaces);
	free(cat->libs);
	free(cat->opts);
	free(cat->dom);
	free(cat->topo);
	strv_free(&cat->plats);
	map_free(&cat->libmap);
	map_free(&cat->optmap);
	map_free(&cat->ifmap);
	free(cat->root);
	free(cat);
}

static int cmp_lib_index(const void *a, const void *b, void *libs)
{
	const struct cat_lib *l = libs;

	return strcmp(l[*(const size_t *)a].name, l[*(const size_t *)b].name);
}

/*
 * Sorts libraries by name so every output is deterministic, and regroups options by the
 * new library order, each library's options staying in file order.
 */
static void sort_catalog(struct cat_catalog *cat)
{
	size_t n = cat->nlibs, *perm = xmalloc(n * sizeof(*perm)), *inv = xmalloc(n * sizeof(*inv));
	struct cat_lib *libs = xmalloc(n * sizeof(*libs));
	struct cat_text *texts = xmalloc(n * sizeof(*texts));

	for (size_t i = 0; i < n; i++)
		perm[i] = i;
	qsort_r(perm, n, sizeof(*perm), cmp_lib_index, cat->libs);
	for (size_t i = 0; i < n; i++) {
		libs[i] = cat->libs[perm[i]];
		texts[i] = cat->texts[perm[i]];
		inv[perm[i]] = i;
	}
	struct cat_opt *opts = xmalloc((cat->nopts ? cat->nopts : 1) * sizeof(*opts));
	size_t k = 0;

	for (size_t i = 0; i < n; i++) {
		size_t first = libs[i].opt_first;

		libs[i].opt_first = k;
		for (size_t j = 0; j < libs[i].nopts; j++) {
			opts[k] = cat->opts[first + j];
			opts[k++].lib = i;
		}
	}
	free(cat->libs);
	free(cat->texts);
	free(cat->opts);
	cat->libs = libs;
	cat->texts = texts;
	cat->opts = opts;
	cat->libcap = cat->textcap = n;
	cat->optcap = cat->nopts;
	free(perm);
	free(inv);
}

int cat_finish(struct cat_catalog *cat, struct cat_err *err)
{
	struct cat_err local;
	size_t before;
	int rc;

	if (cat->finished)
		return 0;
	cat_err_init(&local);
	if (!err)
		err = &local;
	before = err->n;
	sort_catalog(cat);
	cat->finished = 1;
	if (check_catalog(cat, err) == 0)
		check_cycles(cat, err);
	/* The texts stay: explanations and catalog checks point at lines inside them. */
	rc = err->n > before ? -1 : 0;
	cat_err_free(&local);
	return rc;
}

const char *cat_root(const struct cat_catalog *cat)
{
	return cat->root;
}

size_t cat_nlibs(const struct cat_catalog *cat)
{
	return cat->nlibs;
}

size_t cat_nopts(const struct cat_catalog *cat)
{
	return cat->nopts;
}

const struct cat_lib *cat_lib_at(const struct cat_catalog *cat, size_t i)
{
	return i < cat->nlibs ? &cat->libs[i] : NULL;
}

const struct cat_opt *cat_opt_at(const struct cat_catalog *cat, size_t i)
{
	return i < cat->nopts ? &cat->opts[i] : NULL;
}

long cat_find_lib(const struct cat_catalog *cat, const char *name)
{
	return map_get(&cat->libmap, name);
}

long cat_find_opt(const struct cat_catalog *cat, const char *name)
{
	return map_get(&cat->optmap, name);
}

int iface_find(const struct cat_catalog *cat, const char *name)
{
	return (int)map_get(&cat->ifmap, name);
}

static int cmp_category(const void *a, const void *b, void *arg)
{
	const struct cat_catalog *cat = arg;
	const struct cat_lib *x = &cat->libs[*(const size_t *)a];
	const struct cat_lib *y = &cat->libs[*(const size_t *)b];
	int c = strcmp(x->category, y->category);

	return c ? c : strcmp(x->name, y->name);
}

size_t cat_libs_by_category(const struct cat_catalog *cat, size_t *idx)
{
	for (size_t i = 0; i < cat->nlibs; i++)
		idx[i] = i;
	qsort_r(idx, cat->nlibs, sizeof(*idx), cmp_category, (void *)cat);
	return cat->nlibs;
}

static int has_text(const char *hay, const char *needle)
{
	return hay && strcasestr(hay, needle) != NULL;
}

size_t cat_search(const struct cat_catalog *cat, const char *query, size_t *libs, size_t *nlibs,
		  size_t *opts, size_t *nopts)
{
	*nlibs = *nopts = 0;
	for (size_t i = 0; i < cat->nlibs; i++) {
		const struct cat_lib *l = &cat->libs[i];

		if (has_text(l->name, query) || has_text(l->title, query) ||
		    has_text(l->help, query))
			libs[(*nlibs)++] = i;
	}
	for (size_t i = 0; i < cat->nopts; i++) {
		const struct cat_opt *o = &cat->opts[i];

		if (has_text(o->name, query) || has_text(o->title, query) ||
		    has_text(o->help, query))
			opts[(*nopts)++] = i;
	}
	return *nlibs + *nopts;
}

const char *cat_suggest(const struct cat_catalog *cat, const char *name)
{
	size_t n = cat->nlibs + cat->nopts + cat->nifaces, k = 0;
	const char **cands = xmalloc((n ? n : 1) * sizeof(*cands));
	const char *pick;

	for (size_t i = 0; i < cat->nlibs; i++)
		cands[k++] = cat->libs[i].name;
	for (size_t i = 0; i < cat->nopts; i++)
		cands[k++] = cat->opts[i].name;
	for (size_t i = 0; i < cat->nifaces; i++)
		cands[k++] = cat->ifaces[i].name;
	pick = suggest_from(name, cands, k);
	free(cands);
	return pick;
}

/*
 * Which libraries a library may see: its own headers and options, those of every library
 * its lib.json names in depends or selects (its own or its options'), the provider that is
 * on of each interface it requires or names, and, in turn, what those bring in: a public
 * header may include the headers of the libraries its own library names (kiln/boot.h uses
 * kiln/plat.h), so whoever includes it must see them too. The build backend puts only
 * these include folders on the library's command line, and config/<lib>.h carries only
 * their options, so a library that uses another it never brings in fails to build, naming
 * itself.
 */
#include <stdlib.h>
#include <string.h>

#include "result_int.h"

struct sees_walk {
	const struct cat_result *r;
	uint32_t *v; /* the on libraries a library names, collected */
	size_t n, cap;
};

/* The provider of interface i that is on, or -1. */
static long iface_on(const struct cat_result *r, size_t i)
{
	const struct cat_iface *f = &r->cat->ifaces[i];

	for (size_t k = 0; k < f->nprov; k++)
		if (r->libs[f->prov[k]].on)
			return (long)f->prov[k];
	return -1;
}

static void see(struct sees_walk *w, long lib)
{
	if (lib >= 0 && w->r->libs[lib].on) {
		vgrow(&w->v, &w->cap, w->n, sizeof(*w->v));
		w->v[w->n++] = (uint32_t)lib;
	}
}

static void see_ref(struct cat_expr *e, void *arg)
{
	struct sees_walk *w = arg;

	if (e->ref == REF_LIB)
		see(w, e->idx);
	else if (e->ref == REF_OPT)
		see(w, (long)w->r->cat->opts[e->idx].lib);
	else if (e->ref == REF_IFACE)
		see(w, iface_on(w->r, (size_t)e->idx));
}

static void see_cons(struct sees_walk *w, const struct cat_cons *c)
{
	expr_walk(c->depends, see_ref, w);
	expr_walk(c->selects, see_ref, w);
}

/* The on libraries lib names itself, worked out once per result: every library that is
 * on asks for the libraries it sees, and most of them see the same ones again. */
static const struct sees_named *named_of(const struct cat_result *r, size_t lib)
{
	struct sees_named *nm = &r->named[lib];
	const struct cat_lib *l = &r->cat->libs[lib];
	struct sees_walk w = { r, NULL, 0, 0 };

	if (nm->done)
		return nm;
	see_cons(&w, &l->cons);
	for (size_t k = 0; k < l->nopts; k++)
		see_cons(&w, &r->cat->opts[l->opt_first + k].cons);
	for (size_t k = 0; k < l->requires.n; k++) {
		long i = map_get(&r->cat->ifmap, l->requires.v[k]);

		if (i >= 0)
			see(&w, iface_on(r, (size_t)i));
	}
	nm->v = w.v;
	nm->n = w.n;
	nm->done = 1;
	return nm;
}

const uint32_t *cat_result_named(const struct cat_result *r, size_t lib, size_t *n)
{
	const struct sees_named *nm = named_of(r, lib);

	*n = nm->n;
	return nm->v;
}

void cat_result_sees(const struct cat_result *r, size_t lib, unsigned char *sees)
{
	/* each library enters todo once, when first seen: nlibs entries at most */
	size_t *todo = xmalloc(r->cat->nlibs * sizeof(size_t)), ntodo = 0;

	memset(sees, 0, r->cat->nlibs);
	sees[lib] = 1;
	todo[ntodo++] = lib;
	while (ntodo) {
		const struct sees_named *nm = named_of(r, todo[--ntodo]);

		for (size_t k = 0; k < nm->n; k++)
			if (!sees[nm->v[k]]) {
				sees[nm->v[k]] = 1;
				todo[ntodo++] = nm->v[k];
			}
	}
	free(todo);
}

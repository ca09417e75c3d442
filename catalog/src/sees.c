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
	unsigned char *sees;
	size_t *todo, ntodo; /* seen, not yet asked what they name */
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
	if (lib >= 0 && w->r->libs[lib].on && !w->sees[lib]) {
		w->sees[lib] = 1;
		w->todo[w->ntodo++] = (size_t)lib;
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

/* Marks the libraries lib names itself. */
static void see_named(struct sees_walk *w, size_t lib)
{
	const struct cat_lib *l = &w->r->cat->libs[lib];

	see_cons(w, &l->cons);
	for (size_t k = 0; k < l->nopts; k++)
		see_cons(w, &w->r->cat->opts[l->opt_first + k].cons);
	for (size_t k = 0; k < l->requires.n; k++) {
		long i = map_get(&w->r->cat->ifmap, l->requires.v[k]);

		if (i >= 0)
			see(w, iface_on(w->r, (size_t)i));
	}
}

void cat_result_sees(const struct cat_result *r, size_t lib, unsigned char *sees)
{
	/* each library enters todo once, when first seen: nlibs entries at most */
	struct sees_walk w = { r, sees, xmalloc(r->cat->nlibs * sizeof(size_t)), 0 };

	memset(sees, 0, r->cat->nlibs);
	sees[lib] = 1;
	w.todo[w.ntodo++] = lib;
	while (w.ntodo)
		see_named(&w, w.todo[--w.ntodo]);
	free(w.todo);
}

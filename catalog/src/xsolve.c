/*
 * The explainer: the resolver's clauses in a second PicoSAT instance, each catalog
 * constraint behind a selector literal (a "group": the clauses of one lib.json field), so
 * that user decisions, kept defaults and constraints are all assumptions that can be
 * dropped. Built on the first explanation a solver is asked for; the resolver's own
 * instance stays lean for the menu's toggle-and-resolve loop.
 *
 * xs_core finds a minimal unsatisfiable subset of the candidate elements by deletion:
 * drop one element, and if the rest is still unsatisfiable keep it dropped and shrink the
 * set to the failed assumptions (clause-set refinement); else put it back. Each kept
 * element is then necessary: the result is minimal (not necessarily minimum). Whether the
 * rest is still unsatisfiable is first asked of a small solver (xsmall.c).
 */
#include <stdlib.h>
#include <string.h>

#include "explain_int.h"

#define AMO_PAIRWISE_MAX 8

static int is_group_kind(uint8_t k)
{
	return k >= O_LIB_DEPENDS && k < O_PREF_OPT;
}

static size_t subjects(const struct cat_catalog *cat, uint8_t k)
{
	if (k == O_IFACE_ONE || k == O_IFACE_DEF)
		return cat->nifaces;
	return k >= O_OPT_LIB ? cat->nopts : cat->nlibs;
}

/* Clauses by (kind, subject), in clause order. */
static void build_groups(const struct cat_solver *s, struct xsolver *x)
{
	int32_t *idx[O_PREF_OPT] = { 0 };
	size_t cap = 0;

	x->group_of = xmalloc((s->ncl + 1) * sizeof(*x->group_of));
	for (size_t c = 0; c < s->ncl; c++) {
		uint8_t k = s->orig[c].kind;
		uint32_t subj = s->orig[c].subject;

		x->group_of[c] = -1;
		if (!is_group_kind(k))
			continue;
		if (!idx[k]) {
			size_t n = subjects(s->cat, k) + 1;

			idx[k] = xmalloc(n * sizeof(**idx));
			memset(idx[k], 0xff, n * sizeof(**idx));
		}
		if (idx[k][subj] < 0) {
			vgrow(&x->groups, &cap, x->ngroups, sizeof(*x->groups));
			x->groups[x->ngroups] = (struct xgroup){ k, subj, 0, 0, 0 };
			idx[k][subj] = (int32_t)x->ngroups++;
		}
		x->group_of[c] = idx[k][subj];
		x->groups[idx[k][subj]].n++;
	}
	for (size_t k = 0; k < O_PREF_OPT; k++)
		free(idx[k]);
	x->gcl = xmalloc((s->ncl + 1) * sizeof(*x->gcl));
	for (size_t g = 0, at = 0; g < x->ngroups; g++) {
		x->groups[g].first = (uint32_t)at;
		at += x->groups[g].n;
		x->groups[g].n = 0;
	}
	for (size_t c = 0; c < s->ncl; c++) {
		struct xgroup *g = x->group_of[c] >= 0 ? &x->groups[x->group_of[c]] : NULL;

		if (g)
			x->gcl[g->first + g->n++] = (uint32_t)c;
	}
}

/* key(c) >= 0 files clause c under that key. */
static void csr_build(struct csr *m, size_t nkeys, const struct cat_solver *s,
		      long (*key)(const struct cat_solver *, size_t))
{
	m->start = xcalloc(nkeys + 2, sizeof(*m->start));
	m->item = xmalloc((s->ncl + 1) * sizeof(*m->item));
	for (size_t c = 0; c < s->ncl; c++) {
		long k = key(s, c);

		if (k >= 0)
			m->start[k + 2]++;
	}
	for (size_t k = 2; k < nkeys + 2; k++)
		m->start[k] += m->start[k - 1];
	for (size_t c = 0; c < s->ncl; c++) {
		long k = key(s, c);

		if (k >= 0)
			m->item[m->start[k + 1]++] = (uint32_t)c;
	}
}

/* A definition's defined variable is its largest: operands are encoded before it. */
static long def_key(const struct cat_solver *s, size_t c)
{
	int v = 0;

	if (s->orig[c].kind != O_DEF)
		return -1;
	for (uint32_t i = s->start[c]; i < s->start[c + 1]; i++)
		v = abs(s->lits[i]) > v ? abs(s->lits[i]) : v;
	return v;
}

static long pref_key(const struct cat_solver *s, size_t c)
{
	if (s->orig[c].kind < O_PREF_OPT)
		return -1;
	for (uint32_t i = s->start[c]; i < s->start[c + 1]; i++)
		if (s->vkind[abs(s->lits[i])] == V_PREF)
			return (long)s->vidx[abs(s->lits[i])];
	return -1;
}

/* Variables and clauses are made first and handed to PicoSAT at once (xs_build), as the
 * main solver's are (enc.c: enc_feed). */
static int new_var(struct xsolver *x)
{
	return ++x->nvars;
}

/* A clause of l, behind guard (0: none); pref: part of a preference (xs_copy may leave
 * those out). */
static void add_clause(struct xsolver *x, int guard, const int *l, size_t n, int pref)
{
	size_t cap = x->pendcap;

	vextend(&x->pend, &x->pendcap, x->npend + n + 1, sizeof(*x->pend));
	if (x->pendcap != cap)
		x->pendpref = xrealloc(x->pendpref, x->pendcap);
	memset(x->pendpref + x->npend, pref, n + 1 + (guard != 0));
	if (guard)
		x->pend[x->npend++] = -guard;
	for (size_t i = 0; i < n; i++)
		x->pend[x->npend++] = l[i];
	x->pend[x->npend++] = 0;
}

static void add_guarded(struct xsolver *x, int guard, const int *l, size_t n)
{
	add_clause(x, guard, l, n, 0);
}

/* guard -> at most one of v (pairwise, or a sequential counter as in enc.c). */
static void guarded_amo(struct xsolver *x, int guard, const int *v, size_t n)
{
	int prev = 0;

	for (size_t i = 0; i < n && n <= AMO_PAIRWISE_MAX; i++)
		for (size_t j = i + 1; j < n; j++)
			add_guarded(x, guard, (int[]){ -v[i], -v[j] }, 2);
	for (size_t i = 0; i < n && n > AMO_PAIRWISE_MAX; i++) {
		int cur = i + 1 < n ? new_var(x) : 0;

		if (prev)
			add_guarded(x, guard, (int[]){ -v[i], -prev }, 2);
		if (cur) {
			add_guarded(x, guard, (int[]){ -v[i], cur }, 2);
			if (prev)
				add_guarded(x, guard, (int[]){ -prev, cur }, 2);
		}
		prev = cur;
	}
}

/* What every profile has: one app, at least one target (assumed when they are free). */
static void add_shape(const struct cat_solver *s, struct xsolver *x)
{
	const struct cat_catalog *cat = s->cat;
	int *apps = xmalloc((cat->nlibs + 1) * sizeof(*apps));
	int *plats = xmalloc((cat->nlibs + 1) * sizeof(*plats));
	size_t na = 0, np = 0;

	for (size_t i = 0; i < cat->nlibs; i++) {
		if (cat_kind_is_app(cat->libs[i].kind))
			apps[na++] = s->lib_var[i];
		else if (cat->libs[i].kind == CAT_PLATFORM)
			plats[np++] = s->lib_var[i];
	}
	x->shape = new_var(x);
	add_guarded(x, x->shape, apps, na);
	add_guarded(x, x->shape, plats, np);
	guarded_amo(x, x->shape, apps, na);
	x->apps = apps;
	x->plats = plats;
	x->napps = na;
	x->nplats = np;
}

PicoSAT *xs_copy(const struct xsolver *x, const int *units, size_t n, int prefs)
{
	PicoSAT *ps = picosat_init();

	picosat_set_global_default_phase(ps, 0);
	/* No failed-literal probing: on its first call picosat probes for 100,000
	 * propagations (50 ms on a catalog of 2,000 libraries), and the questions asked here
	 * are answered in far fewer. */
	picosat_set_plain(ps, 1);
	picosat_adjust(ps, x->nvars);
	for (size_t i = 0; i < x->npend; i++)
		if (prefs || !x->pendpref[i])
			picosat_add(ps, x->pend[i]);
	for (size_t i = 0; i < n; i++) {
		picosat_add(ps, units[i]);
		picosat_add(ps, 0);
	}
	return ps;
}

static struct xsolver *xs_build(const struct cat_solver *s)
{
	struct xsolver *x = xcalloc(1, sizeof(*x));

	x->s = s;
	x->smap = xcalloc((size_t)s->nvars + 1, sizeof(*x->smap));
	x->nvars = s->nvars;
	build_groups(s, x);
	for (size_t g = 0; g < x->ngroups; g++)
		x->groups[g].sel = new_var(x);
	for (size_t c = 0; c < s->ncl; c++) {
		uint8_t k = s->orig[c].kind;
		int guard = x->group_of[c] >= 0 ? x->groups[x->group_of[c]].sel : 0;

		if (k == O_TRUE)
			x->true_cl = (uint32_t)c;
		if (guard || k == O_DEF || k == O_TRUE || k >= O_PREF_OPT)
			add_clause(x, guard, &s->lits[s->start[c]], s->start[c + 1] - s->start[c],
				   k >= O_PREF_OPT);
	}
	add_shape(s, x);
	x->all = new_var(x);
	for (size_t g = 0; g < x->ngroups; g++)
		add_guarded(x, x->all, &x->groups[g].sel, 1);
	x->ps = xs_copy(x, NULL, 0, 1);
	csr_build(&x->defs, (size_t)s->nvars + 1, s, def_key);
	csr_build(&x->prefcl, s->nprefs, s, pref_key);
	return x;
}

struct xsolver *xs_get(struct cat_solver *s)
{
	if (!s->x)
		s->x = xs_build(s);
	return s->x;
}

void xs_free(struct xsolver *x)
{
	if (!x)
		return;
	picosat_reset(x->ps);
	xnear_free(x->near);
	free(x->pend);
	free(x->pendpref);
	free(x->groups);
	free(x->gcl);
	free(x->group_of);
	free(x->defs.start);
	free(x->defs.item);
	free(x->prefcl.start);
	free(x->prefcl.item);
	free(x->apps);
	free(x->plats);
	free(x->smap);
	free(x->stouched);
	free(x);
}

/* ---- candidate sets ---------------------------------------------------------------------- */

void xset_hard(struct xset *e, int lit)
{
	vgrow(&e->hard, &e->hardcap, e->nhard, sizeof(*e->hard));
	e->hard[e->nhard++] = lit;
}

void xset_add(struct xset *e, enum xel_kind k, int32_t id, const int *lits, size_t n)
{
	vgrow(&e->v, &e->cap, e->n, sizeof(*e->v));
	e->v[e->n++] = (struct xel){ (uint8_t)k, id, (uint32_t)e->nlits, (uint32_t)n };
	for (size_t i = 0; i < n; i++) {
		vgrow(&e->lits, &e->litcap, e->nlits, sizeof(*e->lits));
		e->lits[e->nlits++] = lits[i];
	}
}

void xset_add_groups(struct xset *e, const struct xsolver *x)
{
	for (size_t g = 0; g < x->ngroups; g++)
		xset_add(e, XEL_GROUP, (int32_t)g, &x->groups[g].sel, 1);
}

/* One element per decision (its literals together); fixed ones and skip are hard. */
void xset_add_decisions(struct xset *e, const struct assume *a, int32_t skip)
{
	int32_t top = -1;

	for (size_t i = 0; i < a->n; i++) {
		if (a->dec[i] < 0 || a->dec[i] == skip)
			xset_hard(e, a->lit[i]);
		top = a->dec[i] > top ? a->dec[i] : top;
	}
	int *lits = xmalloc((a->n + 1) * sizeof(*lits));

	for (int32_t d = 0; d <= top; d++) {
		size_t n = 0;

		for (size_t i = 0; i < a->n && d != skip; i++)
			if (a->dec[i] == d)
				lits[n++] = a->lit[i];
		if (n)
			xset_add(e, XEL_DEC, d, lits, n);
	}
	free(lits);
}

void xset_free(struct xset *e)
{
	free(e->v);
	free(e->lits);
	free(e->hard);
	memset(e, 0, sizeof(*e));
}

/* ---- solving --------------------------------------------------------------------------- */

/* The element at position j of a walk: live[j], or j itself when walking the whole set. */
static size_t at(const size_t *live, size_t j)
{
	return live ? live[j] : j;
}

/* Assumes the hard literals and those of the elements walked (live[0..n), or all when live
 * is NULL) that in[] marks (all when in is NULL). */
static int sat_among(struct xsolver *x, const struct xset *e, const uint8_t *in, const size_t *live,
		     size_t n)
{
	for (size_t i = 0; i < e->nhard; i++)
		picosat_assume(x->ps, e->hard[i]);
	for (size_t j = 0; j < n; j++) {
		const struct xel *el = &e->v[at(live, j)];

		for (uint32_t k = 0; (!in || in[at(live, j)]) && k < el->n; k++)
			picosat_assume(x->ps, e->lits[el->first + k]);
	}
	x->calls++;
	return picosat_sat(x->ps, -1) == PICOSAT_SATISFIABLE;
}

int xs_sat(struct xsolver *x, const struct xset *e, const uint8_t *in)
{
	return sat_among(x, e, in, NULL, e->n);
}

static int failed(struct xsolver *x, const struct xset *e, size_t i)
{
	for (uint32_t k = 0; k < e->v[i].n; k++)
		if (picosat_failed_assumption(x->ps, e->lits[e->v[i].first + k]))
			return 1;
	return 0;
}

/* Keeps in in[] the elements walked whose literals failed. */
static void failed_among(struct xsolver *x, const struct xset *e, uint8_t *in, const size_t *live,
			 size_t n)
{
	for (size_t j = 0; j < n; j++)
		in[at(live, j)] = in[at(live, j)] && failed(x, e, at(live, j));
}

void xs_failed(struct xsolver *x, const struct xset *e, uint8_t *in)
{
	failed_among(x, e, in, NULL, e->n);
}

/*
 * After the first answer only the elements of its failed assumptions are candidates: the
 * deletion walks them (live, in the order of the set), never the whole set again.
 */
int xs_core(struct xsolver *x, const struct xset *e, uint8_t *in)
{
	struct xsmall *m;
	size_t *live, nlive = 0;
	int small;

	memset(in, 1, e->n);
	if (xs_sat(x, e, in))
		return 0;
	xs_failed(x, e, in);
	live = xmalloc((e->n + 1) * sizeof(*live));
	for (size_t i = 0; i < e->n; i++)
		if (in[i])
			live[nlive++] = i;
	m = xs_small_open(x, e, live, nlive);
	for (size_t j = 0; j < nlive; j++) {
		size_t i = live[j];

		if (!in[i])
			continue;
		in[i] = 0;
		small = xs_small_sat(m, in) == 1;
		x->calls += small; /* the same question, answered without a whole model */
		if (small || sat_among(x, e, in, live, nlive))
			in[i] = 1;
		else
			failed_among(x, e, in, live, nlive);
	}
	xs_small_close(m);
	free(live);
	return 1;
}

/*
 * The catalog as clauses. Variables: one per library, interface and bool option, one per
 * value of a choice (or compared string), an "active" variable per option with depends,
 * and auxiliaries for sub-expressions (Tseitin). Each clause records the constraint it
 * encodes, so that a forced value or a conflict can be traced back to a lib.json field.
 * The encoding depends on the catalog only; a profile's decisions are assumptions.
 */
#include <stdlib.h>
#include <string.h>

#include "solver_int.h"

#define AMO_PAIRWISE_MAX 6

int enc_new_var(struct cat_solver *s, enum var_kind k, uint32_t idx)
{
	int v = ++s->nvars; /* PicoSAT is told of all of them at once: enc_feed */

	vextend(&s->vkind, &s->vkindcap, (size_t)v, 1);
	vextend(&s->vidx, &s->vidxcap, (size_t)v, sizeof(*s->vidx));
	s->vkind[v] = (uint8_t)k;
	s->vidx[v] = idx;
	return v;
}

void enc_clause(struct cat_solver *s, enum origin_kind k, uint32_t subject, const int *lits,
		size_t n)
{
	vgrow(&s->lits, &s->litcap, s->nlits + n, sizeof(*s->lits));
	if (s->ncl + 2 > s->clcap) {
		s->clcap = s->clcap ? s->clcap * 2 : 1024;
		s->orig = xrealloc(s->orig, s->clcap * sizeof(*s->orig));
		s->start = xrealloc(s->start, s->clcap * sizeof(*s->start));
	}
	s->start[s->ncl] = (uint32_t)s->nlits;
	s->orig[s->ncl] = (struct origin){ (uint8_t)k, subject };
	for (size_t i = 0; i < n; i++)
		s->lits[s->nlits++] = lits[i];
	s->ncl++;
	s->start[s->ncl] = (uint32_t)s->nlits;
}

static void clause2(struct cat_solver *s, enum origin_kind k, uint32_t subj, int a, int b)
{
	int l[2] = { a, b };

	enc_clause(s, k, subj, l, 2);
}

static int true_lit(const struct cat_solver *s)
{
	(void)s;
	return 1; /* variable 1 is created first and fixed true */
}

/* Collects the operands of a chain of the same operator: a && (b && c) -> a, b, c. */
static void flatten(struct cat_solver *s, const struct cat_expr *e, enum expr_op op, int **v,
		    size_t *n, size_t *cap)
{
	if (e->op == op) {
		flatten(s, e->a, op, v, n, cap);
		flatten(s, e->b, op, v, n, cap);
		return;
	}
	vgrow(v, cap, *n, sizeof(**v));
	(*v)[(*n)++] = enc_expr(s, e);
}

/* x <-> AND(v) (or, with every literal negated, x <-> OR(v) by De Morgan). */
static int enc_and(struct cat_solver *s, int *v, size_t n, int neg)
{
	int x = enc_new_var(s, V_AUX, 0);
	int *big = xmalloc((n + 1) * sizeof(*big));

	for (size_t i = 0; i < n; i++) {
		clause2(s, O_DEF, 0, neg ? x : -x, neg ? -v[i] : v[i]);
		big[i] = neg ? v[i] : -v[i];
	}
	big[n] = neg ? -x : x;
	enc_clause(s, O_DEF, 0, big, n + 1);
	free(big);
	return x;
}

static int enc_junction(struct cat_solver *s, const struct cat_expr *e)
{
	int *v = NULL, x;
	size_t n = 0, cap = 0;

	flatten(s, e, e->op, &v, &n, &cap);
	x = enc_and(s, v, n, e->op == E_OR);
	free(v);
	return x;
}

int enc_expr(struct cat_solver *s, const struct cat_expr *e)
{
	switch (e->op) {
	case E_CONST:
		return e->value ? true_lit(s) : -true_lit(s);
	case E_NAME:
		if (e->ref == REF_LIB)
			return s->lib_var[e->idx];
		if (e->ref == REF_IFACE)
			return s->iface_var[e->idx];
		return s->opt_var[e->idx];
	case E_EQ:
		return s->slot_base[e->idx] + e->slot;
	case E_NE:
		return -(s->slot_base[e->idx] + e->slot);
	case E_NOT:
		return -enc_expr(s, e->a);
	case E_AND:
	case E_OR:
		return enc_junction(s, e);
	}
	return true_lit(s);
}

/* At most one of v: pairwise when small, else a sequential counter (Sinz 2005). */
static void enc_amo(struct cat_solver *s, enum origin_kind k, uint32_t subj, const int *v, size_t n)
{
	if (n <= AMO_PAIRWISE_MAX) {
		for (size_t i = 0; i < n; i++)
			for (size_t j = i + 1; j < n; j++)
				clause2(s, k, subj, -v[i], -v[j]);
		return;
	}
	int prev = enc_new_var(s, V_AUX, 0);

	clause2(s, k, subj, -v[0], prev);
	for (size_t i = 1; i < n; i++) {
		int cur = i + 1 < n ? enc_new_var(s, V_AUX, 0) : 0;

		clause2(s, k, subj, -v[i], -prev);
		if (cur) {
			clause2(s, k, subj, -v[i], cur);
			clause2(s, k, subj, -prev, cur);
			prev = cur;
		}
	}
}

static void enc_ifaces(struct cat_solver *s)
{
	const struct cat_catalog *cat = s->cat;

	for (size_t i = 0; i < cat->nifaces; i++) {
		const struct cat_iface *f = &cat->ifaces[i];
		int *v = xmalloc((f->nprov + 1) * sizeof(*v)), x = s->iface_var[i];

		for (size_t k = 0; k < f->nprov; k++) {
			v[k] = s->lib_var[f->prov[k]];
			clause2(s, O_IFACE_DEF, (uint32_t)i, x, -v[k]);
		}
		v[f->nprov] = -x;
		enc_clause(s, O_IFACE_DEF, (uint32_t)i, v, f->nprov + 1);
		enc_amo(s, O_IFACE_ONE, (uint32_t)i, v, f->nprov);
		free(v);
	}
}

/* "on -> E" for a library or bool option (conflicts: "on -> !E"); keeps each E's literal. */
static void enc_cons(struct cat_solver *s, int on, const struct cat_cons *k, uint32_t subj,
		     enum origin_kind dep, int lits[3])
{
	if (k->depends) {
		lits[0] = enc_expr(s, k->depends);
		clause2(s, dep, subj, -on, lits[0]);
	}
	if (k->conflicts) {
		lits[1] = enc_expr(s, k->conflicts);
		clause2(s, (enum origin_kind)(dep + 1), subj, -on, -lits[1]);
	}
	if (k->selects) {
		lits[2] = enc_expr(s, k->selects);
		clause2(s, (enum origin_kind)(dep + 2), subj, -on, lits[2]);
	}
}

static void enc_platforms(struct cat_solver *s, size_t li)
{
	const struct cat_catalog *cat = s->cat;
	const struct cat_lib *l = &cat->libs[li];

	/* A platform library goes only into its own target's image, so a profile with a
	 * KVM and a Xen target holds both platform libraries without either breaking this. */
	if (!l->platforms.n || l->kind == CAT_PLATFORM)
		return;
	for (size_t p = 0; p < cat->plats.n; p++) {
		size_t k;

		for (k = 0; k < l->platforms.n && strcmp(l->platforms.v[k], cat->plats.v[p]); k++)
			;
		if (k < l->platforms.n)
			continue;
		char name[80];

		snprintf(name, sizeof(name), "plat-%s", cat->plats.v[p]);
		clause2(s, O_LIB_PLATFORMS, (uint32_t)li, -s->lib_var[li],
			-s->lib_var[cat_find_lib(cat, name)]);
	}
}

static void enc_lib(struct cat_solver *s, size_t li)
{
	const struct cat_lib *l = &s->cat->libs[li];
	int on = s->lib_var[li];

	enc_cons(s, on, &l->cons, (uint32_t)li, O_LIB_DEPENDS, s->lib_expr[li]);
	for (size_t k = 0; k < l->requires.n; k++)
		clause2(s, O_LIB_REQUIRES, (uint32_t)li, -on,
			s->iface_var[iface_find(s->cat, l->requires.v[k])]);
	enc_platforms(s, li);
}

/* active <-> library on && depends. */
static int enc_active(struct cat_solver *s, size_t oi, int dep)
{
	int lib = s->lib_var[s->cat->opts[oi].lib], a;
	int big[3];

	if (!dep)
		return lib;
	a = enc_new_var(s, V_ACT, (uint32_t)oi);
	clause2(s, O_DEF, (uint32_t)oi, -a, lib);
	clause2(s, O_DEF, (uint32_t)oi, -a, dep);
	big[0] = a, big[1] = -lib, big[2] = -dep;
	enc_clause(s, O_DEF, (uint32_t)oi, big, 3);
	return a;
}

/* A value exists only while its option is active; an active enum has exactly one. */
static void enc_exists(struct cat_solver *s, size_t oi, int v, int dep)
{
	clause2(s, O_OPT_LIB, (uint32_t)oi, -v, s->lib_var[s->cat->opts[oi].lib]);
	if (dep)
		clause2(s, O_OPT_DEPENDS, (uint32_t)oi, -v, dep);
}

static void enc_opt(struct cat_solver *s, size_t oi)
{
	const struct cat_opt *o = &s->cat->opts[oi];
	const struct cat_domain *d = &s->cat->dom[oi];
	int dep = o->cons.depends ? enc_expr(s, o->cons.depends) : 0;

	s->act_var[oi] = enc_active(s, oi, dep);
	s->opt_expr[oi][0] = dep;
	if (o->type == CAT_BOOL) {
		enc_exists(s, oi, s->opt_var[oi], dep);
		struct cat_cons k = o->cons;

		k.depends = NULL; /* encoded just above */
		enc_cons(s, s->opt_var[oi], &k, (uint32_t)oi, O_OPT_DEPENDS, s->opt_expr[oi]);
	} else if (d->nslots) {
		int *v = xmalloc((d->nslots + 1) * sizeof(*v));

		for (size_t k = 0; k < d->nslots; k++) {
			v[k] = s->slot_base[oi] + (int)k;
			enc_exists(s, oi, v[k], dep);
		}
		v[d->nslots] = -s->act_var[oi];
		enc_clause(s, O_OPT_ONE, (uint32_t)oi, v, d->nslots + 1);
		enc_amo(s, O_OPT_ONE, (uint32_t)oi, v, d->nslots);
		free(v);
	}
}

static void alloc_vars(struct cat_solver *s)
{
	const struct cat_catalog *cat = s->cat;

	s->lib_var = xcalloc(cat->nlibs + 1, sizeof(int));
	s->iface_var = xcalloc(cat->nifaces + 1, sizeof(int));
	s->opt_var = xcalloc(cat->nopts + 1, sizeof(int));
	s->act_var = xcalloc(cat->nopts + 1, sizeof(int));
	s->slot_base = xcalloc(cat->nopts + 1, sizeof(int));
	s->lib_expr = xcalloc(cat->nlibs + 1, sizeof(*s->lib_expr));
	s->opt_expr = xcalloc(cat->nopts + 1, sizeof(*s->opt_expr));
	for (size_t i = 0; i < cat->nlibs; i++)
		s->lib_var[i] = enc_new_var(s, V_LIB, (uint32_t)i);
	for (size_t i = 0; i < cat->nifaces; i++)
		s->iface_var[i] = enc_new_var(s, V_IFACE, (uint32_t)i);
	for (size_t i = 0; i < cat->nopts; i++) {
		if (cat->opts[i].type == CAT_BOOL)
			s->opt_var[i] = enc_new_var(s, V_OPT, (uint32_t)i);
		for (size_t k = 0; k < cat->dom[i].nslots; k++) {
			int v = enc_new_var(s, V_SLOT, (uint32_t)i);

			if (!k)
				s->slot_base[i] = v;
		}
	}
}

/*
 * The encoding, kept in lits/start, handed to PicoSAT in one go: its variables declared
 * at once (one by one, PicoSAT grows its arrays by a quarter each time and moves every
 * clause's pointers with them: a fifth of the encoding's time on a catalog of 2,000
 * libraries), then the clauses in the order they were made, then the preferences.
 */
void enc_feed(struct cat_solver *s)
{
	picosat_adjust(s->ps, s->nvars);
	for (size_t c = 0; c < s->ncl; c++) {
		for (uint32_t i = s->start[c]; i < s->start[c + 1]; i++)
			picosat_add(s->ps, s->lits[i]);
		picosat_add(s->ps, 0);
	}
	for (size_t i = 0; i < s->nprefs; i++) {
		picosat_set_default_phase_lit(s->ps, s->prefs[i].var, 1);
		picosat_set_more_important_lit(s->ps, s->prefs[i].var);
	}
}

void enc_catalog(struct cat_solver *s)
{
	int t = enc_new_var(s, V_TRUE, 0);

	enc_clause(s, O_TRUE, 0, &t, 1);
	alloc_vars(s);
	enc_ifaces(s);
	for (size_t i = 0; i < s->cat->nlibs; i++)
		enc_lib(s, i);
	for (size_t i = 0; i < s->cat->nopts; i++)
		enc_opt(s, i);
}

/*
 * Preferences: what the resolver aims for when the user did not decide. Each is a clause
 * group guarded by one variable p ("if p then ..."); the resolver assumes them one by one
 * in a fixed order and keeps each that still leaves a solution. The order is the policy:
 *   1. options take their default (options in dependency order), while active;
 *   2. a needed interface is given its default provider;
 *   3. libraries stay off unless something needs them.
 * A default with conditions is encoded as a formula over the final values, so "default
 * PRINTK_COLOR if PRINTK_TIMESTAMPS" holds for the assignment actually chosen.
 */
#include <stdlib.h>

#include "solver_int.h"

/* x <-> a && b, folding constants (literal 1 is true). */
static int and2(struct cat_solver *s, int a, int b)
{
	int x, l[3];

	if (a == 1 || b == -1)
		return b;
	if (b == 1 || a == -1)
		return a;
	x = enc_new_var(s, V_AUX, 0);
	l[0] = -x, l[1] = a;
	enc_clause(s, O_DEF, 0, l, 2);
	l[1] = b;
	enc_clause(s, O_DEF, 0, l, 2);
	l[0] = x, l[1] = -a, l[2] = -b;
	enc_clause(s, O_DEF, 0, l, 3);
	return x;
}

/* x <-> (c ? a : b) over literals, folding constants. */
static int ite(struct cat_solver *s, int c, int a, int b)
{
	int x, l[3];

	if (a == b || c == 1)
		return a;
	if (c == -1)
		return b;
	if (a == 1 && b == -1)
		return c;
	if (a == -1 && b == 1)
		return -c;
	x = enc_new_var(s, V_AUX, 0);
	int cl[4][3] = { { -x, -c, a }, { -x, c, b }, { x, -c, -a }, { x, c, -b } };

	for (int i = 0; i < 4; i++) {
		l[0] = cl[i][0], l[1] = cl[i][1], l[2] = cl[i][2];
		enc_clause(s, O_DEF, 0, l, 3);
	}
	return x;
}

static int new_pref(struct cat_solver *s, enum origin_kind k, uint32_t subject)
{
	int p = enc_new_var(s, V_PREF, (uint32_t)s->nprefs);

	vextend(&s->prefs, &s->prefcap, s->nprefs, sizeof(*s->prefs));
	s->prefs[s->nprefs++] =
		(struct pref){ p, (uint8_t)k, subject, 0 }; /* on, first: enc_feed */
	return p;
}

static void pref_clause(struct cat_solver *s, int p, uint32_t subj, enum origin_kind k,
			const int *lits, size_t n)
{
	int l[4] = { -p };

	for (size_t i = 0; i < n; i++)
		l[i + 1] = lits[i];
	enc_clause(s, k, subj, l, n + 1);
}

/* Bool: active -> (value <-> D), D the default as a formula. */
static void pref_bool(struct cat_solver *s, size_t oi)
{
	const struct cat_opt *o = &s->cat->opts[oi];
	int d = o->defs[o->ndefs - 1].cond ? -1 : (o->defs[o->ndefs - 1].val.num ? 1 : -1);
	int v = s->opt_var[oi], act = s->act_var[oi], p;

	for (size_t i = o->ndefs; i-- > 0;) {
		if (i + 1 == o->ndefs && !o->defs[i].cond)
			continue;
		d = ite(s, enc_expr(s, o->defs[i].cond), o->defs[i].val.num ? 1 : -1, d);
	}
	p = new_pref(s, O_PREF_OPT, (uint32_t)oi);
	if (d == -1) {
		int l[1] = { -v };

		s->prefs[s->nprefs - 1].single = -v;
		pref_clause(s, p, (uint32_t)oi, O_PREF_OPT, l, 1);
		return;
	}
	if (d == 1) {
		int on[2] = { -act, v };

		pref_clause(s, p, (uint32_t)oi, O_PREF_OPT, on, 2);
		return;
	}
	int on[3] = { -act, -d, v }, off[2] = { -v, d };

	pref_clause(s, p, (uint32_t)oi, O_PREF_OPT, on, 3);
	pref_clause(s, p, (uint32_t)oi, O_PREF_OPT, off, 2);
}

/* Enum: the first default whose condition holds picks the value. */
static void pref_enum(struct cat_solver *s, size_t oi)
{
	const struct cat_opt *o = &s->cat->opts[oi];
	const struct cat_domain *dom = &s->cat->dom[oi];
	int none_before = 1, p = new_pref(s, O_PREF_OPT, (uint32_t)oi);
	int act = s->act_var[oi];

	for (size_t i = 0; i < o->ndefs && none_before != -1; i++) {
		int c = o->defs[i].cond ? enc_expr(s, o->defs[i].cond) : 1;
		int m = and2(s, none_before, c);
		int slot = s->slot_base[oi] + dom_slot(dom, o->defs[i].val.str);
		int l[3] = { -act, -m, slot }, l2[2] = { -act, slot };

		if (m == 1)
			pref_clause(s, p, (uint32_t)oi, O_PREF_OPT, l2, 2);
		else if (m != -1)
			pref_clause(s, p, (uint32_t)oi, O_PREF_OPT, l, 3);
		none_before = and2(s, none_before, -c);
	}
	if (none_before != -1) { /* no condition held: the type's first value */
		int slot =
			s->slot_base[oi] + dom_slot(dom, o->type == CAT_CHOICE ? o->values[0] : "");
		int l[3] = { -act, -none_before, slot };

		pref_clause(s, p, (uint32_t)oi, O_PREF_OPT, l, 3);
	}
}

void enc_prefs(struct cat_solver *s)
{
	const struct cat_catalog *cat = s->cat;

	for (size_t k = 0; k < cat->nopts; k++) {
		size_t oi = (size_t)cat->topo[k];

		if (cat->opts[oi].type == CAT_BOOL)
			pref_bool(s, oi);
		else if (cat->dom[oi].nslots)
			pref_enum(s, oi);
	}
	for (size_t i = 0; i < cat->nifaces; i++) {
		int p = new_pref(s, O_PREF_IFACE, (uint32_t)i);
		int l[2] = { -s->iface_var[i], s->lib_var[cat->ifaces[i].def] };

		pref_clause(s, p, (uint32_t)i, O_PREF_IFACE, l, 2);
	}
	for (size_t i = 0; i < cat->nlibs; i++) {
		if (cat->libs[i].kind != CAT_LIBRARY)
			continue;
		int p = new_pref(s, O_PREF_LIB, (uint32_t)i);
		int l[1] = { -s->lib_var[i] };

		s->prefs[s->nprefs - 1].single = -s->lib_var[i];
		pref_clause(s, p, (uint32_t)i, O_PREF_LIB, l, 1);
	}
}

/*
 * A small propagator over a chosen subset of the clauses: the clauses of a minimal core
 * (its constraint groups and kept defaults) plus the definitions of the auxiliary
 * variables they mention. Replaying the core's decisions through it gives each derived
 * value the clause that forced it, which chain.c words as "A depends on B, so B is on".
 * Cores are small, so a plain fixed-point loop does: no watches needed.
 */
#include <stdlib.h>
#include <string.h>

#include "explain_int.h"

void deriv_init(struct deriv *d, const struct cat_solver *s)
{
	size_t nv = (size_t)s->nvars + 1;

	memset(d, 0, sizeof(*d));
	d->s = s;
	d->val = xcalloc(nv, sizeof(*d->val));
	d->reason = xmalloc(nv * sizeof(*d->reason));
	d->dec_of = xmalloc(nv * sizeof(*d->dec_of));
	d->cl_in = xcalloc(s->ncl + 1, 1);
	d->var_in = xcalloc(nv, 1);
	for (size_t v = 0; v < nv; v++)
		d->reason[v] = R_NONE, d->dec_of[v] = -1;
	d->val[1] = 1; /* variable 1 is the constant true (enc.c) */
	d->reason[1] = 0;
}

void deriv_free(struct deriv *d)
{
	free(d->val);
	free(d->reason);
	free(d->dec_of);
	free(d->cl);
	free(d->cl_in);
	free(d->var_in);
	memset(d, 0, sizeof(*d));
}

static void add_defs(struct deriv *d, const struct xsolver *x, int v)
{
	enum var_kind k = (enum var_kind)d->s->vkind[v];

	if (d->var_in[v] || (k != V_AUX && k != V_ACT))
		return;
	d->var_in[v] = 1;
	for (uint32_t i = x->defs.start[v]; i < x->defs.start[v + 1]; i++)
		deriv_add_clause(d, x, x->defs.item[i]);
}

/* Adds clause c and, through the auxiliaries it mentions, the definitions they need. */
void deriv_add_clause(struct deriv *d, const struct xsolver *x, uint32_t c)
{
	const struct cat_solver *s = d->s;

	if (d->cl_in[c])
		return;
	d->cl_in[c] = 1;
	vgrow(&d->cl, &d->clcap, d->ncl, sizeof(*d->cl));
	d->cl[d->ncl++] = c;
	for (uint32_t i = s->start[c]; i < s->start[c + 1]; i++)
		add_defs(d, x, abs(s->lits[i]));
}

void deriv_add_core(struct deriv *d, const struct xsolver *x, const struct xset *e,
		    const uint8_t *in)
{
	for (size_t i = 0; i < e->n; i++) {
		const struct xel *el = &e->v[i];

		if (!in[i])
			continue;
		if (el->kind == XEL_GROUP) {
			const struct xgroup *g = &x->groups[el->id];

			for (uint32_t k = 0; k < g->n; k++)
				deriv_add_clause(d, x, x->gcl[g->first + k]);
		} else if (el->kind == XEL_PREF) {
			for (uint32_t k = x->prefcl.start[el->id]; k < x->prefcl.start[el->id + 1];
			     k++)
				deriv_add_clause(d, x, x->prefcl.item[k]);
		}
	}
}

int deriv_assume(struct deriv *d, int lit, int32_t reason, int32_t dec)
{
	int v = abs(lit), want = lit > 0 ? 1 : -1;

	if (d->val[v])
		return d->val[v] == want ? 0 : -1;
	d->val[v] = (int8_t)want;
	d->reason[v] = reason;
	d->dec_of[v] = dec;
	return 0;
}

/*
 * The core's decisions and defaults as assumptions. Two decisions may say opposite
 * things about one variable (net off, and a value for one of its options): the second
 * one's literal is returned (0: none) and its decision in *dec.
 */
int deriv_assume_core(struct deriv *d, const struct xset *e, const uint8_t *in, int32_t *dec)
{
	int clash = 0;

	for (size_t i = 0; i < e->n; i++) {
		const struct xel *el = &e->v[i];

		if (!in[i] || el->kind == XEL_GROUP)
			continue;
		for (uint32_t k = 0; k < el->n; k++) {
			int lit = e->lits[el->first + k];

			if (deriv_assume(d, lit, el->kind == XEL_DEC ? R_DECISION : R_PREF,
					 el->kind == XEL_DEC ? el->id : -1) < 0 &&
			    !clash) {
				clash = lit;
				*dec = el->id;
			}
		}
	}
	return clash;
}

/* 1: clause c forced a literal; 0: nothing to do; -1: c is false. */
static int unit(struct deriv *d, uint32_t c)
{
	const struct cat_solver *s = d->s;
	int free_lit = 0, nfree = 0;

	for (uint32_t i = s->start[c]; i < s->start[c + 1]; i++) {
		int l = s->lits[i], v = d->val[abs(l)];

		if ((l > 0 && v == 1) || (l < 0 && v == -1))
			return 0;
		if (!v && nfree++ == 0)
			free_lit = l;
	}
	if (!nfree)
		return -1;
	if (nfree > 1)
		return 0;
	deriv_assume(d, free_lit, (int32_t)c, -1);
	return 1;
}

long deriv_propagate(struct deriv *d)
{
	int changed = 1;

	while (changed) {
		changed = 0;
		for (size_t i = 0; i < d->ncl; i++) {
			int u = unit(d, d->cl[i]);

			if (u < 0)
				return (long)d->cl[i];
			changed |= u;
		}
	}
	return -1;
}

/*
 * The nearest reason, for kiln check. Each finding of a check ("x can never be on") is
 * explained by a minimal set of constraints that rules it out. The general way (xs_core)
 * starts from the failed assumptions of the explainer's big solver, which depend on what
 * that solver learned from every question asked before: the same finding could be
 * explained by one reason after some questions and by another, longer one after others.
 *
 * Most findings fall by propagation alone: assume what can never hold, follow the
 * constraints (all of them on, as in a check) breadth first until a clause is false, and
 * the clauses that forced the values on the way to it are a reason, the one found in the
 * fewest steps. That set is shrunk to a minimal one by deletion in a small solver of its
 * own (xsmall.c), with its failed assumptions: nothing depends on earlier questions, and
 * no question costs the big solver a model. A finding that propagation does not reach
 * (it needs a case split) is left to xs_core.
 */
#include <stdlib.h>
#include <string.h>

#include "explain_int.h"

struct xnear {
	uint32_t *occ_start, *occ; /* by literal index (lit_ix): clauses holding the literal */
	int8_t *val;		   /* by variable: 1, -1, 0 */
	int32_t *reason;	   /* by variable: the clause that forced it, -1 assumed */
	int *trail;
	size_t ntrail;
	uint32_t *seen_cl; /* by clause: the analysis that last took it (stamp) */
	uint32_t stamp;
	uint32_t *stack; /* the analysis's clauses to walk back from (each once) */
	int32_t *glist;	 /* groups of the last reason */
	size_t ng, gcap;
};

static size_t lit_ix(int lit)
{
	return 2 * (size_t)abs(lit) + (lit < 0);
}

/* Constraint groups, definitions and the constant true: what a check holds on. */
static int takes_part(const struct xsolver *x, size_t c)
{
	uint8_t k = x->s->orig[c].kind;

	return x->group_of[c] >= 0 || k == O_DEF || k == O_TRUE;
}

static struct xnear *near_build(const struct xsolver *x)
{
	const struct cat_solver *s = x->s;
	struct xnear *n = xcalloc(1, sizeof(*n));
	size_t nl = 2 * ((size_t)s->nvars + 1);

	n->occ_start = xcalloc(nl + 1, sizeof(*n->occ_start));
	for (size_t c = 0; c < s->ncl; c++)
		for (uint32_t i = s->start[c]; takes_part(x, c) && i < s->start[c + 1]; i++)
			n->occ_start[lit_ix(s->lits[i]) + 1]++;
	for (size_t i = 0; i < nl; i++)
		n->occ_start[i + 1] += n->occ_start[i];
	n->occ = xmalloc((n->occ_start[nl] + 1) * sizeof(*n->occ));
	uint32_t *fill = xmalloc((nl + 1) * sizeof(*fill));

	memcpy(fill, n->occ_start, nl * sizeof(*fill));
	for (size_t c = 0; c < s->ncl; c++)
		for (uint32_t i = s->start[c]; takes_part(x, c) && i < s->start[c + 1]; i++)
			n->occ[fill[lit_ix(s->lits[i])]++] = (uint32_t)c;
	free(fill);
	n->val = xcalloc((size_t)s->nvars + 1, sizeof(*n->val));
	n->reason = xmalloc(((size_t)s->nvars + 1) * sizeof(*n->reason));
	n->trail = xmalloc(((size_t)s->nvars + 1) * sizeof(*n->trail));
	n->seen_cl = xcalloc(s->ncl + 1, sizeof(*n->seen_cl));
	n->stack = xmalloc((s->ncl + 1) * sizeof(*n->stack));
	return n;
}

void xnear_free(struct xnear *n)
{
	if (!n)
		return;
	free(n->occ_start);
	free(n->occ);
	free(n->val);
	free(n->reason);
	free(n->trail);
	free(n->seen_cl);
	free(n->stack);
	free(n->glist);
	free(n);
}

static int set(struct xnear *n, int lit, int32_t reason)
{
	int v = abs(lit);

	if (n->val[v])
		return n->val[v] == (lit > 0 ? 1 : -1);
	n->val[v] = (int8_t)(lit > 0 ? 1 : -1);
	n->reason[v] = reason;
	n->trail[n->ntrail++] = v;
	return 1;
}

static int lit_val(const struct xnear *n, int lit)
{
	int v = n->val[abs(lit)];

	return lit > 0 ? v : -v;
}

/* Clause c once a literal of it went false: -1 when it is false now; else its last free
 * literal, if one is left, is set. */
static int visit(struct xnear *n, const struct cat_solver *s, uint32_t c)
{
	int free_lit = 0, nfree = 0;

	for (uint32_t i = s->start[c]; i < s->start[c + 1]; i++) {
		int l = s->lits[i], v = lit_val(n, l);

		if (v > 0)
			return 0;
		if (!v && nfree++ == 0)
			free_lit = l;
	}
	if (!nfree)
		return -1;
	if (nfree == 1)
		set(n, free_lit, (int32_t)c);
	return 0;
}

/* Breadth first from the assumed literals: the first false clause, or -1. */
static long propagate(struct xnear *n, const struct cat_solver *s)
{
	for (size_t t = 0; t < n->ntrail; t++) {
		int v = n->trail[t], falsified = n->val[v] > 0 ? -v : v;
		size_t ix = lit_ix(falsified);

		for (uint32_t k = n->occ_start[ix]; k < n->occ_start[ix + 1]; k++)
			if (visit(n, s, n->occ[k]) < 0)
				return (long)n->occ[k];
	}
	return -1;
}

/* The groups of the clauses behind false clause c, walked back through the reasons. */
static void analyse(struct xnear *n, const struct xsolver *x, uint32_t c)
{
	const struct cat_solver *s = x->s;
	uint32_t *stack = n->stack;
	size_t top = 0;

	n->ng = 0;
	n->stamp++;
	n->seen_cl[c] = n->stamp;
	stack[top++] = c;
	while (top) {
		uint32_t d = stack[--top];

		if (x->group_of[d] >= 0) {
			vgrow(&n->glist, &n->gcap, n->ng, sizeof(*n->glist));
			n->glist[n->ng++] = x->group_of[d];
		}
		for (uint32_t i = s->start[d]; i < s->start[d + 1]; i++) {
			int32_t r = n->reason[abs(s->lits[i])];

			if (r >= 0 && n->seen_cl[r] != n->stamp) {
				n->seen_cl[r] = n->stamp;
				stack[top++] = (uint32_t)r;
			}
		}
	}
}

static int by_index(const void *a, const void *b)
{
	int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;

	return (x > y) - (x < y);
}

/* Candidate set e: hard the shape and lits, one element per group of the reason found. */
static int near_set(struct xsolver *x, const int *lits, size_t nlits, struct xset *e)
{
	const struct cat_solver *s = x->s;
	struct xnear *n = x->near;
	long bad = -1;
	int ok = 1;

	n->ntrail = 0;
	set(n, 1, -1); /* variable 1 is the constant true (enc.c) */
	for (size_t i = 0; i < nlits && ok; i++)
		ok = abs(lits[i]) <= s->nvars && set(n, lits[i], -1);
	if (ok)
		bad = propagate(n, s);
	if (bad >= 0)
		analyse(n, x, (uint32_t)bad);
	for (size_t t = 0; t < n->ntrail; t++)
		n->val[n->trail[t]] = 0;
	if (bad < 0)
		return 0;
	if (n->ng)
		qsort(n->glist, n->ng, sizeof(*n->glist), by_index);
	xset_hard(e, x->shape);
	for (size_t i = 0; i < nlits; i++)
		xset_hard(e, lits[i]);
	for (size_t i = 0; i < n->ng; i++)
		if (!i || n->glist[i] != n->glist[i - 1])
			xset_add(e, XEL_GROUP, n->glist[i], &x->groups[n->glist[i]].sel, 1);
	return 1;
}

int xnear_core(struct xsolver *x, const int *lits, size_t nlits, struct xset *e, uint8_t **in)
{
	struct xsmall *m;
	size_t *live;
	int rc = 0;

	if (!x->near)
		x->near = near_build(x);
	if (!near_set(x, lits, nlits, e))
		return 0;
	*in = xmalloc(e->n + 1);
	memset(*in, 1, e->n);
	live = xmalloc((e->n + 1) * sizeof(*live));
	for (size_t i = 0; i < e->n; i++)
		live[i] = i;
	m = xs_small_open(x, e, live, e->n);
	if (xs_small_sat(m, *in) == 0) {
		for (size_t i = 0; i < e->n; i++) {
			if (!(*in)[i])
				continue;
			(*in)[i] = 0;
			if (xs_small_sat(m, *in) == 0)
				xs_small_failed(m, *in);
			else
				(*in)[i] = 1;
		}
		rc = 1;
	}
	xs_small_close(m);
	free(live);
	if (!rc) {
		free(*in);
		*in = NULL;
		xset_free(e);
	}
	return rc;
}

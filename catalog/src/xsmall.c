/*
 * A quick "still unsatisfiable?" for the explainer's minimal cores. Shrinking a core by
 * deletion asks, for each of its elements, whether the others alone are satisfiable; on
 * a catalog of 2,000 libraries each such question costs the big solver a whole model
 * (every variable assigned), milliseconds, although only the core's dozen constraints
 * matter. So the questions of one core are first put to a small PicoSAT holding just the
 * clauses the core's elements switch on, each element's behind a selector of its own, the
 * definitions of the auxiliary variables they use (and theirs, transitively) and the
 * profile's shape when it is assumed. It is built once per core, when the deletion starts
 * (every later question assumes a subset of those elements), and each question is then
 * one call under assumptions: no solver is built per question.
 *
 * That small formula is satisfiable exactly when the big one is under the same
 * assumptions: every clause left out, or behind a selector not assumed, is a constraint
 * group whose selector is free (false satisfies it), a preference whose variable is free
 * (likewise), or the definition of an auxiliary variable no kept clause names (definitions
 * are acyclic: each auxiliary can take the value its operands give it). So a "satisfiable"
 * answer here is the big solver's answer; an "unsatisfiable" one is re-asked of the big
 * solver, whose failed assumptions shrink the core as before (the same answers, whichever
 * solver says "satisfiable"). Assumptions this cannot model (every constraint at once,
 * variables of the big solver's own) leave the question to the big solver.
 */
#include <stdlib.h>
#include <string.h>

#include "explain_int.h"

struct xsmall {
	struct xsolver *x;
	const struct cat_solver *s;
	PicoSAT *ps;
	int32_t *map; /* x->smap: big variable -> small one (0: not yet) */
	int *todo;    /* variables whose definitions are still to add */
	size_t ntodo, todocap;
	int *pool; /* small literals to assume: the hard ones first, then each element's */
	size_t npool, poolcap, nhard;
	const size_t *live; /* the elements of the set it was opened with */
	size_t nlive;
	uint32_t *first; /* by live[j]: its literals in pool (count[j] of them) */
	uint32_t *count;
	int n; /* small variables */
	int fail;
};

static int small_var(struct xsmall *m, int lit)
{
	int v = abs(lit);

	if (v > m->s->nvars) {
		m->fail = 1;
		return 0;
	}
	if (!m->map[v]) {
		m->map[v] = ++m->n;
		vgrow(&m->x->stouched, &m->x->stouchcap, m->x->nstouched, sizeof(int));
		m->x->stouched[m->x->nstouched++] = v;
		vgrow(&m->todo, &m->todocap, m->ntodo, sizeof(*m->todo));
		m->todo[m->ntodo++] = v;
	}
	return lit > 0 ? m->map[v] : -m->map[v];
}

static void push(struct xsmall *m, int lit)
{
	vgrow(&m->pool, &m->poolcap, m->npool, sizeof(*m->pool));
	m->pool[m->npool++] = lit;
}

/* Clause c of the resolver, switched on by small selector sel (0: always on). */
static void small_clause(struct xsmall *m, uint32_t c, int sel)
{
	const struct cat_solver *s = m->s;

	if (sel)
		picosat_add(m->ps, -sel);
	for (uint32_t i = s->start[c]; i < s->start[c + 1]; i++)
		picosat_add(m->ps, small_var(m, s->lits[i]));
	picosat_add(m->ps, 0);
}

/* Exactly one app, at least one platform: what the shape guard switches on. */
static void small_shape(struct xsmall *m, int sel)
{
	const struct xsolver *x = m->x;

	picosat_add(m->ps, -sel);
	for (size_t i = 0; i < x->napps; i++)
		picosat_add(m->ps, small_var(m, x->apps[i]));
	picosat_add(m->ps, 0);
	picosat_add(m->ps, -sel);
	for (size_t i = 0; i < x->nplats; i++)
		picosat_add(m->ps, small_var(m, x->plats[i]));
	picosat_add(m->ps, 0);
	for (size_t i = 0; i < x->napps; i++)
		for (size_t j = i + 1; j < x->napps; j++) {
			picosat_add(m->ps, -sel);
			picosat_add(m->ps, -small_var(m, x->apps[i]));
			picosat_add(m->ps, -small_var(m, x->apps[j]));
			picosat_add(m->ps, 0);
		}
}

/* One assumed literal: the clauses it switches on, behind a selector of their own, and
 * what to assume for it. */
static void small_assume(struct xsmall *m, int lit)
{
	const struct xsolver *x = m->x;
	const struct cat_solver *s = m->s;
	int v = abs(lit), sel;

	if (lit == x->shape) {
		small_shape(m, sel = ++m->n);
		push(m, sel);
	} else if (lit > 0 && x->ngroups && lit >= x->groups[0].sel &&
		   lit <= x->groups[x->ngroups - 1].sel) {
		const struct xgroup *g = &x->groups[lit - x->groups[0].sel];

		sel = ++m->n;
		for (uint32_t i = 0; i < g->n; i++)
			small_clause(m, x->gcl[g->first + i], sel);
		push(m, sel);
	} else if (v > s->nvars) {
		m->fail = 1; /* "all", or a variable of the big solver's own */
	} else {
		if (s->vkind[v] == V_PREF && lit > 0) {
			uint32_t p = s->vidx[v];

			sel = ++m->n;
			for (uint32_t i = x->prefcl.start[p]; i < x->prefcl.start[p + 1]; i++)
				small_clause(m, x->prefcl.item[i], sel);
			push(m, sel);
		}
		push(m, small_var(m, lit));
	}
}

static void small_defs(struct xsmall *m)
{
	const struct xsolver *x = m->x;

	while (m->ntodo && !m->fail) {
		int v = m->todo[--m->ntodo];

		for (uint32_t i = x->defs.start[v]; i < x->defs.start[v + 1]; i++)
			small_clause(m, x->defs.item[i], 0);
	}
}

struct xsmall *xs_small_open(struct xsolver *x, const struct xset *e, const size_t *live,
			     size_t nlive)
{
	struct xsmall *m = xcalloc(1, sizeof(*m));

	m->x = x;
	m->s = x->s;
	m->map = x->smap;
	m->ps = picosat_init();
	picosat_set_global_default_phase(m->ps, 0);
	m->live = live;
	m->nlive = nlive;
	m->first = xcalloc(nlive + 1, sizeof(*m->first));
	m->count = xcalloc(nlive + 1, sizeof(*m->count));
	small_clause(m, x->true_cl, 0);
	for (size_t i = 0; i < e->nhard && !m->fail; i++)
		small_assume(m, e->hard[i]);
	m->nhard = m->npool;
	for (size_t j = 0; j < nlive && !m->fail; j++) {
		const struct xel *el = &e->v[live[j]];

		m->first[j] = (uint32_t)m->npool;
		for (uint32_t k = 0; k < el->n && !m->fail; k++)
			small_assume(m, e->lits[el->first + k]);
		m->count[j] = (uint32_t)m->npool - m->first[j];
	}
	small_defs(m);
	for (size_t i = 0; i < x->nstouched; i++)
		x->smap[x->stouched[i]] = 0;
	x->nstouched = 0;
	return m;
}

int xs_small_sat(struct xsmall *m, const uint8_t *in)
{
	if (m->fail)
		return -1;
	/* Assumed only now: adding a clause drops the assumptions made before it. */
	for (size_t i = 0; i < m->nhard; i++)
		picosat_assume(m->ps, m->pool[i]);
	for (size_t j = 0; j < m->nlive; j++)
		for (uint32_t k = 0; in[m->live[j]] && k < m->count[j]; k++)
			picosat_assume(m->ps, m->pool[m->first[j] + k]);
	return picosat_sat(m->ps, -1) == PICOSAT_SATISFIABLE;
}

void xs_small_failed(struct xsmall *m, uint8_t *in)
{
	for (size_t j = 0; j < m->nlive; j++) {
		int failed = 0;

		for (uint32_t k = 0; in[m->live[j]] && k < m->count[j] && !failed; k++)
			failed = picosat_failed_assumption(m->ps, m->pool[m->first[j] + k]);
		in[m->live[j]] = (uint8_t)failed;
	}
}

void xs_small_close(struct xsmall *m)
{
	if (!m)
		return;
	picosat_reset(m->ps);
	free(m->todo);
	free(m->pool);
	free(m->first);
	free(m->count);
	free(m);
}

/*
 * A quick "still unsatisfiable?" for the explainer's minimal cores. Shrinking a core by
 * deletion asks, for each of its elements, whether the others alone are satisfiable; on
 * a catalog of 2,000 libraries each such question costs the big solver a whole model
 * (every variable assigned), milliseconds, although only the core's dozen constraints
 * matter. So the question is first put to a small PicoSAT holding just the clauses the
 * assumed elements switch on, the definitions of the auxiliary variables they use (and
 * theirs, transitively) and the profile's shape when it is assumed.
 *
 * That small formula is satisfiable exactly when the big one is under the same
 * assumptions: every clause left out is a constraint group whose selector is free (false
 * satisfies it), a preference whose variable is free (likewise), or the definition of an
 * auxiliary variable no kept clause names (definitions are acyclic: each auxiliary can take
 * the value its operands give it). So a "satisfiable" answer here is the big solver's
 * answer; an "unsatisfiable" one is re-asked of the big solver, whose failed assumptions
 * shrink the core as before. Assumptions this cannot model (every constraint at once,
 * variables of the big solver's own) leave the question to the big solver.
 */
#include <stdlib.h>
#include <string.h>

#include "explain_int.h"

struct small {
	struct xsolver *x;
	const struct cat_solver *s;
	PicoSAT *ps;
	int32_t *map; /* x->smap: big variable -> small one (0: not yet) */
	int *todo;    /* variables whose definitions are still to add */
	size_t ntodo, todocap;
	int *assumed; /* small literals, assumed once every clause is in */
	size_t nassumed, assumedcap;
	int n; /* small variables */
	int fail;
};

static int small_var(struct small *m, int lit)
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

static void small_clause(struct small *m, uint32_t c)
{
	const struct cat_solver *s = m->s;

	for (uint32_t i = s->start[c]; i < s->start[c + 1]; i++)
		picosat_add(m->ps, small_var(m, s->lits[i]));
	picosat_add(m->ps, 0);
}

/* Exactly one app, at least one platform: what the shape guard switches on. */
static void small_shape(struct small *m)
{
	const struct xsolver *x = m->x;

	for (size_t i = 0; i < x->napps; i++)
		picosat_add(m->ps, small_var(m, x->apps[i]));
	picosat_add(m->ps, 0);
	for (size_t i = 0; i < x->nplats; i++)
		picosat_add(m->ps, small_var(m, x->plats[i]));
	picosat_add(m->ps, 0);
	for (size_t i = 0; i < x->napps; i++)
		for (size_t j = i + 1; j < x->napps; j++) {
			picosat_add(m->ps, -small_var(m, x->apps[i]));
			picosat_add(m->ps, -small_var(m, x->apps[j]));
			picosat_add(m->ps, 0);
		}
}

/* One assumed literal: the clauses it switches on, and itself as an assumption. */
static void small_assume(struct small *m, int lit)
{
	const struct xsolver *x = m->x;
	const struct cat_solver *s = m->s;
	int v = abs(lit);

	if (lit == x->shape) {
		small_shape(m);
	} else if (lit > 0 && x->ngroups && lit >= x->groups[0].sel &&
		   lit <= x->groups[x->ngroups - 1].sel) {
		const struct xgroup *g = &x->groups[lit - x->groups[0].sel];

		for (uint32_t i = 0; i < g->n; i++)
			small_clause(m, x->gcl[g->first + i]);
	} else if (v > s->nvars) {
		m->fail = 1; /* "all", or a variable of the big solver's own */
	} else {
		if (s->vkind[v] == V_PREF && lit > 0) {
			uint32_t p = s->vidx[v];

			for (uint32_t i = x->prefcl.start[p]; i < x->prefcl.start[p + 1]; i++)
				small_clause(m, x->prefcl.item[i]);
		}
		vgrow(&m->assumed, &m->assumedcap, m->nassumed, sizeof(*m->assumed));
		m->assumed[m->nassumed++] = small_var(m, lit);
	}
}

static void small_defs(struct small *m)
{
	const struct xsolver *x = m->x;

	while (m->ntodo && !m->fail) {
		int v = m->todo[--m->ntodo];

		for (uint32_t i = x->defs.start[v]; i < x->defs.start[v + 1]; i++)
			small_clause(m, x->defs.item[i]);
	}
}

int xs_sat_small(struct xsolver *x, const struct xset *e, const uint8_t *in)
{
	struct small m = { .x = x, .s = x->s, .map = x->smap };
	int rc = -1;

	m.ps = picosat_init();
	picosat_set_global_default_phase(m.ps, 0);
	small_clause(&m, x->true_cl);
	for (size_t i = 0; i < e->nhard && !m.fail; i++)
		small_assume(&m, e->hard[i]);
	for (size_t i = 0; i < e->n && !m.fail; i++)
		for (uint32_t k = 0; (!in || in[i]) && k < e->v[i].n && !m.fail; k++)
			small_assume(&m, e->lits[e->v[i].first + k]);
	small_defs(&m);
	/* Assumed last: adding a clause drops the assumptions made before it. */
	for (size_t i = 0; i < m.nassumed && !m.fail; i++)
		picosat_assume(m.ps, m.assumed[i]);
	if (!m.fail)
		rc = picosat_sat(m.ps, -1) == PICOSAT_SATISFIABLE;
	picosat_reset(m.ps);
	for (size_t i = 0; i < x->nstouched; i++)
		x->smap[x->stouched[i]] = 0;
	x->nstouched = 0;
	free(m.todo);
	free(m.assumed);
	return rc;
}

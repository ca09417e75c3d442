/*
 * Unit propagation with reasons, over the resolver's own copy of the clauses. PicoSAT
 * decides satisfiability; this propagator replays the user's decisions and the kept
 * preferences and records, for each value it derives, the clause that forced it. That
 * record is the provenance: "lwip = y because A_NET selects it". Two watched literals
 * per clause, as in every CDCL solver (Moskewicz et al., Chaff, 2001).
 */
#include <stdlib.h>
#include <string.h>

#include "solver_int.h"

static size_t lit_index(int lit)
{
	return lit > 0 ? (size_t)lit * 2 : (size_t)-lit * 2 + 1;
}

int up_value(const struct cat_solver *s, int lit)
{
	int v = s->val[lit > 0 ? lit : -lit];

	return lit > 0 ? v : -v;
}

static void watch_add(struct cat_solver *s, int lit, int c)
{
	struct watch *w = &s->watch[lit_index(lit)];

	if (w->n == w->cap) {
		w->cap = w->cap ? w->cap * 2 : 4;
		w->c = xrealloc(w->c, w->cap * sizeof(*w->c));
	}
	w->c[w->n++] = c;
}

void up_assign(struct cat_solver *s, int lit, int32_t reason)
{
	int v = lit > 0 ? lit : -lit;

	s->val[v] = (int8_t)(lit > 0 ? 1 : -1);
	s->reason[v] = reason;
	s->trail[s->ntrail++] = lit;
}

/* Visits the clauses watching -lit (now false); returns a conflicting clause or -1. */
static long visit(struct cat_solver *s, int lit)
{
	struct watch *w = &s->watch[lit_index(-lit)];
	uint32_t i = 0;

	while (i < w->n) {
		int c = w->c[i];
		int *l = &s->lits[s->start[c]];
		uint32_t n = s->start[c + 1] - s->start[c], k;

		if (l[0] == -lit) {
			l[0] = l[1];
			l[1] = -lit;
		}
		if (up_value(s, l[0]) == 1) {
			i++;
			continue;
		}
		for (k = 2; k < n && up_value(s, l[k]) == -1; k++)
			;
		if (k < n) { /* a new literal to watch */
			l[1] = l[k];
			l[k] = -lit;
			watch_add(s, l[1], c);
			w->c[i] = w->c[--w->n];
			continue;
		}
		if (up_value(s, l[0]) == -1)
			return c;
		up_assign(s, l[0], c);
		i++;
	}
	return -1;
}

long up_propagate(struct cat_solver *s)
{
	while (s->qhead < s->ntrail) {
		long c = visit(s, s->trail[s->qhead++]);

		if (c >= 0) {
			s->qhead = s->ntrail;
			return c;
		}
	}
	return -1;
}

void up_undo(struct cat_solver *s, size_t mark)
{
	while (s->ntrail > mark) {
		int lit = s->trail[--s->ntrail];
		int v = lit > 0 ? lit : -lit;

		s->val[v] = 0;
		s->reason[v] = R_NONE;
	}
	s->qhead = mark;
}

/* Watches every clause and applies the unit clauses: the state every resolve starts from. */
void up_init(struct cat_solver *s)
{
	size_t nv = (size_t)s->nvars + 1;

	s->val = xcalloc(nv, sizeof(*s->val));
	s->reason = xmalloc(nv * sizeof(*s->reason));
	s->dec_of = xmalloc(nv * sizeof(*s->dec_of));
	s->trail = xmalloc(nv * sizeof(*s->trail));
	s->model = xcalloc(nv, sizeof(*s->model));
	s->watch = xcalloc(2 * nv + 2, sizeof(*s->watch));
	for (size_t v = 0; v < nv; v++)
		s->reason[v] = R_NONE, s->dec_of[v] = -1;
	for (size_t c = 0; c < s->ncl; c++) {
		int *l = &s->lits[s->start[c]];
		uint32_t n = s->start[c + 1] - s->start[c];

		if (n >= 2) {
			watch_add(s, l[0], (int)c);
			watch_add(s, l[1], (int)c);
		} else if (n == 1 && !up_value(s, l[0])) {
			up_assign(s, l[0], (int32_t)c);
		}
	}
	up_propagate(s);
	s->base = s->ntrail;
}

void up_free(struct cat_solver *s)
{
	if (s->watch)
		for (size_t i = 0; i < 2 * (size_t)s->nvars + 2; i++)
			free(s->watch[i].c);
	free(s->watch);
	free(s->val);
	free(s->reason);
	free(s->dec_of);
	free(s->trail);
	free(s->model);
}

/*
 * When the user's decisions cannot all hold: name the decisions PicoSAT used to refute
 * them (its failed assumptions: not always minimal, see picosat.h), each with its place in
 * the profile, and when propagation alone reaches the contradiction, the lib.json field
 * where it happens. Minimal explanations are a later step.
 */
#include <stdlib.h>
#include <string.h>

#include "result_int.h"

static void describe(const struct cat_profile *p, long d, char *buf, size_t n)
{
	if (d == (long)p->ndecs) {
		snprintf(buf, n, "app: %s", p->app);
	} else if (d == (long)p->ndecs + 1) {
		size_t k = (size_t)snprintf(buf, n, "targets:");

		for (size_t i = 0; i < p->ntargets && k < n; i++)
			k += (size_t)snprintf(buf + k, n - k, " %s", p->targets[i]);
	} else {
		const struct cat_decision *x = &p->decs[d];
		const char *kind = x->kind == CAT_DEC_LIB ? "libraries" : "options";

		if (x->jtype == CAT_J_BOOL)
			snprintf(buf, n, "%s.%s: %s", kind, x->name, x->val.num ? "true" : "false");
		else if (x->jtype == CAT_J_INT)
			snprintf(buf, n, "%s.%s: %lld", kind, x->name, x->val.num);
		else
			snprintf(buf, n, "%s.%s: \"%.60s\"", kind, x->name, x->val.str);
	}
}

/* Propagates only the failed assumptions: the clause that breaks names the constraint. */
static long find_cause(struct cat_solver *s, const int *failed)
{
	long c = -1;
	size_t mark = s->ntrail;

	for (const int *f = failed; *f && c < 0; f++) {
		if (up_value(s, *f) == -1) {
			c = s->reason[abs(*f)];
			break;
		}
		if (up_value(s, *f) == 1)
			continue;
		up_assign(s, *f, R_DECISION);
		c = up_propagate(s);
	}
	/* A clause defining a sub-expression: look through it to the field behind it. */
	if (c >= 0 && s->orig[c].kind == O_DEF)
		c = explain(s, s->reason, c, 0, NULL, NULL, 0, 0);
	up_undo(s, mark);
	return c;
}

void report_conflict(struct cat_solver *s, const struct cat_profile *p, const int *lits,
		     const int32_t *decs, size_t n, struct cat_err *err)
{
	const int *failed = picosat_failed_assumptions(s->ps);
	uint8_t *hit = xcalloc(p->ndecs + 2, 1);
	long cause = find_cause(s, failed);
	const char *file = p->file ? p->file : "(profile)";
	char what[200];

	for (const int *f = failed; *f; f++)
		for (size_t i = 0; i < n; i++)
			if (lits[i] == *f && decs[i] >= 0)
				hit[decs[i]] = 1;
	if (cause >= 0 && s->orig[cause].kind != O_DEF && s->orig[cause].kind != O_TRUE) {
		struct cat_result r = {.s = s, .cat = s->cat};
		struct cat_origin o;

		origin_of(&r, cause, &o);
		cat_err_add(err, file, 0, 0,
			    "these decisions cannot all hold (they meet at %s of %s, %s):", o.field,
			    o.subject, o.file ? o.file : "the catalog");
	} else {
		cat_err_add(err, file, 0, 0, "these decisions cannot all hold:");
	}
	for (size_t d = 0; d < p->ndecs + 2; d++) {
		if (!hit[d])
			continue;
		describe(p, (long)d, what, sizeof(what));
		if (d < p->ndecs)
			cat_err_add(err, file, p->decs[d].line, p->decs[d].col, "%s", what);
		else
			cat_err_add(err, file, 0, 0, "%s", what);
	}
	free(hit);
}

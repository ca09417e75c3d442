/*
 * Private: a resolved configuration. Keeps its own copy of the propagator's reasons and
 * the final model, so explanations stay valid after the solver resolves again (the
 * solver itself must outlive its results: the clauses live there).
 */
#ifndef KILN_RESULT_INT_H
#define KILN_RESULT_INT_H

#include "solver_int.h"

struct cat_result {
	const struct cat_solver *s;
	const struct cat_catalog *cat;
	struct cat_profile *prof; /* a copy of what the outputs need */
	int8_t *model;		  /* by variable: 1 or -1 */
	int32_t *reason, *dec_of;
	uint8_t *decided; /* by variable: implied by the user's decisions alone */
	int32_t *pos;	  /* by variable: its place in the propagation (INT32_MAX: none) */
	struct cat_setting *libs, *opts;
	/* sees.c: by library, the on libraries it names (filled as asked; a cache, so it
	 * may be filled through a const result) */
	struct sees_named {
		uint32_t *v;
		size_t n;
		int done;
	} * named;
};

/* An exact copy of a profile. */
struct cat_profile *profile_dup(const struct cat_profile *p);
struct cat_result *result_build(struct cat_solver *s, const struct cat_profile *p);
void report_conflict(struct cat_solver *s, const struct cat_profile *p, struct cat_err *err);
/* gate.c: 0 when the result breaks no constraint (err says which otherwise). */
int result_verify(const struct cat_result *r, struct cat_err *err);
/* why.c */
void prov_of(const struct cat_result *r, int var, struct cat_setting *out);
void origin_of(const struct cat_result *r, long clause, struct cat_origin *o);
/* The first clause with a meaningful origin behind clause c; named antecedents in named. */
long explain(const struct cat_solver *s, const int32_t *reason, long c, int skip, int *named,
	     size_t *nnamed, size_t max, int depth);
/* values.c */
int eval_expr(const struct cat_result *r, const struct cat_expr *e);
int result_var_true(const struct cat_result *r, int var);

#endif

/*
 * Private machinery of the explanations (why, why not, smallest fixes, catalog checks).
 *
 * The explainer (xsolve.c) is a second PicoSAT instance over the same clauses in which
 * each catalog constraint (a library's depends, an interface's "one provider", ...) is a
 * group switched on by a selector literal, so that constraints, user decisions and kept
 * defaults can all be assumed, dropped and minimised alike: a minimal unsatisfiable core
 * by deletion with clause-set refinement from PicoSAT's failed assumptions (Marques-Silva,
 * "Minimal Unsatisfiability: Models, Algorithms and Applications", ISMVL 2010). A small
 * propagator (derive.c) then replays only the core to turn it into a chain of reasons
 * (chain.c), worded by words.c.
 */
#ifndef KILN_EXPLAIN_INT_H
#define KILN_EXPLAIN_INT_H

#include "result_int.h"

/* One catalog constraint: the clauses of one (origin kind, subject). */
struct xgroup {
	uint8_t kind;
	uint32_t subject;
	int sel;	   /* selector literal: the constraint holds while it is true */
	uint32_t first, n; /* its clauses: x->gcl[first .. first + n) */
};

/* Compressed lists by index (clauses per variable, per preference). */
struct csr {
	uint32_t *start, *item;
};

struct xsolver {
	PicoSAT *ps;
	int nvars; /* all variables, selectors included */
	int shape; /* guard: exactly one app and at least one platform are on */
	int all;   /* guard: every constraint holds (one assumption instead of each selector) */
	struct xgroup *groups;
	size_t ngroups;
	uint32_t *gcl;
	int32_t *group_of; /* by clause: its group, or -1 */
	struct csr defs;   /* by variable: the definition clauses of an auxiliary */
	struct csr prefcl; /* by preference index: its clauses */
	size_t calls;	   /* SAT calls, for budgets */
	int *pend;	   /* the clauses, each ended by 0: PicoSAT gets them at once */
	size_t npend, pendcap;
	uint8_t *pendpref; /* by pend entry: part of a preference's clause */
	/* for xsmall.c */
	const struct cat_solver *s;
	int *apps, *plats; /* library variables of the shape guard */
	size_t napps, nplats;
	uint32_t true_cl; /* the clause that makes the constant true */
	int32_t *smap;	  /* by variable: its number in the small solver, 0 */
	int *stouched;
	size_t nstouched, stouchcap;
	struct xnear *near; /* xnear.c, built on its first use */
};

/* What an explanation may be made of. */
enum xel_kind { XEL_DEC, XEL_PREF, XEL_GROUP };

struct xel {
	uint8_t kind;
	int32_t id;	   /* decision id, preference index or group index */
	uint32_t first, n; /* its literals: set->lits[first .. first + n) */
};

/* Candidate elements plus hard literals (always assumed). */
struct xset {
	struct xel *v;
	size_t n, cap;
	int *lits;
	size_t nlits, litcap;
	int *hard;
	size_t nhard, hardcap;
};

/* xsolve.c */
struct xsolver *xs_get(struct cat_solver *s);
/* A PicoSAT of its own with the explainer's clauses (the preferences' too if prefs) and
 * the unit clauses units[0..n). */
PicoSAT *xs_copy(const struct xsolver *x, const int *units, size_t n, int prefs);
int xs_sat(struct xsolver *x, const struct xset *e, const uint8_t *in);
void xset_hard(struct xset *e, int lit);
void xset_add(struct xset *e, enum xel_kind k, int32_t id, const int *lits, size_t n);
void xset_add_groups(struct xset *e, const struct xsolver *x);
void xset_add_decisions(struct xset *e, const struct assume *a, int32_t skip);
void xset_free(struct xset *e);
/* Deletion-based minimal core: in[] (by element) marks it; 0 when satisfiable. */
int xs_core(struct xsolver *x, const struct xset *e, uint8_t *in);
/* xsmall.c: xs_sat's answer from the clauses the assumptions switch on, for the hard
 * literals and those of elements live[0..nlive) that in[] (by element of e) marks, asked
 * again and again as in[] loses elements: 1 satisfiable, 0 unsatisfiable (no failed
 * assumptions: ask xs_sat for those), -1 cannot tell. live must outlive the small solver. */
struct xsmall;
struct xsmall *xs_small_open(struct xsolver *x, const struct xset *e, const size_t *live,
			     size_t nlive);
int xs_small_sat(struct xsmall *m, const uint8_t *in);
/* After an unsatisfiable xs_small_sat: keeps in in[] the elements whose literals failed. */
void xs_small_failed(struct xsmall *m, uint8_t *in);
void xs_small_close(struct xsmall *m);
/* After an unsatisfiable xs_sat: marks the elements (among in) whose literals failed. */
void xs_failed(struct xsolver *x, const struct xset *e, uint8_t *in);

/* xnear.c: for lits that every constraint together rules out by propagation alone, the
 * reason found in the fewest steps, made minimal: e gets the shape and lits as hard and the
 * groups as elements, *in (allocated) marks the minimal core. 0 (e untouched): not found
 * by propagation, ask xs_core. */
int xnear_core(struct xsolver *x, const int *lits, size_t nlits, struct xset *e, uint8_t **in);
void xnear_free(struct xnear *n);

/* derive.c: unit propagation over a chosen subset of the clauses, with reasons. */
struct deriv {
	const struct cat_solver *s;
	int8_t *val;
	int32_t *reason, *dec_of;
	uint32_t *cl;
	size_t ncl, clcap;
	uint8_t *cl_in, *var_in;
};
void deriv_init(struct deriv *d, const struct cat_solver *s);
void deriv_free(struct deriv *d);
void deriv_add_clause(struct deriv *d, const struct xsolver *x, uint32_t c);
/* Adds the clauses of the core's groups and preferences. */
void deriv_add_core(struct deriv *d, const struct xsolver *x, const struct xset *e,
		    const uint8_t *in);
/* Assigns lit (reason R_DECISION, R_PREF, ...); -1 when it is already false. */
int deriv_assume(struct deriv *d, int lit, int32_t reason, int32_t dec);
int deriv_assume_core(struct deriv *d, const struct xset *e, const uint8_t *in, int32_t *dec);
long deriv_propagate(struct deriv *d); /* a falsified clause, or -1 */

/* chain.c: a derivation walked back into steps. */
struct walk {
	const struct cat_solver *s;
	const struct cat_profile *p; /* for decisions */
	const int8_t *val;	     /* 1 / -1 by variable */
	const int32_t *reason, *dec_of;
	struct cat_expl *out;
	size_t cap;
	int32_t *step_of; /* by variable: its step, -1 */
	/* a named variable that propagation did not settle: explained by the caller */
	long (*unsettled)(struct walk *w, int var, int depth);
	void *arg;
	int32_t wish; /* the decision that is the wish (why not), or -1 */
	/* a resolve's walk: by variable, settled by the decisions alone (else NULL) */
	const uint8_t *decided;
};
void walk_init(struct walk *w, const struct cat_solver *s, const struct cat_profile *p,
	       struct cat_expl *out);
void walk_done(struct walk *w);
long walk_var(struct walk *w, int var, int depth);
/* Antecedents of clause c (all but skip): named or decided variables, looking through
 * definitions; returns the clause that names the constraint (or -1). */
long walk_reasons(struct walk *w, long c, int skip, int *vars, size_t *n, size_t max);
struct cat_step *walk_new_step(struct walk *w, enum cat_step_kind k, const char *name, int depth);
/* The chain of a set of core clauses that propagation alone cannot order: one step. */
long walk_together(struct walk *w, const struct xsolver *x, const struct xset *e, const uint8_t *in,
		   const char *name, const char *value, const char *conclusion, int depth);
void expl_summary(struct cat_expl *e, const char *conclusion);
struct cat_expl *expl_new(const char *name, const char *value, const struct cat_profile *p);
void expl_add_core(struct cat_expl *ex, const struct cat_solver *s, const struct xset *e,
		   const uint8_t *in, const struct cat_profile *p);

/* words.c: constraints and values in words. */
const char *field_name(uint8_t kind); /* "depends", "one provider", ... (NULL: none) */
void cref_of(const struct cat_solver *s, long c, struct cat_cref *out);
void cref_group(const struct cat_solver *s, uint8_t kind, uint32_t subject, struct cat_cref *out);
/* Points out at lib's lib.json, at key path k0[.k1[.k2]] (the key itself when k2 is NULL). */
void locate(const struct cat_catalog *cat, size_t lib, const char *k0, const char *k1,
	    const char *k2, struct cat_cref *out);
char *state_words(const struct cat_solver *s, int var, int sign);
/* An expression as it reads in a sentence: a plain name, or "(a && b)". */
char *expr_words(const char *text);
char *phrase_of(const struct cat_solver *s, long c, int var);
char *phrase_group(const struct cat_solver *s, uint8_t kind, uint32_t subject);
char *value_of(const struct cat_solver *s, int var, int sign);
const char *var_subject(const struct cat_solver *s, int var);
/* "you chose the app hello", "you turned net on", "you set NET_MTU to 600" */
char *decision_words(const struct cat_profile *p, const struct cat_catalog *cat, int32_t dec);
/* The value a decision asks for, as steps print values: on, off, 42, "debug", the app. */
char *decision_value(const struct cat_profile *p, int32_t dec);
void decision_place(const struct cat_profile *p, int32_t dec, struct cat_step *st,
		    const char *file);
/* The catalog's own copy of a decision's name (decisions may belong to a temporary). */
const char *decision_name(const struct cat_solver *s, const struct cat_profile *p, int32_t dec);

/* "you want tracer on", "you want PRINTK_LEVEL to be \"debug\"" */
char *wish_words(const struct cat_profile *p, const struct cat_catalog *cat, int32_t dec);

/* conflict.c: a wish (name = value) as a decision in a copy of the profile. */
struct wish {
	const char *name;      /* the catalog's name, NULL: the profile as it is */
	char *value;	       /* as shown: "on", "\"debug\"" */
	struct cat_profile *q; /* the profile with the wish */
	int32_t dec;	       /* the wish's decision in q, or -1 */
	int lit;	       /* an interface wished for: its literal, else 0 */
	char *conclusion;      /* "tracer cannot be on" */
};
int wish_make(struct cat_solver *s, const struct cat_profile *p, const char *name,
	      const char *value, struct wish *w, struct cat_err *err);
void wish_free(struct wish *w);
/* The candidates for a wish: q's decisions but the wish, every constraint; the wish hard. */
void wish_elements(struct cat_solver *s, const struct wish *w, struct xset *e);
/* fix.c: the target of platform library l: q's architecture when l has it, else l's first. */
char *target_for(const struct cat_profile *q, const struct cat_lib *l);
/* why.c: a literal explained from a minimal core over e (decisions, defaults, groups). */
long explain_core(struct walk *w, struct xsolver *x, struct xset *e, int lit, int depth);

#endif

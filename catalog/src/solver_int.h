/*
 * Private state of the resolver: the CNF encoding of a catalog (each clause tagged with
 * the constraint it comes from), PicoSAT, and a unit propagator with reasons that turns
 * the final assignment into provenance ("forced by printk.depends").
 */
#ifndef KILN_SOLVER_INT_H
#define KILN_SOLVER_INT_H

#include <picosat/picosat.h>

#include "cat_int.h"

/* What a clause encodes; subject is a library, option or interface index. */
enum origin_kind {
	O_DEF,	       /* definition of an auxiliary variable (expressions, "active") */
	O_TRUE,	       /* the constant true */
	O_LIB_DEPENDS, /* library depends / conflicts / selects / requires / platforms */
	O_LIB_CONFLICTS,
	O_LIB_SELECTS,
	O_LIB_REQUIRES,
	O_LIB_PLATFORMS,
	O_IFACE_ONE, /* at most one provider of an interface */
	O_IFACE_DEF, /* an interface is there when one of its providers is */
	O_OPT_LIB,   /* an option exists only while its library is on */
	O_OPT_DEPENDS,
	O_OPT_CONFLICTS,
	O_OPT_SELECTS,
	O_OPT_ONE,    /* an active choice holds exactly one value */
	O_PREF_OPT,   /* preference: the option's default */
	O_PREF_IFACE, /* preference: the interface's default provider */
	O_PREF_LIB,   /* preference: a library is off unless needed */
};

/* What a variable stands for. */
enum var_kind { V_AUX, V_TRUE, V_LIB, V_IFACE, V_OPT, V_SLOT, V_ACT, V_PREF };

struct origin {
	uint8_t kind;
	uint32_t subject;
};

/* Reasons other than a clause index. */
#define R_NONE	   (-1)
#define R_DECISION (-2) /* a user decision (assumption) */
#define R_PREF	   (-3) /* a preference literal, assumed */
#define R_FIXED	   (-4) /* an assumption that keeps the encoding honest (string "other") */
#define R_SEARCH   (-5) /* found by the SAT solver, beyond unit propagation */

struct watch {
	int *c;
	uint32_t n, cap;
};

struct pref {
	int var;
	uint8_t kind; /* O_PREF_* */
	uint32_t subject;
	int single; /* for a one-literal preference: that literal, else 0 */
};

struct cat_solver {
	const struct cat_catalog *cat;
	PicoSAT *ps;
	int nvars;
	uint8_t *vkind; /* by variable */
	uint32_t *vidx;
	size_t vkindcap, vidxcap;
	/* clauses: lits[start[c] .. start[c+1]) */
	int *lits;
	size_t nlits, litcap;
	uint32_t *start;
	struct origin *orig;
	size_t ncl, clcap;
	int *lib_var, *iface_var, *opt_var, *act_var, *slot_base;
	struct pref *prefs;
	size_t nprefs, prefcap;
	/* unit propagation */
	int8_t *val;
	int32_t *reason;
	int32_t *dec_of; /* decision index of an assumed variable */
	int *trail;
	size_t ntrail, qhead, base;
	size_t decided; /* trail length once the user's decisions are propagated */
	struct watch *watch;
	int8_t *model; /* the SAT solver's last model, by variable */
	/* the literal of each depends / conflicts / selects expression (0: none), for checks */
	int (*lib_expr)[3], (*opt_expr)[3];
	struct xsolver *x; /* the explainer (explain_int.h), built on first use */
};

/* The assumptions of one resolve: literals, each tied to the decision it expresses
 * (the profile's index; ndecs: the app; ndecs + 1: the targets; -1: fixed). */
struct assume {
	int *lit;
	int32_t *dec;
	size_t n, cap;
};

/* enc.c */
int enc_new_var(struct cat_solver *s, enum var_kind k, uint32_t idx);
void enc_clause(struct cat_solver *s, enum origin_kind k, uint32_t subject, const int *lits,
		size_t n);
int enc_expr(struct cat_solver *s, const struct cat_expr *e);
void enc_catalog(struct cat_solver *s);
void enc_feed(struct cat_solver *s); /* the encoding into PicoSAT, after enc_prefs */
/* prefs.c */
void enc_prefs(struct cat_solver *s);
/* solve.c */
void assume_push(struct assume *a, int lit, int32_t dec);
void assume_free(struct assume *a);
void build_assumptions(struct cat_solver *s, const struct cat_profile *p, struct assume *a);
/* xsolve.c */
void xs_free(struct xsolver *x);
/* prop.c */
void up_init(struct cat_solver *s);
void up_free(struct cat_solver *s);
int up_value(const struct cat_solver *s, int lit); /* 1, -1 or 0 */
void up_assign(struct cat_solver *s, int lit, int32_t reason);
long up_propagate(struct cat_solver *s); /* conflicting clause, or -1 */
void up_undo(struct cat_solver *s, size_t mark);

#endif

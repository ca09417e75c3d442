/*
 * The resolver: profile + catalog -> a complete assignment, or the user's decisions that
 * cannot all hold. The user's decisions are PicoSAT assumptions; then each preference
 * (prefs.c) is assumed in order and kept when a solution remains: the result satisfies
 * every constraint, every decision, and as many defaults as the order allows. A
 * propagator (prop.c) replays the same steps to record why each value is what it is.
 */
#include <stdlib.h>
#include <string.h>

#include "profile_int.h"
#include "result_int.h"
#include "solver_int.h"

struct cat_solver *cat_solver_new(const struct cat_catalog *cat, struct cat_err *err)
{
	struct cat_solver *s = xcalloc(1, sizeof(*s));

	if (!cat->finished) {
		cat_err_add(err, NULL, 0, 0, "resolver: the catalog is not finished");
		free(s);
		return NULL;
	}
	s->cat = cat;
	enc_catalog(s);
	enc_prefs(s);
	up_init(s);
	return s;
}

/*
 * PicoSAT, made on the first question unit propagation does not answer (greedy below):
 * a resolution that propagation settles, and the explainer's questions (asked of a
 * solver of their own, xsolve.c), never need it, and handing it a catalog of 2,000
 * libraries costs a dozen milliseconds.
 */
static PicoSAT *picosat_of(struct cat_solver *s)
{
	if (!s->ps) {
		s->ps = picosat_init();
		picosat_set_global_default_phase(s->ps, 0); /* libraries and options off */
		picosat_set_plain(s->ps, 1); /* no failed-literal probing: see xsolve.c */
		enc_feed(s);
	}
	return s->ps;
}

void cat_solver_free(struct cat_solver *s)
{
	if (!s)
		return;
	up_free(s);
	if (s->ps)
		picosat_reset(s->ps);
	free(s->vkind);
	free(s->vidx);
	free(s->lits);
	free(s->start);
	free(s->orig);
	free(s->lib_var);
	free(s->iface_var);
	free(s->opt_var);
	free(s->act_var);
	free(s->slot_base);
	free(s->prefs);
	free(s->lib_expr);
	free(s->opt_expr);
	xs_free(s->x);
	free(s);
}

void cat_solver_stats(const struct cat_solver *s, size_t *nvars, size_t *nclauses)
{
	*nvars = (size_t)s->nvars;
	*nclauses = s->ncl;
}

void assume_push(struct assume *a, int lit, int32_t dec)
{
	if (a->n == a->cap) {
		a->cap = a->cap ? a->cap * 2 : 64;
		a->lit = xrealloc(a->lit, a->cap * sizeof(*a->lit));
		a->dec = xrealloc(a->dec, a->cap * sizeof(*a->dec));
	}
	a->lit[a->n] = lit;
	a->dec[a->n++] = dec;
}

void assume_free(struct assume *a)
{
	free(a->lit);
	free(a->dec);
	memset(a, 0, sizeof(*a));
}

static void assume_option(struct cat_solver *s, struct assume *a, const struct cat_decision *d,
			  int32_t di)
{
	long oi = cat_find_opt(s->cat, d->name);
	const struct cat_opt *o = &s->cat->opts[oi];
	const struct cat_domain *dom = &s->cat->dom[oi];
	int slot;

	if (o->type == CAT_BOOL) {
		assume_push(a, d->val.num ? s->opt_var[oi] : -s->opt_var[oi], di);
	} else if (dom->nslots) {
		slot = dom_slot(dom, d->val.str);
		assume_push(a, s->slot_base[oi] + (slot >= 0 ? slot : (int)dom->nslots - 1), di);
	} else {
		assume_push(a, s->act_var[oi], di); /* a value for an option asks for the option */
	}
}

/* Decisions as literals: decision ids are the profile's indices, then app, then targets. */
void build_assumptions(struct cat_solver *s, const struct cat_profile *p, struct assume *a)
{
	const struct cat_catalog *cat = s->cat;
	int32_t app = (int32_t)p->ndecs, targets = app + 1;
	long al = profile_app_lib(p, cat);

	for (size_t i = 0; i < cat->nlibs; i++) {
		if (cat_kind_is_app(cat->libs[i].kind))
			assume_push(a, (long)i == al ? s->lib_var[i] : -s->lib_var[i], app);
		if (cat->libs[i].kind != CAT_PLATFORM)
			continue;
		int on = 0;

		for (size_t t = 0; t < p->ntargets; t++)
			on |= cat_target_lib(cat, p->targets[t]) == (long)i;
		assume_push(a, on ? s->lib_var[i] : -s->lib_var[i], targets);
	}
	for (size_t i = 0; i < p->ndecs; i++) {
		if (p->decs[i].kind == CAT_DEC_LIB) {
			long li = cat_find_lib(cat, p->decs[i].name);

			assume_push(a, p->decs[i].val.num ? s->lib_var[li] : -s->lib_var[li],
				    (int32_t)i);
		} else {
			assume_option(s, a, &p->decs[i], (int32_t)i);
		}
	}
	/* A compared string takes the "other" value only when the user typed one. */
	for (size_t i = 0; i < cat->nopts; i++) {
		const struct cat_domain *dom = &cat->dom[i];

		if (dom->other && !cat_profile_find(p, cat->opts[i].name))
			assume_push(a, -(s->slot_base[i] + (int)dom->nslots - 1), -1);
	}
}

/* Every clause has a true literal in the model: a model made outside PicoSAT is checked. */
static int model_holds(const struct cat_solver *s)
{
	for (size_t c = 0; c < s->ncl; c++) {
		uint32_t k = s->start[c];

		while (k < s->start[c + 1] && s->model[abs(s->lits[k])] * s->lits[k] <= 0)
			k++;
		if (k == s->start[c + 1])
			return 0;
	}
	return 1;
}

/*
 * A model by propagation alone: from the trail plus lits and extra, the preferences are
 * set true where propagation allows, then each variable still free is set false (PicoSAT's
 * phases here: prefs.c) and propagated. Most of a large
 * catalog's variables are free and nothing conflicts, so one pass finds a model where
 * PicoSAT spent ~26,000 decisions (mixed shape: 36 ms); on a conflict PicoSAT decides.
 * Which model is found changes no answer: a preference is kept exactly when a model
 * with it exists. The trail is left as it was found.
 */
static int greedy(struct cat_solver *s, const int *lits, size_t n, int extra)
{
	size_t mark = s->ntrail;
	int ok = 1;

	for (size_t i = 0; i <= n && ok; i++) {
		int l = i < n ? lits[i] : extra;

		if (!l || up_value(s, l) == 1)
			continue;
		ok = up_value(s, l) == 0;
		if (ok)
			up_assign(s, l, R_SEARCH);
	}
	ok = ok && up_propagate(s) < 0;
	for (size_t i = 0; i < s->nprefs && ok; i++) {
		size_t at = s->ntrail;

		if (up_value(s, s->prefs[i].var))
			continue;
		up_assign(s, s->prefs[i].var, R_SEARCH);
		if (up_propagate(s) >= 0)
			up_undo(s, at);
	}
	for (int v = 1; v <= s->nvars && ok; v++)
		if (!s->val[v]) {
			up_assign(s, -v, R_SEARCH);
			ok = up_propagate(s) < 0;
		}
	if (ok)
		memcpy(s->model, s->val, (size_t)s->nvars + 1);
	up_undo(s, mark);
	return ok && model_holds(s);
}

static int sat(struct cat_solver *s, const int *lits, size_t n, int extra)
{
	PicoSAT *ps;

	if (greedy(s, lits, n, extra))
		return 1;
	ps = picosat_of(s);
	for (size_t i = 0; i < n; i++)
		picosat_assume(ps, lits[i]);
	if (extra)
		picosat_assume(ps, extra);
	if (picosat_sat(ps, -1) != PICOSAT_SATISFIABLE)
		return 0;
	for (int v = 1; v <= s->nvars; v++)
		s->model[v] = (int8_t)picosat_deref(ps, v);
	return 1;
}

/*
 * A preference that cannot hold: its single literal's opposite is implied by what is
 * settled so far, so it is settled now (explanations find its reason by re-solving).
 */
static void refuted(struct cat_solver *s, const struct pref *pr, size_t mark)
{
	up_undo(s, mark);
	if (pr->single && !up_value(s, pr->single)) {
		up_assign(s, -pr->single, R_SEARCH);
		up_propagate(s);
	}
}

/* Tries one preference: kept when propagation and (if needed) the solver allow it. */
static void try_pref(struct cat_solver *s, const struct pref *pr, struct assume *kept)
{
	size_t mark = s->ntrail;

	if (up_value(s, pr->var))
		return; /* already refuted by propagation (p false) */
	up_assign(s, pr->var, R_PREF);
	if (up_propagate(s) >= 0)
		refuted(s, pr, mark);
	else if (s->model[pr->var] == 1 || sat(s, kept->lit, kept->n, pr->var))
		assume_push(kept, pr->var, -1);
	else
		refuted(s, pr, mark);
}

/*
 * The decisions first, all of them, then propagation: so a decided value is credited to
 * the decision, not to whatever else would also imply it.
 */
static int replay_decisions(struct cat_solver *s, const struct assume *a)
{
	for (size_t i = 0; i < a->n; i++) {
		int v = abs(a->lit[i]);

		if (up_value(s, a->lit[i]) == 1)
			continue;
		if (up_value(s, a->lit[i]) == -1)
			return -1;
		up_assign(s, a->lit[i], a->dec[i] >= 0 ? R_DECISION : R_FIXED);
		s->dec_of[v] = a->dec[i];
	}
	return up_propagate(s) >= 0 ? -1 : 0;
}

static void reset(struct cat_solver *s)
{
	for (size_t i = s->base; i < s->ntrail; i++)
		s->dec_of[abs(s->trail[i])] = -1;
	up_undo(s, s->base);
}

/* A profile's args reach the app only through library CAT_ARGS_LIB (the kernel command line
 * split into argv): with it off they would vanish without a word, so the profile is refused. */
static int args_delivered(const struct cat_result *r, const struct cat_profile *p,
			  struct cat_err *err)
{
	long li = cat_find_lib(r->cat, CAT_ARGS_LIB);

	if (!p->nargs || (li >= 0 && r->libs[li].on))
		return 0;
	cat_err_add(err, p->file, 0, 0,
		    "args: %zu argument%s given, but library " CAT_ARGS_LIB
		    " (which hands them to the app) is %s: turn it on (\"libraries\": "
		    "{\"" CAT_ARGS_LIB "\": true}) or drop \"args\"",
		    p->nargs, p->nargs == 1 ? "" : "s", li < 0 ? "not in the catalog" : "off");
	return -1;
}

int cat_solve(struct cat_solver *s, const struct cat_profile *p, struct cat_result **out,
	      struct cat_err *err)
{
	struct assume a = { 0 };
	int rc = 1;

	*out = NULL;
	if (cat_profile_check(p, s->cat, err) < 0)
		return 1;
	reset(s);
	build_assumptions(s, p, &a);
	if (!sat(s, a.lit, a.n, 0)) {
		report_conflict(s, p, err);
	} else if (replay_decisions(s, &a) < 0) {
		cat_err_add(err, NULL, 0, 0, "resolver: propagation disagrees with the solver");
	} else {
		s->decided = s->ntrail;
		for (size_t i = 0; i < s->nprefs; i++)
			try_pref(s, &s->prefs[i], &a);
		*out = result_build(s, p);
		rc = 0;
		if (result_verify(*out, err) < 0 || /* never expected: the hard gate */
		    args_delivered(*out, p, err) < 0) {
			cat_result_free(*out);
			*out = NULL;
			rc = 1;
		}
	}
	free(a.lit);
	free(a.dec);
	return rc;
}

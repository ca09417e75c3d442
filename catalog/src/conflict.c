/*
 * Why not: the wish (Y = value) is tried as one more decision; when the decisions and
 * the catalog rule it out, a minimal core of the user's decisions and the catalog's
 * constraints (explainer, xsolve.c) is replayed by propagation into a chain that ends at
 * the wish, worded like PubGrub's reports: "you turned exclusive on; exclusive conflicts
 * with net; so net cannot be on". A profile whose own decisions cannot all hold
 * (cat_solve's refusal) is the same question without a wish.
 */
#include <stdlib.h>
#include <string.h>

#include "explain_int.h"
#include "profile_int.h"

/*
 * A wish for an app or a platform library: the profile with that app, or with that one
 * target (value, when it is one of the platform's targets, else target_for's); the app or
 * the targets are then the wish's decision (ids ndecs and ndecs + 1).
 */
static int wish_head(struct cat_solver *s, long li, const char *value, struct wish *w,
		     struct cat_err *err)
{
	const struct cat_lib *l = &s->cat->libs[li];
	struct cat_profile *q = w->q;

	w->name = l->name;
	w->value = xstrdup("on");
	if (cat_kind_is_app(l->kind)) {
		free(q->app);
		free(q->app_dir);
		q->app = xstrdup(l->name);
		q->app_dir = NULL;
		w->dec = (int32_t)q->ndecs;
		return 0;
	}
	char *t = value && cat_target_lib(s->cat, value) == li ? xstrdup(value) : target_for(q, l);
	const char *one[1] = { t };
	int rc = cat_profile_set_targets(q, one, 1);

	free(t);
	w->dec = (int32_t)q->ndecs + 1;
	if (rc < 0)
		cat_err_add(err, NULL, 0, 0, "%s has no target", l->name);
	return rc;
}

static int wish_lib(struct cat_solver *s, long li, const char *value, struct wish *w,
		    struct cat_err *err)
{
	const struct cat_lib *l = &s->cat->libs[li];
	long long on = 1;

	if (l->kind != CAT_LIBRARY)
		return wish_head(s, li, value, w, err);
	if (value && text_bool(value, &on) < 0) {
		cat_err_add(err, NULL, 0, 0, "%s: \"%s\" is not a yes/no value", l->name, value);
		return -1;
	}
	w->name = l->name;
	cat_profile_set_lib(w->q, l->name, (int)on);
	w->value = xstrdup(on ? "on" : "off");
	return 0;
}

static int wish_opt(struct cat_solver *s, long oi, const char *value, struct wish *w,
		    struct cat_err *err)
{
	const struct cat_opt *o = &s->cat->opts[oi];
	const struct cat_decision *d;

	if (!value && o->type != CAT_BOOL) {
		cat_err_add(err, NULL, 0, 0, "%s: which value? (it is not a yes/no option)",
			    o->name);
		return -1;
	}
	if (cat_profile_set_opt(w->q, s->cat, o->name, value ? value : "y", err) < 0)
		return -1;
	w->name = o->name;
	d = cat_profile_find(w->q, o->name);
	if (d->jtype == CAT_J_BOOL)
		w->value = xstrdup(d->val.num ? "on" : "off");
	else if (d->jtype == CAT_J_INT)
		w->value = xasprintf("%lld", d->val.num);
	else
		w->value = xasprintf("\"%s\"", d->val.str);
	return 0;
}

static int wish_iface(struct cat_solver *s, int k, const char *value, struct wish *w,
		      struct cat_err *err)
{
	long long on = 1;

	if (value && text_bool(value, &on) < 0) {
		cat_err_add(err, NULL, 0, 0, "%s: \"%s\" is not a yes/no value",
			    s->cat->ifaces[k].name, value);
		return -1;
	}
	w->name = s->cat->ifaces[k].name;
	w->lit = on ? s->iface_var[k] : -s->iface_var[k];
	w->value = xstrdup(on ? "provided" : "not provided");
	return 0;
}

static int wish_find(struct cat_solver *s, const char *name, const char *value, struct wish *w,
		     struct cat_err *err)
{
	long li = cat_find_lib(s->cat, name), oi = cat_find_opt(s->cat, name);
	int k = iface_find(s->cat, name);
	const char *near;

	if (li >= 0)
		return wish_lib(s, li, value, w, err);
	if (oi >= 0)
		return wish_opt(s, oi, value, w, err);
	if (k >= 0)
		return wish_iface(s, k, value, w, err);
	near = cat_suggest(s->cat, name);
	cat_err_add(err, NULL, 0, 0, "no library, option or interface named '%s'%s%s%s", name,
		    near ? " (did you mean " : "", near ? near : "", near ? "?)" : "");
	return -1;
}

int wish_make(struct cat_solver *s, const struct cat_profile *p, const char *name,
	      const char *value, struct wish *w, struct cat_err *err)
{
	memset(w, 0, sizeof(*w));
	w->dec = -1;
	if (cat_profile_check(p, s->cat, err) < 0)
		return -1;
	w->q = profile_dup(p);
	if (!name) {
		w->conclusion = xstrdup("these decisions cannot all hold");
		return 0;
	}
	if (wish_find(s, name, value, w, err) < 0) {
		wish_free(w);
		return -1;
	}
	if (!w->lit && w->dec < 0)
		w->dec = (int32_t)(cat_profile_find(w->q, w->name) - w->q->decs);
	if (w->dec == (int32_t)w->q->ndecs)
		w->conclusion = xasprintf("the app cannot be %s", w->name);
	else if (w->dec == (int32_t)w->q->ndecs + 1)
		w->conclusion = xasprintf("the target cannot be %s", w->q->targets[0]);
	else
		w->conclusion = xasprintf("%s cannot be %s", w->name, w->value);
	return 0;
}

void wish_free(struct wish *w)
{
	cat_profile_free(w->q);
	free(w->value);
	free(w->conclusion);
	memset(w, 0, sizeof(*w));
}

void wish_elements(struct cat_solver *s, const struct wish *w, struct xset *e)
{
	struct assume a = { 0 };

	build_assumptions(s, w->q, &a);
	xset_add_decisions(e, &a, w->dec);
	if (w->lit)
		xset_hard(e, w->lit);
	xset_add_groups(e, xs_get(s));
	assume_free(&a);
}

/* ---- the chain ------------------------------------------------------------------------- */

/* The last step: the clause c that no value can satisfy any more. */
static void conflict_step(struct walk *w, long c, const char *conclusion)
{
	int vars[16];
	size_t n;
	long found = walk_reasons(w, c, 0, vars, &n, 16), prem[16];
	struct cat_step *st;

	for (size_t i = 0; i < n; i++)
		prem[i] = walk_var(w, vars[i], 1);
	st = walk_new_step(w, CAT_STEP_CONFLICT, NULL, 0);
	for (size_t i = 0; i < n && st->npremises < CAT_STEP_PREMISES; i++)
		if (prem[i] >= 0)
			st->premises[st->npremises++] = (size_t)prem[i];
	if (found >= 0) {
		cref_of(w->s, found, &st->by);
		st->name = st->by.subject;
	}
	st->value = xstrdup("");
	st->reason = found >= 0 ? phrase_of(w->s, found, 0) : xstrdup("the catalog");
	st->text = xasprintf("%s, so %s", st->reason, conclusion);
}

/* Two decisions on one variable: "you set NET_MTU to 600, which needs net on". */
static void clash_step(struct walk *w, int lit, int32_t dec, const char *conclusion)
{
	long first = walk_var(w, abs(lit), 1);
	struct cat_step *st = walk_new_step(w, CAT_STEP_CONFLICT, var_subject(w->s, abs(lit)), 0);
	char *said = decision_words(w->p, w->s->cat, dec);

	if (first >= 0)
		st->premises[st->npremises++] = (size_t)first;
	decision_place(w->p, dec, st, w->out->profile);
	st->value = value_of(w->s, abs(lit), lit > 0 ? 1 : -1);
	st->reason = xasprintf("%s, which needs %s %s", said, st->name, st->value);
	st->text = xasprintf("%s, so %s", st->reason, conclusion);
	free(said);
}

/* The wish's own step, when propagation refutes it before it is assumed. */
static void conclude(struct walk *w, long k, const struct wish *wish)
{
	struct cat_step *st = &w->out->steps[k];
	long oi = cat_find_opt(w->s->cat, wish->name);

	if (oi >= 0 && strcmp(st->name, wish->name)) { /* the option's library is off */
		st = walk_new_step(w, CAT_STEP_CONFLICT, wish->name, 0);
		st->premises[st->npremises++] = (size_t)k;
		w->out->steps[k].depth = 1;
		cref_group(w->s, O_OPT_LIB, (uint32_t)oi, &st->by);
		st->reason = phrase_group(w->s, O_OPT_LIB, (uint32_t)oi);
		st->value = xstrdup(wish->value);
	} else {
		st->kind = CAT_STEP_CONFLICT;
		free(st->text);
	}
	st->text = xasprintf("%s, so %s", st->reason, wish->conclusion);
}

static int wish_lit(const struct wish *w, const struct assume *a)
{
	if (w->lit)
		return w->lit;
	for (size_t i = 0; i < a->n; i++)
		if (a->dec[i] == w->dec)
			return a->lit[i];
	return 0;
}

static void chain(struct cat_solver *s, const struct wish *w, const struct xset *e,
		  const uint8_t *in, struct cat_expl *ex)
{
	struct deriv d;
	struct walk wk;
	struct assume a = { 0 };
	long c, k;
	int wl, clash;
	int32_t cdec = -1;

	build_assumptions(s, w->q, &a);
	wl = wish_lit(w, &a);
	deriv_init(&d, s);
	deriv_add_core(&d, s->x, e, in);
	clash = deriv_assume_core(&d, e, in, &cdec);
	for (size_t i = 0; i < a.n; i++)
		if (a.dec[i] < 0)
			deriv_assume(&d, a.lit[i], R_FIXED, -1);
	walk_init(&wk, s, w->q, ex);
	wk.val = d.val, wk.reason = d.reason, wk.dec_of = d.dec_of, wk.wish = w->dec;
	c = clash ? -1 : deriv_propagate(&d);
	if (clash)
		clash_step(&wk, clash, cdec, w->conclusion);
	else if (c < 0 && wl && d.val[abs(wl)] == (wl > 0 ? -1 : 1) &&
		 (k = walk_var(&wk, abs(wl), 0)) >= 0) {
		conclude(&wk, k, w);
	} else {
		if (c < 0 && wl && deriv_assume(&d, wl, R_DECISION, w->dec) == 0)
			c = deriv_propagate(&d);
		if (c >= 0)
			conflict_step(&wk, c, w->conclusion);
		else
			walk_together(&wk, s->x, e, in, w->name ? w->name : "the profile",
				      w->value ? w->value : "", w->conclusion, 0);
	}
	walk_done(&wk);
	deriv_free(&d);
	assume_free(&a);
}

struct cat_expl *cat_explain_why_not(struct cat_solver *s, const struct cat_profile *p,
				     const char *name, const char *value, struct cat_err *err)
{
	struct wish w;
	struct xset e = { 0 };
	struct cat_expl *ex;
	uint8_t *in;

	if (wish_make(s, p, name, value, &w, err) < 0)
		return NULL;
	wish_elements(s, &w, &e);
	in = xmalloc(e.n + 1);
	ex = expl_new(w.name, w.value, p);
	if (!xs_core(s->x, &e, in)) {
		ex->possible = 1;
		ex->summary = xasprintf("nothing rules out %s = %s",
					w.name ? w.name : "the profile", w.value ? w.value : "");
	} else {
		expl_add_core(ex, s, &e, in, w.q);
		chain(s, &w, &e, in, ex);
		expl_summary(ex, w.conclusion);
	}
	free(in);
	xset_free(&e);
	wish_free(&w);
	return ex;
}

/* ---- cat_solve's refusal --------------------------------------------------------------- */

static void describe(const struct cat_profile *p, const struct cat_step *st, struct cat_err *err)
{
	const char *file = p->file ? p->file : "(profile)";
	const struct cat_decision *x;

	if (st->dec_kind == CAT_DEC_APP) {
		cat_err_add(err, file, p->app_line, p->app_col, "app: %s", p->app);
		return;
	}
	if (st->dec_kind == CAT_DEC_TARGETS) {
		struct sbuf b = { 0 };

		for (size_t i = 0; i < p->ntargets; i++)
			sb_printf(&b, " %s", p->targets[i]);
		cat_err_add(err, file, p->targets_line, p->targets_col, "targets:%s",
			    b.s ? b.s : "");
		sb_free(&b);
		return;
	}
	x = &p->decs[st->decision];
	const char *kind = x->kind == CAT_DEC_LIB ? "libraries" : "options";

	if (x->jtype == CAT_J_BOOL)
		cat_err_add(err, file, x->line, x->col, "%s.%s: %s", kind, x->name,
			    x->val.num ? "true" : "false");
	else if (x->jtype == CAT_J_INT)
		cat_err_add(err, file, x->line, x->col, "%s.%s: %lld", kind, x->name, x->val.num);
	else
		cat_err_add(err, file, x->line, x->col, "%s.%s: \"%.60s\"", kind, x->name,
			    x->val.str);
}

/*
 * "these decisions cannot all hold:", each decision of the minimal core at its place in
 * the profile, then each link of the chain at its place in its lib.json.
 */
void report_conflict(struct cat_solver *s, const struct cat_profile *p, struct cat_err *err)
{
	struct cat_expl *ex = cat_explain_why_not(s, p, NULL, NULL, err);

	if (!ex)
		return;
	cat_err_add(err, p->file ? p->file : "(profile)", 0, 0, "these decisions cannot all hold:");
	for (size_t i = 0; i < ex->ncore_decs; i++)
		describe(p, &ex->core_decs[i], err);
	for (size_t i = 0; i < ex->nsteps; i++) {
		const struct cat_step *st = &ex->steps[i];

		if (st->kind == CAT_STEP_DECISION && !strcmp(st->text, st->reason))
			continue; /* listed above */
		if (st->by.file)
			cat_err_add(err, st->by.file, st->by.line, st->by.col, "%s", st->text);
		else
			cat_err_add(err, p->file, st->line, st->col, "%s", st->text);
	}
	cat_expl_free(ex);
}

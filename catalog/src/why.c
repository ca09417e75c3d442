/*
 * Provenance: from the propagator's reasons to "user", "default" or "forced by a named
 * constraint", and the chains behind them (kiln why). A reason clause that only defines an
 * auxiliary variable is looked through, back to the lib.json field that caused it.
 */
#include <stdlib.h>
#include <string.h>

#include "explain_int.h"
#include "profile_int.h"

#define EXPLAIN_MAX_DEPTH 64

const char *cat_prov_name(enum cat_prov p)
{
	static const char *const names[] = { "user", "default", "forced", "inactive" };

	return p <= CAT_PROV_INACTIVE ? names[p] : "?";
}

static int is_named(enum var_kind k)
{
	return k == V_LIB || k == V_IFACE || k == V_OPT || k == V_SLOT;
}

long explain(const struct cat_solver *s, const int32_t *reason, long c, int skip, int *named,
	     size_t *nnamed, size_t max, int depth)
{
	long found = s->orig[c].kind != O_DEF ? c : -1;

	for (uint32_t i = s->start[c]; i < s->start[c + 1]; i++) {
		int v = abs(s->lits[i]);
		enum var_kind k = (enum var_kind)s->vkind[v];

		if (v == skip)
			continue;
		if (is_named(k) && named) {
			size_t j;

			for (j = 0; j < *nnamed && named[j] != v; j++)
				;
			if (j == *nnamed && *nnamed < max)
				named[(*nnamed)++] = v;
		} else if ((k == V_AUX || k == V_ACT) && reason[v] >= 0 &&
			   depth < EXPLAIN_MAX_DEPTH) {
			long f = explain(s, reason, reason[v], v, named, nnamed, max, depth + 1);

			if (found < 0)
				found = f;
		}
	}
	return found;
}

void origin_of(const struct cat_result *r, long c, struct cat_origin *o)
{
	const struct cat_catalog *cat = r->cat;
	const struct origin *g = &r->s->orig[c];
	memset(o, 0, sizeof(*o));
	if (g->kind == O_DEF || g->kind == O_TRUE)
		return;
	/* the menu's wording of old: "the library of NET_MTU" */
	o->field = g->kind == O_OPT_LIB ? "library" : field_name(g->kind);
	switch (g->kind) {
	case O_IFACE_ONE:
	case O_IFACE_DEF:
	case O_PREF_IFACE:
		o->subject = cat->ifaces[g->subject].name;
		break;
	case O_OPT_LIB:
	case O_OPT_DEPENDS:
	case O_OPT_CONFLICTS:
	case O_OPT_SELECTS:
	case O_OPT_ONE:
	case O_PREF_OPT:
		o->subject = cat->opts[g->subject].name;
		o->file = cat->libs[cat->opts[g->subject].lib].file;
		break;
	default:
		o->subject = cat->libs[g->subject].name;
		o->file = cat->libs[g->subject].file;
	}
}

static void user_origin(const struct cat_result *r, long d, struct cat_origin *o)
{
	const struct cat_profile *p = r->prof;

	o->file = p->file;
	if (d < (long)p->ndecs) {
		o->subject = p->decs[d].name;
		o->field = p->decs[d].kind == CAT_DEC_LIB ? "libraries" : "options";
	} else {
		o->subject = d == (long)p->ndecs ? p->app : "targets";
		o->field = d == (long)p->ndecs ? "app" : "targets";
	}
}

/*
 * A provider is on because its interface is needed ("the provider of libc is nolibc"):
 * the provenance names what needs the interface (boot's requires), which is what a user
 * can act on; the interface's own clause stays in the chain (kiln why). Else c itself.
 */
static long needer_of(const struct cat_result *r, int var, long c)
{
	const struct origin *g = &r->s->orig[c];
	int v;
	long need;

	if (g->kind != O_IFACE_DEF || !result_var_true(r, var))
		return c;
	v = r->s->iface_var[g->subject];
	if (r->reason[v] < 0)
		return c;
	need = explain(r->s, r->reason, r->reason[v], v, NULL, NULL, 0, 0);
	return need >= 0 ? need : c;
}

void prov_of(const struct cat_result *r, int var, struct cat_setting *out)
{
	int32_t why = r->reason[var];

	out->decision = -1;
	memset(&out->origin, 0, sizeof(out->origin));
	out->prov = CAT_PROV_FORCED;
	if (why == R_DECISION) {
		out->prov = CAT_PROV_USER;
		out->decision = r->dec_of[var];
		user_origin(r, out->decision, &out->origin);
		if (out->decision >= (long)r->prof->ndecs)
			out->decision = -1;
		return;
	}
	if (r->s->vkind[var] == V_LIB && !result_var_true(r, var) && !r->decided[var] &&
	    r->cat->libs[r->s->vidx[var]].kind == CAT_LIBRARY) {
		/* Off, and the user's decisions alone do not say so: nothing needs it. */
		out->prov = CAT_PROV_DEFAULT;
		out->origin = (struct cat_origin){ r->cat->libs[r->s->vidx[var]].name,
						   "off unless needed", NULL };
		return;
	}
	if (why < 0)
		return; /* beyond propagation: the constraints together */
	long c = explain(r->s, r->reason, why, var, NULL, NULL, 0, 0);

	if (c < 0)
		return;
	if (r->s->orig[c].kind >= O_PREF_OPT)
		out->prov = CAT_PROV_DEFAULT;
	origin_of(r, needer_of(r, var, c), &out->origin);
}

/* ---- kiln why ----------------------------------------------------------------------------- */

struct why_walk {
	const struct cat_result *r;
	struct cat_why *steps;
	size_t max, n;
	uint8_t *seen;
};

static const char *var_name(const struct cat_result *r, int v)
{
	uint32_t i = r->s->vidx[v];

	switch (r->s->vkind[v]) {
	case V_LIB:
		return r->cat->libs[i].name;
	case V_IFACE:
		return r->cat->ifaces[i].name;
	default:
		return r->cat->opts[i].name;
	}
}

static void var_value(const struct cat_result *r, int v, char *buf, size_t n)
{
	int on = result_var_true(r, v);

	if (r->s->vkind[v] == V_SLOT) {
		uint32_t oi = r->s->vidx[v];
		const char *slot = r->cat->dom[oi].slots[v - r->s->slot_base[oi]];

		snprintf(buf, n, "%s\"%s\"", on ? "" : "not ", slot);
	} else {
		snprintf(buf, n, "%s", on ? "y" : "n");
	}
}

static void walk(struct why_walk *w, int v, int depth)
{
	const struct cat_result *r = w->r;
	struct cat_setting st;
	int named[16];
	size_t nn = 0;

	if (w->seen[v])
		return;
	w->seen[v] = 1;
	prov_of(r, v, &st);
	if (w->n < w->max) {
		struct cat_why *s = &w->steps[w->n];

		s->depth = depth;
		s->name = var_name(r, v);
		var_value(r, v, s->value, sizeof(s->value));
		s->prov = st.prov;
		s->origin = st.origin;
	}
	w->n++;
	if (r->reason[v] >= 0 &&
	    !(st.origin.field && !strcmp(st.origin.field, "off unless needed")))
		explain(r->s, r->reason, r->reason[v], v, named, &nn, 16, 0);
	for (size_t i = 0; i < nn; i++)
		walk(w, named[i], depth + 1);
}

/* The variable that tells an option's story: its value's, or its library's. */
static int option_var(const struct cat_result *r, long oi)
{
	const struct cat_solver *s = r->s;
	const struct cat_domain *dom = &r->cat->dom[oi];

	if (!r->opts[oi].on || (!s->opt_var[oi] && !dom->nslots))
		return s->lib_var[r->cat->opts[oi].lib];
	if (s->opt_var[oi])
		return s->opt_var[oi];
	for (size_t k = 0; k < dom->nslots; k++)
		if (result_var_true(r, s->slot_base[oi] + (int)k))
			return s->slot_base[oi] + (int)k;
	return s->lib_var[r->cat->opts[oi].lib];
}

long cat_result_why(const struct cat_result *r, const char *name, struct cat_why *steps, size_t max)
{
	struct why_walk w = { r, steps, max, 0, xcalloc((size_t)r->s->nvars + 1, 1) };
	long li = cat_find_lib(r->cat, name), oi = cat_find_opt(r->cat, name);
	int k = iface_find(r->cat, name);

	if (li >= 0) {
		walk(&w, r->s->lib_var[li], 0);
	} else if (k >= 0) {
		walk(&w, r->s->iface_var[k], 0);
	} else if (oi >= 0) {
		int v = option_var(r, oi);
		int own = r->s->opt_var[oi] == v || r->s->vkind[v] == V_SLOT;

		if (!own && max) { /* the option's own line, then its library's story */
			steps[0].depth = 0;
			steps[0].name = r->cat->opts[oi].name;
			cat_value_str(r, -1, oi, steps[0].value, sizeof(steps[0].value));
			steps[0].prov = r->opts[oi].prov;
			steps[0].origin = r->opts[oi].origin;
			w.n = 1;
		}
		walk(&w, v, own ? 0 : 1);
	} else {
		free(w.seen);
		return -1;
	}
	free(w.seen);
	return (long)w.n;
}

/* ---- explanations as chains (cat_explain_why) ---------------------------------------------- */

long explain_core(struct walk *w, struct xsolver *x, struct xset *e, int lit, int depth)
{
	uint8_t *in;
	struct deriv d;
	long k = -1;
	int v = abs(lit);

	xset_hard(e, -lit);
	in = xmalloc(e->n + 1);
	if (xs_core(x, e, in)) {
		deriv_init(&d, w->s);
		deriv_add_core(&d, x, e, in);
		int32_t dec;

		deriv_assume_core(&d, e, in, &dec);
		for (size_t i = 0; i + 1 < e->nhard; i++)
			deriv_assume(&d, e->hard[i], R_FIXED, -1);
		deriv_propagate(&d);
		struct walk sub = *w;

		sub.val = d.val, sub.reason = d.reason, sub.dec_of = d.dec_of;
		sub.unsettled = NULL, sub.decided = NULL;
		if (d.val[v] == (lit > 0 ? 1 : -1)) {
			w->step_of[v] = -1;
			k = walk_var(&sub, v, depth);
		} else {
			char *val = value_of(w->s, v, lit > 0 ? 1 : -1);
			char *c = state_words(w->s, v, lit > 0 ? 1 : -1);

			k = walk_together(&sub, x, e, in, var_subject(w->s, v), val, c, depth);
			free(val);
			free(c);
		}
		w->cap = sub.cap;
		deriv_free(&d);
	}
	free(in);
	return k;
}

/*
 * A value the propagation did not settle (the solver found it by search): its reason is
 * a minimal core of the decisions, the defaults kept before it and the constraints.
 */
static long unsettled(struct walk *w, int var, int depth)
{
	const struct cat_result *r = w->arg;
	struct cat_solver *s = (struct cat_solver *)r->s; /* builds its explainer on demand */
	struct xsolver *x = xs_get(s);
	struct assume a = { 0 };
	struct xset e = { 0 };
	long k;

	build_assumptions(s, r->prof, &a);
	xset_add_decisions(&e, &a, -1);
	for (size_t i = 0; i < s->nprefs; i++) {
		int p = s->prefs[i].var;

		if (r->reason[p] == R_PREF && r->model[p] == 1 && r->pos[p] < r->pos[var])
			xset_add(&e, XEL_PREF, (int32_t)i, &p, 1);
	}
	xset_add_groups(&e, x);
	k = explain_core(w, x, &e, r->model[var] > 0 ? var : -var, depth);
	xset_free(&e);
	assume_free(&a);
	return k;
}

/* An option without a variable of its own (int, hex, a string never compared). */
static long plain_value_step(struct walk *w, const struct cat_result *r, long oi)
{
	const struct cat_setting *st = &r->opts[oi];
	const struct cat_opt *o = &r->cat->opts[oi];
	char buf[80];
	struct cat_step *sp;

	cat_value_str(r, -1, oi, buf, sizeof(buf));
	if (st->prov == CAT_PROV_USER) {
		sp = walk_new_step(w, CAT_STEP_DECISION, o->name, 0);
		decision_place(r->prof, (int32_t)st->decision, sp, w->out->profile);
		sp->reason = decision_words(r->prof, r->cat, (int32_t)st->decision);
		sp->text = xstrdup(sp->reason);
	} else {
		sp = walk_new_step(w, CAT_STEP_DEFAULT, o->name, 0);
		cref_group(r->s, O_PREF_OPT, (uint32_t)oi, &sp->by);
		sp->reason = phrase_group(r->s, O_PREF_OPT, (uint32_t)oi);
		sp->text = xasprintf("%s, so %s is %s", sp->reason, o->name, buf);
	}
	sp->value = xstrdup(buf);
	return (long)(sp - w->out->steps);
}

/* An option that is off because its library is: one more step after the library's. */
static void unavailable_step(struct walk *w, const struct cat_result *r, long oi, long lib_step)
{
	struct cat_step *sp = walk_new_step(w, CAT_STEP_IMPLIED, r->cat->opts[oi].name, 0);

	cref_group(r->s, O_OPT_LIB, (uint32_t)oi, &sp->by);
	sp->reason = phrase_group(r->s, O_OPT_LIB, (uint32_t)oi);
	sp->text = xasprintf("%s, so %s is unavailable", sp->reason, sp->name);
	sp->value = xstrdup("unavailable");
	if (lib_step >= 0) {
		sp->premises[0] = (size_t)lib_step;
		sp->npremises = 1;
		w->out->steps[lib_step].depth = 1;
	}
}

/* An inactive option: its "active" variable (its library's when it has no depends). */
static long why_option(struct walk *w, const struct cat_result *r, long oi)
{
	const struct cat_solver *s = r->s;
	int act = s->act_var[oi], v = 0;
	long k;

	if (!result_var_true(r, act)) { /* (a bool option's "on" is its value) */
		k = walk_var(w, act, 0);
		if (s->vkind[act] == V_LIB) {
			unavailable_step(w, r, oi, k);
			k = (long)w->out->nsteps - 1;
		}
		return k;
	}
	if (s->opt_var[oi])
		v = s->opt_var[oi];
	for (size_t i = 0; !v && i < r->cat->dom[oi].nslots; i++)
		if (result_var_true(r, s->slot_base[oi] + (int)i))
			v = s->slot_base[oi] + (int)i;
	return v ? walk_var(w, v, 0) : plain_value_step(w, r, oi);
}

struct cat_expl *cat_explain_why(const struct cat_result *r, const char *name, struct cat_err *err)
{
	long li = cat_find_lib(r->cat, name), oi = cat_find_opt(r->cat, name), k = -1;
	int fi = iface_find(r->cat, name);
	struct cat_expl *ex;
	struct walk w;

	if (li < 0 && oi < 0 && fi < 0) {
		const char *near = cat_suggest(r->cat, name);

		cat_err_add(err, NULL, 0, 0, "no library, option or interface named '%s'%s%s%s",
			    name, near ? " (did you mean " : "", near ? near : "",
			    near ? "?)" : "");
		return NULL;
	}
	ex = expl_new(li >= 0	? r->cat->libs[li].name
		      : oi >= 0 ? r->cat->opts[oi].name
				: r->cat->ifaces[fi].name,
		      NULL, r->prof);
	walk_init(&w, r->s, r->prof, ex);
	w.val = r->model, w.reason = r->reason, w.dec_of = r->dec_of;
	w.unsettled = unsettled, w.arg = (void *)r, w.decided = r->decided;
	if (li >= 0)
		k = walk_var(&w, r->s->lib_var[li], 0);
	else if (fi >= 0)
		k = walk_var(&w, r->s->iface_var[fi], 0);
	else
		k = why_option(&w, r, oi);
	walk_done(&w);
	if (k >= 0) {
		char *c = xasprintf("%s is %s", ex->steps[k].name, ex->steps[k].value);

		free(ex->value);
		ex->value = xstrdup(ex->steps[k].value);
		expl_summary(ex, c);
		free(c);
	}
	return ex;
}

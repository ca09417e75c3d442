/*
 * From a derivation (values, and for each the clause that forced it) to a chain of steps:
 * walk back from the value asked about through the clauses' other literals to the user's
 * decisions and the kept defaults, and emit each step after its premises, so the chain
 * reads as a proof: "you chose the app httpd; httpd depends on lwip, so lwip is on; lwip
 * selects uksched, so uksched is on". Clauses that only define sub-expressions are looked
 * through, back to the lib.json field that made them.
 */
#include <stdlib.h>
#include <string.h>

#include "explain_int.h"

#define WALK_MAX_DEPTH 64
#define WALK_MAX_NAMED 16
#define IN_PROGRESS    (-2)

void walk_init(struct walk *w, const struct cat_solver *s, const struct cat_profile *p,
	       struct cat_expl *out)
{
	memset(w, 0, sizeof(*w));
	w->s = s;
	w->p = p;
	w->out = out;
	w->wish = -1;
	w->step_of = xmalloc(((size_t)s->nvars + 1) * sizeof(*w->step_of));
	memset(w->step_of, 0xff, ((size_t)s->nvars + 1) * sizeof(*w->step_of));
}

void walk_done(struct walk *w)
{
	free(w->step_of);
	w->step_of = NULL;
}

struct cat_step *walk_new_step(struct walk *w, enum cat_step_kind k, const char *name, int depth)
{
	struct cat_expl *e = w->out;
	struct cat_step *st;

	vgrow(&e->steps, &w->cap, e->nsteps, sizeof(*e->steps));
	st = &e->steps[e->nsteps++];
	memset(st, 0, sizeof(*st));
	st->kind = k;
	st->name = name;
	st->depth = depth;
	st->decision = -1;
	return st;
}

/* A variable that is a premise in its own right: a name, or anything the user decided. */
static int is_premise(const struct walk *w, int v)
{
	enum var_kind k = (enum var_kind)w->s->vkind[v];

	if (k == V_LIB || k == V_IFACE || k == V_OPT || k == V_SLOT)
		return 1;
	return w->reason[v] == R_DECISION || w->reason[v] == R_FIXED;
}

static long reasons(struct walk *w, long c, int skip, int *vars, size_t *n, size_t max, int depth)
{
	const struct cat_solver *s = w->s;
	uint8_t kind = s->orig[c].kind;
	long found = kind != O_DEF && kind != O_TRUE ? c : -1;

	for (uint32_t i = s->start[c]; i < s->start[c + 1]; i++) {
		int v = abs(s->lits[i]);
		enum var_kind k = (enum var_kind)s->vkind[v];
		size_t j;

		if (v == skip || k == V_TRUE || k == V_PREF)
			continue;
		if (is_premise(w, v)) {
			for (j = 0; j < *n && vars[j] != v; j++)
				;
			if (j == *n && *n < max)
				vars[(*n)++] = v;
		} else if (w->reason[v] >= 0 && depth < WALK_MAX_DEPTH) {
			long f = reasons(w, w->reason[v], v, vars, n, max, depth + 1);

			found = found < 0 ? f : found;
		}
	}
	return found;
}

static int cmp_int(const void *a, const void *b)
{
	return *(const int *)a - *(const int *)b;
}

/* The premises in variable order: the propagator reorders a clause's literals as it
 * watches them, and a chain must read the same however often the solver ran. */
long walk_reasons(struct walk *w, long c, int skip, int *vars, size_t *n, size_t max)
{
	long found;

	*n = 0;
	found = reasons(w, c, skip, vars, n, max, 0);
	qsort(vars, *n, sizeof(*vars), cmp_int);
	return found;
}

static void add_premise(struct cat_step *st, long k)
{
	for (size_t i = 0; i < st->npremises; i++)
		if (st->premises[i] == (size_t)k)
			return;
	if (k >= 0 && st->npremises < CAT_STEP_PREMISES)
		st->premises[st->npremises++] = (size_t)k;
}

static void finish_step(struct walk *w, struct cat_step *st, int var, int sign, char *reason,
			int natural)
{
	char *state = state_words(w->s, var, sign);

	st->value = value_of(w->s, var, sign);
	st->reason = reason;
	st->text = natural ? xstrdup(reason) : xasprintf("%s, so %s", reason, state);
	free(state);
}

static long decision_step(struct walk *w, int var, int depth)
{
	int32_t dec = w->dec_of[var];
	int sign = w->val[var];
	int wish = dec == w->wish;
	struct cat_step *st = walk_new_step(w, wish ? CAT_STEP_WISH : CAT_STEP_DECISION,
					    var_subject(w->s, var), depth);

	decision_place(w->p, dec, st, w->out->profile);
	/* "you set NET_MTU to 600" is its own reason; "..., so net is on" says more */
	int natural = dec < (int32_t)w->p->ndecs
			      ? !strcmp(decision_name(w->s, w->p, dec), var_subject(w->s, var))
			      : sign > 0;

	finish_step(w, st, var, sign,
		    wish ? wish_words(w->p, w->s->cat, dec) : decision_words(w->p, w->s->cat, dec),
		    natural);
	if (wish)
		st->line = st->col = 0;
	return (long)(st - w->out->steps);
}

/* An option's "active" variable, settled by its definition: the option of a library. */
static void act_origin(struct walk *w, int var, const int *vars, size_t n, struct cat_step *st)
{
	uint32_t oi = w->s->vidx[var];
	int lib = w->s->lib_var[w->s->cat->opts[oi].lib];
	uint8_t kind = O_OPT_DEPENDS;

	for (size_t i = 0; i < n; i++)
		kind = vars[i] == lib ? O_OPT_LIB : kind;
	cref_group(w->s, kind, oi, &st->by);
	st->reason = phrase_group(w->s, kind, oi);
}

static long implied_step(struct walk *w, int var, int depth)
{
	int vars[WALK_MAX_NAMED], sign = w->val[var];
	size_t n;
	long c = walk_reasons(w, w->reason[var], var, vars, &n, WALK_MAX_NAMED);
	long prem[WALK_MAX_NAMED];
	struct cat_step *st;

	for (size_t i = 0; i < n; i++)
		prem[i] = walk_var(w, vars[i], depth + 1);
	st = walk_new_step(w, CAT_STEP_IMPLIED, var_subject(w->s, var), depth);
	for (size_t i = 0; i < n; i++)
		add_premise(st, prem[i]);
	if (c >= 0) {
		cref_of(w->s, c, &st->by);
		if (!st->by.file && w->s->vkind[var] == V_LIB) /* a provider: its "provides" */
			locate(w->s->cat, w->s->vidx[var], "provides", NULL, NULL, &st->by);
		if (w->s->orig[c].kind >= O_PREF_OPT)
			st->kind = CAT_STEP_DEFAULT;
		finish_step(w, st, var, sign, phrase_of(w->s, c, var), 0);
	} else {
		act_origin(w, var, vars, n, st);
		finish_step(w, st, var, sign, st->reason, 0);
	}
	return (long)(st - w->out->steps);
}

static long fixed_step(struct walk *w, int var, int depth)
{
	struct cat_step *st = walk_new_step(w, CAT_STEP_DEFAULT, var_subject(w->s, var), depth);

	finish_step(w, st, var, w->val[var],
		    xasprintf("the profile sets no other value for %s", st->name), 0);
	return (long)(st - w->out->steps);
}

/* A library (or interface) that is off though the decisions alone allow it on: the
 * resolver keeps things off unless something needs them, so that is the reason. */
static int idle(const struct walk *w, int var)
{
	enum var_kind k = (enum var_kind)w->s->vkind[var];

	if (!w->decided || w->val[var] > 0 || w->decided[var])
		return 0;
	return k == V_IFACE || (k == V_LIB && w->s->cat->libs[w->s->vidx[var]].kind == CAT_LIBRARY);
}

static long idle_step(struct walk *w, int var, int depth)
{
	const char *name = var_subject(w->s, var);
	struct cat_step *st = walk_new_step(w, CAT_STEP_DEFAULT, name, depth);
	int lib = w->s->vkind[var] == V_LIB;

	if (lib)
		cref_group(w->s, O_PREF_LIB, w->s->vidx[var], &st->by);
	else
		st->by = (struct cat_cref){ .subject = name, .field = "off unless needed" };
	finish_step(w, st, var, -1,
		    lib ? xasprintf("nothing that is on needs %s", name)
			: xasprintf("nothing that is on needs a provider of %s", name),
		    0);
	return (long)(st - w->out->steps);
}

long walk_var(struct walk *w, int var, int depth)
{
	int32_t why = w->reason[var];
	long k;

	if (w->step_of[var] != -1)
		return w->step_of[var] == IN_PROGRESS ? -1 : w->step_of[var];
	w->step_of[var] = IN_PROGRESS;
	if (idle(w, var))
		k = idle_step(w, var, depth);
	else if (why == R_DECISION)
		k = decision_step(w, var, depth);
	else if (why == R_FIXED)
		k = fixed_step(w, var, depth);
	else if (why >= 0)
		k = implied_step(w, var, depth);
	else
		k = w->unsettled ? w->unsettled(w, var, depth) : -1;
	w->step_of[var] = (int32_t)k;
	return k;
}

/* Premises for the core's decisions, and the core's constraints named in one step. */
long walk_together(struct walk *w, const struct xsolver *x, const struct xset *e, const uint8_t *in,
		   const char *name, const char *value, const char *conclusion, int depth)
{
	struct sbuf b = { 0 };
	long prem[CAT_STEP_PREMISES];
	size_t np = 0;
	struct cat_step *st;
	struct cat_cref first = { 0 };

	for (size_t i = 0; i < e->n; i++) {
		const struct xel *el = &e->v[i];
		const struct xgroup *g;
		char *ph;

		if (!in[i])
			continue;
		if (el->kind == XEL_DEC && np < CAT_STEP_PREMISES)
			prem[np++] = walk_var(w, abs(e->lits[el->first]), depth + 1);
		if (el->kind == XEL_DEC)
			continue;
		g = el->kind == XEL_GROUP ? &x->groups[el->id] : NULL;
		if (g && !b.s)
			cref_group(w->s, g->kind, g->subject, &first);
		ph = g ? phrase_group(w->s, g->kind, g->subject)
		       : phrase_group(w->s, w->s->prefs[el->id].kind, w->s->prefs[el->id].subject);
		sb_printf(&b, "%s%s", b.s ? "; " : "", ph);
		free(ph);
	}
	st = walk_new_step(w, CAT_STEP_IMPLIED, name, depth);
	for (size_t i = 0; i < np; i++)
		add_premise(st, prem[i]);
	st->by = first;
	st->value = xstrdup(value);
	st->reason = b.s ? b.s : xstrdup("the catalog's constraints");
	st->text =
		xasprintf("%s, so %s (no other value satisfies them all)", st->reason, conclusion);
	return (long)(st - w->out->steps);
}

/* ---- explanations as a whole ----------------------------------------------------------- */

struct cat_expl *expl_new(const char *name, const char *value, const struct cat_profile *p)
{
	struct cat_expl *e = xcalloc(1, sizeof(*e));

	e->name = name;
	e->profile = p && p->file ? xstrdup(p->file) : NULL;
	e->value = xstrdup(value ? value : "");
	return e;
}

static int is_noise(const struct cat_step *st)
{
	return st->by.field && !strcmp(st->by.field, "values");
}

/* "you chose the app httpd; httpd depends on lwip; ...; so uksched is on" */
void expl_summary(struct cat_expl *e, const char *conclusion)
{
	struct sbuf b = { 0 };

	for (size_t i = 0; i < e->nsteps; i++) {
		const char *r = e->steps[i].reason;
		size_t j;

		for (j = 0; j < i && strcmp(e->steps[j].reason, r); j++)
			;
		if (j == i && !is_noise(&e->steps[i]))
			sb_printf(&b, "%s; ", r);
	}
	sb_printf(&b, "so %s", conclusion);
	free(e->summary);
	e->summary = b.s;
}

static void step_free(struct cat_step *st)
{
	free(st->value);
	free(st->reason);
	free(st->text);
}

void cat_expl_free(struct cat_expl *e)
{
	if (!e)
		return;
	for (size_t i = 0; i < e->nsteps; i++)
		step_free(&e->steps[i]);
	for (size_t i = 0; i < e->ncore_decs; i++)
		step_free(&e->core_decs[i]);
	free(e->steps);
	free(e->core_decs);
	free(e->core);
	free(e->value);
	free(e->summary);
	free(e->profile);
	free(e);
}

/* The core itself: its decisions (as steps) and its constraints, in element order. */
void expl_add_core(struct cat_expl *ex, const struct cat_solver *s, const struct xset *e,
		   const uint8_t *in, const struct cat_profile *p)
{
	const struct xsolver *x = s->x;

	for (size_t i = 0; i < e->n; i++) {
		const struct xel *el = &e->v[i];

		if (!in[i] || el->kind == XEL_PREF)
			continue;
		if (el->kind == XEL_GROUP) {
			ex->core = xrealloc(ex->core, (ex->ncore + 1) * sizeof(*ex->core));
			cref_group(s, x->groups[el->id].kind, x->groups[el->id].subject,
				   &ex->core[ex->ncore++]);
			continue;
		}
		ex->core_decs =
			xrealloc(ex->core_decs, (ex->ncore_decs + 1) * sizeof(*ex->core_decs));
		struct cat_step *st = &ex->core_decs[ex->ncore_decs++];

		memset(st, 0, sizeof(*st));
		st->kind = CAT_STEP_DECISION;
		decision_place(p, el->id, st, ex->profile);
		st->name = decision_name(s, p, el->id);
		st->reason = decision_words(p, s->cat, el->id);
		st->text = xstrdup(st->reason);
		st->value = decision_value(p, el->id);
	}
}

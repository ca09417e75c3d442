/*
 * kiln check: what no profile can ever change, asked of the explainer with every
 * constraint on and only the shape of a profile assumed (one app, some target):
 *   - dead libraries, options and choice values: no profile can turn them on;
 *   - constant options: no profile can change their value while they are available;
 *   - constraints that can never hold (a depends, selects or requires that cannot be
 *     met, a conflicts that always or never bites);
 *   - interfaces that a library requires on a platform where no provider runs.
 * Every model the solver finds is harvested: a value seen in any valid configuration
 * needs no question of its own, so most checks cost nothing. The questions go to a PicoSAT
 * of their own in which every constraint and the shape are unit clauses (xs_copy): asked
 * of the explainer, each one re-propagated every constraint's selector, a millisecond a
 * question on a catalog of 2,000 libraries. The explainer is left to the explanations.
 */
#include <stdlib.h>
#include <string.h>

#include "explain_int.h"

#define CAN_TRUE  1
#define CAN_FALSE 2

struct lint {
	struct cat_solver *s;
	struct xsolver *x;
	PicoSAT *ps; /* the questions': the explainer's clauses, every constraint on */
	struct cat_check *out;
	size_t cap;
	uint8_t *can;	   /* by variable: seen true / false in some valid configuration */
	uint8_t *dead;	   /* by library */
	uint8_t *off_seen; /* by bool option: seen available and off */
	uint8_t *bound;	   /* by option: its values appear in a constraint not its own */
	size_t missing;	   /* values not seen yet, when the phases were last set */
	int steered;	   /* no model since the phases were last set */
};

/*
 * An option whose values no constraint but its own existence names (no expression, no
 * conflicts or selects of its own) can take each of them in any configuration where it is
 * available: change its value and every clause still holds. Such options are "free".
 */
static void find_bound(struct lint *l)
{
	const struct cat_solver *s = l->s;

	for (size_t c = 0; c < s->ncl; c++) {
		uint8_t k = s->orig[c].kind;

		if (k >= O_PREF_OPT)
			continue;
		for (uint32_t i = s->start[c]; i < s->start[c + 1]; i++) {
			int v = abs(s->lits[i]);
			uint32_t oi = s->vidx[v];

			if ((s->vkind[v] == V_OPT || s->vkind[v] == V_SLOT) &&
			    ((k != O_OPT_LIB && k != O_OPT_DEPENDS && k != O_OPT_ONE) ||
			     s->orig[c].subject != oi))
				l->bound[oi] = 1;
		}
	}
}

static void harvest(struct lint *l)
{
	const struct cat_solver *s = l->s;
	PicoSAT *ps = l->ps;

	for (int v = 1; v <= s->nvars; v++)
		l->can[v] |= picosat_deref(ps, v) > 0 ? CAN_TRUE : CAN_FALSE;
	for (size_t i = 0; i < s->cat->nopts; i++) {
		if (picosat_deref(ps, s->act_var[i]) <= 0)
			continue;
		if (s->opt_var[i] && picosat_deref(ps, s->opt_var[i]) < 0)
			l->off_seen[i] = 1;
		if (l->bound[i])
			continue;
		if (s->opt_var[i]) { /* free: on and off while available alike */
			l->can[s->opt_var[i]] |= CAN_TRUE | CAN_FALSE;
			l->off_seen[i] = 1;
		}
		for (size_t k = 0; k < s->cat->dom[i].nslots; k++)
			l->can[s->slot_base[i] + (int)k] |= CAN_TRUE;
	}
}

/*
 * Asks the next model to show what is still unseen: libraries on (their options with
 * them), but a provider already seen on, which leaves its interface's one place to another
 * provider; values not yet seen. A bool option seen on is asked off until it is seen off
 * while available, then on again so that the options depending on it are available in the
 * next model (else every one of them costs its own "is it always on" question).
 */
static size_t steer(struct lint *l)
{
	const struct cat_solver *s = l->s;
	PicoSAT *ps = l->ps;
	size_t missing = 0;

	if (l->steered)
		return l->missing; /* no new model: the phases set last still hold */
	for (int v = 1; v <= s->nvars; v++) {
		enum var_kind k = (enum var_kind)s->vkind[v];
		int want = !(l->can[v] & CAN_TRUE) ? 1 : -1; /* seen both: off */
		int seen = l->can[v] == (CAN_TRUE | CAN_FALSE);

		if (k == V_LIB) /* on, but a provider seen on: its interface's place to others */
			want = !(l->can[v] & CAN_TRUE) || !s->cat->libs[s->vidx[v]].provides.n ? 1
											       : -1;
		else if (k == V_OPT && (l->can[v] & CAN_TRUE))
			want = l->off_seen[s->vidx[v]] ? 1 : -1; /* on: options depending on it */
		else if (k != V_OPT && k != V_SLOT && k != V_AUX && k != V_ACT)
			continue;
		if (k == V_OPT && seen && !l->off_seen[s->vidx[v]])
			seen = 0;
		missing += !seen && k != V_LIB;
		picosat_set_default_phase_lit(ps, v, want);
	}
	l->steered = 1;
	return l->missing = missing;
}

/* A model with lits, steered to show something new; harvested. */
static int sat_with(struct lint *l, const int *lits, size_t n)
{
	int ok;

	steer(l);
	for (size_t i = 0; i < n; i++)
		picosat_assume(l->ps, lits[i]);
	l->x->calls++;
	ok = picosat_sat(l->ps, -1) == PICOSAT_SATISFIABLE;
	if (ok) {
		harvest(l);
		l->steered = 0;
	}
	return ok;
}

static int can(struct lint *l, int lit)
{
	if (!lit || (l->can[abs(lit)] & (lit > 0 ? CAN_TRUE : CAN_FALSE)))
		return 1;
	return sat_with(l, &lit, 1);
}

/* The constraints that rule lits out, minimal, in one sentence: the nearest reason when
 * propagation finds one (xnear.c), else the explainer's. */
static char *why_never(struct lint *l, const int *lits, size_t n)
{
	struct xset e = { 0 };
	struct sbuf b = { 0 };
	uint8_t *in = NULL;
	int found = xnear_core(l->x, lits, n, &e, &in);

	if (!found) {
		xset_hard(&e, l->x->shape);
		for (size_t i = 0; i < n; i++)
			xset_hard(&e, lits[i]);
		xset_add_groups(&e, l->x);
		in = xmalloc(e.n + 1);
		found = xs_core(l->x, &e, in);
	}
	for (size_t i = 0; found && i < e.n; i++) {
		const struct xgroup *g = &l->x->groups[e.v[i].id];
		char *ph;

		if (!in[i])
			continue;
		ph = phrase_group(l->s, g->kind, g->subject);
		sb_printf(&b, "%s%s", b.s ? "; " : "", ph);
		free(ph);
	}
	free(in);
	xset_free(&e);
	return b.s;
}

/* An issue; lit (and lit2) are what can never hold, for the chain that shows it. */
static void issue2(struct lint *l, enum cat_issue_kind k, const char *subject,
		   const struct cat_cref *at, char *text, int lit, int lit2)
{
	int lits[2] = { lit, lit2 };
	struct cat_issue *is;

	vgrow(&l->out->v, &l->cap, l->out->n, sizeof(*l->out->v));
	is = &l->out->v[l->out->n++];
	is->kind = k;
	is->subject = subject;
	is->at = *at;
	is->text = text;
	is->why = lit || k == CAT_ISSUE_NO_PROFILE ? why_never(l, lits,
							       lit2  ? 2
							       : lit ? 1
								     : 0)
						   : NULL;
}

static void issue(struct lint *l, enum cat_issue_kind k, const char *subject,
		  const struct cat_cref *at, char *text, int lit)
{
	issue2(l, k, subject, at, text, lit, 0);
}

/* ---- libraries and options ---------------------------------------------------------------- */

/* depends / conflicts / selects of a library (kind0 = O_LIB_DEPENDS) or option. */
static char *never(const char *name, const char *verb, const char *expr, const char *tail)
{
	char *e = expr_words(expr), *out = xasprintf("%s %s %s, %s", name, verb, e, tail);

	free(e);
	return out;
}

/* depends / conflicts / selects of a library (kind0 = O_LIB_DEPENDS) or option. */
static int check_exprs(struct lint *l, const int lits[3], uint8_t kind0, uint32_t subj,
		       const char *name)
{
	static const char *const verbs[] = { "depends on", "conflicts with", "selects" };
	struct cat_cref at;
	int bad = 0;

	for (int f = 0; f < 3; f++) {
		int lit = f == 1 ? -lits[f] : lits[f];

		if (!lits[f] || can(l, lit))
			continue;
		cref_group(l->s, (uint8_t)(kind0 + f), subj, &at);
		issue(l, CAT_ISSUE_NEVER_HOLDS, name, &at,
		      never(name, verbs[f], at.expr,
			    f == 1 ? "which always holds" : "which can never hold"),
		      lit);
		bad = 1;
	}
	if (lits[1] && !can(l, lits[1])) {
		cref_group(l->s, (uint8_t)(kind0 + 1), subj, &at);
		issue(l, CAT_ISSUE_NEVER_HOLDS, name, &at,
		      never(name, verbs[1], at.expr, "which can never hold: it rules nothing out"),
		      lits[1]);
	}
	return bad;
}

static int check_requires(struct lint *l, size_t li)
{
	const struct cat_lib *lib = &l->s->cat->libs[li];
	int bad = 0;

	for (size_t k = 0; k < lib->requires.n; k++) {
		int fi = iface_find(l->s->cat, lib->requires.v[k]);
		struct cat_cref at = { .subject = lib->name, .field = "requires" };

		if (can(l, l->s->iface_var[fi]))
			continue;
		locate(l->s->cat, li, "requires", NULL, NULL, &at);
		issue(l, CAT_ISSUE_NEVER_HOLDS, lib->name, &at,
		      xasprintf("%s requires a provider of %s, but none can ever be on", lib->name,
				lib->requires.v[k]),
		      l->s->iface_var[fi]);
		bad = 1;
	}
	return bad;
}

static void check_lib(struct lint *l, size_t li)
{
	const struct cat_lib *lib = &l->s->cat->libs[li];
	int v = l->s->lib_var[li], bad;
	struct cat_cref at = { .subject = lib->name, .field = "name" };

	bad = check_exprs(l, l->s->lib_expr[li], O_LIB_DEPENDS, (uint32_t)li, lib->name);
	bad |= check_requires(l, li);
	if (!bad && can(l, v)) /* a constraint of its own that cannot hold: it is never on */
		return;
	l->dead[li] = 1;
	if (bad)
		return; /* the constraint said it */
	locate(l->s->cat, li, "name", NULL, NULL, &at);
	issue(l, CAT_ISSUE_DEAD, lib->name, &at, xasprintf("%s can never be on", lib->name), v);
}

static void option_at(struct lint *l, size_t oi, struct cat_cref *at)
{
	const struct cat_opt *o = &l->s->cat->opts[oi];

	memset(at, 0, sizeof(*at));
	at->subject = o->name;
	at->field = "options";
	locate(l->s->cat, o->lib, "options", o->name, NULL, at);
}

static void check_values(struct lint *l, size_t oi)
{
	const struct cat_domain *d = &l->s->cat->dom[oi];
	const char *name = l->s->cat->opts[oi].name;
	size_t n = d->nslots - (size_t)d->other, alive = 0, last = 0;
	struct cat_cref at;

	option_at(l, oi, &at);
	for (size_t k = 0; k < n; k++) {
		int slot = l->s->slot_base[oi] + (int)k;

		if (can(l, slot)) {
			alive++, last = k;
			continue;
		}
		issue(l, CAT_ISSUE_DEAD, name, &at,
		      xasprintf("%s can never be \"%s\"", name, d->slots[k]), slot);
	}
	if (alive == 1 && !d->other)
		issue(l, CAT_ISSUE_CONSTANT, name, &at,
		      xasprintf("%s can only be \"%s\"", name, d->slots[last]), 0);
}

static void check_opt(struct lint *l, size_t oi)
{
	const struct cat_opt *o = &l->s->cat->opts[oi];
	int act = l->s->act_var[oi], v = l->s->opt_var[oi];
	struct cat_cref at;

	if (l->dead[o->lib] ||
	    check_exprs(l, l->s->opt_expr[oi], O_OPT_DEPENDS, (uint32_t)oi, o->name))
		return;
	option_at(l, oi, &at);
	if (!can(l, act)) {
		issue(l, CAT_ISSUE_DEAD, o->name, &at,
		      xasprintf("%s can never be available", o->name), act);
	} else if (v && !can(l, v)) {
		issue(l, CAT_ISSUE_DEAD, o->name, &at, xasprintf("%s can never be on", o->name), v);
	} else if (v && !l->off_seen[oi] && !sat_with(l, (int[]){ act, -v }, 2)) {
		issue2(l, CAT_ISSUE_CONSTANT, o->name, &at,
		       xasprintf("%s is always on when available", o->name), act, -v);
	} else if (l->s->cat->dom[oi].nslots) {
		check_values(l, oi);
	}
}

/* ---- interfaces and platforms --------------------------------------------------------------- */

static int runs_on(const struct cat_lib *lib, const char *plat)
{
	if (lib->kind == CAT_PLATFORM)
		return !strcmp(lib->platform, plat);
	for (size_t i = 0; i < lib->platforms.n; i++)
		if (!strcmp(lib->platforms.v[i], plat))
			return 1;
	return lib->platforms.n == 0;
}

static void check_iface_on(struct lint *l, size_t fi, const char *plat)
{
	const struct cat_catalog *cat = l->s->cat;
	const struct cat_iface *f = &cat->ifaces[fi];

	for (size_t k = 0; k < f->nprov; k++)
		if (!l->dead[f->prov[k]] && runs_on(&cat->libs[f->prov[k]], plat))
			return;
	for (size_t i = 0; i < cat->nlibs; i++) {
		const struct cat_lib *lib = &cat->libs[i];
		struct cat_cref at = { .subject = lib->name, .field = "requires" };

		for (size_t k = 0; k < lib->requires.n && !l->dead[i] && runs_on(lib, plat); k++) {
			if (strcmp(lib->requires.v[k], f->name))
				continue;
			locate(cat, i, "requires", NULL, NULL, &at);
			issue(l, CAT_ISSUE_NO_PROVIDER, lib->name, &at,
			      xasprintf("%s requires a provider of %s, but none runs on %s",
					lib->name, f->name, plat),
			      0);
		}
	}
}

/* ---- the whole check ------------------------------------------------------------------------ */

/*
 * Before any question: models steered towards what is still unseen, until a round shows
 * nothing new. Most values are seen this way, in a handful of solver calls.
 */
static void warm_up(struct lint *l)
{
	size_t before;

	do {
		before = steer(l);
		sat_with(l, NULL, 0);
	} while (steer(l) < before);
}

struct cat_check *cat_check(struct cat_solver *s)
{
	const struct cat_catalog *cat = s->cat;
	struct lint l = { .s = s, .x = xs_get(s), .out = xcalloc(1, sizeof(struct cat_check)) };
	size_t calls = l.x->calls;

	l.can = xcalloc((size_t)s->nvars + 1, 1);
	l.dead = xcalloc(cat->nlibs + 1, 1);
	l.off_seen = xcalloc(cat->nopts + 1, 1);
	l.bound = xcalloc(cat->nopts + 1, 1);
	find_bound(&l);
	l.ps = xs_copy(l.x, (int[]){ l.x->shape, l.x->all }, 2, 0); /* no defaults here */
	if (!sat_with(&l, NULL, 0)) {
		struct cat_cref at = { 0 };

		issue(&l, CAT_ISSUE_NO_PROFILE, "catalog", &at,
		      xstrdup("no profile can resolve: the catalog contradicts itself"), 0);
	} else {
		warm_up(&l);
		for (size_t i = 0; i < cat->nlibs; i++)
			check_lib(&l, i);
		for (size_t i = 0; i < cat->nopts; i++)
			check_opt(&l, i);
		for (size_t i = 0; i < cat->nifaces; i++)
			for (size_t p = 0; p < cat->plats.n; p++)
				check_iface_on(&l, i, cat->plats.v[p]);
	}
	l.out->sat_calls = l.x->calls - calls;
	picosat_reset(l.ps);
	free(l.can);
	free(l.dead);
	free(l.off_seen);
	free(l.bound);
	return l.out;
}

void cat_check_free(struct cat_check *c)
{
	if (!c)
		return;
	for (size_t i = 0; i < c->n; i++) {
		free(c->v[i].text);
		free(c->v[i].why);
	}
	free(c->v);
	free(c);
}

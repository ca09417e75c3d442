/*
 * Smallest fixes: for a wish Y = value, the smallest sets of the user's decisions whose
 * change lets Y have it (minimal correction sets over the decisions; every catalog
 * constraint stays hard). They are the minimal hitting sets of the minimal cores
 * (Reiter, "A theory of diagnosis from first principles", AI 32, 1987; Liffiton and
 * Sakallah, JAR 40, 2008): the search tries sets of 1, 2, then 3 decisions, each set
 * built to hit every core found so far; a set that hits them all is tested, and either
 * lets the wish hold (a fix, checked to be minimal) or yields one more core.
 *
 * A library or option decision in a fix is forgotten (the resolver then picks what the
 * constraints allow); the app and the targets cannot be forgotten, so they change to the
 * first app / single target that works. A set is tested with each such app and target in
 * turn, so a decision the new one makes inapplicable (an option of a library that goes
 * off with the old target) is part of the fix, forgotten explicitly: "change the targets
 * ...; forget options.X". Each fix is resolved before it is offered.
 */
#include <stdlib.h>
#include <string.h>

#include "explain_int.h"
#include "profile_int.h"

#define FIX_MAX_SIZE	3
#define FIX_CALL_BUDGET 600

struct search {
	struct cat_solver *s;
	struct xsolver *x;
	const struct wish *w;
	struct xset e; /* the decisions but the wish; hard: wish, fixed, shape, constraints */
	uint8_t *in;
	uint8_t **cores; /* each a mark per element */
	size_t ncores;
	size_t (*found)[FIX_MAX_SIZE];
	long (*pick_of)[2]; /* by found set: the app and platform relaxed_ok picked for it */
	size_t *nfound_of, nfound, max, budget;
};

static int rank(const struct search *f, size_t i)
{
	int32_t d = f->e.v[i].id;

	return d < (int32_t)f->w->q->ndecs ? 0 : d == (int32_t)f->w->q->ndecs ? 2 : 1;
}

/* Tries the relaxed set with extra literals assumed (a candidate app or target). */
static int works_with(struct search *f, const size_t *set, size_t n, const int *lits, size_t nl)
{
	size_t hard = f->e.nhard;
	int ok;

	for (size_t i = 0; i < nl; i++)
		xset_hard(&f->e, lits[i]);
	memset(f->in, 1, f->e.n);
	for (size_t i = 0; i < n; i++)
		f->in[set[i]] = 0;
	ok = xs_sat(f->x, &f->e, f->in);
	f->e.nhard = hard;
	return ok;
}

/* Lits for "library c is the one of its kind" (c < 0: that kind stays as assumed). */
static size_t one_of_kind(const struct search *f, long c, enum cat_kind k, int *lits)
{
	const struct cat_catalog *cat = f->s->cat;
	size_t nl = 0;

	for (size_t i = 0; c >= 0 && i < cat->nlibs; i++)
		if (cat->libs[i].kind == k || (k == CAT_APP && cat_kind_is_app(cat->libs[i].kind)))
			lits[nl++] = (long)i == c ? f->s->lib_var[i] : -f->s->lib_var[i];
	return nl;
}

/* The candidates of kind k in turn: when the set keeps that kind, one pass with c = -1. */
static long next_of_kind(const struct search *f, int need, long c, enum cat_kind k)
{
	if (!need)
		return c == -2 ? -1 : -3;
	for (size_t i = c < 0 ? 0 : (size_t)c + 1; i < f->s->cat->nlibs; i++)
		if (f->s->cat->libs[i].kind == k)
			return (long)i;
	return -3;
}

/* Tries app a on platform p; a failure adds its failed decisions to core. */
static int try_one(struct search *f, const size_t *set, size_t n, long a, long p, uint8_t *core)
{
	int *lits = xmalloc((2 * f->s->cat->nlibs + 1) * sizeof(*lits));
	size_t nl = one_of_kind(f, a, CAT_APP, lits);
	int ok;

	nl += one_of_kind(f, p, CAT_PLATFORM, lits + nl);
	ok = works_with(f, set, n, lits, nl);
	free(lits);
	if (ok)
		return 1;
	xs_failed(f->x, &f->e, f->in);
	for (size_t i = 0; i < f->e.n; i++)
		core[i] |= f->in[i];
	return 0;
}

/*
 * Is the wish possible with the decisions in set[] changed? A changed app or target is
 * one other app / one platform (a profile names one app, and a fix one target), so each
 * candidate is tried in turn; the first that works goes to pick[]. Without one, the
 * union of the candidates' failed decisions is recorded as a core: any fix that extends
 * set[] must change one of them, which is all the hitting sets need.
 */
static int relaxed_ok(struct search *f, const size_t *set, size_t n, long pick[2])
{
	int app = 0, plat = 0;
	uint8_t *core = xcalloc(f->e.n + 1, 1);

	for (size_t i = 0; i < n; i++) {
		app |= rank(f, set[i]) == 2;
		plat |= rank(f, set[i]) == 1;
	}
	for (long a = next_of_kind(f, app, -2, CAT_APP); a > -3;
	     a = next_of_kind(f, app, a, CAT_APP)) {
		for (long p = next_of_kind(f, plat, -2, CAT_PLATFORM); p > -3;
		     p = next_of_kind(f, plat, p, CAT_PLATFORM)) {
			if (!try_one(f, set, n, a, p, core))
				continue;
			if (pick) {
				pick[0] = a;
				pick[1] = p;
			}
			free(core);
			return 1;
		}
	}
	f->cores = xrealloc(f->cores, (f->ncores + 1) * sizeof(*f->cores));
	f->cores[f->ncores++] = core;
	return 0;
}

static int hits(const uint8_t *core, const size_t *set, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (core[set[i]])
			return 1;
	return 0;
}

static int contains_found(const struct search *f, const size_t *set, size_t n)
{
	for (size_t k = 0; k < f->nfound; k++) {
		size_t j, hit = 0;

		for (j = 0; j < f->nfound_of[k]; j++)
			for (size_t i = 0; i < n; i++)
				hit += set[i] == f->found[k][j];
		if (hit == f->nfound_of[k])
			return 1;
	}
	return 0;
}

/* No decision of the set can stay as it is. */
static int minimal(struct search *f, const size_t *set, size_t n)
{
	size_t less[FIX_MAX_SIZE];

	for (size_t i = 0; i < n; i++) {
		size_t m = 0;

		for (size_t j = 0; j < n; j++)
			if (j != i)
				less[m++] = set[j];
		if (relaxed_ok(f, less, m, NULL))
			return 0;
	}
	return 1;
}

static void record(struct search *f, const size_t *set, size_t n, const long pick[2])
{
	f->found = xrealloc(f->found, (f->nfound + 1) * sizeof(*f->found));
	f->nfound_of = xrealloc(f->nfound_of, (f->nfound + 1) * sizeof(*f->nfound_of));
	f->pick_of = xrealloc(f->pick_of, (f->nfound + 1) * sizeof(*f->pick_of));
	memcpy(f->found[f->nfound], set, n * sizeof(*set));
	memcpy(f->pick_of[f->nfound], pick, sizeof(*f->pick_of));
	f->nfound_of[f->nfound++] = n;
}

static void dfs(struct search *f, size_t *set, size_t n, size_t room)
{
	const uint8_t *core = NULL;
	long pick[2] = { -1, -1 };

	if (f->nfound >= f->max || f->x->calls > f->budget || contains_found(f, set, n))
		return;
	for (size_t k = 0; k < f->ncores && !core; k++)
		core = hits(f->cores[k], set, n) ? NULL : f->cores[k];
	if (!core) {
		if (relaxed_ok(f, set, n, pick)) {
			if (minimal(f, set, n))
				record(f, set, n, pick);
			return;
		}
		core = f->cores[f->ncores - 1];
	}
	for (int r = 0; r < 3 && room; r++) {
		for (size_t i = 0; i < f->e.n; i++) {
			if (!core[i] || rank(f, i) != r)
				continue;
			set[n] = i;
			dfs(f, set, n + 1, room - 1); /* may add cores: each stays where it is */
		}
	}
}

static void search_run(struct search *f)
{
	size_t set[FIX_MAX_SIZE];

	for (size_t room = 1; room <= FIX_MAX_SIZE && f->nfound < f->max; room++)
		dfs(f, set, 0, room);
}

static void search_free(struct search *f)
{
	for (size_t k = 0; k < f->ncores; k++)
		free(f->cores[k]);
	free(f->cores);
	free(f->found);
	free(f->pick_of);
	free(f->nfound_of);
	free(f->in);
	xset_free(&f->e);
}

/* ---- from sets of decisions to fixes ----------------------------------------------------- */

static char *dec_text(const struct cat_decision *d)
{
	const char *kind = d->kind == CAT_DEC_LIB ? "libraries" : "options";

	if (d->jtype == CAT_J_BOOL)
		return xasprintf("%s.%s: %s", kind, d->name, d->val.num ? "true" : "false");
	if (d->jtype == CAT_J_INT)
		return xasprintf("%s.%s: %lld", kind, d->name, d->val.num);
	return xasprintf("%s.%s: \"%s\"", kind, d->name, d->val.str);
}

static char *targets_text(char *const *t, size_t n)
{
	struct sbuf b = { 0 };

	for (size_t i = 0; i < n; i++)
		sb_printf(&b, "%s%s", i ? ", " : "", t[i]);
	return b.s ? b.s : xstrdup("");
}

/* The target of platform library l: the profile's architecture when l offers it, else l's
 * first. */
char *target_for(const struct cat_profile *q, const struct cat_lib *l)
{
	char plat[CAT_PLAT_NAME_MAX + 1], arch[CAT_PLAT_NAME_MAX + 1];

	if (!q->ntargets ||
	    cat_target_split(q->targets[0], plat, sizeof(plat), arch, sizeof(arch)) < 0 ||
	    !cat_plat_arch(l, arch))
		snprintf(arch, sizeof(arch), "%s", l->plat->archs[0].name);
	return xasprintf("%s-%s", l->platform, arch);
}

static void change_app(struct search *f, struct cat_profile *q, long lib, struct cat_change *c)
{
	c->kind = CAT_CHANGE_APP;
	c->name = "app";
	c->before = xstrdup(q->app);
	c->after = xstrdup(f->s->cat->libs[lib].name);
	c->text = xasprintf("change the app from %s to %s", c->before, c->after);
	free(q->app);
	free(q->app_dir);
	q->app = xstrdup(c->after);
	q->app_dir = NULL;
}

static void change_targets(struct search *f, struct cat_profile *q, long lib, struct cat_change *c)
{
	c->kind = CAT_CHANGE_TARGETS;
	c->name = "targets";
	c->before = targets_text(q->targets, q->ntargets);
	c->targets = xcalloc(2, sizeof(*c->targets));
	c->targets[0] = target_for(q, &f->s->cat->libs[lib]);
	c->ntargets = 1;
	c->after = xstrdup(c->targets[0]);
	c->text = xasprintf("change the targets from %s to %s", c->before, c->after);
	for (size_t i = 0; i < q->ntargets; i++)
		free(q->targets[i]);
	q->targets[0] = xstrdup(c->after);
	q->ntargets = 1;
}

/* The app or the targets relaxed_ok picked when the search found set k (not asked again:
 * the answer is the same), then the forgotten decisions. */
static void make_changes(struct search *f, size_t k, struct cat_profile *q, struct cat_fix *fix)
{
	const size_t *set = f->found[k], n = f->nfound_of[k];
	const long *pick = f->pick_of[k];

	fix->changes = xcalloc(n + 1, sizeof(*fix->changes));
	for (size_t j = 0; j < 2 * n; j++) { /* the app and the targets first */
		size_t i = j % n;
		int32_t d = f->e.v[set[i]].id;
		struct cat_change *c;

		if ((rank(f, set[i]) == 0) != (j >= n))
			continue;
		c = &fix->changes[fix->nchanges++];
		c->decision = -1;
		if (d < (int32_t)f->w->q->ndecs) {
			c->kind = CAT_CHANGE_FORGET;
			c->name = decision_name(f->s, f->w->q, d);
			c->decision = d;
			c->before = dec_text(&f->w->q->decs[d]);
		} else if (d == (int32_t)f->w->q->ndecs) {
			change_app(f, q, pick[0], c);
		} else {
			change_targets(f, q, pick[1], c);
		}
	}
	for (size_t i = 0; i < fix->nchanges; i++)
		if (fix->changes[i].kind == CAT_CHANGE_FORGET)
			cat_profile_unset(q, fix->changes[i].name);
}

/* What each forgotten decision becomes once the fixed profile resolves. */
static void describe_after(const struct cat_result *r, struct cat_fix *fix)
{
	struct sbuf b = { 0 };
	char val[80];

	for (size_t i = 0; i < fix->nchanges; i++) {
		struct cat_change *c = &fix->changes[i];
		long li = cat_find_lib(r->cat, c->name), oi = cat_find_opt(r->cat, c->name);

		if (c->kind == CAT_CHANGE_FORGET) {
			if (li >= 0)
				snprintf(val, sizeof(val), "%s", r->libs[li].on ? "on" : "off");
			else if (r->opts[oi].on || r->cat->opts[oi].type == CAT_BOOL)
				cat_value_str(r, -1, oi, val, sizeof(val));
			else
				snprintf(val, sizeof(val), "unavailable");
			if (oi >= 0 && r->cat->opts[oi].type == CAT_BOOL)
				snprintf(val, sizeof(val), "%s",
					 r->opts[oi].val.num ? "on" : "off");
			c->after = xstrdup(val);
			c->text = xasprintf("forget %s (%s becomes %s)", c->before, c->name, val);
		}
		sb_printf(&b, "%s%s", i ? "; " : "", c->text);
	}
	fix->text = b.s;
}

static void fix_free(struct cat_fix *fix)
{
	for (size_t i = 0; i < fix->nchanges; i++) {
		struct cat_change *c = &fix->changes[i];

		free(c->before);
		free(c->after);
		free(c->text);
		for (size_t k = 0; k < c->ntargets; k++)
			free(c->targets[k]);
		free(c->targets);
	}
	free(fix->changes);
	free(fix->text);
	memset(fix, 0, sizeof(*fix));
}

/* Builds fix k of the search into out; 0 when the fixed profile resolves. */
static int build_fix(struct search *f, size_t k, struct cat_fixes *out)
{
	struct cat_profile *q = profile_dup(f->w->q);
	struct cat_fix *fix = &out->v[out->n];
	struct cat_result *r = NULL;
	struct cat_err err;
	int rc = -1;

	cat_err_init(&err);
	memset(fix, 0, sizeof(*fix));
	make_changes(f, k, q, fix);
	if (cat_solve(f->s, q, &r, &err) == 0) {
		describe_after(r, fix);
		out->n++;
		rc = 0;
	} else {
		fix_free(fix);
	}
	cat_result_free(r);
	cat_err_free(&err);
	cat_profile_free(q);
	return rc;
}

static void search_start(struct search *f, struct cat_solver *s, const struct wish *w, size_t max)
{
	struct assume a = { 0 };

	memset(f, 0, sizeof(*f));
	f->s = s;
	f->x = xs_get(s);
	f->w = w;
	f->max = max;
	f->budget = f->x->calls + FIX_CALL_BUDGET;
	build_assumptions(s, w->q, &a);
	xset_add_decisions(&f->e, &a, w->dec);
	xset_hard(&f->e, f->x->shape);
	xset_hard(&f->e, f->x->all);
	f->in = xmalloc(f->e.n + 1);
	assume_free(&a);
}

static int is_head(const struct cat_catalog *cat, long li)
{
	return li >= 0 &&
	       (cat_kind_is_app(cat->libs[li].kind) || cat->libs[li].kind == CAT_PLATFORM);
}

struct cat_fixes *cat_find_fixes(struct cat_solver *s, const struct cat_profile *p,
				 const char *name, const char *value, size_t max,
				 struct cat_err *err)
{
	struct cat_fixes *out;
	struct search f;
	struct wish w;
	long li = name ? cat_find_lib(s->cat, name) : -1;

	if (!name || (li < 0 && cat_find_opt(s->cat, name) < 0 && iface_find(s->cat, name) >= 0)) {
		cat_err_add(err, NULL, 0, 0, "fix: name a library or an option to turn on");
		return NULL;
	}
	if (wish_make(s, p, name, value, &w, err) < 0)
		return NULL;
	search_start(&f, s, &w, max);
	out = xcalloc(1, sizeof(*out));
	out->name = w.name;
	out->value = xstrdup(w.value);
	out->typed = xstrdup(value ? value : "y");
	out->possible = relaxed_ok(&f, NULL, 0, NULL);
	if (!out->possible)
		search_run(&f);
	out->v = xcalloc(f.nfound + 1, sizeof(*out->v));
	for (size_t k = 0; k < f.nfound; k++)
		build_fix(&f, k, out);
	search_free(&f);
	wish_free(&w);
	return out;
}

void cat_fixes_free(struct cat_fixes *f)
{
	if (!f)
		return;
	for (size_t i = 0; i < f->n; i++)
		fix_free(&f->v[i]);
	free(f->v);
	free(f->value);
	free(f->typed);
	free(f);
}

static int set_wish(const struct cat_fixes *f, struct cat_profile *p, const struct cat_catalog *cat,
		    struct cat_err *err)
{
	long li = cat_find_lib(cat, f->name);

	if (is_head(cat, li) && cat_kind_is_app(cat->libs[li].kind)) {
		free(p->app);
		free(p->app_dir);
		p->app = xstrdup(f->name);
		p->app_dir = NULL;
		return 0;
	}
	if (is_head(cat, li)) {
		char *t = cat_target_lib(cat, f->typed) == li ? xstrdup(f->typed)
							      : target_for(p, &cat->libs[li]);
		const char *one[1] = { t };
		int rc = cat_profile_set_targets(p, one, 1);

		free(t);
		return rc;
	}
	if (li >= 0)
		return cat_profile_set_lib(p, f->name, !strcmp(f->value, "on"));
	return cat_profile_set_opt(p, cat, f->name, f->typed, err);
}

int cat_fix_apply(const struct cat_fixes *f, size_t i, struct cat_profile *p,
		  const struct cat_catalog *cat, struct cat_err *err)
{
	if (!f->possible && i >= f->n) {
		cat_err_add(err, NULL, 0, 0, "fix: there is no fix number %zu", i + 1);
		return -1;
	}
	for (size_t k = 0; !f->possible && k < f->v[i].nchanges; k++) {
		const struct cat_change *c = &f->v[i].changes[k];

		if (c->kind == CAT_CHANGE_FORGET) {
			cat_profile_unset(p, c->name);
		} else if (c->kind == CAT_CHANGE_APP) {
			free(p->app);
			free(p->app_dir);
			p->app = xstrdup(c->after);
			p->app_dir = NULL;
		} else {
			for (size_t t = 0; t < p->ntargets; t++)
				free(p->targets[t]);
			p->targets = xrealloc(p->targets, (c->ntargets + 1) * sizeof(*p->targets));
			for (size_t t = 0; t < c->ntargets; t++)
				p->targets[t] = xstrdup(c->targets[t]);
			p->ntargets = c->ntargets;
		}
	}
	return set_wish(f, p, cat, err) < 0 ? -1 : 0;
}

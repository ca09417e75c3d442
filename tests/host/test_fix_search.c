/*
 * Smallest fixes against exhaustive search: on generated catalogs (apps, two platforms,
 * libraries with random depends, conflicts, selects and platform limits, int options) and
 * generated profiles, every set of up to three changes to the user's decisions (forget a
 * library or option decision, change the app, change the target) is tried by resolving.
 * The minimal sets that let the wish hold must be exactly the fixes cat_find_fixes gives:
 * none missing (a fix exists within the bound, so `f` finds it), none extra. Wishes are
 * libraries and, as the menu asks them, apps and platforms.
 */
#include <stdlib.h>
#include <string.h>

#include "support.h"

#define NLIBS  5
#define NAPPS  3
#define CASES  160
#define MAXSET 3

static unsigned rnd_state;

static unsigned rnd(unsigned n)
{
	rnd_state = rnd_state * 1103515245u + 12345u;
	return (rnd_state >> 16) % n;
}

static const char *const plats[2] = { "kvm", "xen" };

/* A random expression over the libraries but self: "l2", "l1 && l3", "l0 || l4". */
static void expr(char *buf, size_t len, int self)
{
	int a = (int)rnd(NLIBS), b = (int)rnd(NLIBS);

	if (a == self)
		a = (a + 1) % NLIBS;
	if (b == self || b == a)
		b = -1;
	if (b < 0 || rnd(2))
		snprintf(buf, len, "l%d", a);
	else
		snprintf(buf, len, "l%d %s l%d", a, rnd(2) ? "&&" : "||", b);
}

static void lib_text(char *buf, size_t len, int i)
{
	char e[64];
	size_t n = (size_t)snprintf(
		buf, len, "{ \"kiln_catalog\": 1, \"name\": \"l%d\", \"kind\": \"library\"", i);

	if (rnd(3) == 0) {
		expr(e, sizeof(e), i);
		n += (size_t)snprintf(buf + n, len - n, ", \"depends\": \"%s\"", e);
	}
	if (rnd(3) == 0) {
		expr(e, sizeof(e), i);
		n += (size_t)snprintf(buf + n, len - n, ", \"conflicts\": \"%s\"", e);
	}
	if (rnd(4) == 0)
		n += (size_t)snprintf(buf + n, len - n, ", \"selects\": \"l%d\"",
				      (i + 1 + (int)rnd(NLIBS - 1)) % NLIBS);
	if (rnd(4) == 0)
		n += (size_t)snprintf(buf + n, len - n, ", \"platforms\": [\"%s\"]", plats[rnd(2)]);
	if (rnd(2) == 0)
		n += (size_t)snprintf(buf + n, len - n,
				      ", \"options\": { \"L%d_N\": { \"type\": \"int\", "
				      "\"default\": 1, \"min\": 0, \"max\": 9 } }",
				      i);
	snprintf(buf + n, len - n, " }");
}

/* An app with one option; half the apps depend on some libraries. */
static void app_text(char *buf, size_t len, int i)
{
	char e[64], dep[96] = "";

	expr(e, sizeof(e), -1);
	if (rnd(2))
		snprintf(dep, sizeof(dep), ", \"depends\": \"%s\"", e);
	snprintf(buf, len,
		 "{ \"kiln_catalog\": 1, \"name\": \"app%d\", \"kind\": \"app\"%s, "
		 "\"options\": { \"APP%d_N\": { \"type\": \"int\", \"default\": 0, "
		 "\"min\": 0, \"max\": 9 } } }",
		 i, dep, i);
}

static struct cat_catalog *gen_catalog(void)
{
	struct cat_catalog *cat = cat_new(NULL);
	struct cat_err err;
	char text[1024], dir[64], file[96];
	int bad = 0;

	cat_err_init(&err);
	for (int i = 0; i < 2 + NAPPS + NLIBS; i++) {
		if (i < 2)
			snprintf(
				text, sizeof(text),
				"{ \"kiln_catalog\": 1, \"name\": \"plat-%s\", \"kind\": "
				"\"platform\", \"platform\": \"%s\", \"arch\": { \"x86_64\": {} }, "
				"\"linker_script\": \"link.lds\" }",
				plats[i], plats[i]);
		else if (i < 2 + NAPPS)
			app_text(text, sizeof(text), i - 2);
		else
			lib_text(text, sizeof(text), i - 2 - NAPPS);
		snprintf(dir, sizeof(dir), "gen/%d", i);
		snprintf(file, sizeof(file), "%s/lib.json", dir);
		bad |= cat_add_buffer(cat, text, strlen(text), file, dir, &err) < 0;
	}
	bad |= cat_finish(cat, &err) < 0;
	cat_err_free(&err);
	if (bad) {
		cat_free(cat);
		return NULL;
	}
	return cat;
}

/* A random profile: an app, a target, up to four library or option decisions. */
static struct cat_profile *gen_profile(const struct cat_catalog *cat)
{
	char app[16], target[16], name[16], val[4];
	struct cat_err err;

	snprintf(app, sizeof(app), "app%u", rnd(NAPPS));
	snprintf(target, sizeof(target), "%s-x86_64", plats[rnd(2)]);
	struct cat_profile *p = cat_profile_new(app, target);

	cat_err_init(&err);
	for (unsigned k = rnd(5); k > 0; k--) {
		unsigned l = rnd(NLIBS);

		snprintf(name, sizeof(name), "l%u", l);
		if (rnd(3)) {
			cat_profile_set_lib(p, name, (int)rnd(2));
			continue;
		}
		snprintf(name, sizeof(name), rnd(2) ? "L%u_N" : "APP%u_N", rnd(2) ? l : l % NAPPS);
		snprintf(val, sizeof(val), "%u", 2 + rnd(7));
		if (cat_find_opt(cat, name) >= 0)
			cat_profile_set_opt(p, cat, name, val, &err);
	}
	cat_err_free(&err);
	return p;
}

/* ---- exhaustive search --------------------------------------------------------------- */

/* A change element: decision index, or APP / TARGETS. */
#define EL_APP	   1000
#define EL_TARGETS 1001

struct problem {
	struct cat_solver *s;
	const struct cat_catalog *cat;
	const struct cat_profile *p;
	const char *wish; /* a library, app or platform name */
	int els[16], nels;
};

static int resolves(struct cat_solver *s, const struct cat_profile *q)
{
	struct cat_result *r = NULL;
	struct cat_err err;
	int ok;

	cat_err_init(&err);
	ok = cat_solve(s, q, &r, &err) == 0;
	cat_result_free(r);
	cat_err_free(&err);
	return ok;
}

/* The profile with the wish: a library on, or that app, or that platform's target. */
static void put_wish(const struct problem *pr, struct cat_profile *q)
{
	const struct cat_lib *l = cat_lib_at(pr->cat, (size_t)cat_find_lib(pr->cat, pr->wish));
	char t[32];

	if (l->kind == CAT_APP) {
		cat_profile_set_app(q, l->name, NULL);
	} else if (l->kind == CAT_PLATFORM) {
		const char *one[1] = { t };

		snprintf(t, sizeof(t), "%s-x86_64", l->platform);
		cat_profile_set_targets(q, one, 1);
	} else {
		cat_profile_set_lib(q, l->name, 1);
	}
}

/* Does changing the elements of mask let the wish hold, for some new app and target? */
static int possible(const struct problem *pr, unsigned mask)
{
	int app = 0, tgt = 0;
	const char *forget[16];
	size_t nf = 0;

	for (int i = 0; i < pr->nels; i++) {
		if (!(mask >> i & 1))
			continue;
		app |= pr->els[i] == EL_APP;
		tgt |= pr->els[i] == EL_TARGETS;
		if (pr->els[i] < EL_APP)
			forget[nf++] = pr->p->decs[pr->els[i]].name;
	}
	for (int a = 0; a < (app ? NAPPS : 1); a++) {
		for (int t = 0; t < (tgt ? 2 : 1); t++) {
			struct cat_profile *q = cat_profile_new(pr->p->app, pr->p->targets[0]);
			char name[16], target[16];
			const char *one[1] = { target };
			int ok;

			for (size_t d = 0; d < pr->p->ndecs; d++) {
				const struct cat_decision *x = &pr->p->decs[d];
				char v[16];

				snprintf(v, sizeof(v), "%lld", x->val.num);
				if (x->kind == CAT_DEC_LIB)
					cat_profile_set_lib(q, x->name, (int)x->val.num);
				else
					cat_profile_set_opt(q, pr->cat, x->name, v, NULL);
			}
			for (size_t k = 0; k < nf; k++)
				cat_profile_unset(q, forget[k]);
			snprintf(name, sizeof(name), "app%d", a);
			if (app)
				cat_profile_set_app(q, name, NULL);
			snprintf(target, sizeof(target), "%s-x86_64", plats[t]);
			if (tgt)
				cat_profile_set_targets(q, one, 1);
			put_wish(pr, q);
			ok = resolves(pr->s, q);
			cat_profile_free(q);
			if (ok)
				return 1;
		}
	}
	return 0;
}

/* The minimal masks of up to MAXSET elements that make the wish possible. */
static size_t minimal_sets(const struct problem *pr, unsigned *out, size_t max)
{
	size_t n = 0;

	for (int size = 1; size <= MAXSET; size++) {
		for (unsigned mask = 1; mask < 1u << pr->nels; mask++) {
			int sub = 0;

			if (__builtin_popcount(mask) != size)
				continue;
			for (size_t k = 0; k < n; k++)
				sub |= (out[k] & mask) == out[k];
			if (!sub && n < max && possible(pr, mask))
				out[n++] = mask;
		}
	}
	return n;
}

/* A catalog fix as a mask over the problem's elements. */
static unsigned fix_mask(const struct problem *pr, const struct cat_fix *f)
{
	unsigned mask = 0;

	for (size_t c = 0; c < f->nchanges; c++) {
		const struct cat_change *ch = &f->changes[c];
		int want = ch->kind == CAT_CHANGE_APP	    ? EL_APP
			   : ch->kind == CAT_CHANGE_TARGETS ? EL_TARGETS
							    : (int)ch->decision;

		for (int i = 0; i < pr->nels; i++)
			if (pr->els[i] == want)
				mask |= 1u << i;
	}
	return mask;
}

static int wish_dec(const struct problem *pr)
{
	const struct cat_decision *d = cat_profile_find(pr->p, pr->wish);

	return d ? (int)(d - pr->p->decs) : -1;
}

/* Compares one problem; returns the number of disagreements (printed). */
static int compare(struct problem *pr)
{
	long li = cat_find_lib(pr->cat, pr->wish);
	enum cat_kind k = cat_lib_at(pr->cat, (size_t)li)->kind;
	unsigned want[64];
	struct cat_err err;
	int bad = 0;

	pr->nels = 0;
	for (size_t d = 0; d < pr->p->ndecs; d++)
		if ((int)d != wish_dec(pr))
			pr->els[pr->nels++] = (int)d;
	if (k != CAT_APP)
		pr->els[pr->nels++] = EL_APP;
	if (k != CAT_PLATFORM)
		pr->els[pr->nels++] = EL_TARGETS;
	cat_err_init(&err);
	struct cat_fixes *f = cat_find_fixes(pr->s, pr->p, pr->wish, NULL, 64, &err);
	cat_err_free(&err);
	assert_non_null(f);
	if (possible(pr, 0)) {
		bad += !f->possible;
	} else {
		size_t n = minimal_sets(pr, want, 64);

		bad += f->possible || f->n != n;
		for (size_t i = 0; i < f->n; i++) {
			int hit = 0;

			for (size_t j = 0; j < n; j++)
				hit |= fix_mask(pr, &f->v[i]) == want[j];
			bad += !hit;
		}
		if (bad)
			fprintf(stderr, "wish %s: %zu fixes, exhaustive search %zu\n", pr->wish,
				f->n, n);
	}
	cat_fixes_free(f);
	return bad;
}

static void fixes_equal_exhaustive_search(void **state)
{
	static const char *const wishes[] = { "l0",   "l1",   "l2",   "l3",	  "l4",
					      "app0", "app1", "app2", "plat-kvm", "plat-xen" };
	int bad = 0, asked = 0, blocked = 0;

	(void)state;
	for (unsigned seed = 1; seed <= CASES; seed++) {
		rnd_state = seed;
		struct cat_catalog *cat = gen_catalog();
		struct cat_err err;

		if (!cat)
			continue;
		cat_err_init(&err);
		struct cat_solver *s = cat_solver_new(cat, &err);

		cat_err_free(&err);
		struct cat_profile *p = gen_profile(cat);

		for (size_t w = 0; s && w < sizeof(wishes) / sizeof(*wishes); w++) {
			struct problem pr = { .s = s, .cat = cat, .p = p, .wish = wishes[w] };

			if (!resolves(s, p))
				break; /* only profiles that resolve are edited in the menu */
			bad += compare(&pr);
			asked++;
			blocked += !possible(&pr, 0);
		}
		cat_profile_free(p);
		cat_solver_free(s);
		cat_free(cat);
	}
	fprintf(stderr, "# %d wishes asked, %d needed a fix\n", asked, blocked);
	assert_true(asked > 200);
	assert_true(blocked > 50);
	assert_int_equal(bad, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(fixes_equal_exhaustive_search),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

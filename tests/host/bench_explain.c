/*
 * make bench-resolver, second half: how long the explanations take on the generated
 * catalog of 2,000 libraries. "why" asks about libraries of the resolved profile;
 * "why not" asks for a library that a decision rules out at the end of a chain of
 * depends (d -> c -> b -> a, with a turned off); "fixes" finds the smallest changes for
 * the same wish; "check" runs every catalog check once. Prints medians; asserts nothing.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench.h"

#define WHY_RUNS 9

/* The library a library depends on when its depends is one plain name, else -1. */
static long dep_of(const struct cat_catalog *cat, long li)
{
	const char *d = cat_lib_at(cat, (size_t)li)->cons.depends_text;

	return d && !strchr(d, ' ') ? cat_find_lib(cat, d) : -1;
}

/* A library at the top of a chain of three plain depends: d -> c -> b -> a. */
static long chain_top(const struct cat_catalog *cat, long *bottom)
{
	for (size_t i = cat_nlibs(cat); i-- > 0;) {
		long b = dep_of(cat, (long)i), c = b >= 0 ? dep_of(cat, b) : -1;
		long a = c >= 0 ? dep_of(cat, c) : -1;

		if (a >= 0) {
			*bottom = a;
			return (long)i;
		}
	}
	return -1;
}

/* Why, for every library that is on: the median and the slowest (a value found by search). */
static void time_why(struct cat_result *r, const struct cat_catalog *cat, struct explain_figures *f)
{
	struct cat_err err = { 0 };
	double *t = malloc(cat_nlibs(cat) * sizeof(*t));
	size_t k = 0;

	for (size_t i = 0; i < cat_nlibs(cat); i++) {
		double t0;
		struct cat_expl *e;

		if (!cat_result_lib(r, i)->on || cat_lib_at(cat, i)->kind != CAT_LIBRARY)
			continue;
		t0 = now_ms();
		e = cat_explain_why(r, cat_lib_at(cat, i)->name, &err);
		t[k++] = now_ms() - t0;
		f->why_steps = e && e->nsteps > f->why_steps ? e->nsteps : f->why_steps;
		cat_expl_free(e);
	}
	f->why_count = k;
	f->why = k ? median(t, (int)k) : -1;
	f->why_max = k ? t[k - 1] : -1;
	free(t);
	cat_err_free(&err);
}

static void time_why_not(struct cat_solver *s, struct cat_profile *p, const char *wish,
			 struct explain_figures *f)
{
	struct cat_err err = { 0 };
	double t[WHY_RUNS];

	for (int k = 0; k < WHY_RUNS; k++) {
		double t0 = now_ms();
		struct cat_expl *e = cat_explain_why_not(s, p, wish, NULL, &err);

		t[k] = now_ms() - t0;
		f->whynot_cold = k ? f->whynot_cold : t[0]; /* the first builds the explainer */
		f->whynot_steps = e ? e->nsteps : 0;
		f->whynot_core = e ? e->ncore_decs + e->ncore : 0;
		f->blocked = e && !e->possible;
		if (e && !k)
			snprintf(f->whynot_summary, sizeof(f->whynot_summary), "%s", e->summary);
		cat_expl_free(e);
	}
	f->whynot = median(t, WHY_RUNS);
	cat_err_free(&err);
}

static void time_fixes(struct cat_solver *s, struct cat_profile *p, const char *wish,
		       struct explain_figures *f)
{
	struct cat_err err = { 0 };
	double t0 = now_ms();
	struct cat_fixes *x = cat_find_fixes(s, p, wish, NULL, 3, &err);

	cat_err_free(&err);
	f->fixes = now_ms() - t0;
	f->nfixes = x ? x->n : 0;
	cat_fixes_free(x);
}

void bench_explain(const char *root, const char *profile, struct explain_figures *f)
{
	struct cat_err err;
	struct cat_catalog *cat;
	struct cat_solver *s;
	struct cat_profile *p;
	struct cat_result *r;
	struct cat_check *c;
	double t0;
	long top, bottom = -1;

	memset(f, 0, sizeof(*f));
	cat_err_init(&err);
	cat = cat_load(root, NULL, 0, &err);
	s = cat ? cat_solver_new(cat, &err) : NULL;
	p = cat_profile_load(profile, &err);
	if (!s || !p || cat_solve(s, p, &r, &err) != 0) {
		fprintf(stderr, "bench: the generated catalog does not resolve\n");
		exit(1);
	}
	top = chain_top(cat, &bottom);
	if (top < 0) {
		fprintf(stderr, "bench: no chain of depends in the generated catalog\n");
		exit(1);
	}
	cat_profile_set_lib(p, cat_lib_at(cat, (size_t)bottom)->name, 0);
	time_why_not(s, p, cat_lib_at(cat, (size_t)top)->name, f);
	time_why(r, cat, f); /* after the explainer exists: values found by search use it */
	cat_result_free(r);
	time_fixes(s, p, cat_lib_at(cat, (size_t)top)->name, f);
	t0 = now_ms();
	c = cat_check(s);
	f->check = now_ms() - t0;
	f->issues = c->n;
	f->check_calls = c->sat_calls;
	cat_check_free(c);
	cat_profile_free(p);
	cat_solver_free(s);
	cat_free(cat);
	cat_err_free(&err);
}

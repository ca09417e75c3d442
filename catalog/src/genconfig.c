/*
 * Generated configurations, the idea of Mini-OS's all-yes and all-no builds: all-yes, all-no
 * and seeded random profiles. A profile holds only decisions; each one is set, the profile
 * resolved, and the decision forgotten again when the profile no longer resolves. So the
 * result is valid by construction, and the order of the tries (libraries by name, then
 * options in catalog order) makes it depend only on the catalog, the mode and the seed.
 */
#include <stdlib.h>
#include <string.h>

#include "cat_int.h"

struct gen {
	struct cat_solver *s;
	const struct cat_catalog *cat;
	struct cat_profile *p;
	uint64_t rng;
};

/* splitmix64: small, fast, and the same sequence on every host for a given seed. */
static uint64_t gen_next(struct gen *g)
{
	uint64_t z = (g->rng += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* The profile resolved as it stands (the caller frees), or NULL when it does not. */
static struct cat_result *gen_result(struct gen *g)
{
	struct cat_result *r = NULL;
	struct cat_err err;

	cat_err_init(&err);
	if (cat_solve(g->s, g->p, &r, &err) != 0)
		r = NULL;
	cat_err_free(&err);
	return r;
}

/* Keeps the decision just made on name when the profile still resolves, else forgets it. */
static void gen_keep_if_valid(struct gen *g, const char *name)
{
	struct cat_result *r = gen_result(g);

	if (!r)
		cat_profile_unset(g->p, name);
	cat_result_free(r);
}

/* Platform libraries follow the targets and apps the app: only libraries are decisions. */
static void gen_try_lib(struct gen *g, const struct cat_lib *l, int on)
{
	if (l->kind != CAT_LIBRARY || cat_profile_find(g->p, l->name))
		return;
	if (cat_profile_set_lib(g->p, l->name, on) == 0)
		gen_keep_if_valid(g, l->name);
}

static void gen_try_opt(struct gen *g, const struct cat_opt *o, const char *text)
{
	struct cat_err err;

	cat_err_init(&err);
	if (!cat_profile_find(g->p, o->name) &&
	    cat_profile_set_opt(g->p, g->cat, o->name, text, &err) == 0)
		gen_keep_if_valid(g, o->name);
	cat_err_free(&err);
}

static void gen_all_libs(struct gen *g, int on)
{
	for (size_t i = 0; i < cat_nlibs(g->cat); i++)
		gen_try_lib(g, cat_lib_at(g->cat, i), on);
}

static void gen_all_yes(struct gen *g)
{
	gen_all_libs(g, 1);
	for (size_t i = 0; i < cat_nopts(g->cat); i++)
		if (cat_opt_at(g->cat, i)->type == CAT_BOOL)
			gen_try_opt(g, cat_opt_at(g->cat, i), "y");
}

/*
 * Bool options are turned off only where they are on: setting an option asks for it,
 * which would turn on a library that all-no just left off.
 */
static void gen_all_no(struct gen *g)
{
	struct cat_result *r;

	gen_all_libs(g, 0);
	if (!(r = gen_result(g)))
		return;
	for (size_t i = 0; i < cat_nopts(g->cat); i++) {
		const struct cat_opt *o = cat_opt_at(g->cat, i);
		const struct cat_setting *st = cat_result_opt(r, i);

		if (o->type == CAT_BOOL && st->prov != CAT_PROV_INACTIVE && st->val.num)
			gen_try_opt(g, o, "n");
	}
	cat_result_free(r);
}

/* A number in the option's range; 0 when it has no range to draw from. */
static int gen_number(struct gen *g, const struct cat_opt *o, long long *out)
{
	uint64_t lo, span;

	if (!o->has_min && !o->has_max)
		return 0;
	lo = o->has_min ? (uint64_t)o->min : (uint64_t)o->max - 65535;
	span = o->has_max ? (uint64_t)o->max - lo : 65535;
	switch (gen_next(g) % 4) { /* the ends of a range find more bugs than its middle */
	case 0:
		*out = (long long)lo;
		break;
	case 1:
		*out = (long long)(lo + span);
		break;
	default:
		*out = (long long)(lo +
				   (span == UINT64_MAX ? gen_next(g) : gen_next(g) % (span + 1)));
	}
	return 1;
}

/* A random value of o as a user would type it; 0 when there is none to draw (strings). */
static int gen_value(struct gen *g, const struct cat_opt *o, char *buf, size_t size)
{
	long long n;

	switch (o->type) {
	case CAT_BOOL:
		snprintf(buf, size, "%s", gen_next(g) % 2 ? "y" : "n");
		return 1;
	case CAT_CHOICE:
		if (!o->nvalues)
			return 0;
		snprintf(buf, size, "%s", o->values[gen_next(g) % o->nvalues]);
		return 1;
	case CAT_INT:
	case CAT_HEX:
		if (!gen_number(g, o, &n))
			return 0;
		snprintf(buf, size, o->type == CAT_HEX ? "0x%llx" : "%lld", n);
		return 1;
	default:
		return 0;
	}
}

/*
 * Libraries: on with 1/2, off with 1/4, left to the resolver with 1/4. Then each option
 * of a library that ended up on gets a drawn value with 2/3 (a draw is made for every
 * option all the same, so one option's fate does not shift the others' draws).
 */
static void gen_random(struct gen *g)
{
	struct cat_result *r;
	char text[128];

	for (size_t i = 0; i < cat_nlibs(g->cat); i++) {
		uint64_t d = gen_next(g) % 4;

		if (d < 3)
			gen_try_lib(g, cat_lib_at(g->cat, i), d < 2);
	}
	if (!(r = gen_result(g)))
		return;
	for (size_t i = 0; i < cat_nopts(g->cat); i++) {
		const struct cat_opt *o = cat_opt_at(g->cat, i);
		int pick = gen_next(g) % 3 != 0, ok = gen_value(g, o, text, sizeof(text));

		if (pick && ok && cat_result_lib(r, o->lib)->on)
			gen_try_opt(g, o, text);
	}
	cat_result_free(r);
}

struct cat_profile *cat_genconfig(struct cat_solver *s, const struct cat_catalog *cat,
				  const char *app, const char *const *targets, size_t ntargets,
				  enum cat_gen_mode mode, unsigned long long seed,
				  struct cat_err *err)
{
	struct gen g = { s, cat, NULL, seed };
	struct cat_result *r = NULL;

	if (!ntargets) {
		cat_err_add(err, NULL, 0, 0, "genconfig: no target");
		return NULL;
	}
	g.p = cat_profile_new(app, targets[0]);
	if (cat_profile_set_targets(g.p, targets, ntargets) < 0) {
		cat_err_add(err, NULL, 0, 0,
			    "genconfig: bad targets (<platform>-<arch>, none twice)");
		cat_profile_free(g.p);
		return NULL;
	}
	if (cat_solve(s, g.p, &r, err) != 0) { /* err says why app and targets fail */
		cat_profile_free(g.p);
		return NULL;
	}
	cat_result_free(r);
	if (mode == CAT_GEN_ALL_YES)
		gen_all_yes(&g);
	else if (mode == CAT_GEN_ALL_NO)
		gen_all_no(&g);
	else
		gen_random(&g);
	return g.p;
}

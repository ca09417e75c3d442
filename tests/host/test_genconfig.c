/*
 * Generated configurations (cat_genconfig) on a small catalog whose answers are known:
 * every generated profile resolves; all-yes keeps a library only when it fits (a
 * conflict, a platform) and turns on strictly more than all-no; all-no turns off bool
 * options without turning on a library for them; the same seed gives the same bytes and
 * different seeds different profiles.
 */
#include <stdlib.h>
#include <string.h>

#include "support.h"

#define LIB(name, rest)                                                                            \
	"{ \"kiln_catalog\": 1, \"name\": \"" name "\", \"kind\": \"library\"" rest " }"
#define BOOL(name, def) "\"" name "\": { \"type\": \"bool\", \"default\": " def " }"

static struct cat_catalog *cat;
static struct cat_solver *solver;
static const char *const kvm[] = { "kvm-x86_64" };

static int setup(void **state)
{
	struct cat_err err;

	(void)state;
	cat = load_libs(
		"plat/kvm", PLAT("kvm"), "plat/xen", PLAT("xen"), "examples/app",
		"{ \"kiln_catalog\": 1, \"name\": \"app\", \"kind\": \"app\", \"selects\": "
		"\"core\", \"options\": { \"APP_N\": { \"type\": \"int\", \"min\": 1, \"max\": 9, "
		"\"default\": 1 } } }",
		"kernel-libs/core",
		LIB("core",
		    ", \"options\": { " BOOL(
			    "CORE_DEBUG",
			    "true") ", \"CORE_LEVEL\": { "
				    "\"type\": \"choice\", \"values\": [\"lo\", \"mid\", \"hi\"], "
				    "\"default\": \"lo\" } }"),
		"kernel-libs/a", LIB("a", ", \"options\": { " BOOL("A_FAST", "false") " }"),
		"kernel-libs/b", LIB("b", ", \"depends\": \"a\""), "kernel-libs/c",
		LIB("c", ", \"conflicts\": \"a\""), "kernel-libs/lonely",
		LIB("lonely", ", \"options\": { " BOOL("LONELY_ON", "true") " }"),
		"kernel-libs/xenonly", LIB("xenonly", ", \"platforms\": [\"xen\"]"), NULL);
	cat_err_init(&err);
	solver = cat ? cat_solver_new(cat, &err) : NULL;
	cat_err_free(&err);
	return solver ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	cat_solver_free(solver);
	cat_free(cat);
	return 0;
}

static struct cat_profile *gen(enum cat_gen_mode mode, unsigned long long seed)
{
	struct cat_err err;
	struct cat_profile *p;

	cat_err_init(&err);
	p = cat_genconfig(solver, cat, "app", kvm, 1, mode, seed, &err);
	cat_err_free(&err);
	assert_non_null(p);
	return p;
}

/* The libraries p turns on once resolved (asserting that it resolves). */
static size_t libs_on(const struct cat_profile *p, const char *name, int *is_on)
{
	struct cat_result *r = NULL;
	struct cat_err err;
	size_t n = 0;

	cat_err_init(&err);
	assert_int_equal(cat_solve(solver, p, &r, &err), 0);
	for (size_t i = 0; i < cat_nlibs(cat); i++)
		n += cat_result_lib(r, i)->on;
	if (name)
		*is_on = cat_result_lib(r, (size_t)cat_find_lib(cat, name))->on;
	cat_result_free(r);
	cat_err_free(&err);
	return n;
}

static long long decided(const struct cat_profile *p, const char *name)
{
	const struct cat_decision *d = cat_profile_find(p, name);

	return d ? d->val.num : -1;
}

static void all_yes_keeps_only_what_fits_and_beats_all_no(void **state)
{
	struct cat_profile *yes = gen(CAT_GEN_ALL_YES, 0), *no = gen(CAT_GEN_ALL_NO, 0);
	int on;

	(void)state;
	assert_true(libs_on(yes, NULL, NULL) > libs_on(no, NULL, NULL));
	assert_int_equal(decided(yes, "a"), 1);
	assert_int_equal(decided(yes, "b"), 1);
	assert_int_equal(decided(yes, "lonely"), 1);
	assert_int_equal(decided(yes, "A_FAST"), 1);
	assert_int_equal(decided(yes, "LONELY_ON"), 1);
	assert_null(cat_profile_find(yes, "c"));       /* conflicts with a, tried later */
	assert_null(cat_profile_find(yes, "xenonly")); /* not on kvm */
	libs_on(yes, "c", &on);
	assert_false(on);
	cat_profile_free(yes);
	cat_profile_free(no);
}

static void all_no_turns_bools_off_without_asking_for_libraries(void **state)
{
	struct cat_profile *no = gen(CAT_GEN_ALL_NO, 0);
	int on;

	(void)state;
	assert_int_equal(decided(no, "a"), 0);
	assert_int_equal(decided(no, "lonely"), 0);
	assert_null(cat_profile_find(no, "core")); /* the app selects it: off cannot hold */
	assert_int_equal(decided(no, "CORE_DEBUG"), 0);
	assert_null(cat_profile_find(no, "LONELY_ON")); /* would turn lonely on */
	libs_on(no, "lonely", &on);
	assert_false(on);
	cat_profile_free(no);
}

static void random_profiles_resolve_and_repeat_by_seed(void **state)
{
	char *first = NULL;
	int differ = 0;

	(void)state;
	for (unsigned long long seed = 1; seed <= 40; seed++) {
		struct cat_profile *p = gen(CAT_GEN_RANDOM, seed), *q = gen(CAT_GEN_RANDOM, seed);
		char *tp = cat_profile_text(p), *tq = cat_profile_text(q);

		libs_on(p, NULL, NULL);
		assert_string_equal(tp, tq);
		if (!first)
			first = strdup(tp);
		else
			differ += strcmp(first, tp) != 0;
		free(tp);
		free(tq);
		cat_profile_free(p);
		cat_profile_free(q);
	}
	assert_true(differ > 20); /* the seed matters */
	free(first);
}

static void random_values_stay_in_range(void **state)
{
	int seen_max = 0;

	(void)state;
	for (unsigned long long seed = 100; seed < 160; seed++) {
		struct cat_profile *p = gen(CAT_GEN_RANDOM, seed);
		long long n = decided(p, "APP_N");
		const struct cat_decision *lv = cat_profile_find(p, "CORE_LEVEL");

		assert_true(n == -1 || (n >= 1 && n <= 9));
		seen_max += n == 9;
		if (lv)
			assert_true(strstr(" lo mid hi ", lv->val.str) != NULL);
		cat_profile_free(p);
	}
	assert_true(seen_max > 0); /* the ends of the range are drawn */
}

static void unknown_app_or_bad_targets_generate_nothing(void **state)
{
	static const char *const twice[] = { "kvm-x86_64", "kvm-x86_64" };
	struct cat_err err;

	(void)state;
	cat_err_init(&err);
	assert_null(cat_genconfig(solver, cat, "nosuch", kvm, 1, CAT_GEN_ALL_YES, 0, &err));
	assert_true(err.n > 0);
	cat_err_clear(&err);
	assert_null(cat_genconfig(solver, cat, "app", twice, 2, CAT_GEN_ALL_NO, 0, &err));
	assert_true(err.n > 0);
	cat_err_clear(&err);
	assert_null(cat_genconfig(solver, cat, "app", kvm, 0, CAT_GEN_RANDOM, 1, &err));
	assert_true(err.n > 0);
	cat_err_free(&err);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(all_yes_keeps_only_what_fits_and_beats_all_no),
		cmocka_unit_test(all_no_turns_bools_off_without_asking_for_libraries),
		cmocka_unit_test(random_profiles_resolve_and_repeat_by_seed),
		cmocka_unit_test(random_values_stay_in_range),
		cmocka_unit_test(unknown_app_or_bad_targets_generate_nothing),
	};

	return cmocka_run_group_tests_name("genconfig", tests, setup, teardown);
}

/*
 * Why-not answers must be minimal even when the solver's first answer is not: catalogs
 * with redundant constraints, where the unsatisfiable set PicoSAT reports first holds
 * decisions or constraints that are not needed. Each case asserts the minimal core: every
 * decision and constraint in it is needed (dropping any one makes the wish possible).
 */
#include <stdlib.h>
#include <string.h>

#include "support.h"

#define LIB(name, rest)                                                                            \
	"{ \"kiln_catalog\": 1, \"name\": \"" name "\", \"kind\": \"library\"" rest " }"
#define APP(name) "{ \"kiln_catalog\": 1, \"name\": \"" name "\", \"kind\": \"app\" }"
#define HEAD                                                                                       \
	"{ \"kiln_profile\": 1, \"catalog\": 1, \"targets\": [\"kvm-x86_64\"], \"app\": "          \
	"\"plain\",\n"

#define NDEC 5 /* the decidable libraries a..e */

static struct cat_catalog *cat;
static struct cat_solver *solver;

static int setup(void **state)
{
	struct cat_err err;

	(void)state;
	cat = load_libs(
		"plat/kvm", PLAT("kvm"), "examples/plain", APP("plain"), "k/a",
		LIB("a", ", \"selects\": \"n\""), "k/b", LIB("b", ""), "k/c", LIB("c", ""), "k/d",
		LIB("d", ""), "k/e", LIB("e", ""), "k/w1",
		LIB("w1", ", \"conflicts\": \"a && b\", \"depends\": \"!c\""), "k/w2",
		LIB("w2", ", \"conflicts\": \"a || (b && c)\", \"depends\": \"!e\""), "k/w3",
		LIB("w3", ", \"depends\": \"m1\", \"conflicts\": \"d && e\""), "k/m1",
		LIB("m1", ", \"depends\": \"m2\""), "k/m2",
		LIB("m2", ", \"conflicts\": \"d || a\""), "k/w4",
		LIB("w4", ", \"depends\": \"p || q\", \"conflicts\": \"c && d\""), "k/p",
		LIB("p", ", \"conflicts\": \"a\""), "k/q", LIB("q", ", \"conflicts\": \"b\""),
		"k/w5", LIB("w5", ", \"conflicts\": \"(a && b) || (c && d) || e\""), "k/x",
		LIB("x", ", \"selects\": \"y\""), "k/y", LIB("y", ", \"conflicts\": \"z\""), "k/z",
		LIB("z", ""), "k/w6",
		LIB("w6",
		    ", \"selects\": \"z\", \"conflicts\": \"b && c\", \"depends\": \"!a || !d\""),
		"k/n", LIB("n", ", \"selects\": \"m3 && (l7 || !b)\""), "k/m3",
		LIB("m3", ", \"selects\": \"l7\""), "k/l7", LIB("l7", ""), "k/w7",
		LIB("w7", ", \"conflicts\": \"l7 && d\""), "k/w8",
		LIB("w8", ", \"conflicts\": \"l7\""), "k/v",
		LIB("v", ", \"depends\": \"m1\", \"conflicts\": \"a\""), NULL);
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

/* A profile turning on the decisions of mask (bit i: library "a" + i), except skip. */
static struct cat_profile *profile_of(unsigned mask, int skip)
{
	char json[512] = HEAD "\"libraries\": {";
	struct cat_err err;
	struct cat_profile *p;
	int first = 1;

	for (int i = 0; i < NDEC; i++) {
		if (!(mask & (1u << i)) || i == skip)
			continue;
		snprintf(json + strlen(json), sizeof json - strlen(json), "%s \"%c\": true",
			 first ? "" : ",", 'a' + i);
		first = 0;
	}
	strcat(json, " } }");
	cat_err_init(&err);
	p = profile_from(json, &err);
	cat_err_free(&err);
	assert_non_null(p);
	return p;
}

/* Whether wish can be on under the decisions of mask. */
static int possible(unsigned mask, int skip, const char *wish)
{
	struct cat_profile *p = profile_of(mask, skip);
	struct cat_err err;
	struct cat_expl *e;
	int ok;

	cat_err_init(&err);
	e = cat_explain_why_not(solver, p, wish, NULL, &err);
	assert_non_null(e);
	ok = e->possible;
	cat_expl_free(e);
	cat_profile_free(p);
	cat_err_free(&err);
	return ok;
}

/* The core of decisions of a why-not as a mask; asserts each names a decision made. */
static unsigned core_mask(const struct cat_expl *e, unsigned mask)
{
	unsigned core = 0;

	for (size_t i = 0; i < e->ncore_decs; i++) {
		const char *n = e->core_decs[i].name;

		assert_true(n[0] >= 'a' && n[0] < 'a' + NDEC && !n[1]);
		assert_true(mask & (1u << (n[0] - 'a')));
		core |= 1u << (n[0] - 'a');
	}
	return core;
}

/*
 * Every set of decisions, every wish: when the wish is ruled out, its core of decisions
 * alone still rules it out, and without any one of them it is possible. The catalog has
 * several ways to rule each wish out, so the solver's first unsatisfiable set often holds
 * decisions a smaller one does without.
 */
static void why_not_cores_are_minimal_with_redundant_constraints(void **state)
{
	static const char *const wishes[] = { "w1", "w2", "w3", "w4", "w5", "w6", "w7", "w8" };
	int ruled_out = 0, shrunk = 0;

	(void)state;
	for (unsigned mask = 0; mask < (1u << NDEC); mask++) {
		for (size_t w = 0; w < sizeof wishes / sizeof *wishes; w++) {
			struct cat_profile *p = profile_of(mask, -1);
			struct cat_err err;
			struct cat_expl *e;
			unsigned core;

			cat_err_init(&err);
			e = cat_explain_why_not(solver, p, wishes[w], NULL, &err);
			assert_non_null(e);
			if (!e->possible) {
				ruled_out++;
				core = core_mask(e, mask);
				shrunk += core != mask;
				if (possible(core, -1, wishes[w]))
					fail_msg("%s, decisions %#x: core %#x does not rule it out",
						 wishes[w], mask, core);
				for (int d = 0; d < NDEC; d++)
					if ((core & (1u << d)) && !possible(core, d, wishes[w]))
						fail_msg("%s, decisions %#x: core %#x holds %c, "
							 "not needed",
							 wishes[w], mask, core, 'a' + d);
			}
			cat_expl_free(e);
			cat_profile_free(p);
			cat_err_free(&err);
		}
	}
	/* the cases mean something: many wishes ruled out, many by a part of the decisions */
	assert_true(ruled_out > 60);
	assert_true(shrunk > 30);
}

/* Two ways to rule v out, one through a chain of three constraints and one direct; with
 * only a decided, either is a minimal core, but never both. */
static void why_not_core_holds_one_of_two_redundant_reasons(void **state)
{
	struct cat_profile *p = profile_of(1u, -1);
	struct cat_err err;
	struct cat_expl *e;
	int direct = 0, chain = 0;

	(void)state;
	cat_err_init(&err);
	e = cat_explain_why_not(solver, p, "v", NULL, &err);
	assert_non_null(e);
	assert_false(e->possible);
	assert_int_equal(e->ncore_decs, 1);
	assert_string_equal(e->core_decs[0].name, "a");
	for (size_t i = 0; i < e->ncore; i++) {
		direct +=
			!strcmp(e->core[i].subject, "v") && !strcmp(e->core[i].field, "conflicts");
		chain += !strcmp(e->core[i].subject, "m2");
	}
	assert_true(direct + chain == 1);
	assert_int_equal(e->ncore, direct ? 1 : 3);
	cat_expl_free(e);
	cat_profile_free(p);
	cat_err_free(&err);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(why_not_cores_are_minimal_with_redundant_constraints),
		cmocka_unit_test(why_not_core_holds_one_of_two_redundant_reasons),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}

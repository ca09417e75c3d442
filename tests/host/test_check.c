/*
 * kiln check (cat_check) on a catalog with one of each flaw: a depends that can never
 * hold, conflicts that always / never bite, a dead library and option, constant options,
 * a dead choice value, an interface with no provider on a platform. Each flaw must be
 * found, named at its field, with the constraints that cause it; a good catalog is clean.
 */
#include <stdlib.h>
#include <string.h>

#include "support.h"

#define LIB(name, rest)                                                                            \
	"{ \"kiln_catalog\": 1, \"name\": \"" name "\", \"kind\": \"library\"" rest " }"
#define APP "{ \"kiln_catalog\": 1, \"name\": \"app\", \"kind\": \"app\" }"

static struct cat_check *check(struct cat_catalog *cat)
{
	struct cat_solver *s;
	struct cat_check *c;

	assert_non_null(cat);
	s = cat_solver_new(cat, NULL);
	c = cat_check(s);
	cat_solver_free(s);
	return c;
}

struct want {
	enum cat_issue_kind kind;
	const char *text, *why, *file;
};

static void expect(const struct cat_check *c, const struct want *w, size_t n)
{
	for (size_t i = 0; i < c->n && c->n != n; i++)
		fprintf(stderr, "  issue %zu: %s | %s\n", i, c->v[i].text,
			c->v[i].why ? c->v[i].why : "-");
	assert_int_equal(c->n, n);
	for (size_t i = 0; i < n; i++) {
		assert_int_equal(c->v[i].kind, w[i].kind);
		assert_string_equal(c->v[i].text, w[i].text);
		if (w[i].why)
			assert_string_equal(c->v[i].why, w[i].why);
		assert_string_equal(c->v[i].at.file, w[i].file);
		assert_true(c->v[i].at.line >= 1);
	}
}

static void check_finds_every_kind_of_flaw(void **state)
{
	struct cat_catalog *cat = load_libs(
		"plat/kvm", PLAT("kvm"), "plat/xen", PLAT("xen"), "examples/app", APP,
		"kernel-libs/a", LIB("a", ""), "kernel-libs/b",
		LIB("b", ", \"conflicts\": \"loner\""), "kernel-libs/ghost",
		LIB("ghost", ", \"depends\": \"a && !a\""), "kernel-libs/hater",
		LIB("hater", ", \"conflicts\": \"true\""), "kernel-libs/idle",
		LIB("idle", ", \"conflicts\": \"false\""), "kernel-libs/k",
		LIB("k",
		    ", \"selects\": \"K_ON\", \"options\": { \"K_ON\": { \"type\": \"bool\" } }"),
		"kernel-libs/kalloc",
		LIB("kalloc", ", \"provides\": [\"allocator\"], \"platforms\": [\"kvm\"]"),
		"kernel-libs/loner", LIB("loner", ", \"selects\": \"b\""), "kernel-libs/m",
		LIB("m", ", \"selects\": \"M_MODE == \\\"x\\\"\", \"options\": { \"M_MODE\": { "
			 "\"type\": \"choice\", \"values\": [\"x\", \"y\"] } }"),
		"kernel-libs/needy", LIB("needy", ", \"requires\": [\"allocator\"]"),
		"kernel-libs/opty",
		LIB("opty", ", \"options\": { \"OPTY_X\": { \"type\": \"bool\", \"selects\": "
			    "\"loner\" } }"),
		"kernel-libs/w2",
		LIB("w2", ", \"options\": { \"W2_X\": { \"type\": \"bool\", \"selects\": \"b\", "
			  "\"conflicts\": \"b\" } }"),
		NULL);
	static const struct want w[] = {
		{ CAT_ISSUE_NEVER_HOLDS,
		  "b conflicts with loner, which can never hold: it rules "
		  "nothing out",
		  "b conflicts with loner; loner selects b", "kernel-libs/b/lib.json" },
		{ CAT_ISSUE_NEVER_HOLDS, "ghost depends on (a && !a), which can never hold", NULL,
		  "kernel-libs/ghost/lib.json" },
		{ CAT_ISSUE_NEVER_HOLDS, "hater conflicts with true, which always holds", NULL,
		  "kernel-libs/hater/lib.json" },
		{ CAT_ISSUE_NEVER_HOLDS,
		  "idle conflicts with false, which can never hold: it rules "
		  "nothing out",
		  NULL, "kernel-libs/idle/lib.json" },
		{ CAT_ISSUE_DEAD, "loner can never be on",
		  "b conflicts with loner; loner selects b", "kernel-libs/loner/lib.json" },
		{ CAT_ISSUE_CONSTANT, "K_ON is always on when available", "k selects K_ON",
		  "kernel-libs/k/lib.json" },
		{ CAT_ISSUE_DEAD, "M_MODE can never be \"y\"",
		  "m selects (M_MODE == \"x\"); M_MODE is an option of m; M_MODE takes exactly one "
		  "value",
		  "kernel-libs/m/lib.json" },
		{ CAT_ISSUE_CONSTANT, "M_MODE can only be \"x\"", NULL, "kernel-libs/m/lib.json" },
		{ CAT_ISSUE_NEVER_HOLDS, "OPTY_X selects loner, which can never hold", NULL,
		  "kernel-libs/opty/lib.json" },
		{ CAT_ISSUE_DEAD, "W2_X can never be on", "W2_X conflicts with b; W2_X selects b",
		  "kernel-libs/w2/lib.json" },
		{ CAT_ISSUE_NO_PROVIDER,
		  "needy requires a provider of allocator, but none runs on xen", NULL,
		  "kernel-libs/needy/lib.json" },
	};
	struct cat_check *c = check(cat);

	(void)state;
	expect(c, w, sizeof(w) / sizeof(*w));
	assert_string_equal(c->v[1].at.field, "depends");
	assert_string_equal(c->v[4].at.field, "name");
	assert_true(c->sat_calls > 0);
	cat_check_free(c);
	cat_free(cat);
}

static void check_is_clean_on_a_good_catalog(void **state)
{
	struct cat_catalog *cat = load_basic();
	struct cat_check *c = check(cat);

	(void)state;
	expect(c, NULL, 0);
	cat_check_free(c);
	cat_free(cat);
}

static void check_a_catalog_without_any_app(void **state)
{
	struct cat_catalog *cat =
		load_libs("plat/kvm", PLAT("kvm"), "kernel-libs/a", LIB("a", ""), NULL);
	struct cat_check *c = check(cat);

	(void)state;
	assert_int_equal(c->n, 1);
	assert_int_equal(c->v[0].kind, CAT_ISSUE_NO_PROFILE);
	assert_string_equal(c->v[0].text, "no profile can resolve: the catalog contradicts itself");
	cat_check_free(c);
	cat_free(cat);
}

/*
 * q is dead for two reasons: its own two constraints (it depends on r and conflicts with
 * it) and a longer way round (s, which it depends on, depends on t1, which depends on t2,
 * which conflicts with q). Both are minimal; check names the nearer one, and names it the
 * same whatever was asked of the solver before.
 */
static void check_names_the_nearest_reason(void **state)
{
	struct cat_catalog *cat = load_libs(
		"plat/kvm", PLAT("kvm"), "examples/app", APP, "kernel-libs/q",
		LIB("q", ", \"depends\": \"r && s\", \"conflicts\": \"r\""), "kernel-libs/r",
		LIB("r", ""), "kernel-libs/s", LIB("s", ", \"depends\": \"t1\""), "kernel-libs/t1",
		LIB("t1", ", \"depends\": \"t2\""), "kernel-libs/t2",
		LIB("t2", ", \"conflicts\": \"q\""), NULL);
	static const struct want w[] = {
		{ CAT_ISSUE_DEAD, "q can never be on", "q depends on (r && s); q conflicts with r",
		  "kernel-libs/q/lib.json" },
		{ CAT_ISSUE_NEVER_HOLDS,
		  "t2 conflicts with q, which can never hold: it rules nothing out",
		  "q depends on (r && s); q conflicts with r", "kernel-libs/t2/lib.json" },
	};
	struct cat_solver *s = cat_solver_new(cat, NULL);
	struct cat_check *c = cat_check(s), *again = cat_check(s);

	(void)state;
	expect(c, w, 2);
	expect(again, w, 2);
	cat_check_free(c);
	cat_check_free(again);
	cat_solver_free(s);
	cat_free(cat);
}

/*
 * The nearest reason found by propagation may pass where it need not: from mid, the
 * propagation also turns helper and a on, and the contradiction in bad's depends meets
 * that a first. The reason named is shrunk to what rules mid out.
 */
static void check_shrinks_the_reason_found(void **state)
{
	struct cat_catalog *cat = load_libs(
		"plat/kvm", PLAT("kvm"), "examples/app", APP, "kernel-libs/a", LIB("a", ""),
		"kernel-libs/bad", LIB("bad", ", \"depends\": \"a && !a\""), "kernel-libs/helper",
		LIB("helper", ", \"selects\": \"a\""), "kernel-libs/mid",
		LIB("mid", ", \"depends\": \"bad\", \"selects\": \"helper\""), "kernel-libs/top",
		LIB("top", ", \"depends\": \"mid\""), NULL);
	static const struct want w[] = {
		{ CAT_ISSUE_NEVER_HOLDS, "bad depends on (a && !a), which can never hold", NULL,
		  "kernel-libs/bad/lib.json" },
		{ CAT_ISSUE_NEVER_HOLDS, "mid depends on bad, which can never hold",
		  "bad depends on (a && !a)", "kernel-libs/mid/lib.json" },
		{ CAT_ISSUE_NEVER_HOLDS, "top depends on mid, which can never hold",
		  "bad depends on (a && !a); mid depends on bad", "kernel-libs/top/lib.json" },
	};
	struct cat_check *c = check(cat);

	(void)state;
	expect(c, w, 3);
	cat_check_free(c);
	cat_free(cat);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(check_finds_every_kind_of_flaw),
		cmocka_unit_test(check_is_clean_on_a_good_catalog),
		cmocka_unit_test(check_a_catalog_without_any_app),
		cmocka_unit_test(check_names_the_nearest_reason),
		cmocka_unit_test(check_shrinks_the_reason_found),
	};

	return cmocka_run_group_tests_name("check", tests, NULL, NULL);
}

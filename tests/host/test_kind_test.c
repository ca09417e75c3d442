/*
 * Catalog entries of kind "test" (a library's in-guest tests): the loader reads them with
 * their platforms and the "Tests" category, names the new kind in its errors, and the
 * resolver takes a test as a profile's app, one app or test at a time, never as a library.
 */
#include <stdlib.h>
#include <string.h>

#include "support.h"

#define LIB(name, rest)                                                                            \
	"{ \"kiln_catalog\": 1, \"name\": \"" name "\", \"kind\": \"library\"" rest " }"
#define TEST(name, rest)                                                                           \
	"{ \"kiln_catalog\": 1, \"name\": \"" name "\", \"kind\": \"test\"" rest " }"
#define APP "{ \"kiln_catalog\": 1, \"name\": \"hello\", \"kind\": \"app\" }"

static struct cat_catalog *tests_catalog(void)
{
	return load_libs(
		"plat/kvm", PLAT("kvm"), "plat/xen", PLAT("xen"), "examples/hello", APP,
		"kernel-libs/ktest", LIB("ktest", ""), "kernel-libs/fmt", LIB("fmt", ""),
		"kernel-libs/fmt/tests", TEST("fmt-tests", ", \"selects\": \"ktest && fmt\""),
		"plat/xen/tests",
		TEST("xen-tests", ", \"platforms\": [\"xen\"], \"category\": \"Xen/Tests\""), NULL);
}

static void test_kind_loads_with_platforms_and_category(void **state)
{
	struct cat_catalog *cat = tests_catalog();
	const struct cat_lib *l;

	(void)state;
	assert_non_null(cat);
	l = cat_lib_at(cat, (size_t)cat_find_lib(cat, "fmt-tests"));
	assert_int_equal(l->kind, CAT_TEST);
	assert_string_equal(l->category, "Tests"); /* the default for tests */
	assert_string_equal(l->dir, "kernel-libs/fmt/tests");
	assert_int_equal(l->platforms.n, 0); /* none: every platform */
	l = cat_lib_at(cat, (size_t)cat_find_lib(cat, "xen-tests"));
	assert_int_equal(l->kind, CAT_TEST);
	assert_string_equal(l->category, "Xen/Tests");
	assert_int_equal(l->platforms.n, 1);
	assert_string_equal(l->platforms.v[0], "xen");
	assert_true(cat_kind_is_app(CAT_TEST) && cat_kind_is_app(CAT_APP));
	assert_false(cat_kind_is_app(CAT_LIBRARY) || cat_kind_is_app(CAT_PLATFORM));
	cat_free(cat);
}

static void test_kind_errors_name_it(void **state)
{
	char *e = load_errors("a", "{ \"kiln_catalog\": 1, \"name\": \"a\", \"kind\": \"tests\" }",
			      NULL);

	(void)state;
	assert_contains(e, "a/lib.json:1:");
	assert_contains(e,
			"kind: unknown kind \"tests\" (expected library, platform, app or test)");
	free(e);
	e = load_errors("a", TEST("a", ", \"platform\": \"kvm\""), NULL);
	assert_contains(e, "only platform libraries name a platform");
	free(e);
	e = load_errors("a", TEST("a", ", \"platforms\": [\"Kvm\"]"), NULL);
	assert_contains(e, "platforms[0]: \"Kvm\" is not a valid name");
	free(e);
}

/* Resolves the profile text; returns the result (NULL and err filled when it does not). */
static struct cat_result *solve(struct cat_catalog *cat, const char *json, struct cat_err *err)
{
	struct cat_profile *p = profile_from(json, err);
	struct cat_solver *s = cat_solver_new(cat, err);
	struct cat_result *r = NULL;

	assert_non_null(p);
	assert_non_null(s);
	if (cat_solve(s, p, &r, err) != 0)
		r = NULL;
	cat_solver_free(s);
	cat_profile_free(p);
	return r;
}

static int is_on(const struct cat_catalog *cat, const struct cat_result *r, const char *name)
{
	return cat_result_lib(r, (size_t)cat_find_lib(cat, name))->on;
}

static void test_kind_is_a_profile_app(void **state)
{
	struct cat_catalog *cat = tests_catalog();
	struct cat_err err;
	struct cat_result *r;

	(void)state;
	cat_err_init(&err);
	r = solve(cat,
		  "{\"kiln_profile\": 1, \"catalog\": 1, \"app\": \"fmt-tests\", \"targets\": "
		  "[\"kvm-x86_64\"]}",
		  &err);
	assert_non_null(r);
	assert_true(is_on(cat, r, "fmt-tests") && is_on(cat, r, "ktest") && is_on(cat, r, "fmt"));
	assert_false(is_on(cat, r, "hello") || is_on(cat, r, "xen-tests")); /* one app at a time */
	cat_result_free(r);
	r = solve(cat,
		  "{\"kiln_profile\": 1, \"catalog\": 1, \"app\": \"hello\", \"targets\": "
		  "[\"kvm-x86_64\"]}",
		  &err);
	assert_non_null(r);
	assert_true(is_on(cat, r, "hello"));
	assert_false(is_on(cat, r, "fmt-tests") || is_on(cat, r, "ktest"));
	cat_result_free(r);
	cat_err_free(&err);
	cat_free(cat);
}

static void test_kind_keeps_its_platforms_and_is_no_library(void **state)
{
	struct cat_catalog *cat = tests_catalog();
	struct cat_err err;
	char *text;

	(void)state;
	cat_err_init(&err);
	assert_null(solve(cat,
			  "{\"kiln_profile\": 1, \"catalog\": 1, \"app\": \"xen-tests\", "
			  "\"targets\": [\"kvm-x86_64\"]}",
			  &err));
	cat_err_clear(&err);
	assert_null(solve(cat,
			  "{\"kiln_profile\": 1, \"catalog\": 1, \"app\": \"hello\", \"targets\": "
			  "[\"kvm-x86_64\"], \"libraries\": {\"fmt-tests\": true}}",
			  &err));
	text = err_text(&err);
	assert_contains(text, "libraries.fmt-tests: apps and tests follow the profile's app");
	free(text);
	cat_err_free(&err);
	cat_free(cat);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_kind_loads_with_platforms_and_category),
		cmocka_unit_test(test_kind_errors_name_it),
		cmocka_unit_test(test_kind_is_a_profile_app),
		cmocka_unit_test(test_kind_keeps_its_platforms_and_is_no_library),
	};

	return cmocka_run_group_tests_name("kind test", tests, NULL, NULL);
}

/*
 * The expression parser on its own: precedence, canonical form, and errors with columns.
 */
#include <stdlib.h>
#include <string.h>

#include "support.h"

static void roundtrip(const char *in, const char *want)
{
	char msg[128], out[512];
	int col;
	struct cat_expr *e = cat_expr_parse(in, &col, msg, sizeof(msg));

	if (col)
		fprintf(stderr, "%s: column %d: %s\n", in, col, msg);
	assert_int_equal(col, 0);
	assert_non_null(e);
	cat_expr_str(e, out, sizeof(out));
	assert_string_equal(out, want);
	cat_expr_free(e);
}

static void fails_at(const char *in, int want_col, const char *want_msg)
{
	char msg[128];
	int col;
	struct cat_expr *e = cat_expr_parse(in, &col, msg, sizeof(msg));

	assert_null(e);
	assert_int_equal(col, want_col);
	assert_contains(msg, want_msg);
}

static void expr_and_binds_tighter_than_or(void **state)
{
	(void)state;
	roundtrip("a || b && c", "a || b && c");
	roundtrip("(a || b) && c", "(a || b) && c");
	roundtrip("a && b && c", "a && b && c");
	roundtrip("((a || (b || c)) || (d && e))", "a || b || c || d && e");
	roundtrip("!(a && !(b || c))", "!(a && !(b || c))");
}

/* Found by fuzz_expr: a long chain printed as nested parentheses could not be read back,
 * nor 98 '!' in a chain once the printer added parentheses around it. */
static void expr_long_chains_print_flat_and_read_back(void **state)
{
	char in[2000] = "x", out[4000], again[4000], msg[128];
	struct cat_expr *e, *f;
	int col;

	(void)state;
	for (int i = 0; i < 150; i++)
		strcat(in, i % 2 ? " || x" : " || y");
	e = cat_expr_parse(in, &col, msg, sizeof(msg));
	assert_non_null(e);
	cat_expr_str(e, out, sizeof(out));
	f = cat_expr_parse(out, &col, msg, sizeof(msg));
	assert_non_null(f);
	cat_expr_str(f, again, sizeof(again));
	assert_string_equal(out, again);
	cat_expr_free(e);
	cat_expr_free(f);
	memset(in, '!', 98);
	strcpy(in + 98, "x && y || z");
	e = cat_expr_parse(in, &col, msg, sizeof(msg));
	assert_non_null(e);
	cat_expr_str(e, out, sizeof(out));
	assert_string_equal(out + 98, "x && y || z");
	f = cat_expr_parse(out, &col, msg, sizeof(msg));
	assert_non_null(f);
	cat_expr_free(e);
	cat_expr_free(f);
}

static void expr_not_and_names(void **state)
{
	(void)state;
	roundtrip("uksched && !LWIP_NOSYS", "uksched && !LWIP_NOSYS");
	roundtrip("!!plat-kvm", "!!plat-kvm");
	roundtrip("true || false", "true || false");
}

static void expr_comparisons_keep_their_string(void **state)
{
	(void)state;
	roundtrip("LEVEL == \"debug\"", "LEVEL == \"debug\"");
	roundtrip("MODE != \"a \\\"q\\\" b\"", "MODE != \"a \\\"q\\\" b\"");
	roundtrip("!(X==\"1\")&&y", "!X == \"1\" && y");
}

static void expr_empty_is_no_expression(void **state)
{
	char msg[64];
	int col;

	(void)state;
	assert_null(cat_expr_parse("   ", &col, msg, sizeof(msg)));
	assert_int_equal(col, 0);
}

static void expr_errors_give_a_column(void **state)
{
	(void)state;
	fails_at("a &&", 5, "ends too early");
	fails_at("a & b", 3, "'&&'");
	fails_at("(a || b", 8, "expected ')'");
	fails_at("a b", 3, "unexpected text");
	fails_at("X == debug", 6, "quoted string");
	fails_at("X == \"open", 6, "unterminated");
	fails_at("a || 3", 6, "expected a name");
}

static void expr_deep_nesting_is_refused_not_crashed(void **state)
{
	char *deep = malloc(20001), msg[128];
	int col;

	(void)state;
	memset(deep, '(', 10000);
	memset(deep + 10000, ')', 10000);
	deep[20000] = 0;
	deep[9999] = 'a';
	assert_null(cat_expr_parse(deep, &col, msg, sizeof(msg)));
	assert_contains(msg, "nested too deeply");
	memset(deep, '!', 20000);
	assert_null(cat_expr_parse(deep, &col, msg, sizeof(msg)));
	free(deep);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(expr_and_binds_tighter_than_or),
		cmocka_unit_test(expr_long_chains_print_flat_and_read_back),
		cmocka_unit_test(expr_not_and_names),
		cmocka_unit_test(expr_comparisons_keep_their_string),
		cmocka_unit_test(expr_empty_is_no_expression),
		cmocka_unit_test(expr_errors_give_a_column),
		cmocka_unit_test(expr_deep_nesting_is_refused_not_crashed),
	};

	return cmocka_run_group_tests_name("expr", tests, NULL, NULL);
}

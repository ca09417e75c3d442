/*
 * Every ranged value at its edges: min - 1, min, max, max + 1, and the type's own limits
 * (signed 64-bit for int, unsigned 64-bit, at most 16 digits, for hex), in a lib.json's
 * default and in a profile's value; the values accepted reach config.h and config.mk
 * exactly, the ones refused say what range they left. Also the format versions (1 only)
 * and a range whose min passes its max. Tests far outside a range cannot see an edge moved
 * by one; these can.
 */
#include <stdlib.h>
#include <string.h>

#include <kiln/build.h>

#include "support.h"

#define LIB(name, rest)                                                                            \
	"{ \"kiln_catalog\": 1, \"name\": \"" name "\", \"kind\": \"library\"" rest " }"
#define INT_OPT(range, def)                                                                        \
	LIB("a", ", \"options\": { \"A_N\": { \"type\": \"int\"" range ", \"default\": " def " } " \
		 "}")
#define HEX_OPT(range, def)                                                                        \
	LIB("a", ", \"options\": { \"A_X\": { \"type\": \"hex\"" range ", \"default\": " def " } " \
		 "}")
#define PROFILE(opts)                                                                              \
	"{ \"kiln_profile\": 1, \"catalog\": 1, \"name\": \"edges\", \"app\": \"netapp\", "        \
	"\"targets\": [\"kvm-x86_64\"], \"options\": { " opts " } }"

struct edge {
	const char *text; /* a lib.json or a profile */
	const char *want; /* NULL: accepted; else a piece of the error */
};

/* A lib.json's default against its own range. */
static const struct edge lib_edges[] = {
	{ INT_OPT(", \"min\": 1, \"max\": 9", "0"), "options.A_N.default: 0 is outside 1..9" },
	{ INT_OPT(", \"min\": 1, \"max\": 9", "1"), NULL },
	{ INT_OPT(", \"min\": 1, \"max\": 9", "9"), NULL },
	{ INT_OPT(", \"min\": 1, \"max\": 9", "10"), "options.A_N.default: 10 is outside 1..9" },
	{ INT_OPT(", \"min\": -5, \"max\": -5", "-5"), NULL },
	{ INT_OPT(", \"min\": -5, \"max\": -5", "-6"), "-6 is outside -5..-5" },
	{ INT_OPT(", \"min\": -5, \"max\": -5", "-4"), "-4 is outside -5..-5" },
	{ INT_OPT("", "9223372036854775807"), NULL },
	{ INT_OPT("", "-9223372036854775808"), NULL },
	{ INT_OPT("", "9223372036854775808"), "too big integer" },
	{ INT_OPT(", \"min\": 5, \"max\": 5", "5"), NULL },
	{ INT_OPT(", \"min\": 5, \"max\": 4", "5"), "min is greater than max" },
	{ HEX_OPT(", \"min\": \"0x1000\", \"max\": \"0x1fff\"", "\"0xfff\""),
	  "0xfff is outside 0x1000..0x1fff" },
	{ HEX_OPT(", \"min\": \"0x1000\", \"max\": \"0x1fff\"", "\"0x1000\""), NULL },
	{ HEX_OPT(", \"min\": \"0x1000\", \"max\": \"0x1fff\"", "\"0x1fff\""), NULL },
	{ HEX_OPT(", \"min\": \"0x1000\", \"max\": \"0x1fff\"", "\"0x2000\""),
	  "0x2000 is outside 0x1000..0x1fff" },
	{ HEX_OPT("", "\"0xffffffffffffffff\""), NULL },
	{ HEX_OPT("", "\"0x0\""), NULL },
	{ HEX_OPT("", "\"0x10000000000000000\""), "expected a hex" },
	{ HEX_OPT(", \"min\": \"0x2\", \"max\": \"0x1\"", "\"0x2\""), "min is greater than max" },
	/* above 2^63, a hex range is still ordered as unsigned */
	{ HEX_OPT(", \"min\": \"0x8000000000000000\", \"max\": \"0xffffffffffffffff\"",
		  "\"0x7fffffffffffffff\""),
	  "is outside 0x8000000000000000..0xffffffffffffffff" },
	{ HEX_OPT(", \"min\": \"0x8000000000000000\", \"max\": \"0xffffffffffffffff\"",
		  "\"0x8000000000000000\""),
	  NULL },
	/* the format version is a range of one */
	{ "{ \"kiln_catalog\": 0, \"name\": \"a\", \"kind\": \"library\" }", "version" },
	{ "{ \"kiln_catalog\": 2, \"name\": \"a\", \"kind\": \"library\" }", "version" },
	/* an unknown key with nothing near it is still an error */
	{ LIB("a", ", \"zzzzzzzzz\": 1"), "zzzzzzzzz: unknown key" },
};

static void lib_json_ranges_at_their_edges(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof lib_edges / sizeof *lib_edges; i++) {
		char *e = load_errors("k/a", lib_edges[i].text, NULL);

		if (!lib_edges[i].want && e)
			fail_msg("case %zu refused: %s", i, e);
		if (lib_edges[i].want && !e)
			fail_msg("case %zu accepted, want \"%s\"", i, lib_edges[i].want);
		if (e)
			assert_contains(e, lib_edges[i].want);
		free(e);
	}
}

/* A profile's values against the basic catalog's ranges (NET_MTU 576..9000, NET_BASE
 * 0x1000..0xffffffff80000000, HELLO_COUNT 1..100 is another app's). */
static const struct edge profile_edges[] = {
	{ PROFILE("\"NET_MTU\": 575"), "options.NET_MTU: 575 is outside 576..9000" },
	{ PROFILE("\"NET_MTU\": 576"), NULL },
	{ PROFILE("\"NET_MTU\": 9000"), NULL },
	{ PROFILE("\"NET_MTU\": 9001"), "options.NET_MTU: 9001 is outside 576..9000" },
	{ PROFILE("\"NET_MTU\": -9223372036854775808"), "is outside 576..9000" },
	{ PROFILE("\"NET_MTU\": 9223372036854775807"), "is outside 576..9000" },
	{ PROFILE("\"NET_BASE\": \"0xfff\""), "0xfff is outside 0x1000..0xffffffff80000000" },
	{ PROFILE("\"NET_BASE\": \"0x1000\""), NULL },
	{ PROFILE("\"NET_BASE\": \"0xffffffff80000000\""), NULL },
	{ PROFILE("\"NET_BASE\": \"0xffffffff80000001\""),
	  "0xffffffff80000001 is outside 0x1000..0xffffffff80000000" },
	{ PROFILE("\"NET_BASE\": \"0xffffffffffffffff\""), "is outside" },
	{ PROFILE("\"NET_BASE\": \"0x10000000000000000\""), "expected a hex number" },
	{ PROFILE("\"NET_BASE\": \"0x\""), "expected a hex number" },
};

/* Resolves json into dir's config.h and config.mk; the error lines, or NULL. */
static char *resolve_into(const char *json, const char *dir)
{
	struct cat_err err;
	struct cat_profile *p;
	struct cat_result *r = NULL;
	char *text = NULL;

	cat_err_init(&err);
	p = profile_from(json, &err);
	if (p && cat_solve(basic_solver, p, &r, &err) == 0)
		assert_int_equal(drv_write_config(r, dir, &err), 0);
	if (err.n)
		text = err_text(&err);
	cat_result_free(r);
	cat_profile_free(p);
	cat_err_free(&err);
	return text;
}

/* config.h and config.mk of dir hold "NAME H" and "NAME := MK". */
static void assert_written_h_mk(const char *dir, const char *name, const char *hv, const char *mkv)
{
	char *path, *h, *mk, line[128];

	assert_true(asprintf(&path, "%s/config.h", dir) > 0);
	h = read_text(path);
	free(path);
	assert_true(asprintf(&path, "%s/config.mk", dir) > 0);
	mk = read_text(path);
	free(path);
	assert_non_null(h);
	assert_non_null(mk);
	snprintf(line, sizeof line, "#define CONFIG_%s %s\n", name, hv);
	assert_contains(h, line);
	snprintf(line, sizeof line, "CONFIG_%s := %s\n", name, mkv);
	assert_contains(mk, line);
	free(h);
	free(mk);
}

static void assert_written(const char *dir, const char *name, const char *value)
{
	assert_written_h_mk(dir, name, value, value);
}

static void profile_values_at_the_edges(void **state)
{
	char *dir = temp_dir("bounds");

	(void)state;
	for (size_t i = 0; i < sizeof profile_edges / sizeof *profile_edges; i++) {
		char *e = resolve_into(profile_edges[i].text, dir);

		if (!profile_edges[i].want && e)
			fail_msg("case %zu refused: %s", i, e);
		if (profile_edges[i].want && !e)
			fail_msg("case %zu accepted, want \"%s\"", i, profile_edges[i].want);
		if (e)
			assert_contains(e, profile_edges[i].want);
		free(e);
	}
	free(dir);
}

/* The edges accepted are written exactly, negative ints too. */
static void edge_values_reach_config_h_and_config_mk(void **state)
{
	char *dir = temp_dir("bounds-w"), *e;

	(void)state;
	e = resolve_into(PROFILE("\"NET_MTU\": 576, \"NET_BASE\": \"0xffffffff80000000\""), dir);
	assert_null(e);
	assert_written(dir, "NET_MTU", "576");
	assert_written(dir, "NET_BASE", "0xffffffff80000000");
	e = resolve_into(PROFILE("\"NET_MTU\": 9000, \"NET_BASE\": \"0x1000\""), dir);
	assert_null(e);
	assert_written(dir, "NET_MTU", "9000");
	assert_written(dir, "NET_BASE", "0x1000");
	free(dir);
}

/* A negative int at its own min and max reaches config.h as a C constant in parentheses. */
static void negative_edges_are_written_as_c_constants(void **state)
{
	static const char *const defs[] = { "-9", "-1" }, *const want_h[] = { "(-9LL)", "(-1LL)" };

	(void)state;
	for (size_t i = 0; i < 2; i++) {
		char app[256], *dir = temp_dir("bounds-neg"), *e;
		struct cat_catalog *cat;
		struct cat_solver *s;
		struct cat_profile *p;
		struct cat_result *r = NULL;
		struct cat_err err;

		snprintf(
			app, sizeof app,
			"{ \"kiln_catalog\": 1, \"name\": \"neg\", \"kind\": \"app\", \"options\": "
			"{ \"NEG_N\": { \"type\": \"int\", \"min\": -9, \"max\": -1, \"default\": "
			"%s } } }",
			defs[i]);
		cat = load_libs("plat/kvm", PLAT("kvm"), "examples/neg", app, NULL);
		assert_non_null(cat);
		cat_err_init(&err);
		s = cat_solver_new(cat, &err);
		assert_non_null(s);
		p = profile_from("{ \"kiln_profile\": 1, \"catalog\": 1, \"name\": \"neg\", "
				 "\"app\": \"neg\", \"targets\": [\"kvm-x86_64\"] }",
				 &err);
		assert_non_null(p);
		assert_int_equal(cat_solve(s, p, &r, &err), 0);
		assert_int_equal(drv_write_config(r, dir, &err), 0);
		e = err.n ? err_text(&err) : NULL;
		assert_null(e);
		assert_written_h_mk(dir, "NEG_N", want_h[i], defs[i]);
		cat_result_free(r);
		cat_profile_free(p);
		cat_solver_free(s);
		cat_free(cat);
		cat_err_free(&err);
		free(dir);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(lib_json_ranges_at_their_edges),
		cmocka_unit_test(profile_values_at_the_edges),
		cmocka_unit_test(edge_values_reach_config_h_and_config_mk),
		cmocka_unit_test(negative_edges_are_written_as_c_constants),
	};

	return cmocka_run_group_tests(tests, basic_setup, basic_teardown);
}

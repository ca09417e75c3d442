/*
 * Profiles: reading, checking against a catalog (unknown names get the nearest known
 * one), editing and saving.
 */
#include <stdlib.h>
#include <string.h>

#include "support.h"

#define HEAD                                                                                       \
	"{ \"kiln_profile\": 1, \"catalog\": 1, \"app\": \"hello\", \"targets\": [\"kvm-x86_64\"]"

static struct cat_catalog *cat;

static int setup(void **state)
{
	(void)state;
	cat = load_basic();
	return cat ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	cat_free(cat);
	return 0;
}

/* Parses and checks; returns the error lines ("" when all is well). */
static char *check(const char *json)
{
	struct cat_err err;
	struct cat_profile *p;
	char *t;

	cat_err_init(&err);
	p = profile_from(json, &err);
	if (p)
		cat_profile_check(p, cat, &err);
	t = err_text(&err);
	cat_profile_free(p);
	cat_err_free(&err);
	return t;
}

/* An input and a piece of the error line it must produce. */
struct bad {
	const char *json, *want;
};

#define EXPECT_ERRORS(cases) expect_errors(cases, sizeof(cases) / sizeof(*(cases)))

static void expect_errors(const struct bad *cases, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		char *e = check(cases[i].json);

		assert_contains(e, cases[i].want);
		free(e);
	}
}

static void profile_reads_all_fields(void **state)
{
	struct cat_err err;
	struct cat_profile *p;
	char *name;

	(void)state;
	cat_err_init(&err);
	p = profile_from(HEAD ", \"name\": \"x1\", \"libraries\": { \"net\": true },"
			      " \"options\": { \"NET_MTU\": 9000, \"PRINTK_LEVEL\": \"debug\" }, "
			      "\"args\": [\"a\", \"b\"] }",
			 &err);
	assert_non_null(p);
	assert_int_equal(cat_profile_check(p, cat, &err), 0);
	assert_string_equal(p->app, "hello");
	assert_int_equal(p->ntargets, 1);
	assert_int_equal(p->ndecs, 3);
	assert_int_equal(p->nargs, 2);
	assert_int_equal(cat_profile_find(p, "NET_MTU")->val.num, 9000);
	assert_int_equal(cat_profile_find(p, "NET_MTU")->line, 1);
	name = cat_profile_outname(p);
	assert_string_equal(name, "x1");
	free(name);
	cat_profile_free(p);
	cat_err_free(&err);
}

static void profile_name_defaults_to_app_and_file(void **state)
{
	struct cat_profile *p = cat_profile_load(BASIC_ROOT "/examples/hello/kvm.json", NULL);
	char *name;

	(void)state;
	free(p->name);
	p->name = NULL;
	name = cat_profile_outname(p);
	assert_string_equal(name, "hello-kvm");
	free(name);
	cat_profile_free(p);
}

/* Unknown names: the nearest known one is suggested. */
static const struct bad bad_names[] = {
	{ HEAD ",\n \"options\": { \"PRINTK_LEVL\": \"debug\" } }",
	  "test.json:2:15: options.PRINTK_LEVL: unknown option (did you mean PRINTK_LEVEL?)" },
	{ HEAD ", \"libraries\": { \"prinkt\": true } }",
	  "libraries.prinkt: unknown library (did you mean printk?)" },
	{ "{ \"kiln_profile\": 1, \"catalog\": 1, \"app\": \"helo\", \"targets\": [\"kvm-x86_64\"] "
	  "}",
	  "app: unknown app \"helo\" (did you mean \"hello\"?)" },
};

static void profile_unknown_names_suggest_the_nearest(void **state)
{
	(void)state;
	EXPECT_ERRORS(bad_names);
}

/* Values against the options they set. */
static const struct bad bad_values[] = {
	{ HEAD ", \"options\": { \"NET_MTU\": 100 } }",
	  "options.NET_MTU: 100 is outside 576..9000" },
	{ HEAD ", \"options\": { \"PRINTK_LEVEL\": \"debgu\" } }",
	  "\"debgu\" is not one of the values of PRINTK_LEVEL (did you mean \"debug\"?)" },
	{ HEAD ", \"options\": { \"PRINTK_TIMESTAMPS\": \"yes\" } }",
	  "options.PRINTK_TIMESTAMPS: expected true or false" },
	{ HEAD ", \"options\": { \"NET_BASE\": \"0xZZ\" } }",
	  "options.NET_BASE: expected a hex number" },
	{ HEAD ", \"options\": { \"NET_BASE\": \"0x10\" } }",
	  "0x10 is outside 0x1000..0xffffffff80000000" },
	{ HEAD ", \"libraries\": { \"plat-xen\": true } }",
	  "libraries.plat-xen: platforms follow the profile's targets" },
	{ HEAD ", \"libraries\": { \"net\": 1 } }",
	  "libraries.net: a library is true (on) or false (off)" },
};

static void profile_values_are_checked_against_options(void **state)
{
	(void)state;
	EXPECT_ERRORS(bad_values);
}

/* The file itself: versions, targets, names, keys, characters. */
static const struct bad bad_format[] = {
	{ "{ \"kiln_profile\": 1,\n  \"catalog\": 1 \"app\": \"x\" }", "test.json:2:" },
	{ "{ \"kiln_profile\": 2, \"catalog\": 1, \"app\": \"hello\", \"targets\": "
	  "[\"kvm-x86_64\"] }",
	  "kiln_profile: made for profile format version 2; this kiln reads version 1" },
	{ "{ \"kiln_profile\": 1, \"catalog\": 7, \"app\": \"hello\", \"targets\": "
	  "[\"kvm-x86_64\"] }",
	  "catalog: made for catalog format version 7; this kiln reads version 1" },
	{ "{ \"kiln_profile\": 1, \"catalog\": \"1\", \"app\": \"hello\", \"targets\": "
	  "[\"kvm-x86_64\"] }",
	  "catalog: made for an unknown catalog format version (not a number)" },
	{ "{ \"kiln_profile\": 1, \"app\": \"hello\", \"targets\": [\"kvm-x86_64\"] }",
	  "missing \"catalog\": 1" },
	{ "{ \"kiln_profile\": 1, \"catalog\": 1, \"app\": \"hello\", \"targets\": [\"kvm_x86\"] }",
	  "targets[0]: \"kvm_x86\" is not a target" },
	{ "{ \"kiln_profile\": 1, \"catalog\": 1, \"app\": \"hello\", \"targets\": "
	  "[\"fire-cracker-x86_64\"] }",
	  "targets[0]: \"fire-cracker-x86_64\" is not a target" },
	{ "{ \"kiln_profile\": 1, \"catalog\": 1, \"app\": \"hello\", \"targets\": [\"kvm-arm64\"] "
	  "}",
	  "targets: unknown target \"kvm-arm64\" (known: kvm-x86_64, xen-x86_64)" },
	{ "{ \"kiln_profile\": 1, \"catalog\": 1, \"app\": \"hello\", \"targets\": "
	  "[\"hyperv-x86_64\"] "
	  "}",
	  "targets: unknown target \"hyperv-x86_64\" (known: kvm-x86_64, xen-x86_64)" },
	{ "{ \"kiln_profile\": 1, \"catalog\": 1, \"app\": \"hello\" }",
	  "missing required key \"targets\"" },
	{ HEAD ", \"name\": \"$(shell rm -rf ~)\" }",
	  "name: \"$(shell rm -rf ~)\" cannot name a folder" },
	{ HEAD ", \"colour\": 1 }", "colour: unknown key" },
	{ HEAD ", \"options\": { \"NET_IFNAME\": \"a\\u0001b\" } }", "control characters" },
};

static void profile_format_errors(void **state)
{
	(void)state;
	EXPECT_ERRORS(bad_format);
}

static void profile_edits_and_saves(void **state)
{
	struct cat_profile *p = cat_profile_new("hello", "kvm-x86_64"), *q;
	struct cat_err err;
	char *dir = temp_dir("prof"), *path, *text;

	(void)state;
	cat_err_init(&err);
	assert_int_equal(cat_profile_set_lib(p, "net", 1), 0);
	assert_int_equal(cat_profile_set_opt(p, cat, "NET_MTU", "1400", &err), 0);
	assert_int_equal(cat_profile_set_opt(p, cat, "NET_BASE", "0x2000", &err), 0);
	assert_int_equal(cat_profile_set_opt(p, cat, "PRINTK_TIMESTAMPS", "n", &err), 0);
	assert_int_equal(cat_profile_set_opt(p, cat, "NET_MTU", "1500", &err), 0);
	assert_int_equal(cat_profile_set_opt(p, cat, "NET_MTU", "lots", &err), -1);
	assert_int_equal(cat_profile_set_opt(p, cat, "NET_MTU", "99999", &err), -1);
	assert_int_equal(cat_profile_set_opt(p, cat, "PRINTK_LEVL", "info", &err), -1);
	text = err_text(&err); /* a number out of range is a number: the range is the reason */
	assert_contains(text, "NET_MTU: \"lots\" is not a number\n");
	assert_contains(text, "NET_MTU: 99999 is outside 576..9000\n");
	free(text);
	assert_int_equal(cat_profile_unset(p, "PRINTK_TIMESTAMPS"), 0);
	assert_int_equal(cat_profile_unset(p, "PRINTK_TIMESTAMPS"), -1);
	assert_int_equal(p->ndecs, 3);
	assert_int_equal(err.n, 3); /* the three refused sets above, nothing stored */
	assert_int_equal(cat_profile_check(p, cat, &err), 0);
	cat_err_clear(&err);
	assert_true(asprintf(&path, "%s/p.json", dir) > 0);
	assert_int_equal(cat_profile_save(p, path, &err), 0);
	q = cat_profile_load(path, &err);
	assert_non_null(q);
	assert_int_equal(cat_profile_check(q, cat, &err), 0);
	assert_int_equal(q->ndecs, 3);
	assert_int_equal(cat_profile_find(q, "NET_MTU")->val.num, 1500);
	assert_string_equal(cat_profile_find(q, "NET_BASE")->val.str, "0x2000");
	assert_int_equal(cat_profile_find(q, "net")->val.num, 1);
	cat_profile_free(p);
	cat_profile_free(q);
	cat_err_free(&err);
	free(path);
	free(dir);
}

/* An out-of-tree app chosen by its folder is written relative to the profile's folder,
 * and saved elsewhere relative to the new file. */
static void app_folder_is_written_relative_to_the_profile(struct cat_profile *p)
{
	char *t = temp_dir("relapp"), *d = realpath(t, NULL), *f, *app, *lib, *sub, *text;

	assert_non_null(d);
	assert_true(asprintf(&f, "%s/profiles/kvm.json", d) > 0);
	assert_true(asprintf(&app, "%s/app", d) > 0);
	assert_true(asprintf(&lib, "%s/app/lib.json", d) > 0);
	assert_true(asprintf(&sub, "%s/profiles/sub/x.json", d) > 0);
	write_file(f, "{}");
	write_file(sub, "{}");
	write_file(lib, "{}");
	free(p->file);
	p->file = f;
	assert_int_equal(cat_profile_set_app(p, NULL, app), 0);
	assert_string_equal(p->app, "../app"); /* it travels with the profile */
	assert_int_equal(cat_profile_save(p, sub, NULL), 0);
	text = read_text(sub);
	assert_contains(text, "\"app\": \"../../app\"");
	free(text);
	free(app);
	free(lib);
	free(sub);
	free(d);
	free(t);
}

/* The app and targets setters keep the file's rules and change nothing when refused. */
static void profile_sets_app_and_targets(void **state)
{
	struct cat_profile *p = cat_profile_new("hello", "kvm-x86_64");
	const char *both[] = { "kvm-x86_64", "xen-x86_64" },
		   *twice[] = { "kvm-x86_64", "kvm-x86_64" };
	const char *bad[] = { "kvm" };
	struct cat_err err;

	(void)state;
	cat_err_init(&err);
	assert_int_equal(cat_profile_set_app(p, "netapp", NULL), 0);
	assert_string_equal(p->app, "netapp");
	assert_null(p->app_dir);
	assert_int_equal(cat_profile_set_app(p, "../netapp", NULL), -1);
	assert_int_equal(cat_profile_set_app(p, "/x/app", "x/app"), -1); /* not absolute */
	assert_string_equal(p->app, "netapp");
	assert_int_equal(cat_profile_set_app(p, "/x/app", "/x/app"), 0);
	assert_string_equal(p->app_dir, "/x/app");
	assert_int_equal(cat_profile_set_app(p, "hello", NULL), 0);
	assert_null(p->app_dir); /* back in the tree: the folder is forgotten */

	assert_int_equal(cat_profile_set_targets(p, both, 2), 0);
	assert_int_equal(p->ntargets, 2);
	assert_string_equal(p->targets[1], "xen-x86_64");
	assert_int_equal(cat_profile_set_targets(p, twice, 2), -1);
	assert_int_equal(cat_profile_set_targets(p, bad, 1), -1);
	assert_int_equal(cat_profile_set_targets(p, both, 0), -1);
	assert_int_equal(p->ntargets, 2); /* refusals left both targets */
	assert_int_equal(cat_profile_set_targets(p, both + 1, 1), 0);
	assert_int_equal(p->ntargets, 1);
	assert_string_equal(p->targets[0], "xen-x86_64");
	assert_int_equal(cat_profile_check(p, cat, &err), 0);
	app_folder_is_written_relative_to_the_profile(p);
	cat_profile_free(p);
	cat_err_free(&err);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(profile_reads_all_fields),
		cmocka_unit_test(profile_name_defaults_to_app_and_file),
		cmocka_unit_test(profile_unknown_names_suggest_the_nearest),
		cmocka_unit_test(profile_values_are_checked_against_options),
		cmocka_unit_test(profile_format_errors),
		cmocka_unit_test(profile_edits_and_saves),
		cmocka_unit_test(profile_sets_app_and_targets),
	};

	return cmocka_run_group_tests_name("profile", tests, setup, teardown);
}

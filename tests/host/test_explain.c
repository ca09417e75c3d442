/*
 * Explanations on small hand-written catalogs whose right answers are known: why a value
 * is what it is (chains through depends, selects, interfaces and choices, down to the
 * decisions), why a wish is ruled out (a minimal core: two of five decisions), the
 * smallest fixes (each minimal, and they work), and profiles refused with their core.
 */
#include <stdlib.h>
#include <string.h>

#include "support.h"

#define LIB(name, rest)                                                                            \
	"{ \"kiln_catalog\": 1, \"name\": \"" name "\", \"kind\": \"library\"" rest " }"
#define APP(name, rest) "{ \"kiln_catalog\": 1, \"name\": \"" name "\", \"kind\": \"app\"" rest " }"
#define HEAD		"{ \"kiln_profile\": 1, \"catalog\": 1, \"targets\": [\"kvm-x86_64\"],\n"

static struct cat_catalog *web;
static struct cat_solver *solver;

static int setup(void **state)
{
	struct cat_err err;

	(void)state;
	web = load_libs(
		"plat/kvm", PLAT("kvm"), "plat/xen", PLAT("xen"), "examples/httpd",
		APP("httpd", ", \"depends\": \"lwip\""), "examples/plain", APP("plain", ""),
		"kernel-libs/lwip",
		LIB("lwip",
		    ", \"selects\": \"uksched\", \"requires\": [\"allocator\"], \"options\": "
		    "{ \"LWIP_MODE\": { \"type\": \"choice\", \"values\": [\"socket\", \"raw\"], "
		    "\"default\": \"socket\" } }"),
		"kernel-libs/uksched", LIB("uksched", ""), "kernel-libs/alloc-buddy",
		LIB("alloc-buddy",
		    ", \"provides\": [\"allocator\"], \"default_for\": [\"allocator\"]"),
		"kernel-libs/alloc-tlsf", LIB("alloc-tlsf", ", \"provides\": [\"allocator\"]"),
		"kernel-libs/rawapi", LIB("rawapi", ", \"selects\": \"LWIP_MODE == \\\"raw\\\"\""),
		"kernel-libs/a", LIB("a", ""), "kernel-libs/b", LIB("b", ""), "kernel-libs/c",
		LIB("c", ""), "kernel-libs/d", LIB("d", ""), "kernel-libs/e", LIB("e", ""),
		"kernel-libs/y", LIB("y", ", \"conflicts\": \"a && b\""), "kernel-libs/z",
		LIB("z", ", \"conflicts\": \"c || d\""), "kernel-libs/xenonly",
		LIB("xenonly", ", \"platforms\": [\"xen\"]"), "kernel-libs/kvmonly",
		LIB("kvmonly", ", \"platforms\": [\"kvm\"], \"options\": { \"KVMONLY_N\": "
			       "{ \"type\": \"int\", \"default\": 1 } }"),
		NULL);
	cat_err_init(&err);
	solver = web ? cat_solver_new(web, &err) : NULL;
	cat_err_free(&err);
	return solver ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	cat_solver_free(solver);
	cat_free(web);
	return 0;
}

static struct cat_profile *profile(const char *json)
{
	struct cat_err err;
	struct cat_profile *p;

	cat_err_init(&err);
	p = profile_from(json, &err);
	cat_err_free(&err);
	assert_non_null(p);
	return p;
}

/* Resolves json and explains why name has its value. */
static struct cat_expl *why(const char *json, const char *name)
{
	struct cat_profile *p = profile(json);
	struct cat_result *r = NULL;
	struct cat_expl *e;
	struct cat_err err;

	cat_err_init(&err);
	assert_int_equal(cat_solve(solver, p, &r, &err), 0);
	e = cat_explain_why(r, name, &err);
	assert_non_null(e);
	cat_result_free(r); /* the explanation owns its strings */
	cat_profile_free(p);
	cat_err_free(&err);
	return e;
}

static void assert_steps(const struct cat_expl *e, const char *const *texts, size_t n)
{
	for (size_t i = 0; i < e->nsteps && i < n; i++)
		assert_string_equal(e->steps[i].text, texts[i]);
	assert_int_equal(e->nsteps, n);
}

#define ASSERT_STEPS(e, ...)                                                                       \
	do {                                                                                       \
		static const char *const t_[] = { __VA_ARGS__ };                                   \
		assert_steps((e), t_, sizeof(t_) / sizeof(*t_));                                   \
	} while (0)

static void why_follows_depends_and_selects_to_the_app(void **state)
{
	struct cat_expl *e = why(HEAD "\"app\": \"httpd\" }", "uksched");

	(void)state;
	ASSERT_STEPS(e, "you chose the app httpd", "httpd depends on lwip, so lwip is on",
		     "lwip selects uksched, so uksched is on");
	assert_string_equal(e->summary, "you chose the app httpd; httpd depends on lwip; lwip "
					"selects uksched; so uksched is on");
	assert_int_equal(e->steps[0].kind, CAT_STEP_DECISION);
	assert_int_equal(e->steps[0].dec_kind, CAT_DEC_APP);
	assert_int_equal(e->steps[0].line, 2); /* where the profile names the app */
	assert_int_equal(e->steps[0].col, 1);
	assert_string_equal(e->steps[1].by.subject, "httpd");
	assert_string_equal(e->steps[1].by.field, "depends");
	assert_string_equal(e->steps[1].by.expr, "lwip");
	assert_string_equal(e->steps[1].by.file, "examples/httpd/lib.json");
	assert_int_equal(e->steps[1].by.line, 1);
	assert_string_equal(e->steps[2].by.file, "kernel-libs/lwip/lib.json");
	assert_int_equal(e->steps[2].npremises, 1);
	assert_int_equal(e->steps[2].premises[0], 1);
	assert_int_equal(e->steps[2].depth, 0);
	assert_int_equal(e->steps[0].depth, 2);
	assert_string_equal(e->value, "on");
	cat_expl_free(e);
}

static void why_through_an_interface_and_its_default_provider(void **state)
{
	struct cat_expl *e = why(HEAD "\"app\": \"httpd\" }", "alloc-buddy");

	(void)state;
	ASSERT_STEPS(e, "you chose the app httpd", "httpd depends on lwip, so lwip is on",
		     "lwip requires a provider of allocator, so a provider of allocator is on",
		     "alloc-buddy is the default provider of allocator, so alloc-buddy is on");
	assert_int_equal(e->steps[3].kind, CAT_STEP_DEFAULT);
	assert_string_equal(e->steps[3].by.field, "default provider");
	cat_expl_free(e);
	e = why(HEAD "\"app\": \"httpd\", \"libraries\": { \"alloc-tlsf\": true } }",
		"alloc-buddy");
	ASSERT_STEPS(e, "you turned alloc-tlsf on",
		     "only one provider of allocator can be on, so alloc-buddy is off");
	assert_int_equal(e->steps[0].line, 2);
	assert_string_equal(e->steps[0].file, "test.json");
	cat_expl_free(e);
}

static void why_a_choice_forced_by_a_selects(void **state)
{
	struct cat_expl *e =
		why(HEAD "\"app\": \"httpd\", \"libraries\": { \"rawapi\": true } }", "LWIP_MODE");

	(void)state;
	ASSERT_STEPS(e, "you turned rawapi on",
		     "rawapi selects (LWIP_MODE == \"raw\"), so LWIP_MODE is \"raw\"");
	assert_string_equal(e->summary,
			    "you turned rawapi on; rawapi selects (LWIP_MODE == \"raw\"); so "
			    "LWIP_MODE is \"raw\"");
	cat_expl_free(e);
	e = why(HEAD "\"app\": \"httpd\" }", "LWIP_MODE");
	assert_string_equal(e->steps[e->nsteps - 1].text,
			    "LWIP_MODE defaults to \"socket\", so LWIP_MODE is \"socket\"");
	cat_expl_free(e);
}

static void why_an_option_whose_library_nothing_needs(void **state)
{
	struct cat_expl *e = why(HEAD "\"app\": \"plain\" }", "LWIP_MODE");

	(void)state;
	ASSERT_STEPS(e, "nothing that is on needs lwip, so lwip is off",
		     "LWIP_MODE is an option of lwip, so LWIP_MODE is unavailable");
	assert_string_equal(e->value, "unavailable");
	cat_expl_free(e);
}

static void why_not_core_is_two_of_five_decisions(void **state)
{
	struct cat_profile *p =
		profile(HEAD "\"app\": \"httpd\", \"libraries\": {\n \"a\": true,\n \"b\": true,\n"
			     " \"c\": true, \"d\": true, \"e\": true } }");
	struct cat_err err;
	struct cat_expl *e;

	(void)state;
	cat_err_init(&err);
	e = cat_explain_why_not(solver, p, "y", NULL, &err);
	assert_non_null(e);
	assert_false(e->possible);
	assert_int_equal(e->ncore_decs, 2);
	assert_string_equal(e->core_decs[0].name, "a");
	assert_int_equal(e->core_decs[0].line, 3);
	assert_string_equal(e->core_decs[1].name, "b");
	assert_int_equal(e->core_decs[1].line, 4);
	assert_string_equal(e->core_decs[1].value, "on");
	assert_int_equal(e->ncore, 1);
	assert_string_equal(e->core[0].subject, "y");
	assert_string_equal(e->core[0].field, "conflicts");
	assert_string_equal(e->core[0].expr, "a && b");
	ASSERT_STEPS(e, "you turned a on", "you turned b on",
		     "y conflicts with (a && b), so y cannot be on");
	assert_int_equal(e->steps[2].kind, CAT_STEP_CONFLICT);
	assert_int_equal(e->steps[2].npremises, 2);
	assert_string_equal(e->summary,
			    "you turned a on; you turned b on; y conflicts with (a && b); so y "
			    "cannot be on");
	cat_expl_free(e);
	cat_profile_free(p);
	cat_err_free(&err);
}

/* The target decision points at the profile's "targets", like any other decision. */
static void why_not_names_where_the_targets_are(void **state)
{
	struct cat_profile *p = profile(HEAD "\"app\": \"httpd\" }");
	struct cat_err err;
	struct cat_expl *e;

	(void)state;
	cat_err_init(&err);
	e = cat_explain_why_not(solver, p, "xenonly", NULL, &err);
	assert_non_null(e);
	ASSERT_STEPS(e, "your target is kvm-x86_64",
		     "xenonly runs only on xen, so xenonly cannot be on");
	assert_int_equal(e->steps[0].dec_kind, CAT_DEC_TARGETS);
	assert_int_equal(e->steps[0].line, 1);
	assert_int_equal(e->steps[0].col, 36);
	assert_int_equal(e->ncore_decs, 1);
	assert_int_equal(e->core_decs[0].line, 1);
	assert_string_equal(e->core_decs[0].value, "kvm-x86_64");
	cat_expl_free(e);
	cat_profile_free(p);
	cat_err_free(&err);
}

static void why_not_a_value_the_catalog_forces(void **state)
{
	struct cat_profile *p = profile(HEAD "\"app\": \"httpd\" }");
	struct cat_err err;
	struct cat_expl *e;

	(void)state;
	cat_err_init(&err);
	e = cat_explain_why_not(solver, p, "uksched", "n", &err);
	ASSERT_STEPS(e, "you chose the app httpd", "httpd depends on lwip, so lwip is on",
		     "lwip selects uksched, so uksched cannot be off");
	assert_int_equal(e->ncore_decs, 1);
	assert_int_equal(e->ncore, 2);
	cat_expl_free(e);
	e = cat_explain_why_not(solver, p, "xenonly", NULL, &err);
	ASSERT_STEPS(e, "your target is kvm-x86_64",
		     "xenonly runs only on xen, so xenonly cannot be on");
	cat_expl_free(e);
	struct cat_profile *off =
		profile(HEAD "\"app\": \"plain\", \"libraries\": { \"lwip\": false } }");

	e = cat_explain_why_not(solver, off, "LWIP_MODE", "raw", &err);
	ASSERT_STEPS(e, "you turned lwip off",
		     "LWIP_MODE is an option of lwip, so LWIP_MODE cannot be \"raw\"");
	cat_expl_free(e);
	cat_profile_free(off);
	e = cat_explain_why_not(solver, p, "c", "y", &err);
	assert_true(e->possible);
	assert_int_equal(e->nsteps, 0);
	assert_string_equal(e->summary, "nothing rules out c = on");
	cat_expl_free(e);
	assert_null(cat_explain_why_not(solver, p, "httpx", NULL, &err));
	assert_null(cat_explain_why_not(solver, p, "LWIP_MODE", "tcp", &err));
	e = cat_explain_why_not(solver, p, "plat-xen", NULL, &err); /* a platform: a target */
	assert_non_null(e);
	cat_expl_free(e);
	char *t = err_text(&err);

	assert_contains(t, "no library, option or interface named 'httpx' (did you mean httpd?)");
	assert_contains(t, "\"tcp\" is not one of the values of LWIP_MODE");
	free(t);
	cat_profile_free(p);
	cat_err_free(&err);
}

static struct cat_fixes *fixes(struct cat_profile *p, const char *name)
{
	struct cat_err err;
	struct cat_fixes *f;

	cat_err_init(&err);
	f = cat_find_fixes(solver, p, name, NULL, 3, &err);
	cat_err_free(&err);
	assert_non_null(f);
	return f;
}

/* Resolves p; 1 when name ends up on. */
static int resolves_with(const struct cat_profile *p, const char *name)
{
	struct cat_result *r = NULL;
	struct cat_err err;
	int on = 0;

	cat_err_init(&err);
	if (cat_solve(solver, p, &r, &err) == 0)
		on = cat_result_lib(r, (size_t)cat_find_lib(web, name))->on;
	cat_result_free(r);
	cat_err_free(&err);
	return on;
}

static void fixes_are_the_smallest_and_each_minimal(void **state)
{
	struct cat_profile *p = profile(
		HEAD "\"app\": \"httpd\", \"libraries\": { \"a\": true, \"b\": true, \"c\": "
		     "true, \"d\": true, \"e\": true } }");
	struct cat_fixes *f = fixes(p, "y");

	(void)state;
	assert_false(f->possible);
	assert_int_equal(f->n, 2);
	assert_string_equal(f->v[0].text, "forget libraries.a: true (a becomes off)");
	assert_string_equal(f->v[1].text, "forget libraries.b: true (b becomes off)");
	assert_int_equal(f->v[0].changes[0].kind, CAT_CHANGE_FORGET);
	assert_int_equal(f->v[0].changes[0].decision, 0);
	cat_fixes_free(f);
	f = fixes(p, "z"); /* z conflicts with c || d: both must go */
	assert_int_equal(f->n, 1);
	assert_int_equal(f->v[0].nchanges, 2);
	assert_string_equal(f->v[0].text, "forget libraries.c: true (c becomes off); forget "
					  "libraries.d: true (d becomes off)");
	for (int k = 0; k < 2; k++) { /* minimal: neither change alone will do */
		struct cat_profile *q = profile(HEAD "\"app\": \"httpd\", \"libraries\": { \"c\": "
						     "true, \"d\": true, \"z\": true } }");

		cat_profile_unset(q, k ? "c" : "d");
		assert_false(resolves_with(q, "z"));
		cat_profile_free(q);
	}
	assert_int_equal(cat_fix_apply(f, 0, p, web, NULL), 0);
	assert_null(cat_profile_find(p, "c"));
	assert_true(resolves_with(p, "z"));
	cat_fixes_free(f);
	cat_profile_free(p);
}

static void fixes_move_to_another_target(void **state)
{
	struct cat_profile *p = profile(HEAD "\"app\": \"httpd\" }");
	struct cat_fixes *f = fixes(p, "xenonly");

	(void)state;
	assert_int_equal(f->n, 1);
	assert_string_equal(f->v[0].text, "change the targets from kvm-x86_64 to xen-x86_64");
	assert_int_equal(cat_fix_apply(f, 0, p, web, NULL), 0);
	assert_string_equal(p->targets[0], "xen-x86_64");
	assert_true(resolves_with(p, "xenonly"));
	cat_fixes_free(f);
	f = fixes(p, "c"); /* nothing stands in the way */
	assert_true(f->possible);
	assert_int_equal(f->n, 0);
	assert_int_equal(cat_fix_apply(f, 0, p, web, NULL), 0);
	assert_non_null(cat_profile_find(p, "c"));
	cat_fixes_free(f);
	cat_profile_free(p);
}

/* An option decision of a library that only another target has must be forgotten along
 * with the target: before, the target alone was the hitting set and failed when built. */
static void fixes_forget_an_option_the_new_target_drops(void **state)
{
	struct cat_profile *p = profile(HEAD "\"app\": \"httpd\", \"options\": "
					     "{ \"KVMONLY_N\": 3 } }");
	struct cat_fixes *f = fixes(p, "xenonly");

	(void)state;
	assert_false(f->possible);
	assert_int_equal(f->n, 1);
	assert_int_equal(f->v[0].nchanges, 2);
	assert_string_equal(f->v[0].text, "change the targets from kvm-x86_64 to xen-x86_64; "
					  "forget options.KVMONLY_N: 3 (KVMONLY_N becomes "
					  "unavailable)");
	assert_int_equal(cat_fix_apply(f, 0, p, web, NULL), 0);
	assert_null(cat_profile_find(p, "KVMONLY_N"));
	assert_true(resolves_with(p, "xenonly"));
	cat_fixes_free(f);
	cat_profile_free(p);
}

/* Resolves json, which must be refused: the error lines. */
static char *refusal(const char *json)
{
	struct cat_profile *p = profile(json);
	struct cat_result *r = NULL;
	struct cat_err err;
	char *t;

	cat_err_init(&err);
	assert_int_equal(cat_solve(solver, p, &r, &err), 1);
	assert_null(r);
	t = err_text(&err);
	cat_profile_free(p);
	cat_err_free(&err);
	return t;
}

static void refused_profile_names_its_minimal_core(void **state)
{
	char *t =
		refusal(HEAD "\"app\": \"httpd\", \"libraries\": {\n \"c\": true,\n \"a\": true,\n"
			     " \"y\": true,\n \"b\": true } }");

	(void)state;
	assert_string_equal(t, "test.json: these decisions cannot all hold:\n"
			       "test.json:4:2: libraries.a: true\n"
			       "test.json:5:2: libraries.y: true\n"
			       "test.json:6:2: libraries.b: true\n"
			       "kernel-libs/y/lib.json:1:67: y conflicts with (a && b), so these "
			       "decisions cannot all hold\n");
	free(t);
}

/* A library that needs an allocator is refused when none can be on: at resolve time. */
static void refused_profile_names_a_missing_link_level_need(void **state)
{
	char *t = refusal(HEAD "\"app\": \"httpd\", \"libraries\": {\n \"alloc-buddy\": false,\n"
			       " \"alloc-tlsf\": false } }");

	(void)state;
	assert_string_equal(
		t, "test.json: these decisions cannot all hold:\n"
		   "test.json:3:2: libraries.alloc-buddy: false\n"
		   "test.json:4:2: libraries.alloc-tlsf: false\n"
		   "test.json:2:1: app: httpd\n"
		   "examples/httpd/lib.json:1:65: httpd depends on lwip, so lwip is on\n"
		   "test.json: the providers of allocator are alloc-buddy and alloc-tlsf, so "
		   "no provider of allocator is on\n"
		   "kernel-libs/lwip/lib.json:1:91: lwip requires a provider of allocator, "
		   "so these decisions cannot all hold\n");
	free(t);
}

static void save_checked_writes_only_what_resolves(void **state)
{
	struct cat_profile *bad = profile(HEAD "\"app\": \"httpd\", \"libraries\": { \"a\": true, "
					       "\"b\": true, \"y\": true } }");
	struct cat_profile *good =
		profile(HEAD "\"app\": \"httpd\", \"libraries\": { \"a\": true } }");
	char *dir = temp_dir("gate"), *path, *text;
	struct cat_err err;

	(void)state;
	cat_err_init(&err);
	assert_true(asprintf(&path, "%s/p.json", dir) > 0);
	assert_int_equal(cat_profile_save_checked(bad, solver, path, &err), -1);
	assert_null(read_text(path));
	text = err_text(&err);
	assert_contains(text, "y conflicts with (a && b)");
	free(text);
	assert_int_equal(cat_profile_save_checked(good, solver, path, &err), 0);
	text = read_text(path);
	assert_contains(text, "\"a\": true");
	free(text);
	free(path);
	free(dir);
	cat_profile_free(bad);
	cat_profile_free(good);
	cat_err_free(&err);
}

/* A value no propagation settles: x is forced by four clauses over y and w together. */
static void why_a_value_only_search_finds(void **state)
{
	struct cat_catalog *cat = load_libs(
		"plat/kvm", PLAT("kvm"), "kernel-libs/w", LIB("w", ""), "kernel-libs/x",
		LIB("x", ""), "kernel-libs/y", LIB("y", ""), "examples/app",
		APP("app", ", \"selects\": \"(x || y || w) && (x || y || !w) && (x || !y || w) && "
			   "(x || !y || !w)\""),
		NULL);
	struct cat_solver *s = cat_solver_new(cat, NULL);
	struct cat_profile *p = profile(HEAD "\"app\": \"app\" }");
	struct cat_result *r = NULL;
	struct cat_expl *e;

	(void)state;
	assert_int_equal(cat_solve(s, p, &r, NULL), 0);
	e = cat_explain_why(r, "x", NULL);
	ASSERT_STEPS(e, "you chose the app app",
		     "app selects ((x || y || w) && (x || y || !w) && (x || !y || w) && (x || !y "
		     "|| !w)), so x is on (no other value satisfies them all)");
	assert_string_equal(e->steps[1].by.field, "selects");
	cat_expl_free(e);
	cat_result_free(r);
	cat_profile_free(p);
	cat_solver_free(s);
	cat_free(cat);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(why_follows_depends_and_selects_to_the_app),
		cmocka_unit_test(why_through_an_interface_and_its_default_provider),
		cmocka_unit_test(why_a_choice_forced_by_a_selects),
		cmocka_unit_test(why_an_option_whose_library_nothing_needs),
		cmocka_unit_test(why_not_core_is_two_of_five_decisions),
		cmocka_unit_test(why_not_names_where_the_targets_are),
		cmocka_unit_test(why_not_a_value_the_catalog_forces),
		cmocka_unit_test(fixes_are_the_smallest_and_each_minimal),
		cmocka_unit_test(fixes_move_to_another_target),
		cmocka_unit_test(fixes_forget_an_option_the_new_target_drops),
		cmocka_unit_test(refused_profile_names_its_minimal_core),
		cmocka_unit_test(refused_profile_names_a_missing_link_level_need),
		cmocka_unit_test(save_checked_writes_only_what_resolves),
		cmocka_unit_test(why_a_value_only_search_finds),
	};

	return cmocka_run_group_tests_name("explain", tests, setup, teardown);
}

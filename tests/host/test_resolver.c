/*
 * The resolver on the basic catalog (tests/host/data/basic): constraints always hold,
 * user decisions win, then defaults, and every value says where it comes from; decisions
 * that cannot hold together are named, and nothing comes out.
 */
#include <stdlib.h>
#include <string.h>

#include "support.h"

#define HEAD "{ \"kiln_profile\": 1, \"catalog\": 1, \"targets\": [\"kvm-x86_64\"], "

/* Resolves a profile text: the result, or NULL with the error lines in *errors. */
static struct cat_result *resolve(const char *json, char **errors)
{
	struct cat_err err;
	struct cat_profile *p;
	struct cat_result *r = NULL;

	cat_err_init(&err);
	p = profile_from(json, &err);
	if (p)
		cat_solve(basic_solver, p, &r, &err);
	*errors = err_text(&err);
	cat_profile_free(p);
	cat_err_free(&err);
	return r;
}

static struct cat_result *must_resolve(const char *json)
{
	char *e;
	struct cat_result *r = resolve(json, &e);

	if (!r)
		fprintf(stderr, "%s", e);
	free(e);
	assert_non_null(r);
	return r;
}

static const struct cat_setting *lib(const struct cat_result *r, const char *name)
{
	long i = cat_find_lib(basic_cat, name);

	assert_true(i >= 0);
	return cat_result_lib(r, (size_t)i);
}

static const struct cat_setting *opt(const struct cat_result *r, const char *name)
{
	long i = cat_find_opt(basic_cat, name);

	assert_true(i >= 0);
	return cat_result_opt(r, (size_t)i);
}

static void resolve_pulls_in_dependencies_and_nothing_else(void **state)
{
	struct cat_result *r = must_resolve(HEAD "\"app\": \"hello\" }");

	(void)state;
	assert_true(lib(r, "hello")->on);
	assert_int_equal(lib(r, "hello")->prov, CAT_PROV_USER);
	assert_true(lib(r, "printk")->on);
	assert_int_equal(lib(r, "printk")->prov, CAT_PROV_FORCED);
	assert_string_equal(lib(r, "printk")->origin.subject, "hello");
	assert_string_equal(lib(r, "printk")->origin.field, "depends");
	assert_true(lib(r, "console")->on);
	assert_true(lib(r, "plat-kvm")->on);
	assert_false(lib(r, "plat-xen")->on);
	assert_int_equal(lib(r, "plat-xen")->prov, CAT_PROV_USER); /* the targets say so */
	assert_false(lib(r, "net")->on);
	assert_int_equal(lib(r, "net")->prov, CAT_PROV_DEFAULT);
	assert_false(lib(r, "alloc-buddy")->on);
	assert_false(lib(r, "netapp")->on);
	cat_result_free(r);
}

static void resolve_gives_an_interface_its_default_provider(void **state)
{
	struct cat_result *r = must_resolve(HEAD "\"app\": \"netapp\" }");

	(void)state;
	assert_true(lib(r, "net")->on);
	assert_string_equal(lib(r, "net")->origin.field, "selects");
	assert_true(lib(r, "sched")->on); /* net depends sched */
	assert_true(lib(r, "alloc-buddy")->on);
	assert_int_equal(lib(r, "alloc-buddy")->prov, CAT_PROV_DEFAULT);
	assert_string_equal(lib(r, "alloc-buddy")->origin.field, "default provider");
	assert_false(lib(r, "alloc-tlsf")->on);
	cat_result_free(r);
}

static void resolve_user_provider_replaces_the_default(void **state)
{
	struct cat_result *r =
		must_resolve(HEAD "\"app\": \"netapp\", \"libraries\": { \"alloc-tlsf\": true } }");

	(void)state;
	assert_true(lib(r, "alloc-tlsf")->on);
	assert_int_equal(lib(r, "alloc-tlsf")->prov, CAT_PROV_USER);
	assert_int_equal(lib(r, "alloc-tlsf")->decision, 0);
	assert_false(lib(r, "alloc-buddy")->on);
	assert_int_equal(lib(r, "alloc-buddy")->prov, CAT_PROV_FORCED);
	assert_string_equal(lib(r, "alloc-buddy")->origin.field, "one provider");
	cat_result_free(r);
}

/* The only provider left is forced by what needs the interface (sched requires an
 * allocator), not by the interface itself: the row names something the user can act on. */
static void resolve_forced_provider_names_what_needs_it(void **state)
{
	struct cat_result *r = must_resolve(
		HEAD "\"app\": \"netapp\", \"libraries\": { \"alloc-tlsf\": false } }");

	(void)state;
	assert_true(lib(r, "alloc-buddy")->on);
	assert_int_equal(lib(r, "alloc-buddy")->prov, CAT_PROV_FORCED);
	assert_string_equal(lib(r, "alloc-buddy")->origin.subject, "sched");
	assert_string_equal(lib(r, "alloc-buddy")->origin.field, "requires");
	assert_non_null(strstr(lib(r, "alloc-buddy")->origin.file, "kernel-libs/sched/lib.json"));
	cat_result_free(r);
}

static void resolve_defaults_follow_their_conditions(void **state)
{
	struct cat_result *r = must_resolve(HEAD "\"app\": \"hello\" }");

	(void)state;
	assert_int_equal(opt(r, "PRINTK_TIMESTAMPS")->val.num, 1);
	assert_int_equal(opt(r, "PRINTK_TIMESTAMPS")->prov, CAT_PROV_DEFAULT);
	assert_int_equal(opt(r, "PRINTK_COLOR")->val.num, 1);
	assert_string_equal(opt(r, "PRINTK_LEVEL")->val.str, "info");
	assert_string_equal(opt(r, "PRINTK_PREFIX")->val.str, "kiln");
	assert_int_equal(opt(r, "HELLO_COUNT")->val.num, 1);
	cat_result_free(r);
	r = must_resolve(HEAD
			 "\"app\": \"hello\", \"options\": { \"PRINTK_TIMESTAMPS\": false } }");
	assert_int_equal(opt(r, "PRINTK_TIMESTAMPS")->val.num, 0);
	assert_int_equal(opt(r, "PRINTK_TIMESTAMPS")->prov, CAT_PROV_USER);
	assert_int_equal(opt(r, "PRINTK_COLOR")->val.num, 0); /* its default follows */
	assert_int_equal(opt(r, "PRINTK_COLOR")->prov, CAT_PROV_DEFAULT);
	cat_result_free(r);
	r = must_resolve(HEAD "\"app\": \"netapp\", \"options\": { \"SCHED_PREEMPT\": false } }");
	assert_string_equal(opt(r, "SCHED_POLICY")->val.str, "fifo");
	cat_result_free(r);
	r = must_resolve(HEAD "\"app\": \"netapp\" }");
	assert_string_equal(opt(r, "SCHED_POLICY")->val.str, "rr");
	assert_int_equal(opt(r, "NET_MTU")->val.num, 1500);
	assert_true((unsigned long long)opt(r, "NET_BASE")->val.num == 0x1000);
	assert_true(opt(r, "NET_THREADS")->on);
	cat_result_free(r);
}

static void resolve_options_of_libraries_that_are_off_are_inactive(void **state)
{
	struct cat_result *r = must_resolve(HEAD "\"app\": \"hello\" }");

	(void)state;
	assert_false(opt(r, "NET_MTU")->on);
	assert_int_equal(opt(r, "NET_MTU")->prov, CAT_PROV_INACTIVE);
	assert_int_equal(opt(r, "NET_NOSYS")->val.num, 0);
	cat_result_free(r);
	r = must_resolve(HEAD "\"app\": \"netapp\", \"options\": { \"NET_NOSYS\": true } }");
	assert_false(opt(r, "NET_THREADS")->on); /* depends on !NET_NOSYS */
	assert_int_equal(opt(r, "NET_THREADS")->prov, CAT_PROV_INACTIVE);
	cat_result_free(r);
}

static void resolve_setting_an_option_turns_its_library_on(void **state)
{
	struct cat_result *r =
		must_resolve(HEAD "\"app\": \"hello\", \"options\": { \"NET_MTU\": 9000 } }");

	(void)state;
	assert_true(lib(r, "net")->on);
	assert_int_equal(lib(r, "net")->prov, CAT_PROV_USER); /* asked for through its option */
	assert_string_equal(lib(r, "net")->origin.subject, "NET_MTU");
	assert_true(lib(r, "sched")->on);
	assert_int_equal(lib(r, "sched")->prov, CAT_PROV_FORCED);
	assert_int_equal(opt(r, "NET_MTU")->val.num, 9000);
	assert_int_equal(opt(r, "NET_MTU")->prov, CAT_PROV_USER);
	cat_result_free(r);
}

static void resolve_selects_can_force_a_choice(void **state)
{
	struct cat_result *r =
		must_resolve(HEAD "\"app\": \"hello\", \"libraries\": { \"tracer\": true } }");

	(void)state;
	assert_string_equal(opt(r, "PRINTK_LEVEL")->val.str, "debug");
	assert_int_equal(opt(r, "PRINTK_LEVEL")->prov, CAT_PROV_FORCED);
	assert_string_equal(opt(r, "PRINTK_LEVEL")->origin.subject, "tracer");
	cat_result_free(r);
}

static void resolve_compared_strings(void **state)
{
	struct cat_result *r =
		must_resolve(HEAD "\"app\": \"hello\", \"libraries\": { \"fancy\": true } }");

	(void)state;
	assert_true(lib(r, "greeter")->on);
	assert_string_equal(opt(r, "GREET_MODE")->val.str, "fancy");
	assert_int_equal(opt(r, "GREET_MODE")->prov, CAT_PROV_FORCED);
	cat_result_free(r);
	r = must_resolve(HEAD "\"app\": \"hello\", \"options\": { \"GREET_MODE\": \"loud\" } }");
	assert_string_equal(opt(r, "GREET_MODE")->val.str, "loud");
	assert_false(lib(r, "fancy")->on);
	cat_result_free(r);
	r = must_resolve(HEAD "\"app\": \"hello\", \"libraries\": { \"greeter\": true } }");
	assert_string_equal(opt(r, "GREET_MODE")->val.str, "plain");
	assert_int_equal(opt(r, "GREET_MODE")->prov, CAT_PROV_DEFAULT);
	cat_result_free(r);
}

/* Every line of the refusal: the minimal core's decisions, then the chain. */
static void refused(const char *json, const char *want)
{
	char *e;

	assert_null(resolve(json, &e));
	assert_string_equal(e, want);
	free(e);
}

static void resolve_conflicting_decisions_are_named(void **state)
{
	(void)state;
	refused(HEAD "\n \"app\": \"netapp\",\n \"libraries\": { \"exclusive\": true } }",
		"test.json: these decisions cannot all hold:\n"
		"test.json:3:17: libraries.exclusive: true\n"
		"test.json:2:2: app: netapp\n"
		"kernel-libs/exclusive/lib.json:2:37: exclusive conflicts with net, so net is off\n"
		"examples/netapp/lib.json:1:90: netapp selects net, so these decisions cannot all "
		"hold\n");
	refused(HEAD "\"app\": \"xenapp\" }",
		"test.json: these decisions cannot all hold:\n"
		"test.json:1:63: app: xenapp\n"
		"test.json:1:36: targets: kvm-x86_64\n"
		"examples/xenapp/lib.json:1:88: xenapp runs only on xen, so these decisions cannot "
		"all hold\n");
	refused(HEAD "\"app\": \"hello\", \"libraries\": { \"tracer\": true },\n"
		     " \"options\": { \"PRINTK_LEVEL\": \"warn\" } }",
		"test.json: these decisions cannot all hold:\n"
		"test.json:1:94: libraries.tracer: true\n"
		"test.json:2:15: options.PRINTK_LEVEL: \"warn\"\n"
		"kernel-libs/tracer/lib.json:2:46: tracer selects (PRINTK_LEVEL == \"debug\"), so "
		"PRINTK_LEVEL is \"debug\"\n"
		"kernel-libs/printk/lib.json:6:5: PRINTK_LEVEL takes exactly one value, so these "
		"decisions cannot all hold\n");
	refused(HEAD "\"app\": \"hello\", \"libraries\": { \"net\": false }, "
		     "\"options\": { \"NET_MTU\": 600 } }",
		"test.json: these decisions cannot all hold:\n"
		"test.json:1:94: libraries.net: false\n"
		"test.json:1:123: options.NET_MTU: 600\n"
		"test.json:1:123: you set NET_MTU to 600, which needs net on, so these decisions "
		"cannot all hold\n");
	refused(HEAD "\"app\": \"hello\", \"libraries\": { \"alloc-buddy\": true, "
		     "\"alloc-tlsf\": true } }",
		"test.json: these decisions cannot all hold:\n"
		"test.json:1:94: libraries.alloc-buddy: true\n"
		"test.json:1:115: libraries.alloc-tlsf: true\n"
		"test.json: only one provider of allocator can be on, so these decisions cannot "
		"all "
		"hold\n");
}

static void resolve_library_only_where_it_runs(void **state)
{
	char *e;
	struct cat_result *r;

	(void)state;
	assert_null(resolve(HEAD "\"app\": \"hello\", \"libraries\": { \"xenonly\": true } }", &e));
	assert_contains(e, "kernel-libs/xenonly/lib.json:2:39: xenonly runs only on xen, so these "
			   "decisions cannot all hold");
	free(e);
	r = must_resolve("{ \"kiln_profile\": 1, \"catalog\": 1, \"targets\": [\"xen-x86_64\"], "
			 "\"app\": \"xenapp\","
			 " \"libraries\": { \"xenonly\": true } }");
	assert_true(lib(r, "plat-xen")->on);
	assert_false(lib(r, "plat-kvm")->on);
	cat_result_free(r);
}

static void resolve_why_follows_the_chain_to_the_decision(void **state)
{
	struct cat_result *r = must_resolve(HEAD "\"app\": \"hello\" }");
	struct cat_why w[16];
	long n;

	(void)state;
	n = cat_result_why(r, "printk", w, 16);
	assert_int_equal(n, 2);
	assert_string_equal(w[0].name, "printk");
	assert_string_equal(w[0].value, "y");
	assert_string_equal(w[0].origin.subject, "hello");
	assert_string_equal(w[0].origin.field, "depends");
	assert_string_equal(w[1].name, "hello");
	assert_int_equal(w[1].depth, 1);
	assert_int_equal(w[1].prov, CAT_PROV_USER);
	assert_string_equal(w[1].origin.field, "app");
	n = cat_result_why(r, "console", w, 16); /* the platform selects it */
	assert_int_equal(n, 2);
	assert_string_equal(w[0].origin.subject, "plat-kvm");
	assert_string_equal(w[1].origin.field, "targets");
	n = cat_result_why(r, "sched", w, 16); /* nothing needs it: no chain */
	assert_int_equal(n, 1);
	assert_int_equal(w[0].prov, CAT_PROV_DEFAULT);
	n = cat_result_why(r, "PRINTK_COLOR", w, 16);
	assert_true(n >= 2);
	assert_int_equal(w[0].prov, CAT_PROV_DEFAULT);
	int seen = 0;

	for (long i = 1; i < n; i++)
		seen |= w[i].depth == 1 && !strcmp(w[i].name, "PRINTK_TIMESTAMPS");
	assert_true(seen); /* the condition of its default */
	n = cat_result_why(r, "NET_MTU", w, 16);
	assert_true(n >= 2);
	assert_int_equal(w[0].prov, CAT_PROV_INACTIVE);
	assert_string_equal(w[1].name, "net");
	assert_int_equal(cat_result_why(r, "nothing", w, 16), -1);
	cat_result_free(r);
}

/* The menu's loop: one basic_solver, decisions toggled, resolved again each time. */
static void resolve_again_after_toggling(void **state)
{
	struct cat_profile *p = cat_profile_new("hello", "kvm-x86_64");
	struct cat_result *r;
	struct cat_err err;

	(void)state;
	cat_err_init(&err);
	for (int round = 0; round < 6; round++) {
		cat_profile_set_lib(p, "net", round % 2);
		assert_int_equal(cat_solve(basic_solver, p, &r, &err), 0);
		assert_int_equal(lib(r, "net")->on, round % 2);
		assert_int_equal(lib(r, "sched")->on, round % 2);
		assert_int_equal(lib(r, "alloc-buddy")->on, round % 2);
		cat_result_free(r);
	}
	cat_profile_set_lib(p, "exclusive", 1);
	assert_int_equal(cat_solve(basic_solver, p, &r, &err), 1);
	assert_null(r);
	cat_profile_unset(p, "net");
	cat_err_clear(&err);
	assert_int_equal(cat_solve(basic_solver, p, &r, &err), 0);
	assert_false(lib(r, "net")->on);
	assert_int_equal(lib(r, "net")->prov, CAT_PROV_FORCED);
	cat_result_free(r);
	cat_profile_free(p);
	cat_err_free(&err);
}

static void resolve_refuses_an_invalid_profile(void **state)
{
	char *e;

	(void)state;
	assert_null(resolve(
		HEAD "\"app\": \"hello\", \"options\": { \"PRINTK_LEVL\": \"debug\" } }", &e));
	assert_contains(e, "did you mean PRINTK_LEVEL?");
	free(e);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(resolve_pulls_in_dependencies_and_nothing_else),
		cmocka_unit_test(resolve_gives_an_interface_its_default_provider),
		cmocka_unit_test(resolve_user_provider_replaces_the_default),
		cmocka_unit_test(resolve_forced_provider_names_what_needs_it),
		cmocka_unit_test(resolve_defaults_follow_their_conditions),
		cmocka_unit_test(resolve_options_of_libraries_that_are_off_are_inactive),
		cmocka_unit_test(resolve_setting_an_option_turns_its_library_on),
		cmocka_unit_test(resolve_selects_can_force_a_choice),
		cmocka_unit_test(resolve_compared_strings),
		cmocka_unit_test(resolve_conflicting_decisions_are_named),
		cmocka_unit_test(resolve_library_only_where_it_runs),
		cmocka_unit_test(resolve_why_follows_the_chain_to_the_decision),
		cmocka_unit_test(resolve_again_after_toggling),
		cmocka_unit_test(resolve_refuses_an_invalid_profile),
	};

	return cmocka_run_group_tests_name("resolver", tests, basic_setup, basic_teardown);
}

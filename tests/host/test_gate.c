/*
 * The safety nets, exercised: the validity gate (catalog/src/gate.c) must refuse a result
 * that breaks any clause, and the menu's save (tui/model.c, tm_save) must refuse a profile
 * the resolver refuses, writing nothing. In normal use neither ever fires (the resolver
 * builds results from a model, the menu undoes refused changes), so only these tests can
 * tell a working net from one that lets everything through.
 */
#include <stdlib.h>
#include <string.h>

#include "support.h"
/* Private on purpose: the gate is handed a broken model, which no public call can build. */
#include "../../catalog/src/result_int.h"
#include "../../tui/model_int.h"

#define GOOD                                                                                       \
	"{ \"kiln_profile\": 1, \"catalog\": 1, \"name\": \"g\", \"app\": \"netapp\", "            \
	"\"targets\": [\"kvm-x86_64\"] }"
#define CLASH                                                                                      \
	"{ \"kiln_profile\": 1, \"catalog\": 1, \"name\": \"clash\", \"app\": \"netapp\", "        \
	"\"targets\": [\"kvm-x86_64\"], \"libraries\": { \"exclusive\": true } }"

static struct cat_result *solve(const char *json)
{
	struct cat_err err;
	struct cat_profile *p;
	struct cat_result *r = NULL;

	cat_err_init(&err);
	p = profile_from(json, &err);
	assert_non_null(p);
	assert_int_equal(cat_solve(basic_solver, p, &r, &err), 0);
	cat_profile_free(p);
	cat_err_free(&err);
	return r;
}

/* Each constraint clause broken in turn (all its literals made false): the gate refuses
 * every one, naming the broken constraint; the model restored, it accepts again. */
static void gate_refuses_each_broken_clause(void **state)
{
	struct cat_result *r = solve(GOOD);
	const struct cat_solver *s = r->s;
	struct cat_err err;
	size_t broken = 0;
	int8_t *keep = malloc((size_t)s->nvars + 1);

	(void)state;
	assert_non_null(keep);
	memcpy(keep, r->model, (size_t)s->nvars + 1);
	cat_err_init(&err);
	assert_int_equal(result_verify(r, &err), 0);
	assert_int_equal(err.n, 0);
	for (size_t c = 0; c < s->ncl; c++) {
		if (s->orig[c].kind >= O_PREF_OPT || s->start[c] == s->start[c + 1])
			continue; /* preferences may be broken: they are wishes, not constraints */
		for (uint32_t i = s->start[c]; i < s->start[c + 1]; i++) {
			int l = s->lits[i];

			r->model[abs(l)] = (int8_t)(l > 0 ? -1 : 1);
		}
		if (result_verify(r, &err) != -1)
			fail_msg("clause %zu broken, and the gate accepted the result", c);
		assert_int_equal(err.n, 1);
		assert_contains(err.v[0].msg, "the result breaks");
		cat_err_free(&err);
		cat_err_init(&err);
		memcpy(r->model, keep, (size_t)s->nvars + 1);
		broken++;
	}
	assert_true(broken > 20);
	assert_int_equal(result_verify(r, &err), 0);
	free(keep);
	cat_err_free(&err);
	cat_result_free(r);
}

/* One flipped library: the app's own "selects net" no longer holds. */
static void gate_refuses_a_result_with_a_library_turned_off(void **state)
{
	struct cat_result *r = solve(GOOD);
	long net = cat_find_lib(basic_cat, "net");
	struct cat_err err;
	char *text;

	(void)state;
	assert_true(net >= 0);
	assert_int_equal(r->model[r->s->lib_var[net]], 1);
	r->model[r->s->lib_var[net]] = -1;
	cat_err_init(&err);
	assert_int_equal(result_verify(r, &err), -1);
	text = err_text(&err);
	assert_contains(text, "resolver: the result breaks");
	assert_contains(text, "(a bug: nothing written)");
	free(text);
	cat_err_free(&err);
	cat_result_free(r);
}

/* The catalog-level save: a refused profile is not written, an accepted one is. */
static void save_checked_refuses_a_conflicting_profile(void **state)
{
	struct cat_err err;
	struct cat_profile *p;
	char *dir = temp_dir("gate-save"), *path, *text;

	(void)state;
	assert_true(asprintf(&path, "%s/clash.json", dir) > 0);
	cat_err_init(&err);
	p = profile_from(CLASH, &err);
	assert_non_null(p);
	assert_int_equal(cat_profile_save_checked(p, basic_solver, path, &err), -1);
	assert_null(read_text(path));
	text = err_text(&err);
	assert_contains(text, "exclusive conflicts with net");
	free(text);
	cat_profile_free(p);
	cat_err_free(&err);
	free(path);
	free(dir);
}

/* The menu holding a profile the gate must refuse (put there behind the menu's back, as
 * a bug would): tm_save refuses it, says why, and leaves no file. */
static void menu_save_refuses_what_the_gate_refuses(void **state)
{
	char err[512] = "", *dir = temp_dir("gate-menu"), *path, *from, *text;
	struct cat_err e;
	struct tm_model *m;
	struct cat_profile *clash, *good;

	(void)state;
	assert_true(asprintf(&from, "%s/good.json", dir) > 0);
	assert_true(asprintf(&path, "%s/saved.json", dir) > 0);
	write_file(from, GOOD);
	m = tm_open(BASIC_ROOT, NULL, 0, from, err, sizeof err);
	if (!m)
		fail_msg("tm_open: %s", err);
	cat_err_init(&e);
	clash = profile_from(CLASH, &e);
	assert_non_null(clash);
	good = m->prof;
	m->prof = clash;
	assert_int_equal(tm_save(m, path, err, sizeof err), -1);
	assert_null(read_text(path));
	assert_true(strstr(err, "cannot all hold") || strstr(err, "conflicts with"));
	m->prof = good;
	assert_int_equal(tm_save(m, path, err, sizeof err), 0);
	text = read_text(path);
	assert_non_null(text);
	assert_contains(text, "\"netapp\"");
	free(text);
	cat_profile_free(clash);
	cat_err_free(&e);
	tm_close(m);
	free(from);
	free(path);
	free(dir);
}

/* Opening a refused profile in the menu keeps the one it had, whole: its state and what
 * a save writes. */
static void menu_load_of_a_refused_profile_keeps_the_old_one(void **state)
{
	char err[512] = "", *dir = temp_dir("gate-load"), *good, *bad, *path, *text;
	struct tm_model *m;

	(void)state;
	assert_true(asprintf(&good, "%s/good.json", dir) > 0);
	assert_true(asprintf(&bad, "%s/clash.json", dir) > 0);
	assert_true(asprintf(&path, "%s/saved.json", dir) > 0);
	write_file(good, GOOD);
	write_file(bad, CLASH);
	m = tm_open(BASIC_ROOT, NULL, 0, good, err, sizeof err);
	if (!m)
		fail_msg("tm_open: %s", err);
	assert_int_equal(tm_load_profile(m, bad, err, sizeof err), -1);
	assert_contains(err, "clash.json");
	assert_string_equal(tm_state(m, 0)->value, "netapp");
	assert_string_equal(tm_state(m, tm_find(m, "exclusive"))->value, "n");
	assert_int_equal(tm_save(m, path, err, sizeof err), 0);
	text = read_text(path);
	assert_non_null(text);
	assert_null(strstr(text, "exclusive"));
	free(text);
	tm_close(m);
	free(good);
	free(bad);
	free(path);
	free(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(gate_refuses_each_broken_clause),
		cmocka_unit_test(gate_refuses_a_result_with_a_library_turned_off),
		cmocka_unit_test(save_checked_refuses_a_conflicting_profile),
		cmocka_unit_test(menu_save_refuses_what_the_gate_refuses),
		cmocka_unit_test(menu_load_of_a_refused_profile_keeps_the_old_one),
	};

	return cmocka_run_group_tests(tests, basic_setup, basic_teardown);
}

/*
 * The fuzz harnesses (tests/fuzz/harness.c) on every input kept under tests/fuzz/regress/
 * (inputs that once crashed a target), the seeds under tests/fuzz/seeds/ and the
 * repository's own lib.json and profile files: each must run clean, here under the
 * unit tests' sanitizers, without clang or libFuzzer.
 */
#include <dirent.h>
#include <glob.h>
#include <stdlib.h>
#include <string.h>

#include "../fuzz/harness.h"
#include "support.h"

typedef int (*harness_fn)(const uint8_t *, size_t);

static size_t replay_file(const char *path, harness_fn fn)
{
	FILE *f = fopen(path, "rb");
	char buf[65536];
	size_t n;

	if (!f)
		return 0;
	n = fread(buf, 1, sizeof(buf), f);
	fclose(f);
	assert_int_equal(fn((const uint8_t *)buf, n), 0);
	return 1;
}

static size_t replay_dir(const char *dir, harness_fn fn)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	size_t n = 0;

	while (d && (e = readdir(d))) {
		char path[512];

		if (e->d_name[0] == '.' || !strcmp(e->d_name, "README.md"))
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		n += replay_file(path, fn);
	}
	if (d)
		closedir(d);
	return n;
}

static size_t replay_glob(const char *pattern, harness_fn fn, int skip_lib_json)
{
	glob_t g;
	size_t n = 0;

	if (glob(pattern, 0, NULL, &g) != 0)
		return 0;
	for (size_t i = 0; i < g.gl_pathc; i++)
		if (!skip_lib_json || !strstr(g.gl_pathv[i], "lib.json"))
			n += replay_file(g.gl_pathv[i], fn);
	globfree(&g);
	return n;
}

static void fuzz_inputs_kept_for_the_loader_run_clean(void **state)
{
	size_t n = replay_dir("tests/fuzz/regress/lib", fuzz_lib);

	(void)state;
	n += replay_glob("kernel-libs/*/lib.json", fuzz_lib, 0);
	n += replay_glob("plat/*/lib.json", fuzz_lib, 0);
	n += replay_glob("examples/*/lib.json", fuzz_lib, 0);
	n += replay_glob("tests/host/data/basic/*/*/lib.json", fuzz_lib, 0);
	assert_true(n >= 10);
}

static void fuzz_inputs_kept_for_profiles_run_clean(void **state)
{
	size_t n = replay_dir("tests/fuzz/regress/profile", fuzz_profile);

	(void)state;
	n += replay_glob("examples/*/*.json", fuzz_profile, 1);
	n += replay_glob("tests/host/data/*/*/*/*.json", fuzz_profile, 1);
	assert_true(n >= 2);
}

static void fuzz_inputs_kept_for_expressions_run_clean(void **state)
{
	size_t n = replay_dir("tests/fuzz/regress/expr", fuzz_expr);

	(void)state;
	n += replay_dir("tests/fuzz/seeds/expr", fuzz_expr);
	assert_true(n >= 5);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(fuzz_inputs_kept_for_the_loader_run_clean),
		cmocka_unit_test(fuzz_inputs_kept_for_profiles_run_clean),
		cmocka_unit_test(fuzz_inputs_kept_for_expressions_run_clean),
	};

	return cmocka_run_group_tests_name("fuzz-replay", tests, NULL, NULL);
}

/*
 * The resolved configuration on disk: the contract's names, conditional sources, files
 * rewritten only when they change, and hostile strings that reach Make and C exactly as
 * written without running anything.
 */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <kiln/build.h>

#include "support.h"

static void resolve_to(struct cat_profile *p, const char *dir)
{
	struct cat_result *r;
	struct cat_err err;

	cat_err_init(&err);
	assert_int_equal(cat_solve(basic_solver, p, &r, &err), 0);
	assert_int_equal(drv_write_config(r, dir, &err), 0);
	cat_result_free(r);
	cat_err_free(&err);
}

static char *file_in(const char *dir, const char *name)
{
	char *p, *t;

	assert_true(asprintf(&p, "%s/%s", dir, name) > 0);
	t = read_text(p);
	free(p);
	return t;
}

static long long mtime_ns(const char *dir, const char *name)
{
	char *p;
	struct stat st;

	assert_true(asprintf(&p, "%s/%s", dir, name) > 0);
	if (stat(p, &st) < 0)
		st.st_mtim.tv_sec = -1, st.st_mtim.tv_nsec = 0;
	free(p);
	return st.st_mtim.tv_sec * 1000000000LL + st.st_mtim.tv_nsec;
}

/* The macros a C file including dir/name sees (the preprocessor's -dM). */
static char *macros_of(const char *dir, const char *name)
{
	char *cmd, *out = NULL;
	size_t len = 0, n;
	char buf[4096];
	FILE *p, *m;

	assert_true(asprintf(&cmd, "cc -E -dM -x c '%s/%s'", dir, name) > 0);
	p = popen(cmd, "r");
	assert_non_null(p);
	m = open_memstream(&out, &len);
	assert_non_null(m);
	while ((n = fread(buf, 1, sizeof(buf), p)) > 0)
		fwrite(buf, 1, n, m);
	fclose(m);
	assert_int_equal(pclose(p), 0);
	free(cmd);
	return out;
}

static void write_follows_the_contract(void **state)
{
	struct cat_profile *p = cat_profile_new("hello", "kvm-x86_64");
	char *dir = temp_dir("contract"), *mk, *h, *json, *lh;

	(void)state;
	p->name = strdup("hello-kvm");
	resolve_to(p, dir);
	mk = file_in(dir, "config.mk");
	assert_contains(mk, "KILN_PROFILE_NAME := hello-kvm\n");
	assert_contains(mk, "KILN_APP := hello\n");
	assert_contains(mk, "KILN_TARGETS := kvm-x86_64\n");
	assert_contains(mk, "KILN_LIBS := console hello printk\n");
	assert_contains(mk, "KILN_PLATS := kvm\n");
	assert_contains(mk, "KILN_PLAT_kvm := plat-kvm\n");
	assert_contains(mk, "KILN_LIB_printk_DIR := kernel-libs/printk\n");
	assert_contains(mk, "KILN_LIB_printk_SRCS := kernel-libs/printk/src/printk.c "
			    "kernel-libs/printk/src/stamp.c\n");
	assert_contains(mk, "KILN_LIB_printk_INCLUDES := kernel-libs/printk/include\n");
	assert_contains(mk, "KILN_LIB_printk_CFLAGS := -DPRINTK_INTERNAL\n");
	assert_contains(mk, "/config/printk.h\n");
	assert_contains(mk, "CONFIG_LIBPRINTK := y\n");
	assert_contains(mk, "CONFIG_LIBPLAT_KVM := y\n");
	assert_contains(mk, "CONFIG_PRINTK_LEVEL := info\n");
	assert_contains(mk, "CONFIG_HELLO_COUNT := 1\n");
	assert_null(strstr(mk, "CONFIG_NET_MTU"));
	h = file_in(dir, "config.h");
	assert_contains(h, "#define CONFIG_PRINTK_LEVEL \"info\"\n");
	assert_contains(h, "#define CONFIG_PRINTK_LEVEL_INFO 1\n");
	assert_contains(h, "#define CONFIG_PRINTK_TIMESTAMPS 1\n");
	assert_contains(h, "#define CONFIG_LIBPLAT_KVM 1\n");
	lh = file_in(dir, "config/hello.h");
	assert_contains(lh, "#include \"part/on.h\"\n");
	assert_contains(lh, "#include \"part/lib-hello.h\"\n");
	/* hello depends on printk, so it sees printk's options (through printk's header,
	 * which brings in what printk sees in turn); printk does not see hello's. */
	assert_contains(lh, "#include \"printk.h\"\n");
	assert_null(strstr(lh, "part/lib-printk.h"));
	free(lh);
	lh = macros_of(dir, "config/hello.h");
	assert_contains(lh, "#define CONFIG_HELLO_COUNT 1\n");
	assert_contains(lh, "#define CONFIG_PRINTK_LEVEL \"info\"\n");
	assert_contains(lh, "#define CONFIG_LIBPRINTK 1\n");
	free(lh);
	lh = file_in(dir, "config/printk.h");
	assert_contains(lh, "#include \"part/lib-printk.h\"\n");
	assert_null(strstr(lh, "hello.h"));
	free(lh);
	lh = macros_of(dir, "config/printk.h");
	assert_contains(lh, "#define CONFIG_PRINTK_LEVEL \"info\"\n");
	assert_null(strstr(lh, "CONFIG_HELLO_COUNT"));
	free(lh);
	lh = file_in(dir, "config/part/lib-hello.h");
	assert_contains(lh, "#define CONFIG_HELLO_COUNT 1\n");
	free(lh);
	lh = file_in(dir, "config/part/lib-printk.h");
	assert_contains(lh, "#define CONFIG_PRINTK_LEVEL \"info\"\n");
	assert_null(strstr(lh, "CONFIG_HELLO_COUNT"));
	free(lh);
	lh = file_in(dir, "config/part/on.h");
	assert_contains(lh, "#define CONFIG_LIBPRINTK 1\n");
	assert_contains(mk, "KILN_LIB_hello_SEES := console hello printk\n");
	assert_contains(mk, "KILN_LIB_printk_SEES := console printk\n");
	assert_contains(
		mk, "KILN_TARGET_kvm-x86_64_PLAT := kvm\nKILN_TARGET_kvm-x86_64_ARCH := x86_64\n");
	assert_contains(mk, "KILN_TARGET_kvm-x86_64_PLATLIB := plat-kvm\n");
	assert_contains(mk, "KILN_TARGET_kvm-x86_64_LDS := plat/kvm/link.lds\n");
	json = file_in(dir, "config.json");
	assert_contains(json, "\"provenance\": \"forced\"");
	assert_null(file_in(dir, "config/net.h"));
	free(mk), free(h), free(lh), free(json);
	cat_profile_free(p);
	free(dir);
}

static void write_applies_conditional_sources(void **state)
{
	struct cat_profile *p = cat_profile_new("hello", "kvm-x86_64");
	char *dir = temp_dir("srcs"), *mk;

	(void)state;
	assert_int_equal(cat_profile_set_opt(p, basic_cat, "PRINTK_TIMESTAMPS", "n", NULL), 0);
	resolve_to(p, dir);
	mk = file_in(dir, "config.mk");
	assert_contains(mk, "KILN_LIB_printk_SRCS := kernel-libs/printk/src/printk.c\n");
	free(mk);
	cat_profile_free(p);
	free(dir);
}

static void write_rewrites_only_what_changed(void **state)
{
	struct cat_profile *p = cat_profile_new("netapp", "kvm-x86_64");
	char *dir = temp_dir("mtime");
	long long mk, h, json, net, sched, net_h;

	(void)state;
	resolve_to(p, dir);
	mk = mtime_ns(dir, "config.mk"), h = mtime_ns(dir, "config.h");
	json = mtime_ns(dir, "config.json");
	net = mtime_ns(dir, "config/part/lib-net.h"),
	sched = mtime_ns(dir, "config/part/lib-sched.h");
	net_h = mtime_ns(dir, "config/net.h");
	usleep(20000);
	resolve_to(p, dir);
	assert_true(mtime_ns(dir, "config.mk") == mk);
	assert_true(mtime_ns(dir, "config.h") == h);
	assert_true(mtime_ns(dir, "config.json") == json);
	assert_true(mtime_ns(dir, "config/part/lib-net.h") == net);
	assert_int_equal(cat_profile_set_opt(p, basic_cat, "NET_MTU", "4000", NULL), 0);
	resolve_to(p, dir);
	assert_true(mtime_ns(dir, "config/part/lib-net.h") != net);	/* its option changed */
	assert_true(mtime_ns(dir, "config/part/lib-sched.h") == sched); /* nothing of it changed */
	assert_true(mtime_ns(dir, "config/net.h") == net_h);		/* it only includes */
	assert_true(mtime_ns(dir, "config.mk") != mk);
	/* An output edited since (same size, in place: its folder's mtime stays): written
	 * again, whatever kiln recorded of it. Resolved once more first, so that nothing else
	 * in the folder changed since the record was written. */
	resolve_to(p, dir);
	{
		char *path, *before = file_in(dir, "config/net.h"), *after;
		FILE *f;

		assert_true(asprintf(&path, "%s/config/net.h", dir) > 0);
		f = fopen(path, "r+");
		assert_non_null(f);
		assert_int_equal(fputc('#' == before[0] ? '/' : '#', f),
				 '#' == before[0] ? '/' : '#');
		fclose(f);
		resolve_to(p, dir);
		after = file_in(dir, "config/net.h");
		assert_string_equal(after, before);
		free(after);
		free(before);
		free(path);
	}
	cat_profile_set_lib(p, "alloc-tlsf", 1);
	resolve_to(p, dir);
	assert_true(mtime_ns(dir, "config/alloc-buddy.h") < 0); /* off now: removed */
	assert_true(mtime_ns(dir, "config/part/lib-alloc-buddy.h") < 0);
	assert_true(mtime_ns(dir, "config/alloc-tlsf.h") > 0);
	cat_profile_free(p);
	free(dir);
}

static const char *const hostile[] = {
	"$(shell touch PWNED)",
	"`touch PWNED`; rm -rf PWNED2 $$HOME ${HOME} $(HOME)",
	"quote\" single' both\"'",
	"line one\nline two\n",
	"ends in a backslash\\",
	"two at the end\\\\",
	"hash # and \\# and \\\\# and ?\?/ trigraph ?\?= ?\?' ?\?!",
	"  leading blanks and a\ttab",
	"*/ closes a comment /* opens one",
	"\\",
	"#",
	"",
};

/* Make reads config.mk and writes the value back; C prints it back: both must match. */
/* config.json is written without Jansson (write_json.c): Jansson reads the value back, and
 * dumps what it read as the file is. */
static void check_json_roundtrip(const char *dir, const char *value)
{
	char *path, *text, *dump, *want;
	json_t *j, *o;
	json_error_t e;

	assert_true(asprintf(&path, "%s/config.json", dir) > 0);
	j = json_load_file(path, JSON_REJECT_DUPLICATES, &e);
	assert_non_null(j);
	o = json_object_get(json_object_get(j, "options"), "PRINTK_PREFIX");
	assert_string_equal(json_string_value(json_object_get(o, "value")), value);
	assert_true(json_is_true(json_object_get(o, "active")));
	/* byte for byte what Jansson would have written, as before */
	text = file_in(dir, "config.json");
	dump = json_dumps(j, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	assert_true(asprintf(&want, "%s\n", dump) > 0);
	assert_string_equal(text, want);
	free(text), free(dump), free(want);
	free(path);
	json_decref(j);
}

static void check_roundtrip(const char *dir, const char *value)
{
	char *cmd, *got, *want;

	assert_true(
		asprintf(&cmd,
			 "cd %s && printf 'include config.mk\\n$(file "
			 ">mk.out,$(CONFIG_PRINTK_PREFIX))\\n"
			 "all: ; @:\\n' > t.mk && make -s -f t.mk && "
			 "printf '#include <stdio.h>\\n#include \"config.h\"\\nint main(void) { "
			 "fputs(CONFIG_PRINTK_PREFIX, stdout); return 0; }\\n' > t.c && "
			 "cc -std=c11 -Wall -Werror -o t t.c && ./t > c.out",
			 dir) > 0);
	assert_int_equal(system(cmd), 0);
	free(cmd);
	got = file_in(dir, "mk.out");
	/* $(file >) adds a newline unless the text ends with one (GNU make 4.3, 8.6) */
	size_t n = strlen(value);

	assert_true(asprintf(&want, "%s%s", value, n && value[n - 1] == '\n' ? "" : "\n") > 0);
	assert_string_equal(got, want);
	free(got);
	free(want);
	got = file_in(dir, "c.out");
	assert_string_equal(got, value);
	free(got);
	assert_null(file_in(dir, "PWNED"));
	check_json_roundtrip(dir, value);
}

/* A large catalog's config.mk is megabytes: an output larger than any input kiln reads (4
 * MiB) is still compared, not written again each time. */
static void write_keeps_a_large_unchanged_file(void **state)
{
	size_t n = 5u << 20;
	char *dir = temp_dir("large"), *path, *text = malloc(n + 1);
	struct cat_err err;
	long long t;

	(void)state;
	assert_non_null(text);
	for (size_t i = 0; i < n; i++)
		text[i] = i % 64 == 63 ? '\n' : (char)('a' + i % 26);
	text[n] = 0;
	assert_true(asprintf(&path, "%s/big.mk", dir) > 0);
	cat_err_init(&err);
	assert_int_equal(cat_write_file(path, text, &err), 0);
	t = mtime_ns(dir, "big.mk");
	usleep(20000);
	assert_int_equal(cat_write_file(path, text, &err), 0);
	assert_true(mtime_ns(dir, "big.mk") == t);
	text[n / 2] = '#';
	assert_int_equal(cat_write_file(path, text, &err), 0);
	assert_true(mtime_ns(dir, "big.mk") != t);
	cat_err_free(&err);
	free(path);
	free(text);
	free(dir);
}

static void write_hostile_strings_reach_make_and_c_intact(void **state)
{
	char *dir = temp_dir("hostile");

	(void)state;
	for (size_t i = 0; i < sizeof(hostile) / sizeof(*hostile); i++) {
		struct cat_profile *p = cat_profile_new("hello", "kvm-x86_64");

		assert_int_equal(
			cat_profile_set_opt(p, basic_cat, "PRINTK_PREFIX", hostile[i], NULL), 0);
		assert_int_equal(cat_profile_set_opt(p, basic_cat, "GREET_MODE", hostile[i], NULL),
				 0);
		resolve_to(p, dir);
		check_roundtrip(dir, hostile[i]);
		cat_profile_free(p);
	}
	free(dir);
}

/* Letters beyond ASCII mean nothing to Make: such a folder is named as it is (folders with
 * blanks get a link of kiln's under the tree's build/, tested by cli_hostile.sh on a copy). */
static void write_names_a_non_ascii_output_folder_as_it_is(void **state)
{
	struct cat_profile *p = cat_profile_new("hello", "kvm-x86_64");
	char *base = temp_dir("badout"), *dir, *path, *mk, *want;
	struct cat_result *r;
	struct cat_err err;

	(void)state;
	cat_err_init(&err);
	assert_true(asprintf(&dir, "%s/\xc3\xa9t\xc3\xa9-\xc3\xbc", base) > 0);
	assert_int_equal(cat_solve(basic_solver, p, &r, &err), 0);
	assert_int_equal(drv_write_config(r, dir, &err), 0);
	/* named as it is (made absolute when given relative), through no link */
	assert_true(asprintf(&want, "/\xc3\xa9t\xc3\xa9-\xc3\xbc\nKILN_TARGET_") > 0);
	assert_true(asprintf(&path, "%s/config.mk", dir) > 0);
	mk = read_text(path);
	assert_contains(mk, want);
	assert_false(contains_(mk, ".kiln-paths"));
	free(mk);
	free(path);
	free(want);
	cat_result_free(r);
	cat_err_free(&err);
	cat_profile_free(p);
	free(dir);
	free(base);
}

/* What Make makes of each KILN_LIB_<l>_SEES of config.mk text mk, a line "l: list" each. */
static char *sees_by_make(const char *mk, const char *dir)
{
	char *cfg = NULL, *cmd = NULL, *out = NULL, buf[4096];
	size_t len = 0, n;
	FILE *f, *m;

	assert_true(asprintf(&cfg, "%s/config.mk", dir) > 0);
	f = fopen(cfg, "w");
	assert_non_null(f);
	fputs(mk, f);
	fputs("$(foreach l,$(KILN_LIBS) $(foreach p,$(KILN_PLATS),$(KILN_PLAT_$p)),"
	      "$(info $l: $(strip $(KILN_LIB_$l_SEES))))\nall: ;\n",
	      f);
	fclose(f);
	assert_true(asprintf(&cmd, "make -s --no-print-directory -f '%s' all", cfg) > 0);
	f = popen(cmd, "r");
	m = open_memstream(&out, &len);
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		fwrite(buf, 1, n, m);
	fclose(m);
	assert_int_equal(pclose(f), 0);
	free(cmd);
	free(cfg);
	return out;
}

/*
 * A chain of 40 libraries and a cycle of three hanging from its top: their SEES lists are
 * long, so config.mk writes them as what they are made of ($(sort) of the lists of the
 * libraries they name; the cycle's members share one). Make must expand each to exactly
 * the libraries cat_result_sees names, in the same order.
 */
static void write_long_sees_lists_expand_to_the_same(void **state)
{
	struct cat_catalog *cat = cat_new(NULL);
	struct cat_profile *p = cat_profile_new("app", "kvm-x86_64");
	char json[512], dir[64], *dirp = temp_dir("sees"), *mk, *got, *want = NULL;
	size_t wlen = 0;
	struct cat_result *r;
	struct cat_solver *s;
	struct cat_err err;
	FILE *w;

	(void)state;
	cat_err_init(&err);
	assert_int_equal(cat_add_buffer(cat, PLAT("kvm"), strlen(PLAT("kvm")), "plat/kvm/lib.json",
					"plat/kvm", &err),
			 0);
	for (int i = 0; i < 43; i++) {
		char name[16], file[96], deps[64] = "";

		snprintf(name, sizeof(name), i < 40 ? "l%02d" : "c%d", i < 40 ? i : i - 40);
		if (i > 0 && i < 40)
			snprintf(deps, sizeof(deps), ", \"depends\": \"l%02d\"", i - 1);
		if (i >= 40) /* c0 selects c1, c1 selects c2, c2 selects c0 and depends on l39 */
			snprintf(deps, sizeof(deps), ", \"selects\": \"c%d\"%s", (i - 39) % 3,
				 i == 42 ? ", \"depends\": \"l39\"" : "");
		snprintf(json, sizeof(json),
			 "{ \"kiln_catalog\": 1, \"name\": \"%s\", \"kind\": \"library\"%s }", name,
			 deps);
		snprintf(dir, sizeof(dir), "kernel-libs/%s", name);
		snprintf(file, sizeof(file), "%s/lib.json", dir);
		assert_int_equal(cat_add_buffer(cat, json, strlen(json), file, dir, &err), 0);
	}
	snprintf(json, sizeof(json),
		 "{ \"kiln_catalog\": 1, \"name\": \"app\", \"kind\": \"app\", "
		 "\"selects\": \"c0\" }");
	assert_int_equal(cat_add_buffer(cat, json, strlen(json), "examples/app/lib.json",
					"examples/app", &err),
			 0);
	assert_int_equal(cat_finish(cat, &err), 0);
	s = cat_solver_new(cat, &err);
	assert_non_null(s);
	assert_int_equal(cat_solve(s, p, &r, &err), 0);
	mk = drv_config_mk(r, "cfg");
	assert_non_null(mk);
	assert_non_null(strstr(mk, "KILN_LIB_c0_SEES := $(sort"));
	assert_non_null(strstr(mk, "KILN_LIB_l39_SEES := $(sort l39 $(KILN_LIB_l38_SEES))\n"));
	assert_null(strstr(mk, "KILN_LIB_l39_SEES := l00"));
	w = open_memstream(&want, &wlen);
	for (size_t i = 0; i < cat_nlibs(cat); i++) {
		unsigned char seen[64] = { 0 };

		if (!cat_result_lib(r, i)->on)
			continue;
		cat_result_sees(r, i, seen);
		fprintf(w, "%s:", cat_lib_at(cat, i)->name);
		for (size_t k = 0; k < cat_nlibs(cat); k++)
			if (seen[k])
				fprintf(w, " %s", cat_lib_at(cat, k)->name);
		fputc('\n', w);
	}
	fclose(w);
	got = sees_by_make(mk, dirp);
	/* Make lists the libraries by KILN_LIBS (apps and libraries) then the platforms */
	for (char *line = strtok(want, "\n"); line; line = strtok(NULL, "\n"))
		assert_non_null(strstr(got, line));
	assert_int_equal(strlen(got), wlen);
	free(got);
	free(want);
	free(mk);
	free(dirp);
	cat_result_free(r);
	cat_solver_free(s);
	cat_profile_free(p);
	cat_free(cat);
	cat_err_free(&err);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(write_follows_the_contract),
		cmocka_unit_test(write_long_sees_lists_expand_to_the_same),
		cmocka_unit_test(write_applies_conditional_sources),
		cmocka_unit_test(write_rewrites_only_what_changed),
		cmocka_unit_test(write_keeps_a_large_unchanged_file),
		cmocka_unit_test(write_hostile_strings_reach_make_and_c_intact),
		cmocka_unit_test(write_names_a_non_ascii_output_folder_as_it_is),
	};

	return cmocka_run_group_tests_name("write", tests, basic_setup, basic_teardown);
}

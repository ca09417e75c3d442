/*
 * The catalog loader: a good catalog loads with everything in it, and every kind of bad
 * input gets one clear line naming the file, the position and the field.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cat_int.h"
#include "support.h"

#define LIB(name, rest)                                                                            \
	"{ \"kiln_catalog\": 1, \"name\": \"" name "\", \"kind\": \"library\"" rest " }"

/* One lib.json (folder "a") and a piece of the error line it must produce. */
struct bad {
	const char *json, *want;
};

#define EXPECT_ERRORS(cases) expect_errors(cases, sizeof(cases) / sizeof(*(cases)))

static void expect_errors(const struct bad *cases, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		char *e = load_errors("a", cases[i].json, NULL);

		assert_contains(e, cases[i].want);
		free(e);
	}
}

static void loader_reads_the_basic_catalog(void **state)
{
	struct cat_catalog *cat = load_basic();
	const struct cat_lib *l;
	const struct cat_opt *o;

	(void)state;
	assert_non_null(cat);
	assert_int_equal(cat_nlibs(cat), 16);
	l = cat_lib_at(cat, (size_t)cat_find_lib(cat, "printk"));
	assert_string_equal(l->dir, "kernel-libs/printk");
	assert_string_equal(l->category, "Kernel/Debugging");
	assert_int_equal(l->nopts, 4);
	assert_int_equal(l->nsrcs, 2);
	assert_string_equal(l->srcs[1].cond_text, "PRINTK_TIMESTAMPS");
	o = cat_opt_at(cat, (size_t)cat_find_opt(cat, "PRINTK_LEVEL"));
	assert_int_equal(o->type, CAT_CHOICE);
	assert_int_equal(o->nvalues, 4);
	assert_string_equal(o->defs[0].val.str, "info");
	o = cat_opt_at(cat, (size_t)cat_find_opt(cat, "NET_BASE"));
	assert_int_equal(o->type, CAT_HEX);
	assert_true((unsigned long long)o->max == 0xffffffff80000000ull);
	assert_int_equal(cat_find_lib(cat, "nosuch"), -1);
	cat_free(cat);
}

static void loader_lists_by_category_and_searches(void **state)
{
	struct cat_catalog *cat = load_basic();
	size_t idx[32], libs[32], opts[64], nl, no;

	(void)state;
	cat_libs_by_category(cat, idx);
	assert_string_equal(cat_lib_at(cat, idx[0])->category, "Apps");
	assert_string_equal(cat_lib_at(cat, idx[0])->name, "hello");
	cat_search(cat, "alloc", libs, &nl, opts, &no);
	assert_int_equal(nl, 2);
	cat_search(cat, "printk_l", libs, &nl, opts, &no);
	assert_int_equal(no, 1);
	assert_string_equal(cat_suggest(cat, "prinkt"), "printk");
	assert_string_equal(cat_suggest(cat, "PRINTK_LEVL"), "PRINTK_LEVEL");
	assert_null(cat_suggest(cat, "zzzzzzzzzz"));
	cat_free(cat);
}

static void loader_malformed_json_gives_line_and_column(void **state)
{
	char *e =
		load_errors("kernel-libs/x",
			    "{\n  \"kiln_catalog\": 1,\n  \"name\": \"x\"\n  \"kind\": 1\n}", NULL);

	(void)state;
	assert_contains(e, "kernel-libs/x/lib.json:4:");
	assert_contains(e, "'}' expected near");
	free(e);
	e = load_errors("x", "{ \"kiln_catalog\": 1, \"name\": \"a\", \"name\": \"b\" }", NULL);
	assert_contains(e, "x/lib.json:1:");
	assert_contains(e, "duplicate object key");
	free(e);
}

static void loader_unknown_keys_are_named_with_a_suggestion(void **state)
{
	char *e = load_errors("a",
			      "{\n \"kiln_catalog\": 1, \"name\": \"a\", \"kind\": \"library\",\n "
			      "\"dependz\": \"b\" }",
			      NULL);

	(void)state;
	assert_contains(e, "a/lib.json:3:2: dependz: unknown key (did you mean \"depends\"?)");
	free(e);
	e = load_errors(
		"a",
		LIB("a", ", \"options\": { \"A_X\": { \"type\": \"bool\", \"defualt\": true } }"),
		NULL);
	assert_contains(e, "options.A_X.defualt: unknown key (did you mean \"default\"?)");
	free(e);
}

/* Wrong types, named with their field. */
static const struct bad bad_types[] = {
	{ "{ \"kiln_catalog\": 1, \"name\": 7, \"kind\": \"library\" }",
	  "a/lib.json:1:30: name: expected a string, found a number" },
	{ LIB("a", ", \"options\": [1]"), "options: expected an object" },
	{ LIB("a", ", \"options\": { \"A_N\": { \"type\": \"int\", \"default\": \"ten\" } }"),
	  "options.A_N.default: expected an integer" },
	{ LIB("a",
	      ", \"options\": { \"A_N\": { \"type\": \"int\", \"min\": 1, \"max\": 9, \"default\": "
	      "10 } }"),
	  "options.A_N.default: 10 is outside 1..9" },
	{ LIB("a", ", \"options\": { \"A_C\": { \"type\": \"choice\", \"values\": [\"x\", \"y\"], "
		   "\"default\": \"z\" } }"),
	  "options.A_C.default: \"z\" is not one of the values of A_C" },
	{ LIB("a", ", \"options\": { \"A_B\": { \"type\": \"boolean\" } }"),
	  "options.A_B.type: unknown type \"boolean\"" },
	{ LIB("a", ", \"provides\": \"libc\""), "provides: expected an array of strings" },
	{ "{ \"kiln_catalog\": 1, \"name\": \"a\", \"kind\": \"driver\" }",
	  "kind: unknown kind \"driver\"" },
};

static void loader_wrong_types_name_the_field(void **state)
{
	(void)state;
	EXPECT_ERRORS(bad_types);
}

/* The format version is required. */
static const struct bad bad_versions[] = {
	{ "{ \"name\": \"a\", \"kind\": \"library\" }", "missing \"kiln_catalog\"" },
	{ "{ \"kiln_catalog\": 2, \"name\": \"a\", \"kind\": \"library\" }",
	  "kiln_catalog: unsupported catalog format" },
};

static void loader_needs_the_format_version(void **state)
{
	(void)state;
	EXPECT_ERRORS(bad_versions);
}

static void loader_duplicate_names_are_errors(void **state)
{
	char *e = load_errors("one", LIB("a", ""), "two", LIB("a", ""), NULL);

	(void)state;
	assert_contains(
		e, "two/lib.json:1:30: name: library \"a\" is already defined in one/lib.json");
	free(e);
	e = load_errors("a", LIB("a", ", \"options\": { \"X_N\": { \"type\": \"bool\" } }"), "b",
			LIB("b", ", \"options\": { \"X_N\": { \"type\": \"bool\" } }"), NULL);
	assert_contains(e, "b/lib.json:1:");
	assert_contains(e, "options.X_N: option X_N is already defined in a/lib.json");
	free(e);
	e = load_errors("a", LIB("a", ", \"provides\": [\"b\"]"), "b", LIB("b", ""), NULL);
	assert_contains(e, "provides[0]: interface \"b\" has the name of a library");
	free(e);
}

static void loader_unknown_references_are_errors(void **state)
{
	char *e = load_errors("a", LIB("a", ", \"depends\": \"console && prinkt\""), "printk",
			      LIB("printk", ""), "console", LIB("console", ""), NULL);

	(void)state;
	assert_contains(e, "a/lib.json:1:");
	assert_contains(e, "depends: unknown name \"prinkt\" at column 12 (did you mean printk?)");
	free(e);
	e = load_errors("a", LIB("a", ", \"requires\": [\"libc\"]"), NULL);
	assert_contains(e, "requires[0]: no library provides \"libc\"");
	free(e);
	e = load_errors("a", LIB("a", ", \"platforms\": [\"kvm\"]"), NULL);
	assert_contains(e, "platforms[0]: unknown platform \"kvm\"");
	free(e);
	e = load_errors("a",
			LIB("a", ", \"options\": { \"A_L\": { \"type\": \"choice\", \"values\": "
				 "[\"lo\", \"hi\"] } }, \"depends\": \"A_L == \\\"high\\\"\""),
			NULL);
	assert_contains(e, "depends: \"high\" is not a value of A_L (did you mean \"hi\"?)");
	free(e);
	e = load_errors(
		"a",
		LIB("a",
		    ", \"options\": { \"A_C\": { \"type\": \"choice\", \"values\": [\"lo\"] }, "
		    "\"A_B\": { \"type\": \"bool\", \"depends\": \"A_C\" } }"),
		NULL);
	assert_contains(
		e, "options.A_B.depends: A_C is a choice option: compare it, as in A_C == \"lo\"");
	free(e);
	e = load_errors("a",
			LIB("a", ", \"options\": { \"A_B\": { \"type\": \"bool\" } }, \"depends\": "
				 "\"A_B == \\\"y\\\"\""),
			NULL);
	assert_contains(e, "A_B is a bool option: only choice and string options compare with ==");
	free(e);
}

static void loader_bad_expressions_give_the_column(void **state)
{
	char *e = load_errors("a", LIB("a", ", \"depends\": \"a &&\""), NULL);

	(void)state;
	assert_contains(e, "depends: column 5 of the expression: expression ends too early");
	free(e);
}

/* Paths that leave the library folder or that Make cannot carry. */
static const struct bad bad_paths[] = {
	{ LIB("a", ", \"sources\": [\"../b/x.c\"]"),
	  "sources[0]: path \"../b/x.c\" leaves the library folder" },
	{ LIB("a", ", \"sources\": [\"/etc/passwd\"]"), "leaves the library folder" },
	{ LIB("a", ", \"sources\": [{ \"if\": \"true\", \"files\": [\"src/../../x.c\"] }]"),
	  "sources[0].files[0]: path \"src/../../x.c\" leaves the library folder" },
	{ LIB("a", ", \"includes\": [\"..\"]"), "includes[0]: path \"..\" leaves" },
	{ LIB("a", ", \"sources\": [\"src/$(shell id).c\"]"), "has characters Make cannot handle" },
};

static void loader_paths_must_stay_in_the_library(void **state)
{
	(void)state;
	EXPECT_ERRORS(bad_paths);
}

/* On disk: a missing source, and a symbolic link out of the folder. */
static void loader_checks_files_on_disk(void **state)
{
	char *root = temp_dir("disk"), path[512], *e;
	struct cat_err err;

	(void)state;
	snprintf(path, sizeof(path), "%s/kernel-libs/a/lib.json", root);
	write_file(path, LIB("a", ", \"sources\": [\"src/a.c\", \"src/gone.c\", \"src/link.c\"]"));
	snprintf(path, sizeof(path), "%s/kernel-libs/a/src/a.c", root);
	write_file(path, "");
	snprintf(path, sizeof(path), "%s/secret.c", root);
	write_file(path, "");
	snprintf(path, sizeof(path), "%s/kernel-libs/a/src/link.c", root);
	assert_int_equal(symlink("../../../secret.c", path), 0);
	cat_err_init(&err);
	assert_null(cat_load(root, NULL, 0, &err));
	e = err_text(&err);
	assert_contains(e, "kernel-libs/a/lib.json:1:");
	assert_contains(e, "sources[1]: no such file: kernel-libs/a/src/gone.c");
	assert_contains(
		e,
		"sources[2]: path \"src/link.c\" leads out of the library folder through a link");
	free(e);
	cat_err_free(&err);
	free(root);
}

static void loader_reports_dependency_cycles(void **state)
{
	char *e = load_errors("a", LIB("a", ", \"depends\": \"b\""), "b",
			      LIB("b", ", \"depends\": \"c || x\""), "c",
			      LIB("c", ", \"depends\": \"a\""), "x", LIB("x", ""), NULL);

	(void)state;
	assert_contains(e, "a/lib.json:1:");
	assert_contains(e, "depends: dependency cycle: a -> b -> c -> a");
	free(e);
	e = load_errors("a",
			LIB("a", ", \"options\": { \"A_X\": { \"type\": \"bool\", \"default\": [{ "
				 "\"if\": \"A_Y\", \"value\": true }] },"
				 " \"A_Y\": { \"type\": \"bool\", \"default\": [{ \"if\": \"A_X\", "
				 "\"value\": true }] } }"),
			NULL);
	assert_contains(e, "options.A_X.default: dependency cycle: A_X -> A_Y -> A_X");
	free(e);
}

/* Defaults lists, platform names, default providers, macro names, option names. */
static const struct bad bad_lists[] = {
	{ LIB("a",
	      ", \"options\": { \"A_X\": { \"type\": \"bool\", \"default\": [{ \"value\": true }, "
	      "{ \"if\": \"a\", \"value\": false }] } }"),
	  "options.A_X.default[0]: only the last entry may leave out \"if\"" },
	{ "{ \"kiln_catalog\": 1, \"name\": \"kvm\", \"kind\": \"platform\", \"platform\": \"kvm\" "
	  "}",
	  "platform: platform \"kvm\" must be implemented by a library named plat-kvm" },
	{ LIB("a", ", \"default_for\": [\"libc\"]"),
	  "default_for[0]: \"libc\" is not in provides" },
	{ LIB("a", ", \"options\": { \"A_C\": { \"type\": \"choice\", \"values\": [\"a-b\", "
		   "\"a_b\"] } }"),
	  "\"a-b\" and \"a_b\" give the same macro name" },
	{ LIB("a", ", \"options\": { \"a_x\": { \"type\": \"bool\" } }"),
	  "options.a_x: \"a_x\" is not a valid option name" },
	/* expressions read true and false as constants: no library could be named by them */
	{ "{ \"kiln_catalog\": 1, \"name\": \"true\", \"kind\": \"library\" }",
	  "name: \"true\" is not a valid library name (true and false are constants in "
	  "expressions)" },
	{ LIB("a", ", \"provides\": [\"false\"]"),
	  "provides[0]: \"false\" is not a valid name (true and false are constants in "
	  "expressions)" },
};

static void loader_checks_defaults_lists_and_platforms(void **state)
{
	(void)state;
	EXPECT_ERRORS(bad_lists);
}

static void loader_reads_extra_folders(void **state)
{
	struct cat_err err;
	const char *dirs[] = { "tests/host/data/extra" };
	struct cat_catalog *cat;

	(void)state;
	cat_err_init(&err);
	cat = cat_load(BASIC_ROOT, dirs, 1, &err);
	assert_int_equal(err.n, 0);
	assert_non_null(cat);
	long i = cat_find_lib(cat, "outside");

	assert_true(i >= 0);
	assert_true(cat_lib_at(cat, (size_t)i)->dir[0] == '/'); /* outside the root: absolute */
	cat_free(cat);
	cat_err_free(&err);
}

#define PLATX(p, rest)                                                                             \
	"{ \"kiln_catalog\": 1, \"name\": \"plat-" p                                               \
	"\", \"kind\": \"platform\", \"platform\": \"" p "\"" rest " }"
#define ARCH ", \"arch\": { \"x86_64\": {} }, \"linker_script\": \"link.lds\""

/* Targets are data: platform names, architectures, the run description. */
static const struct bad bad_platforms[] = {
	{ PLATX("fire-cracker", ARCH), "platform: \"fire-cracker\" is not a platform name" },
	{ PLATX("kvm", ""), "a platform library must name its architectures (\"arch\")" },
	{ PLATX("kvm", ", \"arch\": {}"), "arch: expected an object naming each architecture" },
	{ PLATX("kvm", ", \"arch\": { \"x86-64\": {} }, \"linker_script\": \"l\""),
	  "arch.x86-64: \"x86-64\" is not an architecture name" },
	{ PLATX("kvm", ", \"arch\": { \"x86_64\": {} }"),
	  "missing required key \"linker_script\"" },
	{ PLATX("kvm", ARCH ", \"linker_script\": \"../x\""), "duplicate" },
	{ PLATX("kvm", ", \"arch\": { \"x86_64\": {} }, \"linker_script\": \"../l\""),
	  "linker_script: path \"../l\" leaves the library folder" },
	{ PLATX("kvm", ARCH ", \"run\": { \"status\": \"exit\" }"),
	  "run: missing required key \"command\"" },
	{ PLATX("kvm", ARCH ", \"run\": { \"command\": [\"x\"], \"status\": \"maybe\" }"),
	  "run.status: unknown status \"maybe\"" },
	{ PLATX("kvm", ARCH ", \"run\": { \"command\": [[\"x\"]], \"status\": \"exit\" }"),
	  "run.command[0]: a group of words cannot be empty or come first" },
	{ PLATX("kvm", ARCH ", \"run\": { \"command\": [\"x\"], \"status\": \"exit\", "
			    "\"accelerators\": [{ \"name\": \"auto\" }] }"),
	  "run.accelerators[0].name: \"auto\" cannot name an accelerator" },
	{ LIB("a", ", \"run\": { \"command\": [\"x\"] }"),
	  "run: only platform libraries have \"run\"" },
	{ LIB("a", ", \"linker_script\": \"l\""),
	  "linker_script: only platform libraries have \"linker_script\"" },
	{ LIB("a",
	      ", \"system_headers\": [{ \"path\": \"/etc\", \"as\": \"x\", \"package\": \"p\" }]"),
	  "system_headers[0]: path \"/etc\" is not a folder under /usr/include" },
	{ LIB("a", ", \"system_headers\": [{ \"path\": \"/usr/include/../../etc\", \"as\": \"x\", "
		   "\"package\": \"p\" }]"),
	  "is not a folder under /usr/include" },
	{ LIB("a", ", \"system_headers\": [{ \"path\": \"/usr/include/xen\", \"as\": \"../x\", "
		   "\"package\": \"p\" }]"),
	  "\"as\": \"../x\" is not a folder name" },
	{ LIB("a", ", \"system_headers\": [{ \"path\": \"/usr/include/xen\", \"as\": \"xen\" }]"),
	  "system_headers[0]: missing required key \"package\"" },
};

/* A library's archive: a tarball under /usr/src, its checksum, and paths that stay in it. */
#define SHA "c6f3a88b9d93420904241b231ca8647303be3bfb3cfef6adc8d1ea9207291033"
static const struct bad bad_archives[] = {
	{ LIB("a", ", \"archive\": { \"path\": \"/etc/passwd\", \"package\": \"p\", "
		   "\"sha256\": \"" SHA "\" }"),
	  "archive.path: path \"/etc/passwd\" is not a file under /usr/src" },
	{ LIB("a", ", \"archive\": { \"path\": \"/usr/src/../../etc/x.tar\", \"package\": "
		   "\"p\", \"sha256\": \"" SHA "\" }"),
	  "is not a file under /usr/src" },
	{ LIB("a", ", \"archive\": { \"path\": \"/usr/src/x.tar\", \"package\": \"p\", "
		   "\"sha256\": \"C6F3\" }"),
	  "archive.sha256: expected 64 lower-case hex digits" },
	{ LIB("a", ", \"archive\": { \"path\": \"/usr/src/x.tar\", \"sha256\": \"" SHA "\" }"),
	  "archive: missing required key \"package\"" },
	{ LIB("a", ", \"archive\": { \"path\": \"/usr/src/x.tar\", \"package\": \"p\", "
		   "\"sha256\": \"" SHA "\", \"sources\": [\"../../etc/passwd\"] }"),
	  "archive.sources[0]: path \"../../etc/passwd\" leaves the archive" },
	{ LIB("a", ", \"archive\": { \"path\": \"/usr/src/x.tar\", \"package\": \"p\", "
		   "\"sha256\": \"" SHA "\", \"includes\": [\"/usr/include\"] }"),
	  "archive.includes[0]: path \"/usr/include\" leaves the archive" },
	{ LIB("a", ", \"archive\": { \"path\": \"/usr/src/x.tar\", \"package\": \"p\", "
		   "\"sha256\": \"" SHA "\", \"cflags\": [\"-B/tmp\"] }"),
	  "archive.cflags[0]: flag \"-B/tmp\" is not a flag kiln accepts" },
	{ LIB("a", ", \"archive\": { \"path\": \"/usr/src/x.tar\", \"package\": \"p\", "
		   "\"sha256\": \"" SHA
		   "\", \"sources\": [{ \"if\": \"nosuch\", \"files\": [\"x.c\"] }] }"),
	  "unknown name \"nosuch\"" },
};

static void loader_checks_archives(void **state)
{
	(void)state;
	EXPECT_ERRORS(bad_archives);
}

/* Archive paths are inside a tree unpacked at build time: not looked for at load. */
static void loader_accepts_archive_paths_not_yet_unpacked(void **state)
{
	static const char good[] =
		LIB("a", ", \"archive\": { \"path\": \"/usr/src/x/x-1.0.tar.xz\", \"package\": "
			 "\"x-source\", \"sha256\": \"" SHA "\", \"sources\": [\"lib/a.c\", "
			 "{ \"if\": \"a\", \"files\": [\"lib/b.S\"] }], \"includes\": "
			 "[\"include\"], \"cflags\": [\"-fno-builtin\"] }");
	(void)state;
	assert_null(load_errors("a", good, NULL));
}

static void loader_checks_platform_target_data(void **state)
{
	(void)state;
	EXPECT_ERRORS(bad_platforms);
}

/* Nothing of a lib.json runs on the host: every flag form that could is refused. */
static const struct bad bad_flags[] = {
	{ LIB("a", ", \"cflags\": [\"$(shell touch /tmp/x)\"]"),
	  "cflags[0]: flag \"$(shell touch /tmp/x)\" holds a character the shell or Make" },
	{ LIB("a", ", \"cflags\": [\"-DX=`id`\"]"), "holds a character the shell or Make" },
	{ LIB("a", ", \"cflags\": [\"-DX=1;id\"]"), "holds a character the shell or Make" },
	{ LIB("a", ", \"cflags\": [\"-DX=a b\"]"), "holds a character the shell or Make" },
	{ LIB("a", ", \"cflags\": [\"-wrapper\", \"/bin/sh\"]"),
	  "cflags[0]: flag \"-wrapper\" is not a flag kiln accepts" },
	{ LIB("a", ", \"cflags\": [\"-O2\", \"-fplugin=/tmp/p.so\"]"),
	  "cflags[1]: flag \"-fplugin=/tmp/p.so\" loads or writes files on the host" },
	{ LIB("a", ", \"cflags\": [\"-specs=/tmp/s\"]"), "is not a flag kiln accepts" },
	{ LIB("a", ", \"cflags\": [\"-B/tmp\"]"), "is not a flag kiln accepts" },
	{ LIB("a", ", \"cflags\": [\"-Wl,-plugin,/tmp/p.so\"]"),
	  "hands options to another program" },
	{ LIB("a", ", \"cflags\": [\"-Wp,-imacros,/etc/passwd\"]"),
	  "hands options to another program" },
	{ LIB("a", ", \"cflags\": [\"-include\"]"), "is not a flag kiln accepts" },
	{ LIB("a", ", \"cflags\": [\"@/tmp/args\"]"), "holds a character" },
	{ LIB("a", ", \"cflags\": [\"-I/usr/include\"]"), "list it in \"includes\"" },
	{ LIB("a", ", \"cflags\": [\"-D\"]"), "names no macro" },
	{ LIB("a", ", \"cflags\": [\"-fdump-tree-all\"]"), "loads or writes files on the host" },
	{ LIB("a", ", \"cflags\": [\"-fopt-info-all=/tmp/x\"]"),
	  "loads or writes files on the host" },
	{ LIB("a", ", \"cflags\": [\"-fsave-optimization-record\"]"),
	  "loads or writes files on the host" },
	{ LIB("a", ", \"cflags\": [\"-fuse-ld=/tmp/ld\"]"), "loads or writes files on the host" },
	{ LIB("a", ", \"cflags\": [\"-fdiagnostics-format=json-file\"]"),
	  "loads or writes files on the host" },
	{ LIB("a", ", \"cflags\": [\"-Xlinker\"]"), "is not a flag kiln accepts" },
	{ LIB("a", ", \"cflags\": [\"-DX=$(shell id)\"]"), "holds a character the shell or Make" },
	/* Make's variables and functions need no blank: $(HOME), $$, ${X} alone are refused */
	{ LIB("a", ", \"cflags\": [\"-DX=$(HOME)\"]"), "holds a character the shell or Make" },
	{ LIB("a", ", \"cflags\": [\"-DX=${HOME}\"]"), "holds a character the shell or Make" },
	{ LIB("a", ", \"cflags\": [\"-DX=\\nid\"]"), "holds a character the shell or Make" },
};

static void loader_refuses_flags_that_run_on_the_host(void **state)
{
	(void)state;
	EXPECT_ERRORS(bad_flags);
}

static void loader_accepts_plain_flags(void **state)
{
	static const char good[] =
		LIB("a", ", \"cflags\": [\"-DX=1\", \"-UY\", \"-Wno-unused\", "
			 "\"-fno-builtin\", \"-mno-red-zone\", \"-O2\", \"-g\", "
			 "\"-std=gnu11\", \"-D__XEN_INTERFACE_VERSION__=0x00040e00\"]");
	(void)state;
	assert_null(load_errors("a", good, NULL));
}

/* The name maps under every catalog: keys found through every growth, a key put again
 * takes its new value, a key never put is absent, a reserved map holds what it reserved. */
static void loader_name_map_keeps_every_key_as_it_grows(void **state)
{
	struct cat_map m = { 0 }, r = { 0 };
	static char keys[3000][16];

	(void)state;
	for (int i = 0; i < 3000; i++) {
		snprintf(keys[i], sizeof(keys[i]), "k%d", i);
		map_put(&m, keys[i], i);
	}
	map_put(&m, keys[7], 7000);
	for (int i = 0; i < 3000; i++)
		assert_int_equal(map_get(&m, keys[i]), i == 7 ? 7000 : i);
	assert_int_equal(map_get(&m, "k3000"), -1);
	assert_int_equal(map_get(&m, ""), -1);
	map_put(&r, keys[0], 0);
	map_reserve(&r, 3000);
	for (int i = 1; i < 3000; i++)
		map_put(&r, keys[i], i);
	for (int i = 0; i < 3000; i++)
		assert_int_equal(map_get(&r, keys[i]), i);
	map_free(&m);
	map_free(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(loader_reads_the_basic_catalog),
		cmocka_unit_test(loader_name_map_keeps_every_key_as_it_grows),
		cmocka_unit_test(loader_lists_by_category_and_searches),
		cmocka_unit_test(loader_malformed_json_gives_line_and_column),
		cmocka_unit_test(loader_unknown_keys_are_named_with_a_suggestion),
		cmocka_unit_test(loader_wrong_types_name_the_field),
		cmocka_unit_test(loader_needs_the_format_version),
		cmocka_unit_test(loader_duplicate_names_are_errors),
		cmocka_unit_test(loader_unknown_references_are_errors),
		cmocka_unit_test(loader_bad_expressions_give_the_column),
		cmocka_unit_test(loader_paths_must_stay_in_the_library),
		cmocka_unit_test(loader_checks_files_on_disk),
		cmocka_unit_test(loader_reports_dependency_cycles),
		cmocka_unit_test(loader_checks_defaults_lists_and_platforms),
		cmocka_unit_test(loader_reads_extra_folders),
		cmocka_unit_test(loader_checks_platform_target_data),
		cmocka_unit_test(loader_checks_archives),
		cmocka_unit_test(loader_accepts_archive_paths_not_yet_unpacked),
		cmocka_unit_test(loader_refuses_flags_that_run_on_the_host),
		cmocka_unit_test(loader_accepts_plain_flags),
	};

	return cmocka_run_group_tests_name("loader", tests, NULL, NULL);
}

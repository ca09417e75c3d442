/*
 * Fuzz harnesses (see harness.h). Inputs reach the same public API the kiln tool uses:
 * a lib.json joins a small catalog that then loads, encodes, resolves, explains itself
 * and checks itself; a profile is read, checked, resolved and written back; an
 * expression is parsed and printed. Anything may be refused, nothing may crash, leak or
 * break an invariant: a refusal always says why, a print parses back to itself.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "kiln/cat.h"

#define LIB(name, rest)                                                                            \
	"{ \"kiln_catalog\": 1, \"name\": \"" name "\", \"kind\": \"library\"" rest " }"

static const char *const base[][2] = {
	{ "plat/kvm", "{ \"kiln_catalog\": 1, \"name\": \"plat-kvm\", \"kind\": \"platform\", "
		      "\"platform\": \"kvm\", \"selects\": \"console\", "
		      "\"arch\": { \"x86_64\": {} }, \"linker_script\": \"link.lds\" }" },
	{ "plat/xen", "{ \"kiln_catalog\": 1, \"name\": \"plat-xen\", \"kind\": \"platform\", "
		      "\"platform\": \"xen\", \"selects\": \"console\", "
		      "\"arch\": { \"x86_64\": {} }, \"linker_script\": \"link.lds\" }" },
	{ "kernel-libs/console", LIB("console", "") },
	{ "kernel-libs/printk",
	  LIB("printk",
	      ", \"depends\": \"console\", \"options\": { \"PRINTK_LEVEL\": { \"type\": "
	      "\"choice\", \"values\": [\"warn\", \"info\", \"debug\"], \"default\": \"info\" "
	      "}, \"PRINTK_TIME\": { \"type\": \"bool\", \"default\": true }, \"PRINTK_COLOR\": "
	      "{ \"type\": \"bool\", \"default\": [ { \"if\": \"PRINTK_TIME\", \"value\": true "
	      "}, { \"value\": false } ] }, \"PRINTK_PREFIX\": { \"type\": \"string\", "
	      "\"default\": \"kiln\" } }") },
	{ "kernel-libs/alloc-buddy",
	  LIB("alloc-buddy", ", \"provides\": [\"allocator\"], \"default_for\": [\"allocator\"]") },
	{ "kernel-libs/alloc-tlsf", LIB("alloc-tlsf", ", \"provides\": [\"allocator\"], "
						      "\"platforms\": [\"kvm\"]") },
	{ "kernel-libs/sched",
	  LIB("sched",
	      ", \"provides\": [\"scheduler\"], \"requires\": [\"allocator\"], \"options\": "
	      "{ \"SCHED_MODE\": { \"type\": \"choice\", \"values\": [\"rr\", \"fifo\"] } }") },
	{ "kernel-libs/net",
	  LIB("net",
	      ", \"depends\": \"sched && PRINTK_PREFIX != \\\"quiet\\\"\", \"conflicts\": "
	      "\"alloc-tlsf\", \"options\": { \"NET_MTU\": { \"type\": \"int\", \"min\": 576, "
	      "\"max\": 9000, \"default\": 1500 }, \"NET_BASE\": { \"type\": \"hex\", "
	      "\"default\": \"0x1000\" } }") },
	{ "examples/hello", "{ \"kiln_catalog\": 1, \"name\": \"hello\", \"kind\": \"app\", "
			    "\"depends\": \"printk\", \"requires\": [\"allocator\"] }" },
};

static struct cat_catalog *catalog_with(const uint8_t *data, size_t size)
{
	struct cat_catalog *cat = cat_new(NULL);
	struct cat_err err;
	int bad = 0;

	cat_err_init(&err);
	for (size_t i = 0; i < sizeof(base) / sizeof(*base); i++) {
		char file[64];

		snprintf(file, sizeof(file), "%s/lib.json", base[i][0]);
		bad |= cat_add_buffer(cat, base[i][1], strlen(base[i][1]), file, base[i][0], &err) <
		       0;
	}
	if (data)
		bad |= cat_add_buffer(cat, (const char *)data, size, "kernel-libs/fuzz/lib.json",
				      "kernel-libs/fuzz", &err) < 0;
	bad |= cat_finish(cat, &err) < 0;
	if (bad && !err.n)
		abort(); /* refused without a word */
	cat_err_free(&err);
	if (bad)
		cat_free(cat), cat = NULL;
	return cat;
}

/* Every explanation of name in r, and of its opposite. */
static void explain(struct cat_solver *s, const struct cat_profile *p, struct cat_result *r,
		    const char *name)
{
	struct cat_err err;
	struct cat_expl *e;
	struct cat_fixes *f;

	cat_err_init(&err);
	if (!(e = cat_explain_why(r, name, &err)) || !e->summary)
		abort(); /* a known name always has a story */
	cat_expl_free(e);
	e = cat_explain_why_not(s, p, name, NULL, &err);
	f = e ? cat_find_fixes(s, p, name, NULL, 3, &err) : NULL;
	if (e && !e->possible && !e->nsteps)
		abort(); /* a refusal always comes with a chain */
	cat_fixes_free(f);
	cat_expl_free(e);
	cat_err_free(&err);
}

/* Resolves p; a refusal must say why, a result is explained value by value. */
static void resolve(struct cat_solver *s, const struct cat_profile *p, const char *name)
{
	struct cat_result *r = NULL;
	struct cat_err err;

	cat_err_init(&err);
	if (cat_solve(s, p, &r, &err) != 0 && !err.n)
		abort();
	if (r && name)
		explain(s, p, r, name);
	cat_result_free(r);
	cat_err_free(&err);
}

int fuzz_lib(const uint8_t *data, size_t size)
{
	struct cat_catalog *cat = catalog_with(data, size);
	struct cat_solver *s;
	const struct cat_lib *mine = NULL;

	if (!cat)
		return 0;
	for (size_t i = 0; i < cat_nlibs(cat); i++)
		if (!strcmp(cat_lib_at(cat, i)->file, "kernel-libs/fuzz/lib.json"))
			mine = cat_lib_at(cat, i);
	s = cat_solver_new(cat, NULL);
	if (!s || !mine)
		abort();
	struct cat_profile *p =
		cat_profile_new(mine->kind == CAT_APP ? mine->name : "hello",
				mine->kind == CAT_PLATFORM ? "xen-x86_64" : "kvm-x86_64");

	resolve(s, p, mine->kind == CAT_LIBRARY ? mine->name : NULL);
	cat_check_free(cat_check(s));
	cat_profile_free(p);
	cat_solver_free(s);
	cat_free(cat);
	return 0;
}

static struct cat_catalog *base_catalog;
static struct cat_solver *base_solver;

static void roundtrip(const struct cat_profile *p)
{
	char *text = cat_profile_text(p), *again;
	struct cat_profile *q;
	struct cat_err err;

	cat_err_init(&err);
	q = cat_profile_parse(text, strlen(text), "fuzz/saved.json", &err);
	if (!q)
		abort(); /* what we write we must read */
	again = cat_profile_text(q);
	if (strcmp(text, again))
		abort();
	free(again);
	free(text);
	cat_profile_free(q);
	cat_err_free(&err);
}

int fuzz_profile(const uint8_t *data, size_t size)
{
	struct cat_profile *p;
	struct cat_err err;

	if (!base_catalog) { /* built once, kept for the whole run */
		base_catalog = catalog_with(NULL, 0);
		base_solver = cat_solver_new(base_catalog, NULL);
	}
	cat_err_init(&err);
	p = cat_profile_parse((const char *)data, size, "fuzz/profile.json", &err);
	if (!p && !err.n)
		abort();
	if (p && cat_profile_check(p, base_catalog, &err) == 0) {
		roundtrip(p);
		resolve(base_solver, p, "net");
	}
	cat_profile_free(p);
	cat_err_free(&err);
	return 0;
}

static int blank(const char *s)
{
	return !s[strspn(s, " \t\r\n")];
}

int fuzz_expr(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1), msg[200];
	size_t cap = size * 8 + 64;
	char *once = malloc(cap), *twice = malloc(cap);
	struct cat_expr *e, *f;
	int col = 0;

	memcpy(text, data, size);
	text[size] = 0;
	e = cat_expr_parse(text, &col, msg, sizeof(msg));
	if (!e && !blank(text) && (!col || !msg[0]))
		abort(); /* refused without saying where */
	if (e) {
		cat_expr_str(e, once, cap);
		if (!(f = cat_expr_parse(once, &col, msg, sizeof(msg))))
			abort(); /* what we print we must read */
		cat_expr_str(f, twice, cap);
		if (strcmp(once, twice))
			abort();
		cat_expr_free(f);
	}
	cat_expr_free(e);
	free(text);
	free(once);
	free(twice);
	return 0;
}

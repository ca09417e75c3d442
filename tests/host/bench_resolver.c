/*
 * make bench-resolver: how long loading and resolving take, on the real catalog and on a
 * generated one of 2,000 libraries and 15,000 options (seeded, so every run measures the
 * same catalog). Prints medians; asserts nothing (benchmarks are not tests).
 * Usage: bench_resolver WORKDIR   (run from the repository root)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "bench.h"

#define GEN_LIBS   2000
#define GEN_OPTS   15000
#define GEN_IFACES 20
#define RUNS	   9

static unsigned long long rng = 0x9e3779b97f4a7c15ull;

static unsigned rnd(unsigned n)
{
	rng ^= rng << 13, rng ^= rng >> 7, rng ^= rng << 17; /* xorshift64 */
	return (unsigned)(rng % n);
}

double now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

double median(double *v, int n)
{
	qsort(v, (size_t)n, sizeof(*v), cmp_double);
	return v[n / 2];
}

static void mkdirs(const char *path)
{
	char *p = strdup(path);

	for (char *s = p + 1; *s; s++)
		if (*s == '/')
			*s = 0, mkdir(p, 0777), *s = '/';
	mkdir(p, 0777);
	free(p);
}

static FILE *create(const char *root, const char *dir, const char *name)
{
	char path[512];

	snprintf(path, sizeof(path), "%s/%s", root, dir);
	mkdirs(path);
	snprintf(path, sizeof(path), "%s/%s/%s", root, dir, name);
	return fopen(path, "w");
}

/* A library below i that provides nothing (providers are the first 100). */
static unsigned below(unsigned i)
{
	return GEN_IFACES * 5 + rnd(i - GEN_IFACES * 5);
}

static void gen_option(FILE *f, unsigned lib, unsigned k, unsigned nopts)
{
	unsigned kind = k ? rnd(10) : 0; /* option 0 is a bool: the others refer to it */

	fprintf(f, "%s\n    \"L%u_O%u\": { ", k ? "," : "", lib, k);
	if (kind < 5) {
		fprintf(f, "\"type\": \"bool\"");
		if (k && rnd(5) == 0)
			fprintf(f,
				", \"default\": [ { \"if\": \"L%u_O0\", \"value\": true }, { "
				"\"value\": false } ]",
				lib);
		else
			fprintf(f, ", \"default\": %s", rnd(2) ? "true" : "false");
		if (k && rnd(5) == 0)
			fprintf(f, ", \"depends\": \"!L%u_O0\"", lib);
		if (lib > GEN_IFACES * 5 + 1 && rnd(20) == 0)
			fprintf(f, ", \"selects\": \"g%04u\"", below(lib));
	} else if (kind < 7) {
		fprintf(f, "\"type\": \"int\", \"min\": 0, \"max\": 1000, \"default\": %u",
			rnd(1000));
	} else if (kind < 8) {
		fprintf(f, "\"type\": \"hex\", \"default\": \"0x%x\"", rnd(1 << 20));
	} else if (kind < 9) {
		fprintf(f,
			"\"type\": \"choice\", \"values\": [\"a\", \"b\", \"c\", \"d\"], "
			"\"default\": \"%c\"",
			'a' + rnd(4));
	} else {
		fprintf(f, "\"type\": \"string\", \"default\": \"s%u\"", rnd(100));
	}
	fprintf(f, " }");
	(void)nopts;
}

/*
 * Library i depends on and selects only libraries below it that provide nothing: no
 * cycles, and no two providers of an interface forced on together, so it resolves.
 */
static void gen_lib(const char *root, unsigned i, unsigned nopts)
{
	char dir[64];
	FILE *f;

	snprintf(dir, sizeof(dir), "kernel-libs/g%04u/src", i);
	fclose(create(root, dir, "x.c"));
	snprintf(dir, sizeof(dir), "kernel-libs/g%04u", i);
	f = create(root, dir, "lib.json");
	fprintf(f,
		"{ \"kiln_catalog\": 1, \"name\": \"g%04u\", \"kind\": \"library\", \"category\": "
		"\"Gen/G%u\"",
		i, i % 20);
	if (i > GEN_IFACES * 5 + 1 && rnd(2))
		fprintf(f, ", \"depends\": \"g%04u%s\"", below(i), rnd(3) ? "" : " || console");
	if (i > GEN_IFACES * 5 + 1 && rnd(3) == 0)
		fprintf(f, ", \"selects\": \"g%04u\"", below(i));
	if (i >= GEN_LIBS - 200 && rnd(4) == 0)
		fprintf(f, ", \"conflicts\": \"g%04u\"", GEN_LIBS - 200 + rnd(200));
	if (i < GEN_IFACES * 5)
		fprintf(f, ", \"provides\": [\"if%u\"]%s", i % GEN_IFACES,
			i < GEN_IFACES ? ", \"default_for\": [\"if" : "");
	if (i < GEN_IFACES)
		fprintf(f, "%u\"]", i);
	if (i >= 200 && i < GEN_LIBS - 200 && rnd(20) == 0)
		fprintf(f, ", \"requires\": [\"if%u\"]", rnd(GEN_IFACES));
	fprintf(f, ", \"options\": {");
	for (unsigned k = 0; k < nopts; k++)
		gen_option(f, i, k, nopts);
	fprintf(f,
		" },\n  \"sources\": [\"src/x.c\", { \"if\": \"L%u_O0\", \"files\": [\"src/x.c\"] "
		"}] }\n",
		i);
	fclose(f);
}

static void gen_support(const char *root)
{
	const char *plats[] = { "kvm", "xen" };
	FILE *f;

	for (int p = 0; p < 2; p++) {
		char dir[32];

		snprintf(dir, sizeof(dir), "plat/%s", plats[p]);
		f = create(root, dir, "lib.json");
		fprintf(f,
			"{ \"kiln_catalog\": 1, \"name\": \"plat-%s\", \"kind\": \"platform\", "
			"\"platform\": \"%s\", \"arch\": { \"x86_64\": {} }, "
			"\"linker_script\": \"link.lds\" }\n",
			plats[p], plats[p]);
		fclose(f);
		fclose(create(root, dir, "link.lds"));
	}
	f = create(root, "kernel-libs/console", "lib.json");
	fprintf(f, "{ \"kiln_catalog\": 1, \"name\": \"console\", \"kind\": \"library\" }\n");
	fclose(f);
	f = create(root, "examples/genapp", "lib.json");
	fprintf(f, "{ \"kiln_catalog\": 1, \"name\": \"genapp\", \"kind\": \"app\", \"selects\": "
		   "\"g0100");
	for (unsigned i = 110; i < GEN_LIBS - 200; i += 10)
		fprintf(f, " && g%04u", i);
	fprintf(f, "\" }\n");
	fclose(f);
	f = create(root, "examples/genapp", "kvm.json");
	fprintf(f,
		"{ \"kiln_profile\": 1, \"catalog\": 1, \"app\": \"genapp\", \"targets\": "
		"[\"kvm-x86_64\"],\n"
		"  \"options\": { \"L140_O0\": %s } }\n",
		"true");
	fclose(f);
}

static void generate(const char *root)
{
	unsigned left = GEN_OPTS;

	for (unsigned i = 0; i < GEN_LIBS; i++) {
		unsigned n = left / (GEN_LIBS - i);

		gen_lib(root, i, n);
		left -= n;
	}
	gen_support(root);
}

struct figures {
	size_t libs, opts, vars, clauses, on;
	double load, encode, resolve, toggle;
};

static void die(const struct cat_err *err)
{
	char line[1200];

	for (size_t i = 0; i < err->n && i < 10; i++) {
		cat_diag_str(&err->v[i], line, sizeof(line));
		fprintf(stderr, "%s\n", line);
	}
	exit(1);
}

/* Toggle: the menu's step, one library asked for or forgotten, the profile resolved again. */
static void measure_resolves(struct cat_solver *s, struct cat_profile *p, const char *toggle,
			     struct figures *fig, struct cat_err *err)
{
	double t[RUNS];
	struct cat_result *r;

	for (int k = 0; k < RUNS; k++) {
		t[k] = now_ms();
		if (cat_solve(s, p, &r, err))
			die(err);
		t[k] = now_ms() - t[k];
		fig->on = 0;
		for (size_t i = 0; i < fig->libs; i++)
			fig->on += cat_result_lib(r, i)->on;
		cat_result_free(r);
	}
	fig->resolve = median(t, RUNS);
	for (int k = 0; k < RUNS; k++) {
		if (k % 2)
			cat_profile_unset(p, toggle);
		else
			cat_profile_set_lib(p, toggle, 1);
		t[k] = now_ms();
		if (cat_solve(s, p, &r, err))
			die(err);
		t[k] = now_ms() - t[k];
		cat_result_free(r);
	}
	cat_profile_unset(p, toggle);
	fig->toggle = median(t, RUNS);
}

static void measure(const char *root, const char *profile, const char *toggle, struct figures *fig)
{
	double tl[RUNS], te[RUNS];
	struct cat_err err;
	struct cat_catalog *cat = NULL;
	struct cat_solver *s = NULL;
	struct cat_profile *p;

	cat_err_init(&err);
	for (int k = 0; k < RUNS; k++) {
		cat_solver_free(s);
		cat_free(cat);
		tl[k] = now_ms();
		if (!(cat = cat_load(root, NULL, 0, &err)))
			die(&err);
		tl[k] = now_ms() - tl[k];
		te[k] = now_ms();
		s = cat_solver_new(cat, &err);
		te[k] = now_ms() - te[k];
	}
	fig->load = median(tl, RUNS);
	fig->encode = median(te, RUNS);
	fig->libs = cat_nlibs(cat);
	fig->opts = cat_nopts(cat);
	cat_solver_stats(s, &fig->vars, &fig->clauses);
	if (!(p = cat_profile_load(profile, &err)))
		die(&err);
	measure_resolves(s, p, toggle, fig, &err);
	cat_profile_free(p);
	cat_solver_free(s);
	cat_free(cat);
	cat_err_free(&err);
}

static void row(const char *name, const struct figures *f)
{
	printf("  %-22s %5zu %7zu %6zu %8zu %4zu %8.2f %8.2f %9.3f %8.3f\n", name, f->libs, f->opts,
	       f->vars, f->clauses, f->on, f->load, f->encode, f->resolve, f->toggle);
}

static void explain_rows(const char *root, const char *profile)
{
	struct explain_figures f;

	bench_explain(root, profile, &f);
	printf("explanations on the generated catalog, milliseconds\n");
	printf("  why (each library that is on)  %9.3f   median of %zu, slowest %.3f, longest %zu "
	       "steps\n",
	       f.why, f.why_count, f.why_max, f.why_steps);
	printf("  why not (3 depends deep)       %9.3f   median, %zu steps, core of %zu%s\n",
	       f.whynot, f.whynot_steps, f.whynot_core, f.blocked ? "" : " (NOT ruled out?)");
	printf("    first why not (builds the explainer) %.3f\n", f.whynot_cold);
	printf("    %s\n", f.whynot_summary);
	printf("  smallest fixes (same wish)     %9.3f   %zu found\n", f.fixes, f.nfixes);
	printf("  kiln check (whole catalog)     %9.3f   %zu issues, %zu SAT calls\n", f.check,
	       f.issues, f.check_calls);
	printf("  goal: why not under 200 ms on the generated catalog: %s\n",
	       f.whynot < 200 ? "met" : "NOT met");
}

int main(int argc, char **argv)
{
	char root[512], profile[600];
	struct figures real, gen;
	struct stat st;

	if (argc != 2 || argv[1][0] == '-') { /* "--help" is not a folder to generate into */
		fprintf(stderr,
			"usage: bench_resolver WORKDIR\n"
			"  the resolver's load, resolve and explanation times; the generated\n"
			"  catalog goes to WORKDIR/gen (make bench-resolver: build/host/bench)\n");
		return argc == 2 && !strcmp(argv[1], "--help") ? 0 : 2;
	}
	snprintf(root, sizeof(root), "%s/gen", argv[1]);
	snprintf(profile, sizeof(profile), "%s/examples/genapp/kvm.json", root);
	if (stat(profile, &st) < 0)
		generate(root);
	printf("resolver bench: medians of %d runs, milliseconds\n", RUNS);
	printf("  %-22s %5s %7s %6s %8s %4s %8s %8s %9s %8s\n", "catalog", "libs", "options",
	       "vars", "clauses", "on", "load", "encode", "resolve", "toggle");
	if (stat("examples/helloworld/kvm.json", &st) == 0) {
		measure(".", "examples/helloworld/kvm.json", "printk", &real);
		row("real (helloworld-kvm)", &real);
	}
	measure(root, profile, "g1999", &gen);
	row("generated", &gen);
	printf("  goal: resolve under 50 ms on the generated catalog: %s\n",
	       gen.resolve < 50 ? "met" : "NOT met");
	explain_rows(root, profile);
	return 0;
}

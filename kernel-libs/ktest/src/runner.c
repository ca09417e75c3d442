/*
 * ktest's runner and main(): every suite registered with KTEST_SUITE, in name order (the
 * linker sorts the table), each suite's cases in line order. One line per failed
 * assertion (assert.c), one line per suite, then the last line "N passed, M failed"
 * counting cases; main returns M (at most 125, the highest status kiln reports).
 * Arguments after "--" name the suites to run (all when there are none).
 */
#include <stdio.h>
#include <string.h>
#include <kiln/boot.h>
#include <kiln/test.h>

#include "ktest_int.h"

/* kiln-tables.lds */
extern const struct ktest_suite __ktest_suites_start[], __ktest_suites_end[];
extern const struct ktest_case __ktest_cases_start[], __ktest_cases_end[];

struct ktest_tally {
	int passed, failed;
};

static const struct ktest_case *ktest_current;
static int ktest_failed_now, ktest_skipped_now;

void ktest_fail_at(const char *file, int line)
{
	ktest_failed_now = 1;
	printf("FAIL %s.%s %s:%d: ", ktest_current->suite->name, ktest_current->name, file, line);
}

void ktest_skip(const char *why)
{
	ktest_skipped_now = 1;
	printf("SKIP %s.%s: %s\n", ktest_current->suite->name, ktest_current->name, why);
}

/* a runs after b: a later line, or the same line later in the table. */
static int ktest_after(const struct ktest_case *a, const struct ktest_case *b)
{
	return a->line > b->line || (a->line == b->line && a > b);
}

/* The case of suite s that runs next after prev (NULL: the first), or NULL. */
static const struct ktest_case *ktest_next(const struct ktest_suite *s,
					   const struct ktest_case *prev)
{
	const struct ktest_case *best = NULL;

	for (const struct ktest_case *c = __ktest_cases_start; c < __ktest_cases_end; c++) {
		if (c->suite != s || (prev && !ktest_after(c, prev)))
			continue;
		if (!best || ktest_after(best, c))
			best = c;
	}
	return best;
}

static void ktest_run_case(const struct ktest_case *c, int init_rc, struct ktest_tally *t)
{
	ktest_current = c;
	ktest_failed_now = ktest_skipped_now = 0;
	if (init_rc) {
		printf("FAIL %s.%s: the suite's init returned %d\n", c->suite->name, c->name,
		       init_rc);
		ktest_failed_now = 1;
	} else {
		c->fn();
	}
	if (ktest_failed_now)
		t->failed++;
	else if (!ktest_skipped_now)
		t->passed++;
}

static void ktest_run_suite(const struct ktest_suite *s, struct ktest_tally *all)
{
	struct ktest_tally t = { 0, 0 };
	int rc = s->init ? s->init() : 0;

	for (const struct ktest_case *c = ktest_next(s, NULL); c; c = ktest_next(s, c))
		ktest_run_case(c, rc, &t);
	printf("ktest: suite %s: %d passed, %d failed\n", s->name, t.passed, t.failed);
	all->passed += t.passed;
	all->failed += t.failed;
}

static int ktest_wanted(const struct ktest_suite *s, const char *const *names, int n)
{
	for (int i = 0; i < n; i++)
		if (!strcmp(names[i], s->name))
			return 1;
	return n == 0;
}

int ktest_run(const char *const *names, int n)
{
	struct ktest_tally all = { 0, 0 };

	for (int i = 0; i < n; i++) {
		const struct ktest_suite *s;

		for (s = __ktest_suites_start; s < __ktest_suites_end; s++)
			if (!strcmp(names[i], s->name))
				break;
		if (s == __ktest_suites_end) {
			printf("FAIL %s: no such suite\n", names[i]);
			all.failed++;
		}
	}
	for (const struct ktest_suite *s = __ktest_suites_start; s < __ktest_suites_end; s++)
		if (ktest_wanted(s, names, n))
			ktest_run_suite(s, &all);
	printf("%d passed, %d failed\n", all.passed, all.failed);
	return all.failed;
}

/* Weak: a test entry has no main of its own and gets this one; an image that turns ktest
 * on beside a real app (an all-yes configuration) keeps the app's. */
__attribute__((weak)) int main(int argc, char **argv)
{
	int failed = ktest_run((const char *const *)argv + 1, argc - 1);

	return failed > 125 ? 125 : failed;
}

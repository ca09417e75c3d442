/*
 * ktest: unit tests that run inside the guest, registered at link time.
 *
 *   KTEST_SUITE(printk_format, NULL);          one suite (an optional int init(void) first)
 *   KTEST_CASE(printk_format, pads_numbers)    a case of that suite: a void function body
 *   {
 *           KTEST_EQ(strlen("kiln"), 4);
 *   }
 *
 * A suite is an entry in section ".kiln_test_suite.<suite>", a case one in
 * ".kiln_test_case.<suite>"; kiln-tables.lds (the boot library's) gathers both, so there is
 * no list of tests to edit. ktest's main() runs every suite in name order, each suite's
 * cases in the order of their lines, and returns the number of cases that failed.
 *
 * Assertions record a failure and carry on with the case (so one run shows every broken
 * check); each evaluates to 1 when it held, for `if (!KTEST_TRUE(p)) return;`.
 */
#ifndef KILN_TEST_H
#define KILN_TEST_H

#include <stddef.h>
#include <kiln/compiler.h>

struct ktest_suite {
	const char *name;
	int (*init)(void); /* NULL, or run first: non-zero fails every case of the suite */
};

struct ktest_case {
	const struct ktest_suite *suite;
	const char *name;
	void (*fn)(void);
	int line; /* cases run in line order within a suite */
};

/*
 * Table entries keep their type's own alignment: GCC would align a larger object to 16 or
 * 32 bytes, leaving gaps the runner would read as entries.
 */
#define KTEST_PACKED(type, sec)                                                                    \
	__kiln_section(sec) __attribute__((aligned(__alignof__(struct type))))

/* Defines suite s (a C identifier, unique in the image); init may be NULL. */
#define KTEST_SUITE(s, init_fn)                                                                    \
	const struct ktest_suite ktest_suite_##s __kiln_used KTEST_PACKED(                         \
		ktest_suite, ".kiln_test_suite." #s) = { #s, init_fn }

/* Defines case c of suite s; the body follows like a function's. */
#define KTEST_CASE(s, c)                                                                           \
	extern const struct ktest_suite ktest_suite_##s;                                           \
	static void ktest_fn_##s##_##c(void);                                                      \
	static const struct ktest_case ktest_case_##s##_##c __kiln_used KTEST_PACKED(              \
		ktest_case, ".kiln_test_case." #s) = { &ktest_suite_##s, #c, ktest_fn_##s##_##c,   \
						       __LINE__ };                                 \
	static void ktest_fn_##s##_##c(void)

/* The assertions: each prints "FAIL suite.case file:line: ..." when it does not hold. */
#define KTEST_TRUE(cond) ktest_check_true(!!(cond), __FILE__, __LINE__, #cond)
#define KTEST_EQ(got, want)                                                                        \
	ktest_check_eq((long long)(got), (long long)(want), __FILE__, __LINE__, #got, #want)
#define KTEST_STREQ(got, want)	  ktest_check_streq((got), (want), __FILE__, __LINE__, #got)
#define KTEST_MEMEQ(got, want, n) ktest_check_memeq((got), (want), (n), __FILE__, __LINE__, #got)

int ktest_check_true(int ok, const char *file, int line, const char *expr);
int ktest_check_eq(long long got, long long want, const char *file, int line, const char *gexpr,
		   const char *wexpr);
int ktest_check_streq(const char *got, const char *want, const char *file, int line,
		      const char *expr);
int ktest_check_memeq(const void *got, const void *want, size_t n, const char *file, int line,
		      const char *expr);

/* Ends nothing by itself: marks the running case skipped (neither passed nor failed). */
void ktest_skip(const char *why);

/* Runs every registered suite, or only those named in names[0..n-1]; returns failed cases. */
int ktest_run(const char *const *names, int n);

#endif

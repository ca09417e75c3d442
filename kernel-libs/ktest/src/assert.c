/*
 * ktest's assertions (kiln/test.h): each checks one thing and, when it does not hold, prints
 * a single line naming the source line, what was compared, and both values.
 */
#include <stdio.h>
#include <string.h>
#include <kiln/test.h>

#include "ktest_int.h"

int ktest_check_true(int ok, const char *file, int line, const char *expr)
{
	if (!ok) {
		ktest_fail_at(file, line);
		printf("%s is false\n", expr);
	}
	return ok;
}

int ktest_check_eq(long long got, long long want, const char *file, int line, const char *gexpr,
		   const char *wexpr)
{
	if (got == want)
		return 1;
	ktest_fail_at(file, line);
	printf("%s == %s: got %lld (%#llx), want %lld\n", gexpr, wexpr, got,
	       (unsigned long long)got, want);
	return 0;
}

int ktest_check_streq(const char *got, const char *want, const char *file, int line,
		      const char *expr)
{
	if (got == want || (got && want && !strcmp(got, want)))
		return 1;
	ktest_fail_at(file, line);
	printf("%s: got %s%s%s, want %s%s%s\n", expr, got ? "\"" : "", got ? got : "NULL",
	       got ? "\"" : "", want ? "\"" : "", want ? want : "NULL", want ? "\"" : "");
	return 0;
}

int ktest_check_memeq(const void *got, const void *want, size_t n, const char *file, int line,
		      const char *expr)
{
	const unsigned char *g = got, *w = want;
	size_t i;

	for (i = 0; i < n && g[i] == w[i]; i++)
		;
	if (i == n)
		return 1;
	ktest_fail_at(file, line);
	printf("%s: %lu bytes differ from byte %lu on: got %02x, want %02x\n", expr,
	       (unsigned long)n, (unsigned long)i, g[i], w[i]);
	return 0;
}

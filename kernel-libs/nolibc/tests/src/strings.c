/*
 * nolibc's string and memory functions and snprintf, in the guest.
 */
#include <stdio.h>
#include <string.h>
#include <kiln/test.h>

KTEST_SUITE(nolibc_strings, NULL);

KTEST_CASE(nolibc_strings, memmove_overlapping_up_and_down)
{
	char buf[16] = "abcdef";

	memmove(buf + 2, buf, 4);
	KTEST_STREQ(buf, "ababcd");
	memmove(buf, buf + 2, 5);
	KTEST_STREQ(buf, "abcd");
}

KTEST_CASE(nolibc_strings, memset_memcmp_memcpy)
{
	char a[8], b[8];

	memset(a, 'x', sizeof(a));
	memcpy(b, a, sizeof(b));
	KTEST_MEMEQ(b, "xxxxxxxx", 8);
	b[5] = 'y';
	KTEST_TRUE(memcmp(a, b, sizeof(a)) < 0);
}

KTEST_CASE(nolibc_strings, strlen_strcmp_strncmp)
{
	KTEST_EQ(strlen("kiln"), 4);
	KTEST_TRUE(strcmp("a", "b") < 0);
	KTEST_EQ(strncmp("abc", "abd", 2), 0);
}

KTEST_CASE(nolibc_strings, strchr_strrchr_strstr)
{
	const char *hello = "hello";

	KTEST_TRUE(strchr(hello, 'l') == hello + 2);
	KTEST_TRUE(strchr("x", 'y') == NULL);
	KTEST_STREQ(strrchr("a/b/c", '/'), "/c");
	KTEST_STREQ(strstr("kiln", "ln"), "ln");
}

KTEST_CASE(nolibc_strings, strlcpy_truncates_and_counts)
{
	char buf[16];

	KTEST_EQ(strlcpy(buf, "0123456789abcdefXYZ", sizeof(buf)), 19);
	KTEST_STREQ(buf, "0123456789abcde");
}

KTEST_CASE(nolibc_strings, snprintf_truncates)
{
	char small[5];

	KTEST_EQ(snprintf(small, sizeof(small), "%s", "truncated"), 9);
	KTEST_STREQ(small, "trun");
}

/*
 * nolibc's number parsing (strtol, strtoul, atoi), in the guest.
 */
#include <limits.h>
#include <stdlib.h>
#include <kiln/test.h>

KTEST_SUITE(nolibc_numbers, NULL);

KTEST_CASE(nolibc_numbers, strtol_skips_space_stops_at_junk)
{
	char *end;

	KTEST_EQ(strtol("  -123x", &end, 10), -123);
	KTEST_EQ(*end, 'x');
}

KTEST_CASE(nolibc_numbers, strtoul_base_zero_reads_prefixes)
{
	KTEST_EQ(strtoul("0x1F", NULL, 0), 31);
	KTEST_EQ(strtoul("017", NULL, 0), 15);
}

KTEST_CASE(nolibc_numbers, strtol_saturates)
{
	KTEST_EQ(strtol("99999999999999999999", NULL, 10), LONG_MAX);
}

KTEST_CASE(nolibc_numbers, no_digits_and_atoi)
{
	char *end;

	KTEST_EQ(strtol("z", &end, 10), 0);
	KTEST_EQ(*end, 'z');
	KTEST_EQ(atoi("42"), 42);
}

/*
 * Unit tests of the first kernel libraries, run inside the guest: printk's formatter
 * (through snprintf), nolibc's strings, memory and number parsing, argparse's splitter.
 * Prints one line per failure and "N passed, M failed"; exits with the number of failures.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <kiln/args.h>

static int units_pass, units_fail;

static void units_check(int ok, const char *what, const char *got)
{
	if (ok) {
		units_pass++;
		return;
	}
	units_fail++;
	printf("FAIL %s: got \"%s\"\n", what, got);
}

#define FMT(want, ...)                                                                             \
	do {                                                                                       \
		char b_[64];                                                                       \
		snprintf(b_, sizeof(b_), __VA_ARGS__);                                             \
		units_check(!strcmp(b_, want), #__VA_ARGS__, b_);                                  \
	} while (0)

static void units_format(void)
{
	char small[5];

	FMT("42 -7 0", "%d %i %u", 42, -7, 0u);
	FMT("ff FF 0xff 17", "%x %X %#x %o", 255, 255, 255, 15);
	FMT("[   42] [42   ] [00042]", "[%5d] [%-5d] [%05d]", 42, 42, 42);
	FMT("-0042 +3  5", "%05d %+d % d", -42, 3, 5);
	FMT("[  abc] [ab]", "[%5s] [%.2s]", "abc", "abc");
	const char *volatile null = NULL; /* hidden from the compiler's format checks */
	FMT("(null) c %", "%s %c %%", null, 'c');
	FMT("18446744073709551615 -9223372036854775808", "%lu %lld", ~0ul, LLONG_MIN);
	FMT("0x0000000000001000", "%#018lx", 0x1000ul);
	FMT("[  7]", "[%*d]", 3, 7);
	FMT("0x1234", "%p", (void *)0x1234);
	int n = snprintf(small, sizeof(small), "%s", "truncated");
	units_check(n == 9 && !strcmp(small, "trun"), "snprintf truncates", small);
}

static void units_strings(void)
{
	char buf[16] = "abcdef";

	memmove(buf + 2, buf, 4);
	units_check(!strcmp(buf, "ababcd"), "memmove overlapping up", buf);
	memmove(buf, buf + 2, 5);
	units_check(!strcmp(buf, "abcd"), "memmove overlapping down", buf);
	units_check(strlen("kiln") == 4 && strcmp("a", "b") < 0 && !strncmp("abc", "abd", 2),
		    "strlen strcmp strncmp", "");
	units_check(strchr("hello", 'l') == strchr("hello", 'l') && !strchr("x", 'y') &&
			    !strcmp(strrchr("a/b/c", '/'), "/c") &&
			    !strcmp(strstr("kiln", "ln"), "ln"),
		    "strchr strrchr strstr", "");
	units_check(strlcpy(buf, "0123456789abcdefXYZ", sizeof(buf)) == 19 &&
			    !strcmp(buf, "0123456789abcde"),
		    "strlcpy", buf);
}

static void units_numbers(void)
{
	char *end;
	long v = strtol("  -123x", &end, 10);

	units_check(v == -123 && *end == 'x', "strtol", end);
	units_check(strtoul("0x1F", NULL, 0) == 31 && strtoul("017", NULL, 0) == 15,
		    "strtoul bases", "");
	units_check(strtol("99999999999999999999", NULL, 10) == LONG_MAX, "strtol saturates", "");
	v = strtol("z", &end, 10);
	units_check(atoi("42") == 42 && v == 0 && *end == 'z', "atoi, no digits", end);
}

static void units_split(void)
{
	char line[] = "  a 'b c' \"d\\\"e\" f\\ g  -- h ";
	char *argv[8];
	int n = kargs_split(line, argv, 7);

	units_check(n == 6 && !strcmp(argv[1], "b c") && !strcmp(argv[2], "d\"e") &&
			    !strcmp(argv[3], "f g") && !strcmp(argv[4], "--") && !argv[6],
		    "kargs_split quoting", n > 1 ? argv[1] : "");
	char many[] = "1 2 3 4";
	units_check(kargs_split(many, argv, 3) == -1, "kargs_split too many words", "");
	char none[] = "   ";
	units_check(kargs_split(none, argv, 3) == 0 && !argv[0], "kargs_split empty", "");
}

int main(void)
{
	units_format();
	units_strings();
	units_numbers();
	units_split();
	printf("%d passed, %d failed\n", units_pass, units_fail);
	return units_fail;
}

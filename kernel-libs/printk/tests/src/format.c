/*
 * printk's formatter (printk_vformat) in the guest: each case formats into a buffer through
 * a sink and compares the text. The formatter is shared with nolibc's printf family, so a
 * slip here shows up in every message and every snprintf.
 */
#include <limits.h>
#include <stdarg.h>
#include <stddef.h>
#include <kiln/printk.h>
#include <kiln/test.h>

struct fmt_buf {
	char text[96];
	size_t len;
};

static void fmt_sink(void *ctx, const char *s, size_t n)
{
	struct fmt_buf *b = ctx;

	for (size_t i = 0; i < n && b->len + 1 < sizeof(b->text); i++)
		b->text[b->len++] = s[i];
	b->text[b->len] = 0;
}

static struct fmt_buf fmt_out;
static int fmt_count;

/* Formats into fmt_out; the count printk_vformat returned goes to fmt_count. */
__attribute__((format(printf, 1, 2))) static const char *fmt(const char *f, ...)
{
	va_list ap;

	fmt_out.len = 0;
	fmt_out.text[0] = 0;
	va_start(ap, f);
	fmt_count = printk_vformat(fmt_sink, &fmt_out, f, ap);
	va_end(ap);
	return fmt_out.text;
}

KTEST_SUITE(printk_format, NULL);

KTEST_CASE(printk_format, signed_and_unsigned)
{
	KTEST_STREQ(fmt("%d %i %u", 42, -7, 0u), "42 -7 0");
}

KTEST_CASE(printk_format, hex_and_octal)
{
	KTEST_STREQ(fmt("%x %X %#x %o", 255, 255, 255, 15), "ff FF 0xff 17");
}

KTEST_CASE(printk_format, width_and_padding)
{
	KTEST_STREQ(fmt("[%5d] [%-5d] [%05d]", 42, 42, 42), "[   42] [42   ] [00042]");
	KTEST_STREQ(fmt("%05d %+d % d", -42, 3, 5), "-0042 +3  5");
	KTEST_STREQ(fmt("[%*d]", 3, 7), "[  7]");
}

KTEST_CASE(printk_format, strings_and_precision)
{
	KTEST_STREQ(fmt("[%5s] [%.2s]", "abc", "abc"), "[  abc] [ab]");
}

KTEST_CASE(printk_format, null_string_char_percent)
{
	const char *volatile null = NULL; /* hidden from the compiler's format checks */

	KTEST_STREQ(fmt("%s %c %%", null, 'c'), "(null) c %");
}

/* Length modifiers narrow the argument: hh and h wrap as the C types do. */
KTEST_CASE(printk_format, short_lengths_wrap)
{
	KTEST_STREQ(fmt("%hhd %hhu %hd %hu", 200, 257, 40000, 65537), "-56 1 -25536 1");
}

/* A negative '*' width means left-justified (C11 7.21.6.1p5). */
KTEST_CASE(printk_format, negative_star_width_left_justifies)
{
	KTEST_STREQ(fmt("[%*d]", -4, 7), "[7   ]");
}

KTEST_CASE(printk_format, long_and_long_long_limits)
{
	KTEST_STREQ(fmt("%lu %lld", ~0ul, LLONG_MIN), "18446744073709551615 -9223372036854775808");
	KTEST_STREQ(fmt("%#018lx", 0x1000ul), "0x0000000000001000");
}

KTEST_CASE(printk_format, pointer)
{
	KTEST_STREQ(fmt("%p", (void *)0x1234), "0x1234");
}

KTEST_CASE(printk_format, returns_characters_produced)
{
	fmt("%s-%d", "truncated", 12345);
	KTEST_EQ(fmt_count, 15);
	KTEST_EQ(fmt_out.len, 15);
}

/*
 * printk(): level filter, optional timestamps at line starts, output to the console.
 */
#include <stdarg.h>
#include <stdint.h>
#include <kiln/compiler.h>
#include <kiln/console.h>
#include <kiln/plat.h>
#include <kiln/printk.h>

/* PRINTK_LEVEL is a choice: exactly one CONFIG_PRINTK_LEVEL_<VALUE> is defined. */
#define PRINTK_MAX_LEVEL                                                                           \
	(IS_ENABLED(CONFIG_PRINTK_LEVEL_DEBUG)	? PRINTK_DEBUG                                     \
	 : IS_ENABLED(CONFIG_PRINTK_LEVEL_INFO) ? PRINTK_INFO                                      \
	 : IS_ENABLED(CONFIG_PRINTK_LEVEL_WARN) ? PRINTK_WARN                                      \
						: PRINTK_ERR)

static int printk_at_line_start = 1;

static void printk_raw_sink(void *ctx, const char *s, size_t n)
{
	(void)ctx;
	kcon_write(s, n);
}

static void printk_raw(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	printk_vformat(printk_raw_sink, 0, fmt, ap);
	va_end(ap);
}

/* "[    1.000250] ": seconds since boot, microsecond resolution. */
static void printk_stamp(void)
{
	uint64_t us = plat_time_ns() / 1000;

	printk_raw("[%5lu.%06lu] ", (unsigned long)(us / 1000000), (unsigned long)(us % 1000000));
}

static void printk_sink(void *ctx, const char *s, size_t n)
{
	if (!IS_ENABLED(CONFIG_PRINTK_TIMESTAMPS)) {
		printk_raw_sink(ctx, s, n);
		return;
	}
	/* Stamp each line: split at newlines. */
	while (n) {
		size_t len = 0;

		if (printk_at_line_start)
			printk_stamp();
		while (len < n && s[len] != '\n')
			len++;
		printk_at_line_start = len < n;
		len += len < n;
		kcon_write(s, len);
		s += len;
		n -= len;
	}
}

void vprintk(enum printk_level level, const char *fmt, va_list ap)
{
	if ((int)level > PRINTK_MAX_LEVEL)
		return;
	printk_vformat(printk_sink, 0, fmt, ap);
}

void printk(enum printk_level level, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vprintk(level, fmt, ap);
	va_end(ap);
}

void printk_panic(const char *fmt, ...)
{
	va_list ap;

	kcon_puts("kiln: panic: ");
	va_start(ap, fmt);
	printk_vformat(printk_raw_sink, 0, fmt, ap);
	va_end(ap);
	kcon_puts("\n");
	kcon_flush();
	plat_crash();
}

/*
 * printf and friends over printk's formatter: printf writes to the console, snprintf into a
 * caller's buffer, truncating and always terminating (C11 §7.21.6.5).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <kiln/console.h>
#include <kiln/printk.h>

struct stdio_buf {
	char *buf;
	size_t size;
	size_t used;
};

static void stdio_console_sink(void *ctx, const char *s, size_t n)
{
	(void)ctx;
	kcon_write(s, n);
}

static void stdio_buf_sink(void *ctx, const char *s, size_t n)
{
	struct stdio_buf *b = ctx;

	for (size_t i = 0; i < n; i++, b->used++)
		if (b->used + 1 < b->size)
			b->buf[b->used] = s[i];
}

int vprintf(const char *fmt, va_list ap)
{
	return printk_vformat(stdio_console_sink, NULL, fmt, ap);
}

int printf(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	int n = vprintf(fmt, ap);
	va_end(ap);
	return n;
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct stdio_buf b = { buf, size, 0 };
	int n = printk_vformat(stdio_buf_sink, &b, fmt, ap);

	if (size)
		buf[b.used < size ? b.used : size - 1] = '\0';
	return n;
}

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	int n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

int putchar(int c)
{
	kcon_putc((char)c);
	return (unsigned char)c;
}

int puts(const char *s)
{
	kcon_puts(s);
	kcon_putc('\n');
	return 0;
}

/*
 * Kernel messages: printk(level, fmt, ...) with a compact printf-style formatter that the
 * minimal libc's stdio shares. Messages above the configured level (PRINTK_LEVEL) are
 * dropped; with PRINTK_TIMESTAMPS each line starts with the seconds since boot.
 *
 * Formats: %d %i %u %x %X %o %p %s %c %%, flags - 0 # + space, width and precision
 * (numbers or *), length modifiers hh h l ll z t j. No floating point: guest code is built
 * without SSE.
 */
#ifndef KILN_PRINTK_H
#define KILN_PRINTK_H

#include <stdarg.h>
#include <stddef.h>
#include <kiln/compiler.h>

enum printk_level {
	PRINTK_ERR = 0,
	PRINTK_WARN = 1,
	PRINTK_INFO = 2,
	PRINTK_DEBUG = 3,
};

/* Receives formatted output in pieces. */
typedef void (*printk_sink_fn)(void *ctx, const char *s, size_t n);

__attribute__((format(printf, 2, 3))) void printk(enum printk_level level, const char *fmt, ...);
void vprintk(enum printk_level level, const char *fmt, va_list ap);

/* Prints "kiln: panic: <message>" and stops the machine as crashed. */
__attribute__((format(printf, 1, 2))) __kiln_noreturn void printk_panic(const char *fmt, ...);

/* Formats into sink; returns the number of characters produced. */
int printk_vformat(printk_sink_fn sink, void *ctx, const char *fmt, va_list ap);

#endif

/*
 * nolibc <stdio.h>: formatted output to the console and into buffers. There are no files:
 * stdout and stderr both are the console. Formats are printk's (kiln/printk.h): no floats.
 */
#ifndef KILN_NOLIBC_STDIO_H
#define KILN_NOLIBC_STDIO_H

#include <stdarg.h>
#include <stddef.h>

#define EOF (-1)

__attribute__((format(printf, 1, 2))) int printf(const char *fmt, ...);
int vprintf(const char *fmt, va_list ap);
__attribute__((format(printf, 3, 4))) int snprintf(char *buf, size_t size, const char *fmt, ...);
int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int putchar(int c);
int puts(const char *s);

#endif

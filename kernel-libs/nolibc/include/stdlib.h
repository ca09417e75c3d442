/*
 * nolibc <stdlib.h>: leaving the program and reading numbers. No allocator here: malloc
 * comes with a later allocator library.
 */
#ifndef KILN_NOLIBC_STDLIB_H
#define KILN_NOLIBC_STDLIB_H

#include <stddef.h>

#define EXIT_SUCCESS 0
#define EXIT_FAILURE 1

__attribute__((noreturn)) void exit(int status);
__attribute__((noreturn)) void abort(void);
int atoi(const char *s);
long strtol(const char *restrict s, char **restrict end, int base);
unsigned long strtoul(const char *restrict s, char **restrict end, int base);
int abs(int v);

#endif

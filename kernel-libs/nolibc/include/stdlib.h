/*
 * nolibc <stdlib.h>: leaving the program, reading numbers, and the malloc family, which
 * exists when the option NOLIBC_MALLOC is on (src/malloc.c, over kiln/alloc.h).
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

void *malloc(size_t size);
void *calloc(size_t n, size_t size);
void *realloc(void *p, size_t size);
void free(void *p);
int posix_memalign(void **out, size_t align, size_t size);
void *aligned_alloc(size_t align, size_t size);
size_t malloc_usable_size(void *p);

#endif

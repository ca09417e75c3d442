/*
 * The C library's allocation functions (C11 §7.22.3, POSIX posix_memalign), each a call
 * into the allocator interface: whichever provider of "allocator" the image holds serves
 * them. Compiled only with the option NOLIBC_MALLOC, which brings that interface in.
 */
#include <stddef.h>
#include <stdlib.h>
#include <kiln/alloc.h>

void *malloc(size_t size)
{
	return kalloc_malloc(size);
}

void *calloc(size_t n, size_t size)
{
	return kalloc_calloc(n, size);
}

void *realloc(void *p, size_t size)
{
	return kalloc_realloc(p, size);
}

void free(void *p)
{
	kalloc_free(p);
}

int posix_memalign(void **out, size_t align, size_t size)
{
	return kalloc_posix_memalign(out, align, size);
}

void *aligned_alloc(size_t align, size_t size)
{
	return kalloc_aligned_alloc(align, size);
}

size_t malloc_usable_size(void *p)
{
	return kalloc_usable_size(p);
}

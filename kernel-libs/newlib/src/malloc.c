/*
 * newlib's allocation functions on the allocator interface (kiln/alloc.h): newlib's own
 * malloc (mallocr.c, over _sbrk) is left out of the build, and both the C functions
 * (C11 §7.22.3, POSIX posix_memalign, the BSD and GNU extras newlib declares) and the
 * reentrant forms newlib calls inside itself (_malloc_r for stdio buffers, ...) go to
 * whichever provider of "allocator" the image holds. A failure sets errno to ENOMEM, in the
 * caller's reentrancy structure for the _r forms.
 */
#include <errno.h>
#include <malloc.h>
#include <reent.h>
#include <stdlib.h>
#include <kiln/alloc.h>

static void *newlib_checked(struct _reent *r, void *p)
{
	if (!p) {
		(r ? r : _REENT)->_errno = ENOMEM;
	}
	return p;
}

void *_malloc_r(struct _reent *r, size_t size)
{
	return newlib_checked(r, kalloc_malloc(size));
}

void _free_r(struct _reent *r, void *p)
{
	(void)r;
	kalloc_free(p);
}

void *_calloc_r(struct _reent *r, size_t n, size_t size)
{
	return newlib_checked(r, kalloc_calloc(n, size));
}

void *_realloc_r(struct _reent *r, void *p, size_t size)
{
	return newlib_checked(r, kalloc_realloc(p, size));
}

void *_memalign_r(struct _reent *r, size_t align, size_t size)
{
	return newlib_checked(r, kalloc_memalign(align, size));
}

size_t _malloc_usable_size_r(struct _reent *r, void *p)
{
	(void)r;
	return kalloc_usable_size(p);
}

void *malloc(size_t size)
{
	return _malloc_r(NULL, size);
}

void free(void *p)
{
	kalloc_free(p);
}

void *calloc(size_t n, size_t size)
{
	return _calloc_r(NULL, n, size);
}

void *realloc(void *p, size_t size)
{
	return _realloc_r(NULL, p, size);
}

void *memalign(size_t align, size_t size)
{
	return _memalign_r(NULL, align, size);
}

void *valloc(size_t size)
{
	return memalign(KALLOC_PAGE_SIZE, size);
}

void *pvalloc(size_t size)
{
	return memalign(KALLOC_PAGE_SIZE, (size + KALLOC_PAGE_SIZE - 1) & ~(KALLOC_PAGE_SIZE - 1));
}

int posix_memalign(void **out, size_t align, size_t size)
{
	return kalloc_posix_memalign(out, align, size);
}

void *aligned_alloc(size_t align, size_t size)
{
	return newlib_checked(NULL, kalloc_aligned_alloc(align, size));
}

size_t malloc_usable_size(void *p)
{
	return kalloc_usable_size(p);
}

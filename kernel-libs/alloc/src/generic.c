/*
 * The generic half of the allocator interface, the same whichever provider is in the
 * image: calloc's overflow check and zeroing, posix_memalign and aligned_alloc's argument
 * checks, and the statistics counters (kiln/alloc.h).
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <kiln/alloc.h>
#include <kiln/compiler.h>

#define KALLOC_EINVAL 22
#define KALLOC_ENOMEM 12

struct kalloc_stats kalloc_counters;

void *kalloc_calloc(size_t n, size_t size)
{
	size_t bytes;
	void *p;

	if (__builtin_mul_overflow(n, size, &bytes))
		return kalloc_stat_result(NULL);
	p = kalloc_malloc(bytes);
	if (p)
		memset(p, 0, bytes);
	return p;
}

static int kalloc_pow2(size_t v)
{
	return v && !(v & (v - 1));
}

int kalloc_posix_memalign(void **out, size_t align, size_t size)
{
	void *p;

	if (!kalloc_pow2(align) || align % sizeof(void *))
		return KALLOC_EINVAL;
	p = kalloc_memalign(align, size);
	if (!p)
		return KALLOC_ENOMEM;
	*out = p;
	return 0;
}

void *kalloc_aligned_alloc(size_t align, size_t size)
{
	if (!kalloc_pow2(align))
		return kalloc_stat_result(NULL);
	return kalloc_memalign(align, size);
}

int kalloc_stats(struct kalloc_stats *out)
{
	if (!IS_ENABLED(CONFIG_ALLOC_STATS))
		return -1;
	*out = kalloc_counters;
	return 0;
}

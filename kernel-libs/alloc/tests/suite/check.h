/*
 * Helpers shared by the allocator contract tests (tests/suite/): a small deterministic
 * random generator and a byte pattern tied to a block, so a test can tell whether a block's
 * contents survived other allocations, frees and reallocs.
 */
#ifndef KALLOC_CHECK_H
#define KALLOC_CHECK_H

#include <stddef.h>
#include <stdint.h>

/* xorshift64 (Marsaglia 2003): enough to mix sizes and choices, the same on every run. */
static inline uint64_t kcheck_rand(uint64_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

/* Fills n bytes with a pattern derived from tag. */
static inline void kcheck_fill(void *p, size_t n, uint32_t tag)
{
	unsigned char *b = p;

	for (size_t i = 0; i < n; i++)
		b[i] = (unsigned char)(tag * 31 + i * 7);
}

/* 1 when the first n bytes still hold tag's pattern. */
static inline int kcheck_holds(const void *p, size_t n, uint32_t tag)
{
	const unsigned char *b = p;

	for (size_t i = 0; i < n; i++)
		if (b[i] != (unsigned char)(tag * 31 + i * 7))
			return 0;
	return 1;
}

static inline int kcheck_overlap(const void *a, size_t an, const void *b, size_t bn)
{
	uintptr_t x = (uintptr_t)a, y = (uintptr_t)b;

	return x < y + bn && y < x + an;
}

#endif

/*
 * The allocator contract (kiln/alloc.h) as in-guest tests, run against whichever provider
 * the image holds: alignment, usable size, malloc(0), NULL handling, calloc's zeroing and
 * overflow check, realloc keeping contents, posix_memalign / aligned_alloc arguments and
 * alignment, page runs, and the statistics when ALLOC_STATS is on. Built into the image by
 * the option ALLOC_TESTSUITE, which the allocators' test entries turn on.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <kiln/alloc.h>
#include <kiln/test.h>
#include "check.h"

KTEST_SUITE(alloc_contract, NULL);

KTEST_CASE(alloc_contract, malloc_is_aligned_and_usable)
{
	static const size_t sizes[] = { 1,    15,   16,	  17,	100,  255,   1000,
					2016, 2017, 4095, 4096, 4097, 12345, 70000 };

	for (size_t i = 0; i < KILN_ARRAY_SIZE(sizes); i++) {
		unsigned char *p = kalloc_malloc(sizes[i]);

		if (!KTEST_TRUE(p != NULL))
			return;
		KTEST_EQ((uintptr_t)p % KALLOC_ALIGN, 0);
		KTEST_TRUE(kalloc_usable_size(p) >= sizes[i]);
		kcheck_fill(p, kalloc_usable_size(p), (uint32_t)i);
		KTEST_TRUE(kcheck_holds(p, kalloc_usable_size(p), (uint32_t)i));
		kalloc_free(p);
	}
}

KTEST_CASE(alloc_contract, malloc_zero_is_a_unique_pointer)
{
	void *a = kalloc_malloc(0), *b = kalloc_malloc(0);

	KTEST_TRUE(a != NULL);
	KTEST_TRUE(b != NULL);
	KTEST_TRUE(a != b);
	kalloc_free(a);
	kalloc_free(b);
}

KTEST_CASE(alloc_contract, null_is_harmless)
{
	void *p;

	kalloc_free(NULL);
	KTEST_EQ(kalloc_usable_size(NULL), 0);
	p = kalloc_realloc(NULL, 40);
	KTEST_TRUE(p != NULL);
	KTEST_TRUE(kalloc_usable_size(p) >= 40);
	kalloc_free(p);
}

KTEST_CASE(alloc_contract, calloc_zeroes_and_refuses_overflow)
{
	unsigned char *dirty = kalloc_malloc(800), *p;
	int zero = 1;

	memset(dirty, 0xa5, 800);
	kalloc_free(dirty); /* a reusing allocator may hand these bytes out again */
	p = kalloc_calloc(100, 8);
	if (!KTEST_TRUE(p != NULL))
		return;
	for (int i = 0; i < 800; i++)
		zero &= p[i] == 0;
	KTEST_TRUE(zero);
	kalloc_free(p);
	KTEST_TRUE(kalloc_calloc(SIZE_MAX / 2, 3) == NULL);
	KTEST_TRUE(kalloc_calloc(3, SIZE_MAX / 2) == NULL);
	/* A product that wraps to a small size: unchecked, it would give 16 bytes. */
	KTEST_TRUE(kalloc_calloc(SIZE_MAX / 16 + 2, 16) == NULL);
}

KTEST_CASE(alloc_contract, realloc_keeps_contents)
{
	static const size_t steps[] = { 10, 100, 3000, 5000, 50000, 300, 20 };
	size_t have = 1;
	unsigned char *p = kalloc_malloc(1);

	kcheck_fill(p, 1, 7);
	for (size_t i = 0; i < KILN_ARRAY_SIZE(steps); i++) {
		size_t keep = have < steps[i] ? have : steps[i];

		p = kalloc_realloc(p, steps[i]);
		if (!KTEST_TRUE(p != NULL))
			return;
		KTEST_EQ((uintptr_t)p % KALLOC_ALIGN, 0);
		KTEST_TRUE(kcheck_holds(p, keep, 7));
		kcheck_fill(p, steps[i], 7);
		have = steps[i];
	}
	kalloc_free(p);
}

KTEST_CASE(alloc_contract, posix_memalign_checks_and_aligns)
{
	void *p = (void *)1;

	KTEST_EQ(kalloc_posix_memalign(&p, 0, 16), 22);
	KTEST_EQ(kalloc_posix_memalign(&p, 24, 16), 22);
	KTEST_EQ(kalloc_posix_memalign(&p, 4, 16), 22); /* not a multiple of sizeof(void *) */
	KTEST_TRUE(p == (void *)1);			/* untouched on error */
	for (size_t align = 8; align <= 65536; align <<= 1) {
		for (size_t size = 1; size <= 9000; size += 2999) {
			if (!KTEST_EQ(kalloc_posix_memalign(&p, align, size), 0))
				return;
			KTEST_EQ((uintptr_t)p % align, 0);
			KTEST_TRUE(kalloc_usable_size(p) >= size);
			memset(p, 0x5a, size);
			kalloc_free(p);
		}
	}
}

KTEST_CASE(alloc_contract, aligned_alloc_wants_a_power_of_two)
{
	void *p;

	KTEST_TRUE(kalloc_aligned_alloc(3, 16) == NULL);
	KTEST_TRUE(kalloc_aligned_alloc(0, 16) == NULL);
	p = kalloc_aligned_alloc(64, 100);
	KTEST_TRUE(p != NULL);
	KTEST_EQ((uintptr_t)p % 64, 0);
	kalloc_free(p);
}

KTEST_CASE(alloc_contract, pages_are_aligned_disjoint_and_writable)
{
	static const size_t counts[] = { 1, 3, 16, 5 };
	void *runs[KILN_ARRAY_SIZE(counts)];

	for (size_t i = 0; i < KILN_ARRAY_SIZE(counts); i++) {
		runs[i] = kalloc_pages(counts[i]);
		if (!KTEST_TRUE(runs[i] != NULL))
			return;
		KTEST_EQ((uintptr_t)runs[i] % KALLOC_PAGE_SIZE, 0);
		kcheck_fill(runs[i], counts[i] * KALLOC_PAGE_SIZE, (uint32_t)i);
		for (size_t j = 0; j < i; j++)
			KTEST_TRUE(!kcheck_overlap(runs[i], counts[i] * KALLOC_PAGE_SIZE, runs[j],
						   counts[j] * KALLOC_PAGE_SIZE));
	}
	for (size_t i = 0; i < KILN_ARRAY_SIZE(counts); i++) {
		KTEST_TRUE(kcheck_holds(runs[i], counts[i] * KALLOC_PAGE_SIZE, (uint32_t)i));
		kalloc_free_pages(runs[i], counts[i]);
	}
	KTEST_TRUE(kalloc_pages(0) == NULL);
}

KTEST_CASE(alloc_contract, statistics_follow_the_calls)
{
	struct kalloc_stats a, b, c;
	void *p;

	if (kalloc_stats(&a) != 0) {
		ktest_skip("ALLOC_STATS is off");
		return;
	}
	KTEST_TRUE(a.total > 0);
	p = kalloc_malloc(100);
	kalloc_stats(&b);
	KTEST_EQ(b.allocs, a.allocs + 1);
	KTEST_EQ(b.in_use, a.in_use + kalloc_usable_size(p));
	KTEST_TRUE(b.peak >= b.in_use);
	KTEST_TRUE(kalloc_malloc(SIZE_MAX) == NULL);
	kalloc_free(p);
	kalloc_stats(&c);
	KTEST_EQ(c.failed, a.failed + 1);
	KTEST_EQ(c.frees, a.frees + 1);
	if (kalloc_info()->frees)
		KTEST_EQ(c.in_use, a.in_use);
}

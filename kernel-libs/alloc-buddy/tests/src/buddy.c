/*
 * The buddy allocator's own in-guest tests, beside the contract suite every allocator runs
 * (kernel-libs/alloc/tests/suite/): reuse of freed memory, merging of buddies back into the
 * largest block after heavy fragmentation, and small aligned requests served by the size
 * classes rather than by whole pages, aligned for every power of two up to 1 KiB.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <kiln/alloc.h>
#include <kiln/test.h>

KTEST_SUITE(buddy_reuse, NULL);

KTEST_CASE(buddy_reuse, names_itself_and_frees)
{
	KTEST_STREQ(kalloc_info()->name, "buddy");
	KTEST_EQ(kalloc_info()->frees, 1);
}

KTEST_CASE(buddy_reuse, freed_memory_is_used_again)
{
	void *a = kalloc_malloc(100), *b;
	void *pa = kalloc_pages(4), *pb;

	kalloc_free(a);
	b = kalloc_malloc(100);
	KTEST_TRUE(a == b);
	kalloc_free(b);
	kalloc_free_pages(pa, 4);
	pb = kalloc_pages(4);
	KTEST_TRUE(pa == pb);
	kalloc_free_pages(pb, 4);
}

/* The largest power-of-two run of pages kalloc_pages gives right now (its log2). */
static int buddy_largest(void)
{
	for (int k = 18; k >= 0; k--) {
		void *p = kalloc_pages((size_t)1 << k);

		if (p) {
			kalloc_free_pages(p, (size_t)1 << k);
			return k;
		}
	}
	return -1;
}

/* Takes every free page one by one, linked through their first word; returns the list. */
static void **buddy_take_all_pages(size_t *n)
{
	void **list = NULL, **p;

	for (*n = 0; (p = kalloc_pages(1)) != NULL; (*n)++) {
		*p = list;
		list = p;
	}
	return list;
}

KTEST_CASE(buddy_reuse, fragmentation_merges_back)
{
	int largest = buddy_largest();
	size_t n, odd = 0;
	void **list = buddy_take_all_pages(&n), **kept = NULL;

	KTEST_TRUE(largest >= 8); /* at least a MiB in one piece */
	KTEST_TRUE(n >= (size_t)1 << largest);
	/* Every other page back: memory in crumbs of one page, then all of it. */
	for (size_t i = 0; list; i++) {
		void **next = *list;

		if (i % 2) {
			kalloc_free_pages(list, 1);
			odd++;
		} else {
			*list = kept;
			kept = list;
		}
		list = next;
	}
	KTEST_TRUE(odd > 0);
	KTEST_TRUE(kalloc_pages((size_t)1 << largest) == NULL); /* nothing whole is left */
	while (kept) {
		void **next = *kept;

		kalloc_free_pages(kept, 1);
		kept = next;
	}
	KTEST_EQ(buddy_largest(), largest);
}

KTEST_CASE(buddy_reuse, small_aligned_requests_stay_small)
{
	void *p = kalloc_memalign(64, 100), *q = kalloc_memalign(1024, 1000);

	KTEST_EQ((uintptr_t)p % 64, 0);
	KTEST_EQ((uintptr_t)q % 1024, 0);
	KTEST_TRUE((uintptr_t)p % KALLOC_PAGE_SIZE != 0); /* from a size class, not a page */
	KTEST_TRUE(kalloc_usable_size(p) < KALLOC_PAGE_SIZE);
	kalloc_free(p);
	kalloc_free(q);
}

/* Each power-of-two class aligns its objects to their size, so memalign(a, n) with n at
 * most a is served by the class of size a itself, not by a larger one (no waste). */
KTEST_CASE(buddy_reuse, every_small_alignment_holds_for_a_smaller_size)
{
	for (size_t a = 16; a <= 1024; a *= 2) {
		void *p = kalloc_memalign(a, a - a / 4), *q = kalloc_memalign(a, a - a / 4);

		if (!KTEST_TRUE(p && q))
			return;
		KTEST_EQ((uintptr_t)p % a, 0);
		KTEST_EQ((uintptr_t)q % a, 0);
		KTEST_EQ(kalloc_usable_size(p), a); /* that class, not a larger one */
		kalloc_free(p);
		kalloc_free(q);
	}
}

KTEST_CASE(buddy_reuse, large_block_alignment_is_its_size)
{
	void *p = kalloc_memalign((size_t)1 << 21, 5000);

	if (!KTEST_TRUE(p != NULL))
		return;
	KTEST_EQ((uintptr_t)p % ((size_t)1 << 21), 0);
	memset(p, 1, 5000);
	kalloc_free(p);
}

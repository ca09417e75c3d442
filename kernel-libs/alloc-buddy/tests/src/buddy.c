/*
 * The buddy allocator's own in-guest tests, beside the contract suite every allocator runs
 * (kernel-libs/alloc/tests/suite/): reuse of freed memory, merging of buddies back into the
 * largest block after heavy fragmentation, and small aligned requests served by the size
 * classes rather than by whole pages, aligned for every power of two up to 1 KiB; every
 * free page can be taken (the free lists lose nothing), and a second memory range works.
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

/* More pages than there are, at most (the memory map's and the second range's): a broken
 * free list handing the same pages out again and again fails a check instead of hanging. */
static size_t buddy_page_limit(void)
{
	struct kalloc_stats s;

	return kalloc_stats(&s) == 0 ? s.total / KALLOC_PAGE_SIZE + 64 : SIZE_MAX;
}

/* Takes every free page one by one, linked through their first word; returns the list. */
static void **buddy_take_all_pages(size_t *n)
{
	void **list = NULL, **p;
	size_t limit = buddy_page_limit();

	for (*n = 0; *n < limit && (p = kalloc_pages(1)) != NULL; (*n)++) {
		*p = list;
		list = p;
	}
	return list;
}

/* Gives back the n pages of a list from buddy_take_all_pages. */
static void buddy_give_all_pages(void **list, size_t n)
{
	for (; list && n; n--) {
		void **next = *list;

		kalloc_free_pages(list, 1);
		list = next;
	}
}

/* Pages taken one by one until none is left, then all given back: how many. */
static size_t buddy_count_pages(void)
{
	size_t n;
	void **list = buddy_take_all_pages(&n);

	buddy_give_all_pages(list, n);
	return n;
}

KTEST_CASE(buddy_reuse, fragmentation_merges_back)
{
	int largest = buddy_largest();
	size_t n, odd = 0;
	void **list = buddy_take_all_pages(&n), **kept = NULL;

	KTEST_TRUE(largest >= 8); /* at least a MiB in one piece */
	KTEST_TRUE(n >= (size_t)1 << largest);
	/* Every other page back: memory in crumbs of one page, then all of it. */
	for (size_t i = 0; list && i < n; i++) {
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
	buddy_give_all_pages(kept, n - odd);
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

/* All the memory not in use can be taken, twice: a block dropped from a free list (the
 * lists live in the ranges' own pages, not in the blocks) would be gone for good. */
KTEST_CASE(buddy_reuse, every_free_page_can_be_taken)
{
	struct kalloc_stats s;
	size_t n;

	if (!KTEST_TRUE(kalloc_stats(&s) == 0))
		return;
	n = buddy_count_pages();
	KTEST_TRUE(n * KALLOC_PAGE_SIZE >= (s.total - s.in_use) / 100 * 98);
	KTEST_EQ(buddy_count_pages(), n);
}

/* A second range (64 pages of the image's own, outside the memory map's) is used besides
 * the first: its blocks are told apart from the first range's on the free lists, and all its
 * pages but its map's are handed out from it. */
static char buddy_second[64 * KALLOC_PAGE_SIZE] __attribute__((aligned(KALLOC_PAGE_SIZE)));

KTEST_CASE(buddy_reuse, a_second_range_is_used)
{
	char *run = buddy_second;
	size_t before = buddy_count_pages(), n, inside = 0;
	void **list;

	KTEST_EQ(kalloc_add_memory(run, sizeof(buddy_second)), 0);
	list = buddy_take_all_pages(&n);
	size_t i = 0;
	for (void **p = list; p && i < n; p = *p, i++)
		inside += (char *)p >= run && (char *)p < run + sizeof(buddy_second);
	buddy_give_all_pages(list, n);
	KTEST_EQ(n, before + 63);
	KTEST_EQ(inside, 63);
}

/*
 * Out of memory is a clean NULL: requests no allocator can meet fail without harm, and
 * (for an allocator that frees) memory taken to the last byte comes back whole: after
 * exhausting it in large, page and small pieces and freeing them all, as many large
 * pieces fit as before. A region allocator's exhaustion is its own test (alloc-region),
 * run last since nothing comes back.
 */
#include <stddef.h>
#include <stdint.h>
#include <kiln/alloc.h>
#include <kiln/test.h>

#define OOM_CHUNK (1ul << 20)

KTEST_SUITE(alloc_oom, NULL);

KTEST_CASE(alloc_oom, impossible_requests_are_null)
{
	unsigned char *p = kalloc_malloc(32);

	KTEST_TRUE(kalloc_malloc(SIZE_MAX) == NULL);
	KTEST_TRUE(kalloc_malloc(SIZE_MAX - 8) == NULL);
	KTEST_TRUE(kalloc_malloc((size_t)1 << 46) == NULL);
	KTEST_TRUE(kalloc_memalign((size_t)1 << 46, 16) == NULL);
	KTEST_TRUE(kalloc_pages(SIZE_MAX / KALLOC_PAGE_SIZE) == NULL);
	KTEST_TRUE(kalloc_pages((size_t)1 << 34) == NULL);
	p[0] = 'k';
	KTEST_TRUE(kalloc_realloc(p, SIZE_MAX - 64) == NULL);
	KTEST_EQ(p[0], 'k'); /* a failed realloc leaves the block alone */
	kalloc_free(p);
}

/* Takes pieces of size bytes (pages when pages is set) until NULL, each linked to the
 * previous through its first word; returns how many. */
static size_t oom_take(void **list, size_t size, int pages)
{
	size_t n = 0;
	void **p;

	while ((p = pages ? kalloc_pages(size) : kalloc_malloc(size)) != NULL) {
		*p = *list;
		*list = p;
		n++;
	}
	return n;
}

static void oom_give(void **list, size_t size, int pages)
{
	while (*list) {
		void *next = *(void **)*list;

		if (pages)
			kalloc_free_pages(*list, size);
		else
			kalloc_free(*list);
		*list = next;
	}
}

/* Exhausts memory in large chunks, then pages, then small objects; checks that nothing more
 * is given; frees it all. Returns how many large chunks fit. */
static size_t oom_cycle(void)
{
	void *chunks = NULL, *pages = NULL, *small = NULL;
	size_t n = oom_take(&chunks, OOM_CHUNK, 0);

	KTEST_TRUE(n > 0);
	KTEST_TRUE(oom_take(&pages, 1, 1) > 0);
	if (pages) { /* one page back, for the small objects to take */
		void *next = *(void **)pages;

		kalloc_free_pages(pages, 1);
		pages = next;
	}
	KTEST_TRUE(oom_take(&small, 48, 0) > 0);
	KTEST_TRUE(kalloc_malloc(1) == NULL);
	KTEST_TRUE(kalloc_pages(1) == NULL);
	KTEST_TRUE(kalloc_calloc(4, 4) == NULL);
	KTEST_TRUE(kalloc_memalign(4096, 10) == NULL);
	oom_give(&small, 48, 0);
	oom_give(&pages, 1, 1);
	oom_give(&chunks, OOM_CHUNK, 0);
	return n;
}

KTEST_CASE(alloc_oom, exhaustion_is_null_and_all_comes_back)
{
	size_t first, again;

	if (!kalloc_info()->frees) {
		ktest_skip("this allocator does not free; see its own exhaustion test");
		return;
	}
	/* The first cycle settles what earlier tests left cached (empty slabs kept per class);
	 * from then on each cycle must find memory exactly as whole as the one before. */
	oom_cycle();
	first = oom_cycle();
	again = oom_cycle();
	KTEST_EQ(again, first);
}

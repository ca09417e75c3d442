/*
 * The region allocator's own in-guest tests, beside the contract suite every allocator
 * runs (kernel-libs/alloc/tests/suite/): free gives nothing back, realloc of the last block
 * grows in place, and exhaustion. Suites run in name order, so region_zexhaust runs after
 * every other suite of the image: once a region is used up, nothing comes back.
 */
#include <stddef.h>
#include <stdint.h>
#include <kiln/alloc.h>
#include <kiln/test.h>

KTEST_SUITE(region_bump, NULL);

KTEST_CASE(region_bump, names_itself_and_never_frees)
{
	KTEST_STREQ(kalloc_info()->name, "region");
	KTEST_EQ(kalloc_info()->frees, 0);
}

KTEST_CASE(region_bump, free_gives_nothing_back)
{
	char *a = kalloc_malloc(100), *b;

	kalloc_free(a);
	b = kalloc_malloc(100);
	KTEST_TRUE(a != b);
	KTEST_TRUE(b >= a + 100); /* bump order: the next block lies above */
}

KTEST_CASE(region_bump, realloc_of_the_last_block_grows_in_place)
{
	char *a = kalloc_malloc(32), *b;

	a[0] = 'r';
	b = kalloc_realloc(a, 5000);
	KTEST_TRUE(a == b);
	KTEST_TRUE(kalloc_usable_size(b) >= 5000);
	KTEST_EQ(b[0], 'r');
}

KTEST_SUITE(region_zexhaust, NULL);

KTEST_CASE(region_zexhaust, exhaustion_is_null_for_every_request)
{
	size_t big = 0, small = 0;

	while (kalloc_malloc(1ul << 20))
		big++;
	while (kalloc_malloc(16))
		small++;
	KTEST_TRUE(big > 0);
	KTEST_TRUE(small > 0);
	KTEST_TRUE(kalloc_malloc(1) == NULL);
	KTEST_TRUE(kalloc_calloc(1, 1) == NULL);
	KTEST_TRUE(kalloc_realloc(NULL, 1) == NULL);
	KTEST_TRUE(kalloc_memalign(64, 1) == NULL);
	KTEST_TRUE(kalloc_pages(1) == NULL);
}

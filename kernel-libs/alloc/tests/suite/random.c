/*
 * Random sequences of malloc, free, realloc and memalign against whichever allocator the
 * image holds, checking after every step that each live block is aligned, overlaps no
 * other live block, and still holds the pattern written into it. Sizes mix small objects
 * (most), medium ones and a few that take many pages, as programs do. Deterministic seeds,
 * so a failure repeats.
 */
#include <stddef.h>
#include <stdint.h>
#include <kiln/alloc.h>
#include <kiln/test.h>
#include "check.h"

#define RANDOM_SLOTS 64
#define RANDOM_STEPS 3000

struct random_block {
	unsigned char *p;
	size_t size;
	size_t align;
	uint32_t tag;
};

static struct random_block blocks[RANDOM_SLOTS];

static size_t random_size(uint64_t *s)
{
	uint64_t r = kcheck_rand(s), pick = r % 100;

	if (pick < 70)
		return (size_t)(r >> 8) % 257;
	if (pick < 95)
		return 257 + (size_t)(r >> 8) % 3840;
	return 4097 + (size_t)(r >> 8) % 28000;
}

/* The block in slot i: aligned, apart from every other live block, contents intact. */
static int random_check(int i)
{
	struct random_block *b = &blocks[i];
	int ok = 1;

	ok &= KTEST_EQ((uintptr_t)b->p % b->align, 0);
	ok &= KTEST_TRUE(kalloc_usable_size(b->p) >= b->size);
	ok &= KTEST_TRUE(kcheck_holds(b->p, b->size, b->tag));
	for (int j = 0; j < RANDOM_SLOTS; j++)
		if (j != i && blocks[j].p)
			ok &= KTEST_TRUE(!kcheck_overlap(b->p, b->size ? b->size : 1, blocks[j].p,
							 blocks[j].size ? blocks[j].size : 1));
	return ok;
}

/* One step on slot i: a new block where it is empty, else a free or a realloc. */
static int random_step(int i, uint64_t *s, uint32_t tag)
{
	struct random_block *b = &blocks[i];
	uint64_t r = kcheck_rand(s);

	if (b->p && r % 3 == 0) {
		int ok = KTEST_TRUE(kcheck_holds(b->p, b->size, b->tag));

		kalloc_free(b->p);
		b->p = NULL;
		return ok;
	}
	if (b->p) {
		size_t size = random_size(s), keep = size < b->size ? size : b->size;
		unsigned char *q = kalloc_realloc(b->p, size);

		if (!KTEST_TRUE(q != NULL) || !KTEST_TRUE(kcheck_holds(q, keep, b->tag)))
			return 0;
		*b = (struct random_block){ q, size, KALLOC_ALIGN, tag };
	} else {
		size_t align = r % 8 == 0 ? (size_t)16 << (r >> 8) % 9 : KALLOC_ALIGN;

		*b = (struct random_block){ kalloc_memalign(align, random_size(s)), 0, align, tag };
		if (!KTEST_TRUE(b->p != NULL))
			return 0;
		b->size = random_size(s) % (kalloc_usable_size(b->p) + 1);
	}
	kcheck_fill(b->p, b->size, b->tag);
	return random_check(i);
}

static void random_run(uint64_t seed)
{
	uint64_t s = seed;

	for (uint32_t step = 0; step < RANDOM_STEPS; step++)
		if (!random_step((int)(kcheck_rand(&s) % RANDOM_SLOTS), &s, step))
			break;
	for (int i = 0; i < RANDOM_SLOTS; i++) {
		if (blocks[i].p)
			KTEST_TRUE(random_check(i));
		kalloc_free(blocks[i].p);
		blocks[i].p = NULL;
	}
}

KTEST_SUITE(alloc_random, NULL);

KTEST_CASE(alloc_random, sequence_seed_1)
{
	random_run(0x9e3779b97f4a7c15ull);
}

KTEST_CASE(alloc_random, sequence_seed_2)
{
	random_run(0x0123456789abcdefull);
}

KTEST_CASE(alloc_random, sequence_seed_3)
{
	random_run(42);
}

/*
 * alloc-region: the smallest allocator, for images that allocate at start and never give
 * memory back. Each free range of the memory map is a region with a bump pointer; an
 * allocation takes the next bytes of the first region with room, and free does nothing
 * (kalloc_info()->frees is 0, and the catalog keeps this provider out of any image with a
 * library that selects ALLOC_FREES).
 *
 * Every malloc'd block carries a 16-byte header holding its size, so realloc knows how much
 * to copy and kalloc_usable_size can answer; memalign puts the header just below the
 * aligned address. Page runs (kalloc_pages) carry none: they are only page-aligned bytes.
 * realloc of the last block of a region grows or shrinks it in place.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <kiln/alloc.h>

#define REGION_MAX 16

struct region {
	uintptr_t next, end; /* [next, end) is still free */
};

struct region_hdr {
	size_t size;
	size_t pad; /* keeps the block 16-byte aligned */
};

static struct region regions[REGION_MAX];
static unsigned nregions;
static const struct kalloc_info region_info = { "region", 0 };

const struct kalloc_info *kalloc_info(void)
{
	return &region_info;
}

int kalloc_add_memory(void *base, size_t len)
{
	if (nregions == REGION_MAX)
		return -1;
	regions[nregions].next = (uintptr_t)base;
	regions[nregions].end = (uintptr_t)base + len;
	nregions++;
	return 0;
}

/* size bytes at an address with `skew` bytes below it and aligned to align, or 0. */
static uintptr_t region_take(size_t size, size_t align, size_t skew)
{
	for (unsigned i = 0; i < nregions; i++) {
		struct region *r = &regions[i];
		uintptr_t at = (r->next + skew + align - 1) & ~(uintptr_t)(align - 1);

		if (at < r->next || at > r->end || r->end - at < size)
			continue;
		r->next = at + size;
		return at;
	}
	return 0;
}

/* A block of size bytes (rounded to 16) aligned to align, its header below it. */
static void *region_block(size_t size, size_t align)
{
	struct region_hdr *h;
	uintptr_t at;

	if (size > SIZE_MAX - 2 * KALLOC_ALIGN)
		return kalloc_stat_result(NULL);
	size = (size + KALLOC_ALIGN - 1) & ~(size_t)(KALLOC_ALIGN - 1);
	at = region_take(size ? size : KALLOC_ALIGN, align, sizeof(*h));
	if (!at)
		return kalloc_stat_result(NULL);
	h = (struct region_hdr *)at - 1;
	h->size = size ? size : KALLOC_ALIGN;
	kalloc_stat_alloc(h->size);
	return (void *)at;
}

void *kalloc_malloc(size_t size)
{
	return region_block(size, KALLOC_ALIGN);
}

void kalloc_free(void *p)
{
	if (p)
		kalloc_stat_free(0); /* counted, but a region gives nothing back */
}

size_t kalloc_usable_size(const void *p)
{
	return p ? ((const struct region_hdr *)p - 1)->size : 0;
}

/* The region p ends, when p is the last block taken from it. */
static struct region *region_last(void *p)
{
	uintptr_t end = (uintptr_t)p + kalloc_usable_size(p);

	for (unsigned i = 0; i < nregions; i++)
		if (regions[i].next == end)
			return &regions[i];
	return NULL;
}

void *kalloc_realloc(void *p, size_t size)
{
	struct region *r;
	size_t have;
	void *q;

	if (!p)
		return kalloc_malloc(size);
	if (size > SIZE_MAX - 2 * KALLOC_ALIGN)
		return kalloc_stat_result(NULL);
	have = kalloc_usable_size(p);
	size = (size + KALLOC_ALIGN - 1) & ~(size_t)(KALLOC_ALIGN - 1);
	if (!size)
		size = KALLOC_ALIGN;
	r = region_last(p);
	if (r && size <= r->end - (uintptr_t)p) {
		r->next = (uintptr_t)p + size;
		((struct region_hdr *)p - 1)->size = size;
		return p;
	}
	if (size <= have)
		return p;
	q = kalloc_malloc(size);
	if (q)
		memcpy(q, p, have);
	return q;
}

void *kalloc_memalign(size_t align, size_t size)
{
	if (!align || (align & (align - 1)))
		return kalloc_stat_result(NULL);
	return region_block(size, align < KALLOC_ALIGN ? KALLOC_ALIGN : align);
}

void *kalloc_pages(size_t n)
{
	uintptr_t at;

	if (!n || n > SIZE_MAX / KALLOC_PAGE_SIZE)
		return kalloc_stat_result(NULL);
	at = region_take(n * KALLOC_PAGE_SIZE, KALLOC_PAGE_SIZE, 0);
	if (at)
		kalloc_stat_alloc(n * KALLOC_PAGE_SIZE);
	return kalloc_stat_result((void *)at);
}

void kalloc_free_pages(void *p, size_t n)
{
	(void)p;
	(void)n;
}

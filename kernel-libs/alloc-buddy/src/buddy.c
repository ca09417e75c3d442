/*
 * The page layer of alloc-buddy: a binary buddy allocator over the memory map's free ranges.
 *
 * A block of order k is 2^k pages whose first page frame number (address >> 12) is a
 * multiple of 2^k, so a block is aligned to its own size in the address space (memalign with
 * a large alignment is just a large enough order) and its buddy is the frame number with bit
 * k flipped. Free blocks sit on one doubly linked list per order. Each range begins with
 * its page map, one byte per page, saying of the first page of a block whether it is free or
 * allocated and its order (bytes of other pages are 0), then each page's list links,
 * meaningful for the first page of a free block: 32-bit ids, the range's number in the top
 * 4 bits and the page's index in the range below (a range is cut to 2^28 - 1 pages, 1 TiB).
 * Freeing merges a block with its buddy for as long as the buddy is free, whole and of the
 * same order, and lies in the same range.
 *
 * The links are not kept in the free blocks themselves, so the allocator never writes to
 * memory before handing it out. A hypervisor backs guest RAM on first touch (QEMU: with
 * 2 MiB host pages, each cleared); a list node in each free block, spread over all of RAM by
 * the splits, made the host back most of it at boot: several ms of Lua's start under TCG.
 *
 * The page calls of kiln/alloc.h (kalloc_pages, kalloc_free_pages) live here; malloc and
 * friends in classes.c.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <kiln/alloc.h>
#include "buddy.h"

#define BUDDY_RANGES	16
#define BUDDY_MAP_FREE	0x40
#define BUDDY_MAP_USED	0x80
#define BUDDY_MAP_ORDER 0x3f
#define BUDDY_ID_SHIFT	28
#define BUDDY_ID_PAGES	((1u << BUDDY_ID_SHIFT) - 1) /* pages of a range, at most */
#define BUDDY_NIL	0xffffffffu		     /* no block: the end of a list */

struct buddy_link {
	uint32_t next, prev; /* block ids, BUDDY_NIL at the ends */
};

struct buddy_range {
	uintptr_t lo, hi;	  /* page frame numbers [lo, hi) the map covers */
	uint8_t *map;		  /* map[pfn - lo] */
	struct buddy_link *links; /* links[pfn - lo] */
};

/* The first free block of each order; 0 until kalloc_add_memory sets them to BUDDY_NIL. */
static uint32_t buddy_lists[BUDDY_MAX_ORDER + 1]; /* block ids */
static struct buddy_range buddy_ranges[BUDDY_RANGES];
static unsigned buddy_nranges;

static uintptr_t buddy_pfn(const void *p)
{
	return (uintptr_t)p >> KALLOC_PAGE_SHIFT;
}

static void *buddy_addr(uintptr_t pfn)
{
	return (void *)(pfn << KALLOC_PAGE_SHIFT);
}

static struct buddy_range *buddy_range_of(uintptr_t pfn)
{
	for (unsigned i = 0; i < buddy_nranges; i++)
		if (pfn >= buddy_ranges[i].lo && pfn < buddy_ranges[i].hi)
			return &buddy_ranges[i];
	return NULL;
}

static uint32_t buddy_id(const struct buddy_range *r, uintptr_t pfn)
{
	return (uint32_t)(r - buddy_ranges) << BUDDY_ID_SHIFT | (uint32_t)(pfn - r->lo);
}

static struct buddy_range *buddy_id_range(uint32_t id)
{
	return &buddy_ranges[id >> BUDDY_ID_SHIFT];
}

static struct buddy_link *buddy_link_of(uint32_t id)
{
	return &buddy_id_range(id)->links[id & BUDDY_ID_PAGES];
}

static void buddy_push(unsigned order, const struct buddy_range *r, uintptr_t pfn)
{
	uint32_t id = buddy_id(r, pfn);
	struct buddy_link *l = buddy_link_of(id);

	l->prev = BUDDY_NIL;
	l->next = buddy_lists[order];
	if (l->next != BUDDY_NIL)
		buddy_link_of(l->next)->prev = id;
	buddy_lists[order] = id;
}

static void buddy_unlink(unsigned order, uint32_t id)
{
	struct buddy_link *l = buddy_link_of(id);

	if (l->prev == BUDDY_NIL)
		buddy_lists[order] = l->next;
	else
		buddy_link_of(l->prev)->next = l->next;
	if (l->next != BUDDY_NIL)
		buddy_link_of(l->next)->prev = l->prev;
}

static int buddy_list_empty(unsigned order)
{
	return buddy_lists[order] == BUDDY_NIL;
}

/* Puts the free block (pfn, order) back, merged with its buddies as far as they go. */
static void buddy_free_block(struct buddy_range *r, uintptr_t pfn, unsigned order)
{
	while (order < BUDDY_MAX_ORDER) {
		uintptr_t b = pfn ^ ((uintptr_t)1 << order);

		if (b < r->lo || b + ((uintptr_t)1 << order) > r->hi ||
		    r->map[b - r->lo] != (BUDDY_MAP_FREE | order))
			break;
		buddy_unlink(order, buddy_id(r, b));
		r->map[b - r->lo] = 0;
		r->map[pfn - r->lo] = 0;
		pfn &= ~((uintptr_t)1 << order);
		order++;
	}
	r->map[pfn - r->lo] = BUDDY_MAP_FREE | order;
	buddy_push(order, r, pfn);
}

/* The largest order a block starting at pfn may have with at most n pages. */
static unsigned buddy_fit(uintptr_t pfn, size_t n)
{
	unsigned k = 0;

	while (k < BUDDY_MAX_ORDER && !(pfn & ((uintptr_t)1 << k)) && ((size_t)2 << k) <= n)
		k++;
	return k;
}

void buddy_free_run(void *p, size_t n)
{
	uintptr_t pfn = buddy_pfn(p);
	struct buddy_range *r = buddy_range_of(pfn);

	if (!r)
		return;
	while (n) {
		unsigned k = buddy_fit(pfn, n);

		r->map[pfn - r->lo] = 0;
		buddy_free_block(r, pfn, k);
		pfn += (uintptr_t)1 << k;
		n -= (size_t)1 << k;
	}
}

void *buddy_alloc(unsigned order)
{
	unsigned k = order;
	struct buddy_range *r;
	uintptr_t pfn;
	uint32_t id;

	if (!buddy_nranges)
		return NULL;
	while (k <= BUDDY_MAX_ORDER && buddy_list_empty(k))
		k++;
	if (k > BUDDY_MAX_ORDER)
		return NULL;
	id = buddy_lists[k];
	buddy_unlink(k, id);
	r = buddy_id_range(id);
	pfn = r->lo + (id & BUDDY_ID_PAGES);
	/* Split: the upper half of each step goes back on the list one order down. */
	while (k > order) {
		uintptr_t upper;

		k--;
		upper = pfn + ((uintptr_t)1 << k);
		r->map[upper - r->lo] = BUDDY_MAP_FREE | k;
		buddy_push(k, r, upper);
	}
	buddy_mark(buddy_addr(pfn), order);
	return buddy_addr(pfn);
}

void buddy_mark(void *p, unsigned order)
{
	uintptr_t pfn = buddy_pfn(p);
	struct buddy_range *r = buddy_range_of(pfn);

	r->map[pfn - r->lo] = BUDDY_MAP_USED | order;
}

int buddy_order_of(const void *p)
{
	uintptr_t pfn = buddy_pfn(p);
	struct buddy_range *r;

	if ((uintptr_t)p & (KALLOC_PAGE_SIZE - 1))
		return -1;
	r = buddy_range_of(pfn);
	if (!r || !(r->map[pfn - r->lo] & BUDDY_MAP_USED))
		return -1;
	return r->map[pfn - r->lo] & BUDDY_MAP_ORDER;
}

/* The range keeps its map and links in its own first pages; the rest is freed into the
 * lists. Past BUDDY_ID_PAGES pages (1 TiB) a range is cut short. */
int kalloc_add_memory(void *base, size_t len)
{
	uintptr_t lo = buddy_pfn(base), n = len >> KALLOC_PAGE_SHIFT;
	if (n > BUDDY_ID_PAGES)
		n = BUDDY_ID_PAGES;
	size_t map_bytes = (n + 7) & ~(size_t)7;
	size_t meta = map_bytes + n * sizeof(struct buddy_link);
	size_t map_pages = (meta + KALLOC_PAGE_SIZE - 1) >> KALLOC_PAGE_SHIFT;
	struct buddy_range *r;

	if (buddy_nranges == BUDDY_RANGES || n <= map_pages)
		return -1;
	if (buddy_nranges == 0) {
		classes_init();
		for (unsigned k = 0; k <= BUDDY_MAX_ORDER; k++)
			buddy_lists[k] = BUDDY_NIL;
	}
	r = &buddy_ranges[buddy_nranges++];
	r->map = base;
	r->links = (struct buddy_link *)((uint8_t *)base + map_bytes);
	r->lo = lo + map_pages;
	r->hi = lo + n;
	memset(r->map, 0, r->hi - r->lo);
	buddy_free_run(buddy_addr(r->lo), r->hi - r->lo);
	return 0;
}

void *kalloc_pages(size_t n)
{
	unsigned k = buddy_order_for(n);
	void *p;

	if (n == 0 || k > BUDDY_MAX_ORDER)
		return kalloc_stat_result(NULL);
	p = buddy_alloc(k);
	if (!p && classes_reclaim())
		p = buddy_alloc(k);
	if (!p)
		return kalloc_stat_result(NULL);
	/* The tail beyond n pages goes back at once: kalloc_free_pages gets n too. */
	if (((size_t)1 << k) > n)
		buddy_free_run((char *)p + n * KALLOC_PAGE_SIZE, ((size_t)1 << k) - n);
	buddy_mark(p, 0); /* a run, not a block: order 0 keeps it from kalloc_free */
	kalloc_stat_alloc(n * KALLOC_PAGE_SIZE);
	return p;
}

void kalloc_free_pages(void *p, size_t n)
{
	if (!p || !n)
		return;
	kalloc_stat_free(n * KALLOC_PAGE_SIZE);
	buddy_free_run(p, n);
}

/*
 * The page layer of alloc-buddy: a binary buddy allocator over the memory map's free ranges.
 *
 * A block of order k is 2^k pages whose first page frame number (address >> 12) is a
 * multiple of 2^k, so a block is aligned to its own size in the address space (memalign with
 * a large alignment is just a large enough order) and its buddy is the frame number with bit
 * k flipped. Free blocks sit on one doubly linked list per order, the links kept in the
 * block itself. Each range begins with its page map, one byte per page, saying of the first
 * page of a block whether it is free or allocated and its order; bytes of other pages are 0.
 * Freeing merges a block with its buddy for as long as the buddy is free, whole and of the
 * same order, and lies in the same range.
 *
 * The page calls of kiln/alloc.h (kalloc_pages, kalloc_free_pages) live here; malloc and
 * friends in classes.c.
 */
#include <stddef.h>
#include <stdint.h>
#include <kiln/alloc.h>
#include "buddy.h"

#define BUDDY_RANGES	16
#define BUDDY_MAP_FREE	0x40
#define BUDDY_MAP_USED	0x80
#define BUDDY_MAP_ORDER 0x3f

struct buddy_node {
	struct buddy_node *next, *prev;
};

struct buddy_range {
	uintptr_t lo, hi; /* page frame numbers [lo, hi) the map covers */
	uint8_t *map;	  /* map[pfn - lo] */
};

static struct buddy_node buddy_lists[BUDDY_MAX_ORDER + 1]; /* circular, head is a sentinel */
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

static void buddy_push(unsigned order, struct buddy_node *n)
{
	struct buddy_node *head = &buddy_lists[order];

	if (!head->next)
		head->next = head->prev = head;
	n->next = head->next;
	n->prev = head;
	head->next->prev = n;
	head->next = n;
}

static void buddy_unlink(struct buddy_node *n)
{
	n->prev->next = n->next;
	n->next->prev = n->prev;
}

static int buddy_list_empty(unsigned order)
{
	struct buddy_node *head = &buddy_lists[order];

	return !head->next || head->next == head;
}

/* Puts the free block (pfn, order) back, merged with its buddies as far as they go. */
static void buddy_free_block(struct buddy_range *r, uintptr_t pfn, unsigned order)
{
	while (order < BUDDY_MAX_ORDER) {
		uintptr_t b = pfn ^ ((uintptr_t)1 << order);

		if (b < r->lo || b + ((uintptr_t)1 << order) > r->hi ||
		    r->map[b - r->lo] != (BUDDY_MAP_FREE | order))
			break;
		buddy_unlink(buddy_addr(b));
		r->map[b - r->lo] = 0;
		r->map[pfn - r->lo] = 0;
		pfn &= ~((uintptr_t)1 << order);
		order++;
	}
	r->map[pfn - r->lo] = BUDDY_MAP_FREE | order;
	buddy_push(order, buddy_addr(pfn));
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
	struct buddy_node *n;
	struct buddy_range *r;
	uintptr_t pfn;

	while (k <= BUDDY_MAX_ORDER && buddy_list_empty(k))
		k++;
	if (k > BUDDY_MAX_ORDER)
		return NULL;
	n = buddy_lists[k].next;
	buddy_unlink(n);
	pfn = buddy_pfn(n);
	r = buddy_range_of(pfn);
	/* Split: the upper half of each step goes back on the list one order down. */
	while (k > order) {
		uintptr_t upper;

		k--;
		upper = pfn + ((uintptr_t)1 << k);
		r->map[upper - r->lo] = BUDDY_MAP_FREE | k;
		buddy_push(k, buddy_addr(upper));
	}
	buddy_mark(n, order);
	return n;
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

/* The range keeps its map in its own first pages; the rest is freed into the lists. */
int kalloc_add_memory(void *base, size_t len)
{
	uintptr_t lo = buddy_pfn(base), n = len >> KALLOC_PAGE_SHIFT;
	size_t map_pages = (n + KALLOC_PAGE_SIZE - 1) >> KALLOC_PAGE_SHIFT;
	struct buddy_range *r;

	if (buddy_nranges == BUDDY_RANGES || n <= map_pages)
		return -1;
	if (buddy_nranges == 0)
		classes_init();
	r = &buddy_ranges[buddy_nranges++];
	r->map = base;
	r->lo = lo + map_pages;
	r->hi = lo + n;
	for (uintptr_t i = 0; i < r->hi - r->lo; i++)
		r->map[i] = 0;
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

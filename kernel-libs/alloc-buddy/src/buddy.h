/*
 * alloc-buddy's private interface between its page layer (buddy.c) and its small-object
 * layer (classes.c).
 */
#ifndef KALLOC_BUDDY_H
#define KALLOC_BUDDY_H

#include <stddef.h>
#include <stdint.h>
#include <kiln/alloc.h>

/* Blocks of 2^0 .. 2^BUDDY_MAX_ORDER pages (1 GiB). */
#define BUDDY_MAX_ORDER 18

/* A block of 2^order pages, NULL when none is free. */
void *buddy_alloc(unsigned order);
/* Frees n pages at p as the largest aligned blocks that fit, each merged with its buddy. */
void buddy_free_run(void *p, size_t n);
/* The order a page-aligned block from buddy_alloc was given, or -1 when p is none. */
int buddy_order_of(const void *p);
/* Marks p as the head of an allocated block of this order (for buddy_order_of). */
void buddy_mark(void *p, unsigned order);

/* Sets up the size classes (classes.c); called when the first memory arrives. */
void classes_init(void);
/* Gives the small-object layer's cached empty pages back; returns how many (classes.c). */
size_t classes_reclaim(void);

/* The smallest order with 2^order >= n pages; BUDDY_MAX_ORDER + 1 when none. */
static inline unsigned buddy_order_for(size_t n)
{
	unsigned k = 0;

	while (k <= BUDDY_MAX_ORDER && ((size_t)1 << k) < n)
		k++;
	return k;
}

#endif

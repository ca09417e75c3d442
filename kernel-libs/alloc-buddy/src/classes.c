/*
 * The small-object layer of alloc-buddy: malloc, free, realloc and memalign of kiln/alloc.h.
 *
 * Requests up to 2016 bytes are rounded up to one of 21 size classes; each class carves
 * objects out of pages of its own (a "slab": one page, a 32-byte header at its start, then
 * objects). So an object is never page-aligned while a larger block, which takes whole
 * pages from buddy.c, always is: free() tells the two apart from the address alone and
 * finds an object's slab by rounding down to the page. Objects start at the header's end
 * rounded up to the largest power of two dividing the class size, so an object of a
 * power-of-two class is aligned to its size: memalign of up to 1024 bytes picks such a
 * class and stays in the small layer.
 *
 * Each class keeps a list of slabs that have a free object, the one that last got room back
 * at the head: a slab leaves the list when full and comes back when an object is freed. One empty
 * slab per class is kept to avoid giving a page back and taking it again in a loop; the
 * others go back to the buddy allocator at once, and the kept ones too when it runs out.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <kiln/alloc.h>
#include "buddy.h"

#define CLASS_COUNT    21
#define CLASS_MAX      2016
#define CLASS_HDR      32
#define CLASS_NOT_LIST 0xff

struct slab {
	void *free;	   /* freed objects, linked through their first word */
	struct slab *next; /* the class's list of slabs with room */
	struct slab *prev;
	uint16_t used; /* objects handed out */
	uint16_t bump; /* offset of the first never-used object */
	uint8_t cls;
	uint8_t on_list;
};

struct size_class {
	struct slab *slabs; /* slabs with a free object */
	uint16_t size;
	uint16_t first; /* offset of the first object in a slab */
	uint16_t count; /* objects per slab */
	uint8_t empty;	/* an empty slab is kept on the list */
};

static const uint16_t class_sizes[CLASS_COUNT] = {
	16,  32,  48,  64,  80,	 96,  112, 128,	 160,  192,  224,
	256, 320, 384, 448, 512, 640, 768, 1024, 1344, 2016,
};

static struct size_class classes[CLASS_COUNT];
/* (size + 15) / 16 -> class; filled before the first memory arrives (classes_init), so
 * malloc needs no check: before that, every size maps to class 0, which has no pages. */
static uint8_t class_by_16[CLASS_MAX / 16 + 1];

static const struct kalloc_info buddy_info = { "buddy", 1 };

const struct kalloc_info *kalloc_info(void)
{
	return &buddy_info;
}

void classes_init(void)
{
	unsigned c = 0;

	for (unsigned i = 0; i < CLASS_COUNT; i++) {
		uint16_t s = class_sizes[i], pow2 = s & -s;

		classes[i].size = s;
		classes[i].first = pow2 > CLASS_HDR ? pow2 : CLASS_HDR;
		classes[i].count = (KALLOC_PAGE_SIZE - classes[i].first) / s;
	}
	for (unsigned i = 0; i <= CLASS_MAX / 16; i++) {
		while (class_sizes[c] < i * 16)
			c++;
		class_by_16[i] = (uint8_t)c;
	}
}

static struct slab *slab_of(const void *p)
{
	return (struct slab *)((uintptr_t)p & ~(uintptr_t)(KALLOC_PAGE_SIZE - 1));
}

static void slab_link(struct size_class *c, struct slab *s)
{
	s->prev = NULL;
	s->next = c->slabs;
	if (c->slabs)
		c->slabs->prev = s;
	c->slabs = s;
	s->on_list = 1;
}

static void slab_unlink(struct size_class *c, struct slab *s)
{
	if (s->prev)
		s->prev->next = s->next;
	else
		c->slabs = s->next;
	if (s->next)
		s->next->prev = s->prev;
	s->on_list = 0;
}

static struct slab *slab_new(unsigned ci)
{
	struct slab *s = buddy_alloc(0);

	if (!s && classes_reclaim())
		s = buddy_alloc(0);
	if (!s)
		return NULL;
	s->free = NULL;
	s->used = 0;
	s->bump = classes[ci].first;
	s->cls = (uint8_t)ci;
	slab_link(&classes[ci], s);
	classes[ci].empty = 1;
	return s;
}

/* Inlined into malloc: the common case is a few loads and stores. */
static inline __attribute__((always_inline)) void *class_alloc(unsigned ci)
{
	struct size_class *c = &classes[ci];
	struct slab *s = c->slabs;
	void *p;

	if (!s && !(s = slab_new(ci)))
		return NULL;
	if (s->free) {
		p = s->free;
		s->free = *(void **)p;
	} else {
		p = (char *)s + s->bump;
		s->bump += c->size;
	}
	if (s->used++ == 0)
		c->empty = 0;
	if (s->used == c->count)
		slab_unlink(c, s);
	kalloc_stat_alloc(c->size);
	return p;
}

/* The slab s of class c has just become empty: kept, or given back. */
static void slab_emptied(struct size_class *c, struct slab *s)
{
	if (!c->empty) {
		c->empty = 1; /* keep this one */
		return;
	}
	slab_unlink(c, s);
	buddy_free_run(s, 1);
}

/* Inlined into free, like class_alloc into malloc. */
static inline __attribute__((always_inline)) void class_free(void *p)
{
	struct slab *s = slab_of(p);
	struct size_class *c = &classes[s->cls];

	kalloc_stat_free(c->size);
	*(void **)p = s->free;
	s->free = p;
	if (!s->on_list)
		slab_link(c, s);
	if (--s->used == 0)
		slab_emptied(c, s);
}

size_t classes_reclaim(void)
{
	size_t n = 0;

	for (unsigned i = 0; i < CLASS_COUNT; i++) {
		struct slab *s = classes[i].slabs, *next;

		for (; s; s = next) {
			next = s->next;
			if (s->used)
				continue;
			slab_unlink(&classes[i], s);
			buddy_free_run(s, 1);
			n++;
		}
		classes[i].empty = 0;
	}
	return n;
}

/* Whole pages for a large request, as one buddy block (its order says its size). */
static void *large_alloc(size_t size, size_t align)
{
	size_t pages = size / KALLOC_PAGE_SIZE + (size % KALLOC_PAGE_SIZE != 0);
	unsigned k = buddy_order_for(pages);
	void *p;

	while (k <= BUDDY_MAX_ORDER && (KALLOC_PAGE_SIZE << k) < align)
		k++;
	if (size > ((size_t)KALLOC_PAGE_SIZE << BUDDY_MAX_ORDER) || k > BUDDY_MAX_ORDER)
		return NULL;
	p = buddy_alloc(k);
	if (!p && classes_reclaim())
		p = buddy_alloc(k);
	if (p)
		kalloc_stat_alloc(KALLOC_PAGE_SIZE << k);
	return p;
}

void *kalloc_malloc(size_t size)
{
	if (size <= CLASS_MAX)
		return kalloc_stat_result(class_alloc(class_by_16[(size + 15) >> 4]));
	return kalloc_stat_result(large_alloc(size, 0));
}

void kalloc_free(void *p)
{
	int k;

	if (!p)
		return;
	if ((uintptr_t)p & (KALLOC_PAGE_SIZE - 1)) {
		class_free(p);
		return;
	}
	k = buddy_order_of(p);
	if (k < 0)
		return; /* not ours: nothing safe to do with it */
	kalloc_stat_free(KALLOC_PAGE_SIZE << k);
	buddy_free_run(p, (size_t)1 << k);
}

size_t kalloc_usable_size(const void *p)
{
	int k;

	if (!p)
		return 0;
	if ((uintptr_t)p & (KALLOC_PAGE_SIZE - 1))
		return classes[slab_of(p)->cls].size;
	k = buddy_order_of(p);
	return k < 0 ? 0 : (size_t)KALLOC_PAGE_SIZE << k;
}

void *kalloc_realloc(void *p, size_t size)
{
	size_t have = kalloc_usable_size(p);
	void *q;

	if (!p)
		return kalloc_malloc(size);
	/* Stays where it is while it fits and would not fit a class at most half as big. */
	if (size <= have && (have <= 16 || size > have / 2))
		return p;
	q = kalloc_malloc(size);
	if (!q)
		return NULL;
	memcpy(q, p, size < have ? size : have);
	kalloc_free(p);
	return q;
}

void *kalloc_memalign(size_t align, size_t size)
{
	size_t want = size > align ? size : align;

	if (!align || (align & (align - 1)))
		return kalloc_stat_result(NULL);
	if (align <= KALLOC_ALIGN)
		return kalloc_malloc(size);
	if (want <= CLASS_MAX) {
		/* A class whose objects all sit on a multiple of align (see the top). */
		for (unsigned ci = class_by_16[(want + 15) >> 4]; ci < CLASS_COUNT; ci++)
			if (classes[ci].first % align == 0 && classes[ci].size % align == 0)
				return kalloc_stat_result(class_alloc(ci));
	}
	return kalloc_stat_result(large_alloc(size, align));
}

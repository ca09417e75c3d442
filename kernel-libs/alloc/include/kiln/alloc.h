/*
 * The allocator interface. Exactly one provider of "allocator" is in an image (the resolver
 * makes sure: alloc-buddy, alloc-region, ...), so the interface is a set of functions each
 * provider defines, bound at link time: a call costs what a direct call costs, with no
 * table of function pointers to go through. Everything else (calloc, posix_memalign, the
 * statistics, feeding the memory map in at boot) is generic and lives in this library.
 *
 * Contract of every provider:
 *   - Out of memory, a size that overflows, a bad alignment: NULL (or an error code), never
 *     a crash.
 *   - kalloc_malloc and kalloc_realloc return memory aligned to KALLOC_ALIGN (16, enough for
 *     any C type the guest uses); kalloc_malloc(0) returns a unique pointer.
 *   - kalloc_free(NULL) and kalloc_realloc(NULL, n) behave like free and malloc.
 *   - Pages: KALLOC_PAGE_SIZE bytes each, aligned to a page; kalloc_free_pages takes the same
 *     count kalloc_pages was given.
 *   - kalloc_info()->frees says whether freed memory can be used again (0 for the region
 *     allocator, whose free does nothing).
 * Not thread-safe yet: callers serialise (there is one thread until a scheduler exists).
 */
#ifndef KILN_ALLOC_H
#define KILN_ALLOC_H

#include <stddef.h>
#include <stdint.h>
#include <kiln/boot.h>
#include <kiln/compiler.h>

#define KALLOC_PAGE_SHIFT 12
#define KALLOC_PAGE_SIZE  (1ul << KALLOC_PAGE_SHIFT)
#define KALLOC_ALIGN	  16

/* The init level at which the memory map is handed to the provider: after the command line
 * (argparse copies it at KBOOT_LEVEL_ARGS), before libraries (KBOOT_LEVEL_LIB) that allocate. */
#define KBOOT_LEVEL_MEM 30

struct kalloc_info {
	const char *name; /* "buddy", "region", ... */
	int frees;	  /* 1: freed memory is used again */
};

/* Counters kept when the option ALLOC_STATS is on. */
struct kalloc_stats {
	uint64_t total;	 /* bytes handed to the allocator (the memory map's free RAM) */
	uint64_t in_use; /* bytes of live allocations, as usable size (pages for page calls) */
	uint64_t peak;	 /* highest in_use so far */
	uint64_t allocs; /* successful allocations (malloc, realloc moving, memalign, pages) */
	uint64_t frees;	 /* frees of a non-NULL pointer, free_pages */
	uint64_t failed; /* allocations that returned NULL */
};

/* --- implemented by the provider -------------------------------------------------------------- */

/* Gives [base, base + len) to the allocator; base and len are page-aligned. 0, or -1 when the
 * provider cannot take it (too many ranges): the range is then left unused. */
int kalloc_add_memory(void *base, size_t len);

void *kalloc_malloc(size_t size);
void kalloc_free(void *p);
void *kalloc_realloc(void *p, size_t size);
/* size bytes aligned to align, a power of two (any size, KALLOC_ALIGN and up are exact). */
void *kalloc_memalign(size_t align, size_t size);
/* Bytes usable at p (at least what was asked), 0 for NULL. */
size_t kalloc_usable_size(const void *p);

/* n contiguous pages (n > 0), page-aligned; NULL when there is no such run. */
void *kalloc_pages(size_t n);
void kalloc_free_pages(void *p, size_t n);

const struct kalloc_info *kalloc_info(void);

/* --- generic (this library) ------------------------------------------------------------------- */

/* n * size zeroed bytes; NULL when the product overflows or memory is out. */
void *kalloc_calloc(size_t n, size_t size);
/* posix_memalign's contract: EINVAL (22) unless align is a power of two and a multiple of
 * sizeof(void *); ENOMEM (12) when out of memory; 0 and *out set otherwise. */
int kalloc_posix_memalign(void **out, size_t align, size_t size);
/* C11 aligned_alloc: align a power of two; NULL otherwise. */
void *kalloc_aligned_alloc(size_t align, size_t size);

/* Copies the counters; -1 when ALLOC_STATS is off. */
int kalloc_stats(struct kalloc_stats *out);

/* For providers: the counters (each a no-op when ALLOC_STATS is off). */
extern struct kalloc_stats kalloc_counters;

static inline void kalloc_stat_alloc(size_t bytes)
{
#if IS_ENABLED(CONFIG_ALLOC_STATS)
	kalloc_counters.allocs++;
	kalloc_counters.in_use += bytes;
	if (kalloc_counters.in_use > kalloc_counters.peak)
		kalloc_counters.peak = kalloc_counters.in_use;
#else
	(void)bytes;
#endif
}

static inline void kalloc_stat_free(size_t bytes)
{
#if IS_ENABLED(CONFIG_ALLOC_STATS)
	kalloc_counters.frees++;
	kalloc_counters.in_use -= bytes;
#else
	(void)bytes;
#endif
}

static inline void *kalloc_stat_result(void *p)
{
#if IS_ENABLED(CONFIG_ALLOC_STATS)
	if (!p)
		kalloc_counters.failed++;
#endif
	return p;
}

#endif

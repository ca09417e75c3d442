/*
 * The heap newlib's malloc grows with _sbrk: the largest free region of the platform's
 * memory map, taken whole at the first call (the kernel itself allocates nothing from it).
 * An allocator interface (kiln/alloc.h) can take its place once malloc goes through it.
 */
#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <kiln/boot.h>
#include <kiln/plat.h>

#undef errno
extern int errno;

static uintptr_t heap_cur, heap_end;

static void heap_find(void)
{
	const struct plat_bootinfo *bi = kboot_info();
	uint64_t best = 0;

	for (size_t i = 0; bi && i < bi->nmem; i++) {
		const struct plat_memregion *m = &bi->mem[i];

		if (m->type == PLAT_MEM_FREE && m->len > best) {
			best = m->len;
			heap_cur = (uintptr_t)m->base;
			heap_end = (uintptr_t)(m->base + m->len);
		}
	}
	heap_cur = (heap_cur + 15) & ~(uintptr_t)15;
}

void *_sbrk(ptrdiff_t incr)
{
	uintptr_t old;

	if (!heap_end)
		heap_find();
	old = heap_cur;
	if (incr > 0 ? (uintptr_t)incr > heap_end - heap_cur : (uintptr_t)-incr > heap_cur) {
		errno = ENOMEM;
		return (void *)-1;
	}
	heap_cur += incr;
	return (void *)old;
}

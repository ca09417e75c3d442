/*
 * Feeding the allocator at boot: every free range of the platform's memory map goes to the
 * provider (kalloc_add_memory), page-aligned inwards, minus what is still in use although
 * the map calls it free:
 *   - page 0, so that no allocation is ever NULL or near it;
 *   - the initrd (the platform reports where the boot loader put it);
 *   - the command line, which the boot protocol left in RAM and kboot_info() still points at.
 * The image itself is not in the free ranges: the platform cut it out (kiln/plat.h).
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <kiln/alloc.h>
#include <kiln/boot.h>
#include <kiln/plat.h>

#define KALLOC_HOLES 3

struct kalloc_range {
	uint64_t lo, hi; /* [lo, hi) */
};

static uint64_t kalloc_page_down(uint64_t a)
{
	return a & ~(uint64_t)(KALLOC_PAGE_SIZE - 1);
}

static uint64_t kalloc_page_up(uint64_t a)
{
	return kalloc_page_down(a + KALLOC_PAGE_SIZE - 1);
}

/* Gives [lo, hi) minus holes[0..n-1] (page-aligned, possibly overlapping) to the provider. */
static void kalloc_give(uint64_t lo, uint64_t hi, const struct kalloc_range *holes, int n)
{
	if (lo >= hi)
		return;
	for (int i = 0; i < n; i++) {
		if (holes[i].hi <= lo || holes[i].lo >= hi)
			continue;
		/* This hole cuts the range in two; the others are tried on each side. */
		kalloc_give(lo, holes[i].lo, holes + i + 1, n - i - 1);
		kalloc_give(holes[i].hi, hi, holes + i + 1, n - i - 1);
		return;
	}
	if ((uintptr_t)lo != lo || (uintptr_t)(hi - lo) != hi - lo)
		return; /* beyond what a pointer reaches */
	if (kalloc_add_memory((void *)(uintptr_t)lo, (size_t)(hi - lo)) == 0)
		kalloc_counters.total += IS_ENABLED(CONFIG_ALLOC_STATS) ? hi - lo : 0;
}

static int kalloc_boot(void)
{
	const struct plat_bootinfo *bi = kboot_info();
	uint64_t cmd = (uint64_t)(uintptr_t)bi->cmdline;
	struct kalloc_range holes[KALLOC_HOLES] = {
		{ 0, KALLOC_PAGE_SIZE },
		{ kalloc_page_down(bi->initrd_base),
		  kalloc_page_up(bi->initrd_base + bi->initrd_len) },
		{ kalloc_page_down(cmd), kalloc_page_up(cmd + strlen(bi->cmdline) + 1) },
	};

	if (bi->initrd_len == 0)
		holes[1] = holes[0];
	for (size_t i = 0; i < bi->nmem; i++) {
		const struct plat_memregion *m = &bi->mem[i];

		if (m->type == PLAT_MEM_FREE)
			kalloc_give(kalloc_page_up(m->base), kalloc_page_down(m->base + m->len),
				    holes, KALLOC_HOLES);
	}
	return 0;
}
KBOOT_INIT(kalloc_boot, KBOOT_LEVEL_MEM);

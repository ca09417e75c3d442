/*
 * The memory map handed to kiln_boot(), built the same way whatever the boot protocol:
 * firmware entries go in one by one, RAM loses the image's own pages (the platform's linker
 * script brackets them with _kiln_image_start/_kiln_image_end), and anything that is not RAM
 * is kept as reserved so drivers can see where devices and ACPI tables are. RAM above the
 * first GiB is reported reserved too: start32.S maps only that GiB, and the allocator must
 * never hand out an address that faults.
 */
#include <stdint.h>
#include <kiln/plat.h>
#include <x86/pvh.h>

#define X86_E820_RAM   1
#define X86_MAPPED_TOP (1ull << 30) /* the first GiB, identity-mapped by start32.S */

extern const char _kiln_image_start[], _kiln_image_end[];

static void x86_memmap_put(struct plat_bootinfo *bi, struct plat_memregion *mem, uint64_t base,
			   uint64_t len, enum plat_mem_type type)
{
	if (len == 0 || bi->nmem >= X86_MEMMAP_MAX)
		return;
	mem[bi->nmem++] = (struct plat_memregion){ base, len, type };
}

void x86_memmap_add(struct plat_bootinfo *bi, struct plat_memregion *mem, uint64_t base,
		    uint64_t len, uint32_t e820_type)
{
	uint64_t img_lo = (uint64_t)(uintptr_t)_kiln_image_start;
	uint64_t img_hi = (uint64_t)(uintptr_t)_kiln_image_end;
	uint64_t end = base + len;

	bi->mem = mem;
	if (e820_type == X86_E820_RAM && end > X86_MAPPED_TOP) {
		uint64_t cut = base > X86_MAPPED_TOP ? base : X86_MAPPED_TOP;

		x86_memmap_put(bi, mem, cut, end - cut, PLAT_MEM_RESERVED);
		if (base >= X86_MAPPED_TOP)
			return;
		end = X86_MAPPED_TOP;
		len = end - base;
	}
	if (e820_type != X86_E820_RAM) {
		x86_memmap_put(bi, mem, base, len, PLAT_MEM_RESERVED);
		return;
	}
	if (end <= img_lo || base >= img_hi) {
		x86_memmap_put(bi, mem, base, len, PLAT_MEM_FREE);
		return;
	}
	/* The image splits this RAM region into what lies below and above it. */
	if (base < img_lo)
		x86_memmap_put(bi, mem, base, img_lo - base, PLAT_MEM_FREE);
	if (end > img_hi)
		x86_memmap_put(bi, mem, img_hi, end - img_hi, PLAT_MEM_FREE);
}

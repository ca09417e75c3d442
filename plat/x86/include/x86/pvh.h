/*
 * The PVH boot ABI shared by Xen and QEMU: the 32-bit entry point advertised by an ELF note
 * (XEN_ELFNOTE_PHYS32_ENTRY, type 18, name "Xen") is entered in flat 32-bit protected mode,
 * paging off, with %ebx holding the physical address of struct hvm_start_info.
 * Layout from Xen's public/arch-x86/hvm/start_info.h (version 1).
 */
#ifndef X86_PVH_H
#define X86_PVH_H

#define X86_PVH_MAGIC		  0x336ec578
#define X86_PVH_NOTE_PHYS32_ENTRY 18

#ifndef __ASSEMBLER__
#include <stdint.h>
#include <kiln/plat.h>

struct x86_pvh_start_info {
	uint32_t magic;
	uint32_t version;
	uint32_t flags;
	uint32_t nr_modules;
	uint64_t modlist_paddr;
	uint64_t cmdline_paddr;
	uint64_t rsdp_paddr;
	/* version >= 1 */
	uint64_t memmap_paddr;
	uint32_t memmap_entries;
	uint32_t reserved;
};

struct x86_pvh_module {
	uint64_t paddr;
	uint64_t size;
	uint64_t cmdline_paddr;
	uint64_t reserved;
};

/* Memory map entries carry E820 types (1 = RAM). */
struct x86_pvh_memmap_entry {
	uint64_t addr;
	uint64_t size;
	uint32_t type;
	uint32_t reserved;
};

/* Capacity of the memory map kept for the boot info. */
#define X86_MEMMAP_MAX 32

/*
 * Fills bi from a start info block: command line, memory map (RAM entries minus the image,
 * written to mem[], at most X86_MEMMAP_MAX), first module as initrd. Returns 0, or -1 when
 * the magic is wrong.
 */
int x86_pvh_parse(const struct x86_pvh_start_info *si, struct plat_bootinfo *bi,
		  struct plat_memregion *mem);

/*
 * Appends one region to a memory map under construction, cutting the image
 * [_kiln_image_start, _kiln_image_end) out of RAM. Shared by every boot protocol parser.
 */
void x86_memmap_add(struct plat_bootinfo *bi, struct plat_memregion *mem, uint64_t base,
		    uint64_t len, uint32_t e820_type);

#endif /* __ASSEMBLER__ */
#endif

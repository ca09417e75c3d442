/*
 * PVH start info (Xen's public/arch-x86/hvm/start_info.h) into the platform-neutral boot
 * info: command line, memory map (version 1 and later), first module as the initrd, and ACPI's RSDP
 * (x86/devmem.h). QEMU's PVH loader (microvm via qboot, pc via its pvh option ROM) and Xen fill the
 * same block.
 */
#include <stdint.h>
#include <kiln/plat.h>
#include <x86/devmem.h>
#include <x86/pvh.h>

static const char x86_pvh_empty[] = "";

uint64_t x86_pvh_rsdp;

int x86_pvh_parse(const struct x86_pvh_start_info *si, struct plat_bootinfo *bi,
		  struct plat_memregion *mem)
{
	if (si->magic != X86_PVH_MAGIC)
		return -1;
	bi->cmdline =
		si->cmdline_paddr ? (const char *)(uintptr_t)si->cmdline_paddr : x86_pvh_empty;
	bi->mem = mem;
	x86_pvh_rsdp = si->rsdp_paddr;
	if (si->version >= 1 && si->memmap_paddr) {
		const struct x86_pvh_memmap_entry *e =
			(const struct x86_pvh_memmap_entry *)(uintptr_t)si->memmap_paddr;

		for (uint32_t i = 0; i < si->memmap_entries; i++)
			x86_memmap_add(bi, mem, e[i].addr, e[i].size, e[i].type);
	}
	if (si->nr_modules && si->modlist_paddr) {
		const struct x86_pvh_module *m =
			(const struct x86_pvh_module *)(uintptr_t)si->modlist_paddr;

		bi->initrd_base = m->paddr;
		bi->initrd_len = m->size;
	}
	return 0;
}

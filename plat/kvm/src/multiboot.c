/*
 * Multiboot 1 information (multiboot spec §3.3) into the platform-neutral boot info. QEMU
 * -M pc with a multiboot kernel fills it: the command line is "<kernel path> <-append>", the
 * memory map comes from the firmware's E820 table, and modules (-initrd) follow.
 */
#include <stdint.h>
#include <kiln/plat.h>
#include <x86/pvh.h>
#include "kvm.h"

#define KVM_MBI_CMDLINE (1u << 2)
#define KVM_MBI_MODS	(1u << 3)
#define KVM_MBI_MMAP	(1u << 6)

struct kvm_mb_info {
	uint32_t flags;
	uint32_t mem_lower, mem_upper;
	uint32_t boot_device;
	uint32_t cmdline;
	uint32_t mods_count, mods_addr;
	uint32_t syms[4];
	uint32_t mmap_length, mmap_addr;
};

struct kvm_mb_module {
	uint32_t start, end;
	uint32_t cmdline;
	uint32_t reserved;
};

/* Entries are variable-sized: "size" counts the bytes after itself (spec §3.3). */
struct kvm_mb_mmap {
	uint32_t size;
	uint64_t addr;
	uint64_t len;
	uint32_t type;
} __attribute__((packed));

static const char kvm_mb_empty[] = "";

void kvm_multiboot_parse(const struct kvm_mb_info *mi, struct plat_bootinfo *bi,
			 struct plat_memregion *mem)
{
	bi->cmdline = (mi->flags & KVM_MBI_CMDLINE) && mi->cmdline
			      ? (const char *)(uintptr_t)mi->cmdline
			      : kvm_mb_empty;
	bi->mem = mem;
	if (mi->flags & KVM_MBI_MMAP) {
		uintptr_t p = mi->mmap_addr, end = p + mi->mmap_length;

		while (p + sizeof(struct kvm_mb_mmap) <= end) {
			const struct kvm_mb_mmap *e = (const struct kvm_mb_mmap *)p;

			x86_memmap_add(bi, mem, e->addr, e->len, e->type);
			p += e->size + sizeof(e->size);
		}
	}
	if ((mi->flags & KVM_MBI_MODS) && mi->mods_count) {
		const struct kvm_mb_module *m =
			(const struct kvm_mb_module *)(uintptr_t)mi->mods_addr;

		bi->initrd_base = m->start;
		bi->initrd_len = m->end - m->start;
	}
}

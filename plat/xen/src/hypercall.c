/*
 * Finding Xen and its hypercall page. Xen's CPUID leaves start at 0x40000000 or a multiple
 * of 0x100 above it (another hypervisor's leaves, such as Viridian's, may come first); the
 * signature "XenVMMXenVMM" marks them. Leaf base+2 names the MSR to which the guest writes
 * the physical address of a page; Xen then fills that page with the hypercall stubs
 * (arch-x86/cpuid.h). Runs before anything can print.
 */
#include <stdint.h>
#include <x86/cpu.h>
#include <xen/arch-x86/cpuid.h>
#include <xen/hvm/hvm_op.h>
#include <xen/memory.h>
#include <kiln/plat.h>
#include <kxen/hypercall.h>
#include <x86/pvh.h>
#include "xen.h"

#define KXEN_CPUID_END (XEN_CPUID_FIRST_LEAF + 0x10000)

uint8_t kxen_hypercall_page[4096] __attribute__((aligned(4096)));

/* Returns Xen's CPUID base, or 0 when this is not Xen. */
static uint32_t kxen_cpuid_base(void)
{
	uint32_t r[4];

	for (uint32_t base = XEN_CPUID_FIRST_LEAF; base < KXEN_CPUID_END; base += 0x100) {
		x86_cpuid(base, 0, r);
		if (r[1] == XEN_CPUID_SIGNATURE_EBX && r[2] == XEN_CPUID_SIGNATURE_ECX &&
		    r[3] == XEN_CPUID_SIGNATURE_EDX && r[0] >= base + 2)
			return base;
	}
	return 0;
}

int kxen_hypercall_init(void)
{
	uint32_t r[4];
	uint32_t base = kxen_cpuid_base();

	if (!base)
		return -1;
	x86_cpuid(base + 2, 0, r); /* eax: pages, ebx: MSR */
	if (r[0] < 1)
		return -1;
	kxen_wrmsr(r[1], (uint64_t)(uintptr_t)kxen_hypercall_page);
	return 0;
}

/* XENMEM_add_to_physmap (memory.h): Xen puts one of its frames (the shared info page, a
 * grant table frame) at the guest frame of page, replacing the RAM there. */
int kxen_map_frame(unsigned int space, unsigned long idx, void *page)
{
	struct xen_add_to_physmap xatp = {
		.domid = DOMID_SELF,
		.space = space,
		.idx = idx,
		.gpfn = (xen_pfn_t)((uintptr_t)page >> 12),
	};

	return KXEN_HC(memory_op, XENMEM_add_to_physmap, &xatp) == 0 ? 0 : -1;
}

/* One entry of XENMEM_memory_map's answer: the BIOS E820 format, 20 bytes packed. */
struct kxen_e820 {
	uint64_t addr, size;
	uint32_t type;
} __attribute__((packed));

/* XENMEM_memory_map (memory.h): the domain's pseudo-physical memory map, added to bi. Xen
 * gives it here to a PVH initial domain, whose start info may carry none. */
int kxen_memory_map(struct plat_bootinfo *bi, struct plat_memregion *mem)
{
	static struct kxen_e820 e820[X86_MEMMAP_MAX];
	struct xen_memory_map map = { .nr_entries = X86_MEMMAP_MAX };

	set_xen_guest_handle(map.buffer, e820);
	if (KXEN_HC(memory_op, XENMEM_memory_map, &map) != 0)
		return -1;
	for (unsigned int i = 0; i < map.nr_entries && i < X86_MEMMAP_MAX; i++)
		x86_memmap_add(bi, mem, e820[i].addr, e820[i].size, e820[i].type);
	return 0;
}

uint64_t kxen_hvm_param(uint32_t index)
{
	struct xen_hvm_param p = { .domid = DOMID_SELF, .index = index };

	if (KXEN_HC(hvm_op, HVMOP_get_param, &p) != 0)
		return 0;
	return p.value;
}

/*
 * The first C code of plat/kvm, called by x86_start32 on the boot stack in long mode: the
 * serial console first (so anything after can report), the exception table, then the boot
 * protocol's information turned into struct plat_bootinfo, and on into kiln_boot().
 */
#include <stdint.h>
#include <kiln/compiler.h>
#include <kiln/plat.h>
#include <kiln/printk.h>
#include <x86/pvh.h>
#include <x86/regs.h>
#include "kvm.h"

static struct plat_bootinfo kvm_bootinfo = { .cmdline = "" };
static struct plat_memregion kvm_mem[X86_MEMMAP_MAX];

/* Returns the protocol's name, or NULL when magic names none this image accepts. */
static const char *kvm_parse_bootinfo(uint32_t magic, uint32_t info)
{
	if (magic == X86_PVH_MAGIC) {
		const struct x86_pvh_start_info *si = (const void *)(uintptr_t)info;

		return x86_pvh_parse(si, &kvm_bootinfo, kvm_mem) == 0 ? "PVH" : NULL;
	}
	if (IS_ENABLED(CONFIG_PLAT_KVM_MULTIBOOT) && magic == KVM_MB_BOOT_MAGIC) {
		kvm_multiboot_parse((const void *)(uintptr_t)info, &kvm_bootinfo, kvm_mem);
		return "multiboot";
	}
	return NULL;
}

void x86_platform_entry(uint32_t magic, uint32_t info)
{
	kvm_tsc_calib_start();
	kvm_serial_init();
	x86_traps_init();
	const char *proto = kvm_parse_bootinfo(magic, info);
	if (!proto)
		printk_panic("plat-kvm: unknown boot protocol (magic %#x)", magic);
	kvm_bootinfo.cycles_at_entry = x86_boot_tsc;
	printk(PRINTK_DEBUG, "plat-kvm: booted through %s, command line \"%s\"\n", proto,
	       kvm_bootinfo.cmdline);
	for (size_t i = 0; i < kvm_bootinfo.nmem; i++)
		printk(PRINTK_DEBUG, "plat-kvm: memory 0x%012lx-0x%012lx %s\n",
		       (unsigned long)kvm_mem[i].base,
		       (unsigned long)(kvm_mem[i].base + kvm_mem[i].len),
		       kvm_mem[i].type == PLAT_MEM_FREE ? "free" : "reserved");
	kiln_boot(&kvm_bootinfo);
}

/*
 * The first C code of plat/xen, called by x86_start32 in long mode on the boot stack:
 * hypercalls first (everything else is a hypercall), then the console (so the rest can
 * report), exceptions, the shared info page, event channels, time, xenstore and grant
 * tables, and the PVH start info turned into struct plat_bootinfo for kiln_boot().
 */
#include <stdint.h>
#include <string.h>
#include <kiln/plat.h>
#include <x86/cpu.h>
#include <x86/pvh.h>
#include <x86/regs.h>
#include <xen/memory.h>
#include <kxen/hypercall.h>
#include "xen.h"

struct shared_info *kxen_shared;
static uint8_t kxen_shared_page[4096] __attribute__((aligned(4096)));
static int kxen_initial_domain;
static struct plat_bootinfo kxen_bootinfo;
static struct plat_memregion kxen_mem[X86_MEMMAP_MAX];

int kxen_is_initial_domain(void)
{
	return kxen_initial_domain;
}

/* Xen places its shared info page at a frame of our choosing. */
int kxen_shared_init(void)
{
	if (kxen_map_frame(XENMAPSPACE_shared_info, 0, kxen_shared_page) < 0)
		return -1;
	kxen_shared = (struct shared_info *)kxen_shared_page;
	return 0;
}

static __attribute__((noreturn)) void kxen_fail(const char *what)
{
	static const char prefix[] = "kiln: plat-xen: cannot set up ";

	plat_console_write(prefix, sizeof(prefix) - 1);
	plat_console_write(what, strlen(what));
	plat_console_write("\n", 1);
	plat_crash();
}

void x86_platform_entry(uint32_t magic, uint32_t info)
{
	const struct x86_pvh_start_info *si = (const struct x86_pvh_start_info *)(uintptr_t)info;

	if (magic != X86_PVH_MAGIC || kxen_hypercall_init() < 0)
		x86_halt_forever(); /* not Xen: no way to say so */
	kxen_initial_domain = (si->flags & SIF_INITDOMAIN) != 0;
	kxen_console_init();
	x86_traps_init();
	if (x86_pvh_parse(si, &kxen_bootinfo, kxen_mem) < 0)
		kxen_fail("boot info (bad PVH start info magic)");
	if (kxen_bootinfo.nmem == 0 && kxen_memory_map(&kxen_bootinfo, kxen_mem) < 0)
		kxen_fail("the memory map");
	if (kxen_shared_init() < 0)
		kxen_fail("the shared info page");
	if (kxen_events_init() < 0)
		kxen_fail("event channels");
	if (kxen_time_init() < 0)
		kxen_fail("the timer");
	if (kxen_gnttab_init() < 0)
		kxen_fail("grant tables");
	kxen_xs_init(); /* no xenstore is normal for the initial domain */
	kxen_bootinfo.cycles_at_entry = x86_boot_tsc;
	kiln_boot(&kxen_bootinfo);
}

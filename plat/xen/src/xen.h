/*
 * Private to plat/xen: the pieces setup.c strings together at boot, in the order it calls
 * them, and the shared info page they all read.
 */
#ifndef KXEN_XEN_H
#define KXEN_XEN_H

#include <stdint.h>
#include <kiln/plat.h>
#include <kxen/xen.h>

/* Hypercall page set up; -1 when not running on Xen (src/hypercall.c). */
int kxen_hypercall_init(void);

/* Places Xen's frame idx of space (XENMAPSPACE_*) at page's frame; -1 on failure. */
int kxen_map_frame(unsigned int space, unsigned long idx, void *page);
int kxen_memory_map(struct plat_bootinfo *bi, struct plat_memregion *mem);

/* Console: console_io for the initial domain, the PV console ring otherwise. */
void kxen_console_init(void);

/* Waits (bounded) until the console backend has read everything written. */
void kxen_console_flush(void);

/* Maps the shared info page (vcpu 0's time and event channel state). */
int kxen_shared_init(void);
extern struct shared_info *kxen_shared;

/* Event channel upcalls through an IDT vector; -1 when Xen lacks vector callbacks. */
#define KXEN_UPCALL_VECTOR 0xf3
int kxen_events_init(void);

/* The clock's zero point (system time at boot) and the timer's event channel. */
int kxen_time_init(void);

/* Xen's system time (what its timeouts take) at plat_time_ns() == ns. */
uint64_t kxen_system_at(uint64_t ns);

/* Xenstore's ring; -1 when there is none (the initial domain). */
int kxen_xs_init(void);

/* Grant table frames mapped; -1 on failure. */
int kxen_gnttab_init(void);

static inline void kxen_wrmsr(uint32_t msr, uint64_t v)
{
	__asm__ volatile("wrmsr" : : "c"(msr), "a"((uint32_t)v), "d"((uint32_t)(v >> 32)));
}

#endif

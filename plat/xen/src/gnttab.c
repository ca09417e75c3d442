/*
 * Grant table v1. An HVM or PVH guest asks Xen to place the table's frames in its own
 * physical address space (XENMEM_add_to_physmap, XENMAPSPACE_grant_table), here over a
 * page-aligned array, then writes entries into it directly. Order matters for an entry
 * (grant_table.h, "Introducing a valid entry"): frame and domid first, then flags, so the
 * other domain never sees a permit with stale fields. Entries below
 * GNTTAB_NR_RESERVED_ENTRIES belong to the toolstack (console and xenstore pages).
 */
#include <stdint.h>
#include <xen/memory.h>
#include <kxen/gnttab.h>
#include <kxen/hypercall.h>
#include "xen.h"

static volatile grant_entry_v1_t kxen_gnt[KXEN_GNTTAB_ENTRIES] __attribute__((aligned(4096)));
static uint64_t kxen_gnt_used[KXEN_GNTTAB_ENTRIES / 64];

int kxen_gnttab_init(void)
{
	for (unsigned int r = 0; r < GNTTAB_NR_RESERVED_ENTRIES; r++)
		kxen_gnt_used[r / 64] |= 1ull << (r % 64);
	return kxen_map_frame(XENMAPSPACE_grant_table, 0, (void *)kxen_gnt);
}

static int kxen_gnttab_alloc(void)
{
	for (unsigned int w = 0; w < KXEN_GNTTAB_ENTRIES / 64; w++) {
		if (kxen_gnt_used[w] == ~0ull)
			continue;
		unsigned int bit = (unsigned int)__builtin_ctzll(~kxen_gnt_used[w]);

		kxen_gnt_used[w] |= 1ull << bit;
		return (int)(w * 64 + bit);
	}
	return -1;
}

int kxen_gnttab_grant(domid_t dom, uint64_t gfn, int readonly)
{
	int ref = kxen_gnttab_alloc();

	if (ref < 0 || gfn > UINT32_MAX)
		return -1;
	kxen_gnt[ref].frame = (uint32_t)gfn;
	kxen_gnt[ref].domid = dom;
	__asm__ volatile("" ::: "memory"); /* x86 keeps the stores in order */
	kxen_gnt[ref].flags = (uint16_t)(GTF_permit_access | (readonly ? GTF_readonly : 0));
	return ref;
}

int kxen_gnttab_end(grant_ref_t ref)
{
	uint16_t flags;

	if (ref < GNTTAB_NR_RESERVED_ENTRIES || ref >= KXEN_GNTTAB_ENTRIES)
		return -1;
	/* Clear the permit only if Xen shows no mapping in use, atomically against Xen
	 * setting GTF_reading/GTF_writing (grant_table.h, "Invalidating an unused entry"). */
	flags = kxen_gnt[ref].flags;
	do {
		if (flags & (GTF_reading | GTF_writing))
			return -1;
	} while (!__atomic_compare_exchange_n(&kxen_gnt[ref].flags, &flags, 0, 0, __ATOMIC_SEQ_CST,
					      __ATOMIC_SEQ_CST));
	kxen_gnt_used[ref / 64] &= ~(1ull << (ref % 64));
	return 0;
}

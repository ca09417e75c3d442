/*
 * Grant tables, version 1 (xen/grant_table.h): a guest lets another domain map or copy one
 * of its pages by filling a grant entry and passing the entry's number (the grant
 * reference) to that domain, typically through xenstore. Split drivers (netfront, blkfront)
 * share their rings and buffers this way.
 */
#ifndef KXEN_GNTTAB_H
#define KXEN_GNTTAB_H

#include <stdint.h>
#include <kxen/xen.h>
#include <xen/grant_table.h>

/* Grants domain dom access to the page at guest frame number gfn. Returns the reference,
 * or -1 when the table is full. */
int kxen_gnttab_grant(domid_t dom, uint64_t gfn, int readonly);

/* Takes a grant back. Returns 0, or -1 while the other domain still has the page mapped
 * (then the grant stays valid). */
int kxen_gnttab_end(grant_ref_t ref);

/* Grant references this platform manages (one table frame of v1 entries). */
#define KXEN_GNTTAB_ENTRIES (4096 / sizeof(grant_entry_v1_t))

#endif

/*
 * Memory for threads (stack, TLS block, record) and their guard pages. The pages come from
 * the allocator interface (kiln/alloc.h); the guard page is made inaccessible through the
 * platform (plat_page_guard: page tables on x86, mprotect on linuxu), which may ask for a
 * page of its own to hold a page table.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <kiln/alloc.h>
#include <kiln/plat.h>
#include "thread.h"

void *ksched_pages(size_t n)
{
	return kalloc_pages(n);
}

void ksched_free_pages(void *p, size_t n)
{
	kalloc_free_pages(p, n);
}

/* A zeroed page the platform may keep for its page tables. */
static void *kstack_table_page(void)
{
	void *p = kalloc_pages(1);

	if (p)
		memset(p, 0, KALLOC_PAGE_SIZE);
	return p;
}

int ksched_guard(uintptr_t addr, int on)
{
	return plat_page_guard(addr, on, kstack_table_page);
}

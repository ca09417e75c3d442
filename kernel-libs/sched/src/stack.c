/*
 * Memory for threads (stack, TLS block, record) and their guard pages. The pages come from
 * a static pool until the allocator interface is merged; the guard page is made
 * inaccessible through the platform (plat_page_guard: page tables on x86, mprotect on
 * linuxu).
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <kiln/plat.h>
#include "thread.h"

#define KSTACK_POOL_PAGES 256

static char kstack_pool[KSTACK_POOL_PAGES * 4096] __attribute__((aligned(4096)));
static size_t kstack_used;

void *ksched_pages(size_t n)
{
	if (n > KSTACK_POOL_PAGES - kstack_used)
		return 0;
	void *p = kstack_pool + kstack_used * 4096;
	kstack_used += n;
	return p;
}

void ksched_free_pages(void *p, size_t n)
{
	(void)p;
	(void)n;
}

/* A zeroed page the platform may keep for its page tables. */
static void *kstack_table_page(void)
{
	void *p = ksched_pages(1);

	if (p)
		memset(p, 0, 4096);
	return p;
}

int ksched_guard(uintptr_t addr, int on)
{
	return plat_page_guard(addr, on, kstack_table_page);
}

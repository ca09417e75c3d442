/*
 * What the sched library asks of the x86 platforms (kiln/plat.h), compiled only when it is
 * in the image. The thread pointer is the FS base, written to its MSR (IA32_FS_BASE,
 * SDM vol. 4 §2.1; the FS selector stays the flat data segment). A guard page is a page
 * whose entry is not present: start32.S maps the first GiB with 2 MiB pages, so the first
 * guard in a 2 MiB region replaces its large page by a table of 512 small ones (SDM vol. 3
 * §4.5, table 4-18), taken from the caller, the same way start32.S does for the boot
 * stack's guard. Each change drops the stale TLB entry with invlpg or a CR3 reload (SDM vol. 3
 * §4.10.4.1).
 */
#include <stdint.h>
#include <kiln/plat.h>
#include <x86/asm.h>

#define X86_MSR_FS_BASE	  0xc0000100
#define X86_PAGE	  4096ull
#define X86_LARGE_PAGE	  0x200000ull
#define X86_MAPPED_END	  0x40000000ull /* start32.S maps the first GiB */
#define X86_PTE_ADDR_MASK 0x000ffffffffff000ull

extern uint64_t x86_pd_low[512];

void plat_tls_set(uintptr_t tp)
{
	__asm__ volatile("wrmsr"
			 :
			 : "c"(X86_MSR_FS_BASE), "a"((uint32_t)tp), "d"((uint32_t)(tp >> 32))
			 : "memory");
}

/* The page table of addr's 2 MiB region, made from its large page when it has none. */
static uint64_t *x86_small_pages(uintptr_t addr, void *(*table_page)(void))
{
	uint64_t *pde = &x86_pd_low[addr / X86_LARGE_PAGE];

	if (!(*pde & X86_PTE_PS))
		return (uint64_t *)(uintptr_t)(*pde & X86_PTE_ADDR_MASK);
	uint64_t *pt = table_page ? table_page() : 0;
	if (!pt || (uintptr_t)pt % X86_PAGE)
		return 0;
	uint64_t base = *pde & X86_PTE_ADDR_MASK & ~(X86_LARGE_PAGE - 1);
	for (int i = 0; i < 512; i++)
		pt[i] = (base + i * X86_PAGE) | X86_PTE_TABLE;
	*pde = (uint64_t)(uintptr_t)pt | X86_PTE_TABLE;
	/* Drop the large page's TLB entry: reloading CR3 flushes every non-global one. */
	__asm__ volatile("mov %%cr3, %%rax; mov %%rax, %%cr3" : : : "rax", "memory");
	return pt;
}

int plat_page_guard(uintptr_t addr, int guard, void *(*table_page)(void))
{
	if (addr % X86_PAGE || addr >= X86_MAPPED_END)
		return -1;
	uint64_t *pt = x86_small_pages(addr, table_page);
	if (!pt)
		return -1;
	pt[(addr / X86_PAGE) % 512] = guard ? 0 : addr | X86_PTE_TABLE;
	__asm__ volatile("invlpg (%0)" : : "r"(addr) : "memory");
	return 0;
}

/*
 * Device memory mapped on demand, and ACPI's RSDP (x86/devmem.h). The page tables are
 * start32.S's: PML4[0] -> one PDPT whose entries 0 and 3 hold the first and fourth GiB; a
 * device in the second or third GiB gets a page directory from a static pair here, filled
 * with uncached 2 MiB pages (PCD|PWT, SDM vol. 3 §4.9.2, table 4-17's PS bit). The tables
 * are reached through CR3: memory is identity-mapped, so their physical addresses are
 * pointers. Only entries not present are written, so no stale TLB entry can exist; a page
 * already present (RAM) stays as it is. Compiled only with the pci library (lib.json).
 */
#include <stdint.h>
#include <x86/asm.h>
#include <x86/devmem.h>

#define X86_GIB		  (1ull << 30)
#define X86_LARGE_PAGE	  0x200000ull
#define X86_PTE_ADDR_MASK 0x000ffffffffff000ull

static uint64_t x86_pd_mid[2][512] __attribute__((aligned(4096))); /* GiB 1 and 2 */

static uint64_t *x86_table(uint64_t entry)
{
	return (uint64_t *)(uintptr_t)(entry & X86_PTE_ADDR_MASK);
}

/* The page directory of GiB g (< 4), made when it has none. */
static uint64_t *x86_gib_pd(unsigned int g)
{
	uint64_t cr3, *pdpt;

	__asm__ volatile("mov %%cr3, %0" : "=r"(cr3));
	pdpt = x86_table(x86_table(cr3)[0]);
	if (!(pdpt[g] & X86_PTE_PRESENT)) {
		if (g != 1 && g != 2)
			return 0; /* start32.S maps 0 and 3 */
		pdpt[g] = (uint64_t)(uintptr_t)x86_pd_mid[g - 1] | X86_PTE_TABLE;
	}
	return x86_table(pdpt[g]);
}

int x86_map_device(uint64_t base, uint64_t len)
{
	uint64_t end = base + len;

	if (len == 0)
		return 0;
	if (end < base || end > 4 * X86_GIB)
		return -1;
	for (uint64_t a = base & ~(X86_LARGE_PAGE - 1); a < end; a += X86_LARGE_PAGE) {
		uint64_t *pd = x86_gib_pd((unsigned int)(a / X86_GIB));
		uint64_t *pde;

		if (!pd)
			return -1;
		pde = &pd[(a % X86_GIB) / X86_LARGE_PAGE];
		if (!(*pde & X86_PTE_PRESENT))
			*pde = a | X86_PTE_LARGE | X86_PTE_NOCACHE;
	}
	return 0;
}

/* An RSDP at a: "RSD PTR " and its first 20 bytes summing to 0 (ACPI 6.4 §5.2.5.3). */
static int x86_rsdp_at(uint64_t a)
{
	const uint8_t *p = (const uint8_t *)(uintptr_t)a;
	uint8_t sum = 0;

	for (int i = 0; i < 8; i++)
		if (p[i] != (uint8_t) "RSD PTR "[i])
			return 0;
	for (int i = 0; i < 20; i++)
		sum += p[i];
	return sum == 0;
}

static uint64_t x86_rsdp_scan(uint64_t from, uint64_t to)
{
	for (uint64_t a = from; a + 20 <= to; a += 16)
		if (x86_rsdp_at(a))
			return a;
	return 0;
}

uint64_t x86_acpi_rsdp(void)
{
	uintptr_t bda = 0x400; /* the BIOS data area; the EBDA's segment is at 0x40e */
	uint64_t ebda, a = 0;

	if (x86_pvh_rsdp)
		return x86_pvh_rsdp;
	__asm__("" : "+r"(bda)); /* a pointer GCC cannot take for NULL plus a small offset */
	ebda = (uint64_t) * (const volatile uint16_t *)(bda + 0x0e) << 4;
	if (ebda >= 0x80000 && ebda < 0xa0000)
		a = x86_rsdp_scan(ebda, ebda + 1024);
	return a ? a : x86_rsdp_scan(0xe0000, 0x100000);
}

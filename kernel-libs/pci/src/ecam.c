/*
 * ECAM, PCI Express's memory-mapped configuration space (PCIe 4.0 §7.2.2): 4 KiB per
 * function at base + (bus << 20 | device << 15 | function << 12). Its base comes from
 * ACPI's MCFG table (PCI Firmware 3.0 §4.1.2): RSDP -> XSDT (ACPI 2.0 and later, 64-bit
 * entries) or RSDT (32-bit entries) -> the table signed "MCFG", whose allocation structures
 * (16 bytes each after a 36-byte header and 8 reserved bytes) give a base, a segment group
 * and a range of buses; the base is bus 0's even when the range starts later. Segment
 * group 0 is the one kept. Machines without an MCFG (QEMU's pc, microvm) keep port I/O.
 */
#include <stdint.h>
#include <string.h>
#include <kiln/printk.h>
#include <x86/devmem.h>
#include "pci_int.h"

#define ACPI_HDR       36 /* signature, length, revision, checksum, OEM fields, creator */
#define MCFG_ENTRIES   (ACPI_HDR + 8)
#define MCFG_ENTRY     16
#define ACPI_TABLE_MAX (1u << 20) /* a length beyond this is taken for garbage */

volatile uint8_t *kpci_ecam;
uint8_t kpci_ecam_last_bus;

static uint32_t get32(const uint8_t *p)
{
	uint32_t v;

	memcpy(&v, p, 4);
	return v;
}

static uint64_t get64(const uint8_t *p)
{
	uint64_t v;

	memcpy(&v, p, 8);
	return v;
}

/* The table at a, mapped and checked (its bytes sum to 0), or NULL. */
static const uint8_t *acpi_table(uint64_t a)
{
	const uint8_t *t = (const uint8_t *)(uintptr_t)a;
	uint32_t len;
	uint8_t sum = 0;

	if (!a || x86_map_device(a, ACPI_HDR) < 0)
		return NULL;
	len = get32(t + 4);
	if (len < ACPI_HDR || len > ACPI_TABLE_MAX || x86_map_device(a, len) < 0)
		return NULL;
	for (uint32_t i = 0; i < len; i++)
		sum += t[i];
	return sum == 0 ? t : NULL;
}

/* The MCFG among the root table's entries (4 or 8 bytes wide), or NULL. */
static const uint8_t *find_mcfg(const uint8_t *root, unsigned int width)
{
	uint32_t n = (get32(root + 4) - ACPI_HDR) / width;

	for (uint32_t i = 0; i < n; i++) {
		const uint8_t *e = root + ACPI_HDR + i * width;
		const uint8_t *t = acpi_table(width == 8 ? get64(e) : get32(e));

		if (t && memcmp(t, "MCFG", 4) == 0)
			return t;
	}
	return NULL;
}

static const uint8_t *acpi_mcfg(void)
{
	const uint8_t *rsdp = (const uint8_t *)(uintptr_t)x86_acpi_rsdp(), *root;

	if (!rsdp)
		return NULL;
	/* ACPI 6.4 §5.2.5.3: revision (offset 15) 2 or more has the XSDT's address at 24. */
	if (rsdp[15] >= 2 && (root = acpi_table(get64(rsdp + 24))) && !memcmp(root, "XSDT", 4))
		return find_mcfg(root, 8);
	if ((root = acpi_table(get32(rsdp + 16))) && !memcmp(root, "RSDT", 4))
		return find_mcfg(root, 4);
	return NULL;
}

void kpci_ecam_init(void)
{
	const uint8_t *mcfg = acpi_mcfg();
	uint32_t n = mcfg ? (get32(mcfg + 4) - MCFG_ENTRIES) / MCFG_ENTRY : 0;

	for (uint32_t i = 0; i < n && mcfg; i++) {
		const uint8_t *e = mcfg + MCFG_ENTRIES + i * MCFG_ENTRY;
		uint64_t base = get64(e);
		uint8_t first = e[10], last = e[11];

		if (get32(e + 8) & 0xffff || first != 0) /* segment group 0, from bus 0 */
			continue;
		if (x86_map_device(base, ((uint64_t)last + 1) << 20) < 0) {
			printk(PRINTK_WARN, "pci: ECAM at 0x%llx cannot be mapped\n",
			       (unsigned long long)base);
			continue;
		}
		kpci_ecam = (volatile uint8_t *)(uintptr_t)base;
		kpci_ecam_last_bus = last;
		return;
	}
}

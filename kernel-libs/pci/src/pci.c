/*
 * PCI configuration space: through ECAM's memory window when ACPI names one (ecam.c: -M
 * q35), one load or store of the access's width; else through configuration mechanism #1
 * (PCI 3.0 §3.2.2.3.2): the address of a dword goes to I/O port 0xcf8 (enable bit 31, bus,
 * device, function, register), and the dword is read or written at 0xcfc; narrower accesses
 * use the byte lanes 0xcfc + (offset & 3). Interrupts are held off between the two port
 * accesses so that an interrupt handler touching configuration space cannot change the
 * address in between.
 */
#include <kiln/pci.h>
#include <kiln/plat.h>
#include <x86/cpu.h>
#include "pci_int.h"

#define PCI_ADDR_PORT 0xcf8
#define PCI_DATA_PORT 0xcfc

static uint32_t cfg_addr(const struct kpci_dev *d, unsigned int off)
{
	return 0x80000000u | (uint32_t)d->bus << 16 | (uint32_t)d->slot << 11 |
	       (uint32_t)d->fn << 8 | (off & 0xfc);
}

/* Interrupts off around the address/data pair; returns whether they were on. */
static int cfg_begin(const struct kpci_dev *d, unsigned int off)
{
	int on = plat_irq_enabled();

	plat_irq_disable();
	x86_outl(PCI_ADDR_PORT, cfg_addr(d, off));
	return on;
}

static void cfg_end(int on)
{
	if (on)
		plat_irq_enable();
}

/* The function's register off in the ECAM window. A bus beyond the window reads as all
 * ones, as a missing function does, and writes to it go nowhere. */
static volatile void *ecam(const struct kpci_dev *d, unsigned int off)
{
	return kpci_ecam + ((uint32_t)d->bus << 20 | (uint32_t)d->slot << 15 |
			    (uint32_t)d->fn << 12 | (off & 0xfff));
}

static int ecam_has(const struct kpci_dev *d)
{
	return d->bus <= kpci_ecam_last_bus;
}

uint32_t kpci_read32(const struct kpci_dev *d, unsigned int off)
{
	if (kpci_ecam)
		return ecam_has(d) ? *(volatile uint32_t *)ecam(d, off & ~3u) : 0xffffffffu;
	int on = cfg_begin(d, off);
	uint32_t v = x86_inl(PCI_DATA_PORT);

	cfg_end(on);
	return v;
}

uint16_t kpci_read16(const struct kpci_dev *d, unsigned int off)
{
	if (kpci_ecam)
		return ecam_has(d) ? *(volatile uint16_t *)ecam(d, off & ~1u) : 0xffff;
	int on = cfg_begin(d, off);
	uint16_t v = x86_inw(PCI_DATA_PORT + (off & 2));

	cfg_end(on);
	return v;
}

uint8_t kpci_read8(const struct kpci_dev *d, unsigned int off)
{
	if (kpci_ecam)
		return ecam_has(d) ? *(volatile uint8_t *)ecam(d, off) : 0xff;
	int on = cfg_begin(d, off);
	uint8_t v = x86_inb(PCI_DATA_PORT + (off & 3));

	cfg_end(on);
	return v;
}

void kpci_write32(const struct kpci_dev *d, unsigned int off, uint32_t v)
{
	if (kpci_ecam) {
		if (ecam_has(d))
			*(volatile uint32_t *)ecam(d, off & ~3u) = v;
		return;
	}
	int on = cfg_begin(d, off);

	x86_outl(PCI_DATA_PORT, v);
	cfg_end(on);
}

void kpci_write16(const struct kpci_dev *d, unsigned int off, uint16_t v)
{
	if (kpci_ecam) {
		if (ecam_has(d))
			*(volatile uint16_t *)ecam(d, off & ~1u) = v;
		return;
	}
	int on = cfg_begin(d, off);

	x86_outw(PCI_DATA_PORT + (off & 2), v);
	cfg_end(on);
}

/* PCI 3.0 §6.2.5.1: bit 0 set is an I/O BAR; bits 2:1 == 2 a 64-bit memory BAR whose high
 * half is the next BAR; the low 4 bits of a memory BAR are flags. */
uint64_t kpci_bar_addr(const struct kpci_dev *d, unsigned int n)
{
	if (n > 5)
		return 0;
	uint32_t lo = kpci_read32(d, KPCI_BAR0 + 4 * n);

	if (lo & 1)
		return 0;
	uint64_t addr = lo & ~0xfull;
	if (((lo >> 1) & 3) == 2 && n < 5)
		addr |= (uint64_t)kpci_read32(d, KPCI_BAR0 + 4 * (n + 1)) << 32;
	return addr;
}

/* PCI 3.0 §6.7: a list of (id, next) bytes from the pointer at 0x34, dword aligned. */
unsigned int kpci_cap_find(const struct kpci_dev *d, uint8_t id, unsigned int from)
{
	if (!(kpci_read16(d, KPCI_STATUS) & KPCI_STATUS_CAPLIST))
		return 0;
	unsigned int off = from ? kpci_read8(d, from + 1) : kpci_read8(d, KPCI_CAP_PTR);

	for (int guard = 0; off >= 0x40 && guard < 48; guard++) {
		off &= 0xfc;
		if (kpci_read8(d, off) == id)
			return off;
		off = kpci_read8(d, off + 1);
	}
	return 0;
}

void kpci_enable(const struct kpci_dev *d)
{
	uint16_t cmd = kpci_read16(d, KPCI_COMMAND);

	kpci_write16(d, KPCI_COMMAND, cmd | KPCI_CMD_MEMORY | KPCI_CMD_MASTER);
}

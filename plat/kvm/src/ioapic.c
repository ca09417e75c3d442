/*
 * The I/O APIC (Intel 82093AA datasheet) at its usual 0xfec00000, which QEMU's pc and
 * microvm machines both place there: an index register (IOREGSEL, offset 0x00) and a data
 * window (IOWIN, 0x10). Register 0x01 holds the version and, in bits 23:16, the highest
 * redirection entry; entry n is registers 0x10 + 2n (low) and 0x11 + 2n (high, destination
 * in bits 31:24). Inputs 0-15 are the ISA interrupts (edge, active high), 16 and up PCI's
 * (level, active low), as QEMU wires them; without parsing the ACPI MADT's overrides, ISA
 * IRQ 0 (the PIT) is input 2 under QEMU, and input 0 is the PIC's, left masked.
 */
#include <stdint.h>
#include <kiln/plat.h>
#include "apic.h"

#define IOAPIC_BASE	  0xfec00000ul
#define IOAPIC_VER	  0x01
#define IOAPIC_REDTBL	  0x10
#define IOAPIC_MASKED	  (1u << 16)
#define IOAPIC_LEVEL	  (1u << 15)
#define IOAPIC_ACTIVE_LOW (1u << 13)
#define IOAPIC_ISA_PINS	  16

static inline uint32_t ioapic_read(uint32_t reg)
{
	*(volatile uint32_t *)IOAPIC_BASE = reg;
	return *(volatile uint32_t *)(IOAPIC_BASE + 0x10);
}

static inline void ioapic_write(uint32_t reg, uint32_t v)
{
	*(volatile uint32_t *)IOAPIC_BASE = reg;
	*(volatile uint32_t *)(IOAPIC_BASE + 0x10) = v;
}

static uint32_t ioapic_entry(unsigned int pin, int masked)
{
	uint32_t lo = KVM_VEC_IRQ + pin; /* fixed delivery, physical destination */

	if (pin >= IOAPIC_ISA_PINS)
		lo |= IOAPIC_LEVEL | IOAPIC_ACTIVE_LOW;
	return masked ? lo | IOAPIC_MASKED : lo;
}

unsigned int kvm_ioapic_init(void)
{
	uint32_t ver = ioapic_read(IOAPIC_VER);

	if (ver == 0xffffffffu) /* nothing answers at the address */
		return 0;
	unsigned int pins = ((ver >> 16) & 0xff) + 1;
	if (pins > PLAT_IRQ_MAX)
		pins = PLAT_IRQ_MAX;
	for (unsigned int pin = 0; pin < pins; pin++) {
		ioapic_write(IOAPIC_REDTBL + 2 * pin + 1, 0); /* to local APIC 0, the boot CPU */
		ioapic_write(IOAPIC_REDTBL + 2 * pin, ioapic_entry(pin, 1));
	}
	return pins;
}

void kvm_ioapic_set_masked(unsigned int pin, int masked)
{
	ioapic_write(IOAPIC_REDTBL + 2 * pin, ioapic_entry(pin, masked));
}

void kvm_ioapic_route(unsigned int pin, uint8_t vector, int masked)
{
	ioapic_write(IOAPIC_REDTBL + 2 * pin, masked ? vector | IOAPIC_MASKED : vector);
}

/*
 * Interrupts on plat/kvm: the 8259 PICs remapped to vectors 0x20-0x2f and masked (8259A
 * datasheet, ICW1-ICW4 then OCW1), the I/O APIC for device inputs (ioapic.c), the local
 * APIC for the timer, EOIs and software interrupts (lapic.c). kvm_intr() is where every
 * vector from 32 up lands (intr.S): sources go to the irq library, everything else is
 * counted as spurious. Vector layout in apic.h.
 */
#include <stdint.h>
#include <kiln/plat.h>
#include <x86/cpu.h>
#include <x86/regs.h>
#include "apic.h"

#define PIC1_CMD      0x20
#define PIC1_DATA     0x21
#define PIC2_CMD      0xa0
#define PIC2_DATA     0xa1
#define PIC_ICW1      0x11 /* edge, cascade, ICW4 follows */
#define PIC_ICW4_8086 0x01
#define PIC_EOI	      0x20

extern const char kvm_intr_stubs[];
void kvm_intr(uint64_t vector);

static uint64_t kvm_spurious;
static unsigned int kvm_ioapic_pins;
static unsigned int kvm_soft_first; /* the first source above the I/O APIC's inputs */
static unsigned int kvm_soft_given;

static void kvm_pic_disable(void)
{
	x86_outb(PIC1_CMD, PIC_ICW1);
	x86_outb(PIC2_CMD, PIC_ICW1);
	x86_outb(PIC1_DATA, KVM_VEC_PIC); /* ICW2: vector base */
	x86_outb(PIC2_DATA, KVM_VEC_PIC + 8);
	x86_outb(PIC1_DATA, 1u << 2); /* ICW3: slave on IR2 */
	x86_outb(PIC2_DATA, 2);
	x86_outb(PIC1_DATA, PIC_ICW4_8086);
	x86_outb(PIC2_DATA, PIC_ICW4_8086);
	x86_outb(PIC1_DATA, 0xff); /* OCW1: every input masked */
	x86_outb(PIC2_DATA, 0xff);
}

void kvm_intr(uint64_t vector)
{
	if (vector >= KVM_VEC_IRQ && vector < KVM_VEC_IRQ + PLAT_IRQ_MAX) {
		kirq_handle((unsigned int)(vector - KVM_VEC_IRQ));
		kvm_lapic_eoi();
		kirq_exit();
		return;
	}
	kvm_spurious++;
	/* The APIC's spurious vector wants no EOI (SDM vol. 3 §10.9), nor does the PIC's
	 * spurious IRQ 7; a spurious IRQ 15 leaves the master's cascade input in service. A
	 * vector the local APIC did deliver (a stray IPI, a vector no source uses) is in its
	 * in-service register and needs the EOI, else its priority class stays blocked. */
	if (vector == KVM_VEC_PIC + 15)
		x86_outb(PIC1_CMD, PIC_EOI);
	if (kvm_lapic_in_service((uint8_t)vector))
		kvm_lapic_eoi();
}

void plat_irq_raise_spurious(void)
{
	/* A software interrupt through the gate of the PIC's IRQ 7 vector: what a glitch on a
	 * masked 8259 input delivers, and nothing in service at either controller. */
	__asm__ volatile("int %0" : : "i"(KVM_VEC_PIC + 7));
}

int plat_irq_init(void)
{
	kvm_pic_disable();
	for (unsigned int v = 32; v < 256; v++)
		x86_idt_set((uint8_t)v, (void (*)(void))(kvm_intr_stubs + 16 * (v - 32)));
	kvm_lapic_init();
	kvm_ioapic_pins = kvm_ioapic_init();
	kvm_soft_first = kvm_ioapic_pins > 16 ? kvm_ioapic_pins : 24;
	return kvm_lapic_timer_init();
}

int kvm_irq_routed(unsigned int irq)
{
	return irq != PLAT_IRQ_TIMER && irq < kvm_ioapic_pins;
}

void plat_irq_set_masked(unsigned int irq, int masked)
{
	if (irq != PLAT_IRQ_TIMER && irq < kvm_ioapic_pins)
		kvm_ioapic_set_masked(irq, masked);
}

int plat_irq_raise(unsigned int irq)
{
	if (irq >= PLAT_IRQ_MAX)
		return -1;
	kvm_lapic_self_ipi((uint8_t)(KVM_VEC_IRQ + irq));
	return 0;
}

/*
 * Software sources are handed out one per priority class in turn (the local APIC's class is
 * vector / 16, SDM vol. 3 §10.8.3.1), lowest class first: a source allocated later than
 * another in another class can interrupt its handler, as a nested interrupt must.
 */
int plat_irq_alloc_soft(void)
{
	unsigned int span = PLAT_IRQ_MAX - kvm_soft_first;
	unsigned int classes = (span + 15) / 16;

	while (kvm_soft_given < classes * 16) {
		unsigned int i = kvm_soft_given++;
		unsigned int irq = kvm_soft_first + (i % classes) * 16 + i / classes;

		if (irq < PLAT_IRQ_MAX)
			return (int)irq;
	}
	return -1;
}

uint64_t plat_irq_spurious(void)
{
	return kvm_spurious;
}

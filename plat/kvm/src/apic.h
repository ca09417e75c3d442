/*
 * Private to plat/kvm's interrupt code: the vectors it uses and the local APIC's pieces
 * (lapic.c) that the dispatcher (irq.c) calls.
 *
 * Vectors: 0x20-0x2f the 8259 PICs, remapped off the exceptions and masked (only their
 * spurious IRQ 7 and 15 can arrive); 0x30 + n for source n < PLAT_IRQ_MAX (I/O APIC input n
 * for n < 24, the local APIC timer for PLAT_IRQ_TIMER = 0, whose I/O APIC input is the
 * PIC's ExtINT and stays masked; software sources above the I/O APIC's inputs); 0xff the
 * local APIC's spurious vector.
 */
#ifndef KVM_APIC_H
#define KVM_APIC_H

#include <stdint.h>

#define KVM_VEC_PIC	 0x20
#define KVM_VEC_IRQ	 0x30
#define KVM_VEC_SPURIOUS 0xff

/* Enables the local APIC with the spurious vector, LINT0/1 and the timer masked. */
void kvm_lapic_init(void);

/* Ends the interrupt in service (SDM vol. 3 §10.8.5). */
void kvm_lapic_eoi(void);

/* Whether vector is in service at the local APIC (ISR, SDM vol. 3 §10.8.4). */
int kvm_lapic_in_service(uint8_t vector);

/* Sends vector to this CPU (ICR, destination shorthand "self", SDM vol. 3 §10.6.1). */
void kvm_lapic_self_ipi(uint8_t vector);

/* Measures the timer's rate against plat_time_ns(); 0, or -1 when it does not count. */
int kvm_lapic_timer_init(void);

/* The I/O APIC: every input masked, input n routed to vector KVM_VEC_IRQ + n. Returns the
 * number of inputs (0 when there is no I/O APIC). */
unsigned int kvm_ioapic_init(void);
/* Whether a source reaches the CPU through an I/O APIC input (irq.c). */
int kvm_irq_routed(unsigned int irq);
void kvm_ioapic_set_masked(unsigned int pin, int masked);

/* Routes input pin to vector (edge, active high, as the ISA inputs are), masked or not. */
void kvm_ioapic_route(unsigned int pin, uint8_t vector, int masked);

/* The PIT as the one-shot timer (pit.c), where the local APIC timer does not count. */
void kvm_pit_init(void);
void kvm_pit_set(uint64_t deadline_ns);

#endif

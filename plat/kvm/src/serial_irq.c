/*
 * COM1's input by interrupt, when the irq library is in the image: the UART raises ISA
 * IRQ 4 when a byte arrives (IER's "received data available", 16550 datasheet; MCR's OUT2
 * gates the line on PC hardware), the I/O APIC delivers it through kiln/irq.h, and the
 * handler moves every waiting byte into a ring, so input typed while the program is busy
 * waits there instead of overflowing the UART's 16-byte FIFO. A reader with nothing to
 * read halts until the next interrupt instead of polling. Without an I/O APIC input for
 * IRQ 4, or without the irq library, serial.c polls as before.
 */
#include <stddef.h>
#include <stdint.h>
#include <kiln/boot.h>
#include <kiln/irq.h>
#include <kiln/plat.h>
#include <x86/cpu.h>
#include "apic.h"
#include "kvm.h"

#define COM1		 0x3f8
#define UART_RBR	 0
#define UART_IER	 1
#define UART_MCR	 4
#define UART_LSR	 5
#define UART_IER_RDA	 0x01 /* interrupt on received data */
#define UART_MCR_DTR_RTS 0x03
#define UART_MCR_OUT2	 0x08
#define UART_LSR_DR	 0x01
#define KVM_SERIAL_IRQ	 4    /* COM1 on the ISA bus */
#define KVM_SERIAL_RING	 1024 /* a power of two */

static char kvm_serial_ring[KVM_SERIAL_RING];
static unsigned int kvm_serial_head, kvm_serial_tail; /* free-running: written, read */
int kvm_serial_irq_on;

/* Interrupts off: every byte the UART holds into the ring; past a full ring, dropped. */
static void kvm_serial_drain(void)
{
	while (x86_inb(COM1 + UART_LSR) & UART_LSR_DR) {
		char c = (char)x86_inb(COM1 + UART_RBR);

		if (kvm_serial_head - kvm_serial_tail < KVM_SERIAL_RING)
			kvm_serial_ring[kvm_serial_head++ % KVM_SERIAL_RING] = c;
	}
}

static void kvm_serial_intr(unsigned int irq, void *arg)
{
	(void)irq;
	(void)arg;
	kvm_serial_drain();
}

/* serial.c's plat_console_read with the interrupt on: what the ring holds; when it is
 * empty and interrupts are on, after the next interrupt (a byte, or the timer). */
long kvm_serial_irq_read(char *buf, size_t len)
{
	int on = plat_irq_enabled();
	size_t n = 0;

	plat_irq_disable();
	kvm_serial_drain(); /* bytes whose interrupt is still to come */
	if (kvm_serial_head == kvm_serial_tail && on) {
		plat_halt_until_irq();
		plat_irq_disable();
	}
	while (n < len && kvm_serial_tail != kvm_serial_head)
		buf[n++] = kvm_serial_ring[kvm_serial_tail++ % KVM_SERIAL_RING];
	if (on)
		plat_irq_enable();
	return (long)n;
}

/* After the irq library's init (KBOOT_LEVEL_LIB), which programs the I/O APIC. */
static int kvm_serial_irq_init(void)
{
	if (!kvm_irq_routed(KVM_SERIAL_IRQ) ||
	    kirq_register(KVM_SERIAL_IRQ, kvm_serial_intr, NULL) != 0)
		return 0; /* polled, as without interrupts */
	x86_outb(COM1 + UART_MCR, UART_MCR_DTR_RTS | UART_MCR_OUT2);
	x86_outb(COM1 + UART_IER, UART_IER_RDA);
	kvm_serial_irq_on = 1;
	return 0;
}
KBOOT_INIT(kvm_serial_irq_init, 51);

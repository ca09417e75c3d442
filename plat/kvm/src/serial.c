/*
 * The console on COM1, a 16550 UART at I/O port 0x3f8: 115200 baud, 8N1, FIFO on, polled.
 * Each port access is a VM exit, so output waits for an empty transmitter once per 16 bytes
 * (the FIFO depth) rather than once per byte. '\n' goes out as "\r\n" for terminals.
 * Input is polled too (LSR's data-ready bit, 16550 datasheet), unless the irq library is in
 * the image: then serial_irq.c takes it by interrupt.
 */
#include <stddef.h>
#include <stdint.h>
#include <kiln/compiler.h>
#include <kiln/plat.h>
#include <x86/cpu.h>
#include "kvm.h"

#define COM1		      0x3f8
#define UART_THR	      0 /* transmit holding (DLAB = 0) */
#define UART_RBR	      0 /* receive buffer (DLAB = 0) */
#define UART_DLL	      0 /* divisor latch, low byte (DLAB = 1) */
#define UART_IER	      1
#define UART_DLM	      1
#define UART_FCR	      2
#define UART_LCR	      3
#define UART_MCR	      4
#define UART_LSR	      5
#define UART_LCR_DLAB	      0x80
#define UART_LCR_8N1	      0x03
#define UART_FCR_ENABLE_CLEAR 0x07
#define UART_MCR_DTR_RTS      0x03
#define UART_LSR_THRE	      0x20
#define UART_LSR_DR	      0x01 /* data ready: a byte waits in RBR */
#define UART_READ_SPINS	      2000 /* polls of LSR per plat_console_read when nothing waits */
#define UART_FIFO_DEPTH	      16
#define UART_SPIN_MAX	      100000 /* no UART answers: drop output rather than hang */

void kvm_serial_init(void)
{
	x86_outb(COM1 + UART_IER, 0);
	x86_outb(COM1 + UART_LCR, UART_LCR_DLAB);
	x86_outb(COM1 + UART_DLL, 1); /* 115200 / 1 */
	x86_outb(COM1 + UART_DLM, 0);
	x86_outb(COM1 + UART_LCR, UART_LCR_8N1);
	x86_outb(COM1 + UART_FCR, UART_FCR_ENABLE_CLEAR);
	x86_outb(COM1 + UART_MCR, UART_MCR_DTR_RTS);
}

static void kvm_serial_wait(void)
{
	for (int i = 0; i < UART_SPIN_MAX; i++)
		if (x86_inb(COM1 + UART_LSR) & UART_LSR_THRE)
			return;
}

void plat_console_write(const char *buf, size_t len)
{
	int room = 0;

	for (size_t i = 0; i < len; i++) {
		int crlf = buf[i] == '\n';

		if (room < 1 + crlf) {
			kvm_serial_wait();
			room = UART_FIFO_DEPTH;
		}
		if (crlf) {
			x86_outb(COM1 + UART_THR, '\r');
			room--;
		}
		x86_outb(COM1 + UART_THR, (uint8_t)buf[i]);
		room--;
	}
}

long plat_console_read(char *buf, size_t len)
{
	size_t n = 0;

#if IS_ENABLED(CONFIG_LIBIRQ)
	if (kvm_serial_irq_on)
		return kvm_serial_irq_read(buf, len);
#endif
	for (int spin = 0; n == 0 && spin < UART_READ_SPINS; spin++)
		while (n < len && (x86_inb(COM1 + UART_LSR) & UART_LSR_DR))
			buf[n++] = (char)x86_inb(COM1 + UART_RBR);
	return (long)n;
}

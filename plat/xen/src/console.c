/*
 * The console. The initial domain (dom0) writes with the console_io hypercall, which Xen
 * copies to its own serial line; it has no console ring. Any other domain gets the PV
 * console ring (io/console.h) whose page and event channel the toolstack put in HVM params
 * 17 and 18: bytes go into out[], the free-running index out_prod follows them, and an
 * event tells xenconsoled to read. A domU's console_io is refused by release builds of Xen,
 * so it is only the fallback when there is no ring. '\n' goes into the ring as "\r\n",
 * since xenconsole hands the bytes to a raw terminal. Input comes the other way: the
 * backend fills in[] and moves in_prod, the guest consumes up to it and moves in_cons
 * (dom0: console_io's CONSOLEIO_read).
 */
#include <stddef.h>
#include <stdint.h>
#include <kiln/compiler.h>
#include <kiln/plat.h>
#include <x86/cpu.h>
#include <xen/event_channel.h>
#include <xen/hvm/params.h>
#include <xen/io/console.h>
#include <xen/sched.h>
#include <kxen/hypercall.h>
#include "xen.h"

#define KXEN_E9_PORT	 0xe9 /* Xen prints it with guest_loglvl=all: early debugging */
#define KXEN_FLUSH_TRIES 100000

static volatile struct xencons_interface *kxen_cons;
static evtchn_port_t kxen_cons_port;

void kxen_console_init(void)
{
	uint64_t pfn;

	if (kxen_is_initial_domain())
		return;
	pfn = kxen_hvm_param(HVM_PARAM_CONSOLE_PFN);
	if (!pfn)
		return;
	kxen_cons_port = (evtchn_port_t)kxen_hvm_param(HVM_PARAM_CONSOLE_EVTCHN);
	kxen_cons = (volatile struct xencons_interface *)(uintptr_t)(pfn << 12);
}

static void kxen_cons_notify(void)
{
	struct evtchn_send send = { .port = kxen_cons_port };

	KXEN_HC(event_channel_op, EVTCHNOP_send, &send);
}

/* Copies one byte in, waiting for room (the backend runs in another domain). */
static void kxen_cons_put(XENCONS_RING_IDX *prod, char c)
{
	while (*prod - kxen_cons->out_cons >= sizeof(kxen_cons->out)) {
		kxen_cons->out_prod = *prod;
		kxen_cons_notify();
		KXEN_HC(sched_op, SCHEDOP_yield, 0);
	}
	kxen_cons->out[MASK_XENCONS_IDX(*prod, kxen_cons->out)] = c;
	(*prod)++;
}

static void kxen_cons_write(const char *buf, size_t len)
{
	XENCONS_RING_IDX prod = kxen_cons->out_prod;

	for (size_t i = 0; i < len; i++) {
		if (buf[i] == '\n')
			kxen_cons_put(&prod, '\r');
		kxen_cons_put(&prod, buf[i]);
	}
	/* The bytes must be visible before the index that publishes them; x86 keeps stores
	 * in order, so a compiler barrier is enough. */
	__asm__ volatile("" ::: "memory");
	kxen_cons->out_prod = prod;
	kxen_cons_notify();
}

static uint64_t kxen_irq_save(void)
{
	uint64_t flags;

	__asm__ volatile("pushfq; popq %0; cli" : "=r"(flags) : : "memory");
	return flags;
}

static void kxen_irq_restore(uint64_t flags)
{
	__asm__ volatile("pushq %0; popfq" : : "r"(flags) : "memory", "cc");
}

void plat_console_write(const char *buf, size_t len)
{
	/* An event handler may print too: keep each write whole. */
	uint64_t flags = kxen_irq_save();

	if (IS_ENABLED(CONFIG_PLAT_XEN_CONSOLE_E9))
		for (size_t i = 0; i < len; i++)
			x86_outb(KXEN_E9_PORT, (uint8_t)buf[i]);
	if (kxen_cons)
		kxen_cons_write(buf, len);
	else
		kxen_hypercall(__HYPERVISOR_console_io, CONSOLEIO_write, len, (unsigned long)buf);
	kxen_irq_restore(flags);
}

void kxen_console_flush(void)
{
	for (int i = 0; kxen_cons && i < KXEN_FLUSH_TRIES; i++) {
		if (kxen_cons->out_cons == kxen_cons->out_prod)
			return;
		KXEN_HC(sched_op, SCHEDOP_yield, 0);
	}
}

static long kxen_cons_read(char *buf, size_t len)
{
	XENCONS_RING_IDX cons = kxen_cons->in_cons, prod = kxen_cons->in_prod;
	size_t n = 0;

	/* The index before the bytes it publishes: a read barrier, as io/console.h's users
	 * do (x86 keeps loads in order, so the compiler's is enough). */
	__asm__ volatile("" ::: "memory");
	while (n < len && cons != prod)
		buf[n++] = kxen_cons->in[MASK_XENCONS_IDX(cons++, kxen_cons->in)];
	__asm__ volatile("" ::: "memory");
	kxen_cons->in_cons = cons;
	if (n)
		kxen_cons_notify();
	return (long)n;
}

long plat_console_read(char *buf, size_t len)
{
	long n;

	if (kxen_cons)
		return kxen_cons_read(buf, len);
	n = kxen_hypercall(__HYPERVISOR_console_io, CONSOLEIO_read, len, (unsigned long)buf);
	return n > 0 ? n : 0;
}

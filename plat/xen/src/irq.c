/*
 * Interrupt sources and the one-shot timer on plat/xen, compiled only with the irq library:
 * a source is an event channel port (events.c), whose mask bit in the shared info page is
 * the controller's mask. PLAT_IRQ_TIMER stands for the port time.c bound to VIRQ_TIMER, found
 * again here with EVTCHNOP_status (port 0 is never a valid port, so it is free as a number).
 * Software sources are IPI ports to vcpu 0 (EVTCHNOP_bind_ipi): EVTCHNOP_send on one raises
 * it on this vcpu. Upcalls reach irq_entry.S, which counts those that find no event pending
 * (spurious) before running events.c's upcall, with interrupts off as the gate leaves them.
 */
#include <stdint.h>
#include <kiln/plat.h>
#include <x86/cpu.h>
#include <x86/regs.h>
#include <xen/vcpu.h>
#include <kxen/events.h>
#include <kxen/hypercall.h>
#include <kxen/time.h>
#include "xen.h"

#define KXEN_BITS (8 * sizeof(xen_ulong_t))

static evtchn_port_t kxen_timer_port;
static uint64_t kxen_spurious;
static uint64_t kxen_soft_ports; /* bit n: port n came from plat_irq_alloc_soft */

void kxen_irq_entry(void);
void kxen_irq_upcall(void);
void kxen_upcall(void);

void kxen_irq_upcall(void)
{
	x86_halt_woken();
	if (!__atomic_load_n(&kxen_shared->vcpu_info[0].evtchn_upcall_pending, __ATOMIC_SEQ_CST))
		kxen_spurious++;
	kxen_upcall();
	kirq_exit(); /* the vector callback takes no EOI */
}

static void kxen_irq_event(evtchn_port_t port, void *arg)
{
	(void)arg;
	kirq_handle(port == kxen_timer_port ? PLAT_IRQ_TIMER : port);
}

/* The port VIRQ_TIMER is bound to on vcpu 0 (time.c bound it at boot); 0 when none. */
static evtchn_port_t kxen_find_timer_port(void)
{
	for (evtchn_port_t p = 1; p < KXEN_EVTCHN_MAX; p++) {
		struct evtchn_status st = { .dom = DOMID_SELF, .port = p };

		if (KXEN_HC(event_channel_op, EVTCHNOP_status, &st) != 0)
			break; /* beyond the ports allocated so far */
		if (st.status == EVTCHNSTAT_virq && st.u.virq == VIRQ_TIMER)
			return p;
	}
	return 0;
}

static void kxen_port_mask(evtchn_port_t port, int masked)
{
	xen_ulong_t bit = (xen_ulong_t)1 << (port % KXEN_BITS);
	struct evtchn_unmask unmask = { .port = port };

	if (masked)
		__atomic_fetch_or(&kxen_shared->evtchn_mask[port / KXEN_BITS], bit,
				  __ATOMIC_SEQ_CST);
	else /* the hypercall delivers an event that came while masked (EVTCHNOP_unmask) */
		KXEN_HC(event_channel_op, EVTCHNOP_unmask, &unmask);
}

int plat_irq_init(void)
{
	kxen_timer_port = kxen_find_timer_port();
	if (!kxen_timer_port || kxen_timer_port >= PLAT_IRQ_MAX)
		return -1;
	x86_idt_set(KXEN_UPCALL_VECTOR, kxen_irq_entry);
	return kxen_evtchn_bind(kxen_timer_port, kxen_irq_event, 0) == 0 ? 0 : -1;
}

void plat_irq_set_masked(unsigned int irq, int masked)
{
	if (irq == PLAT_IRQ_TIMER)
		kxen_port_mask(kxen_timer_port, masked);
	else if (irq < PLAT_IRQ_MAX)
		kxen_port_mask(irq, masked);
}

int plat_irq_raise(unsigned int irq)
{
	if (irq >= PLAT_IRQ_MAX || !(kxen_soft_ports & (1ull << irq)))
		return -1;
	return kxen_evtchn_send(irq) == 0 ? 0 : -1;
}

int plat_irq_alloc_soft(void)
{
	struct evtchn_bind_ipi op = { .vcpu = 0 };

	if (KXEN_HC(event_channel_op, EVTCHNOP_bind_ipi, &op) != 0)
		return -1;
	if (op.port >= PLAT_IRQ_MAX || kxen_evtchn_bind(op.port, kxen_irq_event, 0) != 0)
		return -1;
	kxen_port_mask(op.port, 1); /* until the irq library registers a handler */
	kxen_soft_ports |= 1ull << op.port;
	return (int)op.port;
}

void plat_irq_raise_spurious(void)
{
	/* The upcall's gate entered by a software interrupt, with no event pending. */
	__asm__ volatile("int %0" : : "i"(KXEN_UPCALL_VECTOR));
}

uint64_t plat_irq_spurious(void)
{
	return kxen_spurious;
}

int plat_timer_set(uint64_t deadline_ns)
{
	if (deadline_ns == UINT64_MAX)
		return (int)kxen_hypercall(__HYPERVISOR_vcpu_op, VCPUOP_stop_singleshot_timer, 0,
					   0);
	return kxen_timer_set(deadline_ns);
}

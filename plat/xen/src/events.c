/*
 * Event channels, 2-level ABI (xen.h, struct shared_info): Xen sets a port's bit in
 * evtchn_pending[], then its word's bit in vcpu 0's evtchn_pending_sel, then
 * evtchn_upcall_pending, and raises the upcall. The handler clears them in the reverse order,
 * each before looking below it, so a port set while it runs is seen on the next pass.
 * Delivery uses the callback vector (HVM_PARAM_CALLBACK_IRQ of type vector, offered when
 * XENFEAT_hvm_callback_vector is set), which works for PVH domUs and a PVH dom0 alike.
 */
#include <stdint.h>
#include <xen/features.h>
#include <xen/hvm/hvm_op.h>
#include <xen/hvm/params.h>
#include <xen/sched.h>
#include <xen/version.h>
#include <x86/regs.h>
#include <kxen/events.h>
#include <kxen/hypercall.h>
#include "xen.h"

#define KXEN_BITS_PER_WORD (8 * sizeof(xen_ulong_t))

struct kxen_evtchn_slot {
	kxen_evtchn_handler fn;
	void *arg;
};

static struct kxen_evtchn_slot kxen_slots[KXEN_EVTCHN_MAX];
static uint64_t kxen_upcall_count;

void kxen_upcall_entry(void);
void kxen_upcall(void);

static void kxen_dispatch(evtchn_port_t port)
{
	if (port < KXEN_EVTCHN_MAX && kxen_slots[port].fn)
		kxen_slots[port].fn(port, kxen_slots[port].arg);
}

/* Handles every pending, unmasked port in one word of the pending bitmap. */
static void kxen_scan_word(unsigned int w)
{
	xen_ulong_t ready = kxen_shared->evtchn_pending[w] & ~kxen_shared->evtchn_mask[w];

	while (ready) {
		unsigned int bit = (unsigned int)__builtin_ctzl(ready);

		ready &= ready - 1;
		__atomic_fetch_and(&kxen_shared->evtchn_pending[w], ~((xen_ulong_t)1 << bit),
				   __ATOMIC_SEQ_CST);
		kxen_dispatch(w * KXEN_BITS_PER_WORD + bit);
	}
}

void kxen_upcall(void)
{
	struct vcpu_info *v = &kxen_shared->vcpu_info[0];

	kxen_upcall_count++;
	while (__atomic_load_n(&v->evtchn_upcall_pending, __ATOMIC_SEQ_CST)) {
		v->evtchn_upcall_pending = 0;
		xen_ulong_t sel = __atomic_exchange_n(&v->evtchn_pending_sel, 0, __ATOMIC_SEQ_CST);

		while (sel) {
			unsigned int w = (unsigned int)__builtin_ctzl(sel);

			sel &= sel - 1;
			kxen_scan_word(w);
		}
	}
}

static void kxen_mask(evtchn_port_t port)
{
	__atomic_fetch_or(&kxen_shared->evtchn_mask[port / KXEN_BITS_PER_WORD],
			  (xen_ulong_t)1 << (port % KXEN_BITS_PER_WORD), __ATOMIC_SEQ_CST);
}

int kxen_evtchn_bind(evtchn_port_t port, kxen_evtchn_handler fn, void *arg)
{
	struct evtchn_unmask unmask = { .port = port };

	if (port >= KXEN_EVTCHN_MAX)
		return -1;
	kxen_slots[port] = (struct kxen_evtchn_slot){ fn, arg };
	/* The hypercall, not a plain bit clear, so an event that came while masked is
	 * delivered now (event_channel.h, EVTCHNOP_unmask). */
	return (int)KXEN_HC(event_channel_op, EVTCHNOP_unmask, &unmask);
}

void kxen_evtchn_unbind(evtchn_port_t port)
{
	if (port >= KXEN_EVTCHN_MAX)
		return;
	kxen_mask(port);
	kxen_slots[port] = (struct kxen_evtchn_slot){ 0, 0 };
}

int kxen_evtchn_send(evtchn_port_t port)
{
	struct evtchn_send send = { .port = port };

	return (int)KXEN_HC(event_channel_op, EVTCHNOP_send, &send);
}

int kxen_evtchn_alloc_unbound(domid_t remote, evtchn_port_t *port)
{
	struct evtchn_alloc_unbound op = { .dom = DOMID_SELF, .remote_dom = remote };
	int rc = (int)KXEN_HC(event_channel_op, EVTCHNOP_alloc_unbound, &op);

	*port = op.port;
	return rc;
}

int kxen_evtchn_bind_interdomain(domid_t remote, evtchn_port_t rport, evtchn_port_t *port)
{
	struct evtchn_bind_interdomain op = { .remote_dom = remote, .remote_port = rport };
	int rc = (int)KXEN_HC(event_channel_op, EVTCHNOP_bind_interdomain, &op);

	*port = op.local_port;
	return rc;
}

int kxen_evtchn_bind_virq(uint32_t virq, evtchn_port_t *port)
{
	struct evtchn_bind_virq op = { .virq = virq, .vcpu = 0 };
	int rc = (int)KXEN_HC(event_channel_op, EVTCHNOP_bind_virq, &op);

	*port = op.port;
	return rc;
}

void kxen_evtchn_poll(evtchn_port_t port, uint64_t deadline_ns)
{
	struct sched_poll poll = { .nr_ports = 1, .timeout = kxen_system_at(deadline_ns) };

	set_xen_guest_handle(poll.ports, &port);
	KXEN_HC(sched_op, SCHEDOP_poll, &poll);
	__atomic_fetch_and(&kxen_shared->evtchn_pending[port / KXEN_BITS_PER_WORD],
			   ~((xen_ulong_t)1 << (port % KXEN_BITS_PER_WORD)), __ATOMIC_SEQ_CST);
}

uint64_t kxen_evtchn_upcalls(void)
{
	return kxen_upcall_count;
}

int kxen_events_init(void)
{
	struct xen_feature_info fi = { .submap_idx = 0 };
	struct xen_hvm_param p = {
		.domid = DOMID_SELF,
		.index = HVM_PARAM_CALLBACK_IRQ,
		.value = ((uint64_t)HVM_PARAM_CALLBACK_TYPE_VECTOR << 56) | KXEN_UPCALL_VECTOR,
	};

	if (KXEN_HC(xen_version, XENVER_get_features, &fi) != 0 ||
	    !(fi.submap & (1u << XENFEAT_hvm_callback_vector)))
		return -1;
	/* Every port starts masked; binding one unmasks it. */
	for (unsigned int w = 0; w < KXEN_EVTCHN_MAX / KXEN_BITS_PER_WORD; w++)
		kxen_shared->evtchn_mask[w] = ~(xen_ulong_t)0;
	x86_idt_set(KXEN_UPCALL_VECTOR, kxen_upcall_entry);
	return KXEN_HC(hvm_op, HVMOP_set_param, &p) == 0 ? 0 : -1;
}

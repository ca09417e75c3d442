/*
 * The hypercall path under load (a guest in tests/xen's real tier once died of a triple
 * fault in an EVTCHNOP_send). Two classes of fault would look like that, and each case
 * here catches one:
 *  - registers: kxen_hypercall() tells the compiler that only %rax and the argument
 *    registers change (Xen's public arch-x86/xen-x86_64.h: arguments 1-5 in %rdi, %rsi,
 *    %rdx, %r10, %r8, result in %rax, argument registers clobbered). xt_hc_regs() makes the
 *    call with every other general register holding a pattern and reports which changed:
 *    a stub, Xen or an upcall entry that clobbered one would make the compiler's code
 *    run on a stale value (a pointer, a stack slot) and fault far away.
 *  - re-entrancy: with interrupts on, a send to a port looped back to this domain makes
 *    Xen raise the upcall as it returns from the hypercall, inside the stub; the handler
 *    makes hypercalls of its own. Thousands of rounds, each checked.
 */
#include <stdint.h>
#include <stdio.h>
#include <kiln/plat.h>
#include <kiln/test.h>
#include <kxen/events.h>
#include <kxen/hypercall.h>
#include <xen/sched.h>

#define XT_ROUNDS 4000

static const void *xt_stub_event, *xt_stub_sched;
static volatile uint64_t xt_handled;
static evtchn_port_t xt_quiet_send; /* a looped-back pair whose listening end stays masked */

/* One hypercall through stub with every register outside the ABI checked: *diff is 0 when
 * none changed (src/hypercall_regs.S). */
long xt_hc_regs(const void *stub, unsigned long a1, unsigned long a2, uint64_t *diff);

static void xt_on_loop(evtchn_port_t port, void *arg)
{
	(void)port;
	(void)arg;
	xt_handled++;
	/* A hypercall inside the upcall, which itself came inside a hypercall's stub. */
	kxen_evtchn_send(xt_quiet_send);
}

/* A port looped back to this domain: *send raises *listen. */
static int xt_loopback(evtchn_port_t *listen, evtchn_port_t *send)
{
	if (kxen_evtchn_alloc_unbound(DOMID_SELF, listen) != 0)
		return -1;
	return kxen_evtchn_bind_interdomain(DOMID_SELF, *listen, send) == 0 ? 0 : -1;
}

static int xt_hc_setup(void)
{
	xt_stub_event = kxen_hypercall_page + __HYPERVISOR_event_channel_op * 32;
	xt_stub_sched = kxen_hypercall_page + __HYPERVISOR_sched_op * 32;
	plat_irq_enable();
	return 0;
}

KTEST_SUITE(xen_hypercall, xt_hc_setup);

KTEST_CASE(xen_hypercall, registers_outside_the_abi_survive)
{
	struct evtchn_send send = { .port = 0 };
	evtchn_port_t listen, quiet_listen;
	uint64_t diff, bad = 0;
	unsigned int failed = 0;

	if (!KTEST_EQ(xt_loopback(&listen, &send.port), 0) ||
	    !KTEST_EQ(xt_loopback(&quiet_listen, &xt_quiet_send), 0))
		return;
	kxen_evtchn_bind(listen, xt_on_loop, 0);
	for (unsigned int i = 0; i < XT_ROUNDS; i++) {
		long rc = xt_hc_regs(xt_stub_event, EVTCHNOP_send, (unsigned long)&send, &diff);

		failed += rc != 0;
		bad |= diff;
		if (i % 64 == 0) { /* and a yield, as the xenstore and console waits do */
			xt_hc_regs(xt_stub_sched, SCHEDOP_yield, 0, &diff);
			bad |= diff;
		}
	}
	kxen_evtchn_unbind(listen);
	KTEST_EQ(failed, 0);
	KTEST_EQ(bad, 0);
	/* Events on one port merge while pending, but with interrupts on each send's upcall
	 * comes before the next send. */
	KTEST_TRUE(xt_handled >= XT_ROUNDS / 2);
	printf("xen_hypercall: %u sends, %lu upcalls handled\n", XT_ROUNDS,
	       (unsigned long)xt_handled);
}

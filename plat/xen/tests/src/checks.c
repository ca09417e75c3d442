/*
 * plat-xen's in-guest tests (ktest suites; make test boots them through the Xen quick tier,
 * tests/xen/test.sh's real tier as a domU). Each case uses the real mechanism end to end,
 * so it passes only if Xen did its part: the event channel case waits for the upcall Xen
 * raises, the timer case for VIRQ_TIMER, the grant case for a copy Xen made through the
 * grant. (The crash path is tests/boot/fault's.)
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <kiln/plat.h>
#include <kiln/test.h>
#include <kxen/events.h>
#include <kxen/gnttab.h>
#include <kxen/hypercall.h>
#include <kxen/time.h>
#include <kxen/xenstore.h>

#define XT_MS 1000000ull

static volatile evtchn_port_t xt_port_seen;
static uint8_t xt_src[4096] __attribute__((aligned(4096)));
static uint8_t xt_dst[4096] __attribute__((aligned(4096)));

/* Halts until cond() holds or timeout_ns passes; the timer guarantees a wake-up. */
static int xt_wait(int (*cond)(void), uint64_t timeout_ns)
{
	uint64_t end = plat_time_ns() + timeout_ns;

	kxen_timer_set(end);
	while (!cond() && plat_time_ns() < end)
		plat_halt_until_irq();
	return cond();
}

static void xt_on_event(evtchn_port_t port, void *arg)
{
	(void)arg;
	xt_port_seen = port;
}

static evtchn_port_t xt_listen;
static int xt_event_arrived(void)
{
	return xt_port_seen == xt_listen;
}

/* Upcalls and timers need interrupts on; the boot sequence leaves them off. */
static int xt_irq_on(void)
{
	plat_irq_enable();
	return 0;
}

KTEST_SUITE(xen_events, xt_irq_on);

KTEST_CASE(xen_events, port_looped_back_runs_its_handler)
{
	evtchn_port_t other;
	uint64_t before = kxen_evtchn_upcalls();

	if (!KTEST_EQ(kxen_evtchn_alloc_unbound(DOMID_SELF, &xt_listen), 0))
		return;
	if (!KTEST_EQ(kxen_evtchn_bind_interdomain(DOMID_SELF, xt_listen, &other), 0))
		return;
	kxen_evtchn_bind(xt_listen, xt_on_event, 0);
	KTEST_EQ(kxen_evtchn_send(other), 0);
	KTEST_TRUE(xt_wait(xt_event_arrived, 2000 * XT_MS));
	KTEST_TRUE(kxen_evtchn_upcalls() > before);
	kxen_evtchn_unbind(xt_listen);
}

static uint64_t xt_fired_before;
static int xt_timer_fired(void)
{
	return kxen_timer_fired() > xt_fired_before;
}

KTEST_SUITE(xen_time, xt_irq_on);

KTEST_CASE(xen_time, one_shot_timer_fires_not_before_its_deadline)
{
	uint64_t t0 = plat_time_ns(), t1;

	xt_fired_before = kxen_timer_fired();
	KTEST_EQ(kxen_timer_set(t0 + 20 * XT_MS), 0);
	while (!xt_timer_fired() && plat_time_ns() < t0 + 5000 * XT_MS)
		plat_halt_until_irq();
	t1 = plat_time_ns();
	KTEST_TRUE(xt_timer_fired());
	KTEST_TRUE(t1 >= t0 + 20 * XT_MS);
	KTEST_TRUE(plat_time_ns() > t1);
	printf("xen_time: timer fired after %lu us\n", (unsigned long)((t1 - t0) / 1000));
}

/* This domain's id: 0 for the initial domain, else xenstore's "domid" (-1 if unknown). */
static int xt_domid(void)
{
	char buf[16];

	if (kxen_is_initial_domain())
		return 0;
	return kxen_xs_read("domid", buf, sizeof(buf)) > 0 ? atoi(buf) : -1;
}

/* The initial domain has no xenstore: its cases are skipped there. */
static int xt_no_xenstore(void)
{
	if (kxen_xs_available())
		return 0;
	ktest_skip("no xenstore (initial domain)");
	return 1;
}

KTEST_SUITE(xen_xenstore, NULL);

KTEST_CASE(xen_xenstore, reads_own_domid_and_name)
{
	char buf[64];

	if (xt_no_xenstore())
		return;
	KTEST_TRUE(xt_domid() > 0);
	KTEST_TRUE(kxen_xs_read("name", buf, sizeof(buf)) > 0 && buf[0]);
	printf("xen_xenstore: domain name %s\n", buf);
}

KTEST_CASE(xen_xenstore, write_then_read_back)
{
	char buf[64];

	if (xt_no_xenstore())
		return;
	KTEST_EQ(kxen_xs_write("data/xentest", "written"), 0);
	KTEST_EQ(kxen_xs_read("data/xentest", buf, sizeof(buf)), 7);
	KTEST_STREQ(buf, "written");
}

KTEST_CASE(xen_xenstore, missing_key_is_an_error)
{
	char buf[64];

	if (xt_no_xenstore())
		return;
	KTEST_TRUE(kxen_xs_read("data/no-such-key", buf, sizeof(buf)) < 0);
}

KTEST_SUITE(xen_gnttab, NULL);

KTEST_CASE(xen_gnttab, xen_copies_a_page_through_a_grant)
{
	int domid = xt_domid();
	struct gnttab_copy op = { 0 };

	for (unsigned int i = 0; i < sizeof(xt_src); i++)
		xt_src[i] = (uint8_t)(i * 7 + 3);
	int ref = kxen_gnttab_grant((domid_t)domid, (uintptr_t)xt_src >> 12, 1);
	if (!KTEST_TRUE(domid >= 0 && ref >= 0))
		return;
	op.source.u.ref = (grant_ref_t)ref;
	op.source.domid = DOMID_SELF;
	op.dest.u.gmfn = (uintptr_t)xt_dst >> 12;
	op.dest.domid = DOMID_SELF;
	op.len = sizeof(xt_src);
	op.flags = GNTCOPY_source_gref;
	long rc = kxen_hypercall(__HYPERVISOR_grant_table_op, GNTTABOP_copy, (unsigned long)&op, 1);
	KTEST_EQ(rc, 0);
	KTEST_EQ(op.status, GNTST_okay);
	KTEST_MEMEQ(xt_dst, xt_src, sizeof(xt_src));
	KTEST_EQ(kxen_gnttab_end((grant_ref_t)ref), 0);
}

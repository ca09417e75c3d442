/*
 * plat-xen's in-guest self-test (run by tests/xen/test.sh in both tiers). Each check uses
 * the real mechanism end to end, so a check passes only if Xen did its part: the event
 * channel check waits for the upcall Xen raises, the timer check for VIRQ_TIMER, the grant
 * check for a copy Xen made through the grant. (The crash path is tests/boot/fault's.)
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <kiln/plat.h>
#include <kxen/events.h>
#include <kxen/gnttab.h>
#include <kxen/hypercall.h>
#include <kxen/time.h>
#include <kxen/xenstore.h>

#define XT_MS 1000000ull

static int xt_failed, xt_passed;
static volatile evtchn_port_t xt_port_seen;
static uint8_t xt_src[4096] __attribute__((aligned(4096)));
static uint8_t xt_dst[4096] __attribute__((aligned(4096)));

static void xt_check(const char *name, int ok)
{
	printf("xentest: %s - %s\n", ok ? "ok" : "not ok", name);
	if (ok)
		xt_passed++;
	else
		xt_failed++;
}

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

static void xt_events(void)
{
	evtchn_port_t other;
	uint64_t before = kxen_evtchn_upcalls();

	xt_check("allocate an unbound port",
		 kxen_evtchn_alloc_unbound(DOMID_SELF, &xt_listen) == 0);
	xt_check("bind its other end",
		 kxen_evtchn_bind_interdomain(DOMID_SELF, xt_listen, &other) == 0);
	kxen_evtchn_bind(xt_listen, xt_on_event, 0);
	xt_check("send on the other end", kxen_evtchn_send(other) == 0);
	xt_check("upcall runs the port's handler", xt_wait(xt_event_arrived, 2000 * XT_MS));
	xt_check("upcall counted", kxen_evtchn_upcalls() > before);
	kxen_evtchn_unbind(xt_listen);
}

static uint64_t xt_fired_before;
static int xt_timer_fired(void)
{
	return kxen_timer_fired() > xt_fired_before;
}

static void xt_time(void)
{
	uint64_t t0 = plat_time_ns(), t1;

	xt_fired_before = kxen_timer_fired();
	xt_check("set a one-shot timer 20 ms ahead", kxen_timer_set(t0 + 20 * XT_MS) == 0);
	while (!xt_timer_fired() && plat_time_ns() < t0 + 5000 * XT_MS)
		plat_halt_until_irq();
	t1 = plat_time_ns();
	xt_check("VIRQ_TIMER arrives", xt_timer_fired());
	xt_check("not before its deadline", t1 >= t0 + 20 * XT_MS);
	xt_check("clock moves forward", plat_time_ns() > t1);
	printf("xentest: timer fired after %lu us\n", (unsigned long)((t1 - t0) / 1000));
}

/* This domain's id: 0 for the initial domain, else xenstore's "domid" (-1 if unknown). */
static int xt_domid(void)
{
	char buf[16];

	if (kxen_is_initial_domain())
		return 0;
	return kxen_xs_read("domid", buf, sizeof(buf)) > 0 ? atoi(buf) : -1;
}

static void xt_xenstore(void)
{
	char buf[64];

	if (!kxen_xs_available()) {
		printf("xentest: skip - xenstore (initial domain)\n");
		return;
	}
	xt_check("read own domid", xt_domid() > 0);
	xt_check("read own name", kxen_xs_read("name", buf, sizeof(buf)) > 0 && buf[0]);
	printf("xentest: domain name %s\n", buf);
	xt_check("write data/xentest", kxen_xs_write("data/xentest", "written") == 0);
	xt_check("read it back",
		 kxen_xs_read("data/xentest", buf, sizeof(buf)) == 7 && !strcmp(buf, "written"));
	xt_check("missing key is an error", kxen_xs_read("data/no-such-key", buf, sizeof(buf)) < 0);
}

static void xt_gnttab(void)
{
	int domid = xt_domid();
	struct gnttab_copy op = { 0 };

	for (unsigned int i = 0; i < sizeof(xt_src); i++)
		xt_src[i] = (uint8_t)(i * 7 + 3);
	int ref = kxen_gnttab_grant((domid_t)domid, (uintptr_t)xt_src >> 12, 1);
	xt_check("grant a page to ourselves", domid >= 0 && ref >= 0);
	op.source.u.ref = (grant_ref_t)ref;
	op.source.domid = DOMID_SELF;
	op.dest.u.gmfn = (uintptr_t)xt_dst >> 12;
	op.dest.domid = DOMID_SELF;
	op.len = sizeof(xt_src);
	op.flags = GNTCOPY_source_gref;
	long rc = kxen_hypercall(__HYPERVISOR_grant_table_op, GNTTABOP_copy, (unsigned long)&op, 1);
	xt_check("Xen copies through the grant", rc == 0 && op.status == GNTST_okay);
	xt_check("the copy is the page", !memcmp(xt_src, xt_dst, sizeof(xt_src)));
	xt_check("take the grant back", kxen_gnttab_end((grant_ref_t)ref) == 0);
}

int main(void)
{
	plat_irq_enable();
	xt_events();
	xt_time();
	xt_xenstore();
	xt_gnttab();
	printf("xentest: %d passed, %d failed\n", xt_passed, xt_failed);
	return xt_failed;
}

/*
 * xenbus's in-guest tests, against the real xenstored of tests/xen's dom0 (a domU may
 * write below its home's data/). Each case checks what xenstored did: a transaction's
 * isolation and conflict, a watch's events, a state key's value.
 */
#include <stdint.h>
#include <string.h>
#include <kiln/plat.h>
#include <kiln/test.h>
#include <xen/io/xs_wire.h>
#include <kxen/xenbus.h>
#include <kxen/xenstore.h>

#define XB_S 1000000000ull

static int xb_no_xenstore(void)
{
	if (kxen_xs_available())
		return 0;
	ktest_skip("no xenstore (initial domain)");
	return 1;
}

KTEST_SUITE(xenbus_tx, NULL);

KTEST_CASE(xenbus_tx, write_is_invisible_until_commit)
{
	kxen_xs_tx tx;
	char buf[32];

	if (xb_no_xenstore() || !KTEST_EQ(kxen_xs_tx_start(&tx), 0))
		return;
	KTEST_TRUE(tx != 0);
	KTEST_EQ(kxen_xs_write_tx(tx, "data/xb-iso", "inside"), 0);
	KTEST_EQ(kxen_xs_read_tx(tx, "data/xb-iso", buf, sizeof(buf)), 6);
	KTEST_TRUE(kxen_xs_read_tx(0, "data/xb-iso", buf, sizeof(buf)) < 0);
	KTEST_EQ(kxen_xs_tx_end(tx, 1), 0);
	KTEST_EQ(kxen_xs_read_tx(0, "data/xb-iso", buf, sizeof(buf)), 6);
	KTEST_STREQ(buf, "inside");
}

KTEST_CASE(xenbus_tx, conflicting_write_makes_commit_again)
{
	kxen_xs_tx tx;
	char buf[32];

	if (xb_no_xenstore() || !KTEST_EQ(kxen_xs_write("data/xb-race", "0"), 0))
		return;
	if (!KTEST_EQ(kxen_xs_tx_start(&tx), 0))
		return;
	kxen_xs_read_tx(tx, "data/xb-race", buf, sizeof(buf));
	KTEST_EQ(kxen_xs_write_tx(0, "data/xb-race", "outside"), 0);
	KTEST_EQ(kxen_xs_write_tx(tx, "data/xb-race", "inside"), 0);
	KTEST_EQ(kxen_xs_tx_end(tx, 1), KXEN_XS_AGAIN);
	KTEST_EQ(kxen_xs_read_tx(0, "data/xb-race", buf, sizeof(buf)), 7);
	KTEST_STREQ(buf, "outside");
}

static int xb_publish(kxen_xs_tx tx, void *arg)
{
	return kxen_xs_write_tx(tx, "data/xb-pub", arg);
}

KTEST_CASE(xenbus_tx, transact_commits)
{
	char buf[32];

	if (xb_no_xenstore())
		return;
	KTEST_EQ(xenbus_transact(xb_publish, "published"), 0);
	KTEST_EQ(kxen_xs_read("data/xb-pub", buf, sizeof(buf)), 9);
}

KTEST_SUITE(xenbus_watch, NULL);

KTEST_CASE(xenbus_watch, fires_on_set_and_on_change)
{
	uint32_t seen;
	uint64_t t0;

	if (xb_no_xenstore() || !KTEST_EQ(kxen_xs_write("data/xb-w", "a"), 0))
		return;
	seen = kxen_xs_events();
	KTEST_EQ(kxen_xs_watch("data/xb-w", "t"), 0);
	KTEST_EQ(kxen_xs_watch_wait(seen, plat_time_ns() + 5 * XB_S), 0);
	seen = kxen_xs_events();
	KTEST_EQ(kxen_xs_write("data/xb-w", "b"), 0);
	t0 = plat_time_ns();
	KTEST_EQ(kxen_xs_watch_wait(seen, plat_time_ns() + 5 * XB_S), 0);
	KTEST_TRUE(plat_time_ns() - t0 < 5 * XB_S);
	KTEST_TRUE(strstr(kxen_xs_last_event(), "data/xb-w") != NULL);
	KTEST_EQ(kxen_xs_unwatch("data/xb-w", "t"), 0);
}

KTEST_CASE(xenbus_watch, wait_without_event_times_out)
{
	uint64_t t0 = plat_time_ns();

	if (xb_no_xenstore())
		return;
	KTEST_EQ(kxen_xs_watch_wait(kxen_xs_events(), t0 + XB_S / 5), -1);
	KTEST_TRUE(plat_time_ns() - t0 >= XB_S / 5);
}

KTEST_SUITE(xenbus_dev, NULL);

KTEST_CASE(xenbus_dev, missing_device_is_refused)
{
	struct xenbus_dev dev;

	if (xb_no_xenstore())
		return;
	KTEST_EQ(xenbus_dev_init(&dev, "vbd", 7), -1);
}

/* Runs as the initial domain too (no xenstore), so every tier has a case that passes. */
KTEST_CASE(xenbus_dev, state_names)
{
	KTEST_STREQ(xenbus_state_name(XenbusStateInitWait), "InitWait");
	KTEST_STREQ(xenbus_state_name(XenbusStateConnected), "Connected");
	KTEST_STREQ(xenbus_state_name((XenbusState)42), "invalid");
}

/* The wait ends when the other end is in a wanted state, not at its deadline: the "other
 * end" here is a key of this domain's own, set beforehand. */
KTEST_CASE(xenbus_dev, wait_returns_at_the_state)
{
	struct xenbus_dev dev;
	uint64_t t0;

	if (xb_no_xenstore() || !KTEST_EQ(kxen_xs_write("data/xb-end/state", "4"), 0))
		return;
	memset(&dev, 0, sizeof(dev));
	strcpy(dev.otherend, "data/xb-end");
	t0 = plat_time_ns();
	KTEST_EQ(xenbus_wait_otherend(&dev, 1u << XenbusStateConnected, 20 * XB_S),
		 XenbusStateConnected);
	KTEST_TRUE(plat_time_ns() - t0 < 10 * XB_S);
}

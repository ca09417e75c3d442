/*
 * Xenbus over plat-xen's xenstore client (see include/kxen/xenbus.h for the protocol).
 * A state key holds the decimal XenbusState. Waiting for the backend registers a watch on
 * its state key and sleeps on xenstore's event channel between watch events (xenstored
 * fires a watch once when it is set, so a state reached before the watch is seen too);
 * each event makes it read the state again, since an event names what changed, not how.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <kiln/plat.h>
#include <kxen/xenbus.h>

#define XENBUS_TX_TRIES 8

static int xenbus_path(char *out, const char *dir, const char *key)
{
	int n = snprintf(out, XENBUS_PATH_MAX, "%s/%s", dir, key);

	return n > 0 && n < XENBUS_PATH_MAX ? 0 : -1;
}

/* The decimal number in s; -1 when s is not one. */
static long xenbus_parse_ulong(const char *s)
{
	char *end;
	unsigned long v;

	if (*s < '0' || *s > '9')
		return -1;
	v = strtoul(s, &end, 10);
	return *end || v > INT32_MAX ? -1 : (long)v;
}

int xenbus_dev_init(struct xenbus_dev *dev, const char *type, unsigned int index)
{
	char p[XENBUS_PATH_MAX], id[16];
	long n;

	memset(dev, 0, sizeof(*dev));
	if (snprintf(dev->node, sizeof(dev->node), "device/%s/%u", type, index) >=
	    (int)sizeof(dev->node))
		return -1;
	if (xenbus_path(p, dev->node, "backend") < 0 ||
	    kxen_xs_read(p, dev->otherend, sizeof(dev->otherend)) <= 0)
		return -1;
	if (xenbus_path(p, dev->node, "backend-id") < 0 || kxen_xs_read(p, id, sizeof(id)) <= 0)
		return -1;
	n = xenbus_parse_ulong(id);
	if (n < 0 || n >= DOMID_FIRST_RESERVED)
		return -1;
	dev->otherend_id = (domid_t)n;
	return 0;
}

int xenbus_read(kxen_xs_tx tx, const struct xenbus_dev *dev, const char *key, char *buf,
		size_t size)
{
	char p[XENBUS_PATH_MAX];

	return xenbus_path(p, dev->node, key) < 0 ? -1 : kxen_xs_read_tx(tx, p, buf, size);
}

int xenbus_read_otherend(const struct xenbus_dev *dev, const char *key, char *buf, size_t size)
{
	char p[XENBUS_PATH_MAX];

	return xenbus_path(p, dev->otherend, key) < 0 ? -1 : kxen_xs_read_tx(0, p, buf, size);
}

unsigned long xenbus_otherend_ulong(const struct xenbus_dev *dev, const char *key,
				    unsigned long def)
{
	char v[24];
	long n;

	if (xenbus_read_otherend(dev, key, v, sizeof(v)) <= 0)
		return def;
	n = xenbus_parse_ulong(v);
	return n < 0 ? def : (unsigned long)n;
}

int xenbus_write_ulong(kxen_xs_tx tx, const struct xenbus_dev *dev, const char *key,
		       unsigned long v)
{
	char p[XENBUS_PATH_MAX], num[24];

	snprintf(num, sizeof(num), "%lu", v);
	return xenbus_path(p, dev->node, key) < 0 ? -1 : kxen_xs_write_tx(tx, p, num);
}

int xenbus_switch_state(kxen_xs_tx tx, const struct xenbus_dev *dev, XenbusState state)
{
	return xenbus_write_ulong(tx, dev, "state", (unsigned long)state);
}

XenbusState xenbus_otherend_state(const struct xenbus_dev *dev)
{
	return (XenbusState)xenbus_otherend_ulong(dev, "state", XenbusStateUnknown);
}

XenbusState xenbus_wait_otherend(const struct xenbus_dev *dev, uint32_t mask, uint64_t timeout_ns)
{
	uint64_t deadline = plat_time_ns() + timeout_ns;
	char p[XENBUS_PATH_MAX];
	XenbusState s = XenbusStateUnknown;

	if (xenbus_path(p, dev->otherend, "state") < 0 || kxen_xs_watch(p, "kiln-xenbus") < 0)
		return s;
	for (;;) {
		uint32_t seen = kxen_xs_events();

		s = xenbus_otherend_state(dev);
		if ((mask & (1u << s)) || kxen_xs_watch_wait(seen, deadline) < 0)
			break;
	}
	kxen_xs_unwatch(p, "kiln-xenbus");
	return s;
}

int xenbus_transact(int (*publish)(kxen_xs_tx tx, void *arg), void *arg)
{
	for (int i = 0; i < XENBUS_TX_TRIES; i++) {
		kxen_xs_tx tx;
		int rc;

		if (kxen_xs_tx_start(&tx) < 0)
			return -1;
		if (publish(tx, arg) < 0) {
			kxen_xs_tx_end(tx, 0);
			return -1;
		}
		rc = kxen_xs_tx_end(tx, 1);
		if (rc != KXEN_XS_AGAIN)
			return rc;
	}
	return -1;
}

const char *xenbus_state_name(XenbusState s)
{
	static const char *const names[] = {
		"Unknown", "Initialising", "InitWait",	    "Initialised",  "Connected",
		"Closing", "Closed",	   "Reconfiguring", "Reconfigured",
	};

	return (unsigned int)s < sizeof(names) / sizeof(names[0]) ? names[s] : "invalid";
}

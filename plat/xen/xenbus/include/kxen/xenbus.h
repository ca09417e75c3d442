/*
 * Xenbus: the handshake of Xen's split drivers over xenstore (xen/io/xenbus.h). A frontend
 * (this guest's driver) and a backend (a driver in dom0) each own a state key; each moves
 * its own state and watches the other's: Initialising → InitWait (backend ready for the
 * frontend's details) → Initialised/Connected (frontend published its rings) → Connected
 * (backend mapped them) … → Closing → Closed. Keys live under the frontend's node
 * device/<type>/<index>/ (relative to the domain's home) and the backend's path, which the
 * toolstack writes into the frontend's "backend" key.
 */
#ifndef KXEN_XENBUS_H
#define KXEN_XENBUS_H

#include <stdint.h>
#include <kxen/xen.h>
#include <xen/io/xenbus.h>
#include <kxen/xenstore.h>

#define XENBUS_PATH_MAX 96

struct xenbus_dev {
	char node[XENBUS_PATH_MAX];	/* device/vif/0 */
	char otherend[XENBUS_PATH_MAX]; /* /local/domain/0/backend/vif/<domid>/0 */
	domid_t otherend_id;
};

/* Finds device type/index's backend (path and domain). 0, or -1 when the toolstack gave
 * this domain no such device. */
int xenbus_dev_init(struct xenbus_dev *dev, const char *type, unsigned int index);

/* Reads the frontend's key (tx == 0: outside a transaction) into buf. Length, or -1. */
int xenbus_read(kxen_xs_tx tx, const struct xenbus_dev *dev, const char *key, char *buf,
		size_t size);

/* Reads the backend's key; as xenbus_read. */
int xenbus_read_otherend(const struct xenbus_dev *dev, const char *key, char *buf, size_t size);

/* The backend's key as an unsigned number; def when absent or not a number. */
unsigned long xenbus_otherend_ulong(const struct xenbus_dev *dev, const char *key,
				    unsigned long def);

/* Writes the frontend's key, value the decimal number v. 0, or -1. */
int xenbus_write_ulong(kxen_xs_tx tx, const struct xenbus_dev *dev, const char *key,
		       unsigned long v);

/* Sets the frontend's state key. 0, or -1. */
int xenbus_switch_state(kxen_xs_tx tx, const struct xenbus_dev *dev, XenbusState state);

/* The backend's current state (XenbusStateUnknown when unreadable). */
XenbusState xenbus_otherend_state(const struct xenbus_dev *dev);

/* Waits, through a watch on the backend's state key, until the backend's state is one of
 * mask's bits (1 << XenbusState…) or timeout_ns passes. The state seen last, which is in
 * mask unless the wait timed out. */
XenbusState xenbus_wait_otherend(const struct xenbus_dev *dev, uint32_t mask, uint64_t timeout_ns);

/* Runs publish(tx, arg) inside a transaction and commits it, starting again when
 * xenstored reports a conflicting writer (EAGAIN), up to a few times. publish returns 0 or
 * -1 (abort). 0 when committed, -1 otherwise. */
int xenbus_transact(int (*publish)(kxen_xs_tx tx, void *arg), void *arg);

/* Human-readable name of a state, for messages. */
const char *xenbus_state_name(XenbusState s);

#endif

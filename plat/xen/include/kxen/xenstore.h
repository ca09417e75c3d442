/*
 * A small synchronous xenstore client (io/xs_wire.h) over the domain's xenstore ring: one
 * request at a time; transactions and watches for xenbus (the kxen_xs_*_tx and
 * kxen_xs_watch* calls). Paths without a leading '/' are relative
 * to the domain's home, /local/domain/<domid>/. Not for the initial domain, which has no
 * xenstore ring at boot.
 */
#ifndef KXEN_XENSTORE_H
#define KXEN_XENSTORE_H

#include <stddef.h>
#include <stdint.h>

/* Reads path into buf (NUL-terminated, cut to size). Returns the value's full length, or
 * -1 on error (no such key, no xenstore, timeout). */
int kxen_xs_read(const char *path, char *buf, size_t size);

/* Writes value to path, creating it. Returns 0, or -1 on error. */
int kxen_xs_write(const char *path, const char *value);

/* True once the xenstore ring is known. */
int kxen_xs_available(void);

/* A transaction's id; 0 is "no transaction". */
typedef uint32_t kxen_xs_tx;

/* What kxen_xs_call returns when xenstored answered EAGAIN: a transaction must be retried. */
#define KXEN_XS_AGAIN (-2)

/* One request: the payload is path and its NUL, then vlen bytes of value. */
struct kxen_xs_req {
	uint32_t type; /* XS_READ, XS_WRITE, ... (xen/io/xs_wire.h) */
	kxen_xs_tx tx;
	const char *path;
	const char *value;
	size_t vlen;
};

/* Sends rq, waits for its answer: payload into buf (NUL-terminated, cut to size). Returns
 * the payload's length, KXEN_XS_AGAIN, or -1 (XS_ERROR, timeout, no xenstore). Watch
 * events that arrive meanwhile are kept for kxen_xs_watch_wait. */
int kxen_xs_call(const struct kxen_xs_req *rq, char *buf, size_t size);

int kxen_xs_read_tx(kxen_xs_tx tx, const char *path, char *buf, size_t size);
int kxen_xs_write_tx(kxen_xs_tx tx, const char *path, const char *value);

/* Starts a transaction: 0 and *tx, or -1. */
int kxen_xs_tx_start(kxen_xs_tx *tx);

/* Commits (commit != 0) or aborts tx. 0, KXEN_XS_AGAIN (another writer came first: redo
 * the transaction from its start), or -1. */
int kxen_xs_tx_end(kxen_xs_tx tx, int commit);

/* Watches path and everything below it; xenstored fires once at once, then per change. */
int kxen_xs_watch(const char *path, const char *token);
int kxen_xs_unwatch(const char *path, const char *token);

/* Watch events received since boot. */
uint32_t kxen_xs_events(void);

/* Waits until kxen_xs_events() differs from seen, blocking the vcpu on xenstore's event
 * channel (no busy polling). 0, or -1 once plat_time_ns() passes deadline_ns. */
int kxen_xs_watch_wait(uint32_t seen, uint64_t deadline_ns);

/* The path of the last watch event. */
const char *kxen_xs_last_event(void);

#endif

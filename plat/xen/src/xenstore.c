/*
 * The xenstore client. The ring page and its event channel come from HVM params 1 and 2.
 * A request is a struct xsd_sockmsg header (type, req_id, tx_id, len) followed by len bytes
 * of payload; XS_READ's payload is the path and its NUL, XS_WRITE's the path, its NUL and
 * the value without one (docs/misc/xenstore.txt). The answer comes back on the rsp ring
 * with the same req_id, or with type XS_ERROR and an errno name. Both rings are 1 KiB with
 * free-running indices. The client polls, yielding the CPU to xenstored's domain, so it
 * works with interrupts on or off; a request gives up after KXEN_XS_TIMEOUT_NS.
 *
 * The second half (kxen_xs_call and what uses it) serves xenbus: requests inside a
 * transaction (tx_id) and watches. A watch event (XS_WATCH_EVENT, payload
 * "path\0token\0") may arrive on the rsp ring before the answer being waited for; it is
 * kept (the last one's path, and a count) for kxen_xs_watch_wait instead of dropped.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <kiln/plat.h>
#include <xen/event_channel.h>
#include <xen/hvm/params.h>
#include <xen/io/xs_wire.h>
#include <xen/sched.h>
#include <kxen/events.h>
#include <kxen/hypercall.h>
#include <kxen/xenstore.h>
#include "xen.h"

#define KXEN_XS_TIMEOUT_NS 5000000000ull

static volatile struct xenstore_domain_interface *kxen_xs;
static evtchn_port_t kxen_xs_port;
static uint32_t kxen_xs_req_id;
static uint64_t kxen_xs_deadline;

int kxen_xs_init(void)
{
	uint64_t pfn = kxen_hvm_param(HVM_PARAM_STORE_PFN);

	if (!pfn || kxen_is_initial_domain())
		return -1;
	kxen_xs_port = (evtchn_port_t)kxen_hvm_param(HVM_PARAM_STORE_EVTCHN);
	kxen_xs = (volatile struct xenstore_domain_interface *)(uintptr_t)(pfn << 12);
	return 0;
}

int kxen_xs_available(void)
{
	return kxen_xs != 0;
}

/* Lets the other side run; 0 while there is time left. */
static int kxen_xs_wait(void)
{
	struct evtchn_send send = { .port = kxen_xs_port };

	KXEN_HC(event_channel_op, EVTCHNOP_send, &send);
	KXEN_HC(sched_op, SCHEDOP_yield, 0);
	return plat_time_ns() > kxen_xs_deadline ? -1 : 0;
}

static int kxen_xs_put(const void *data, size_t len)
{
	const char *p = data;

	while (len > 0) {
		XENSTORE_RING_IDX prod = kxen_xs->req_prod;

		if (prod - kxen_xs->req_cons >= XENSTORE_RING_SIZE) {
			if (kxen_xs_wait() < 0)
				return -1;
			continue;
		}
		kxen_xs->req[MASK_XENSTORE_IDX(prod)] = *p++;
		len--;
		__asm__ volatile("" ::: "memory"); /* data before index (x86: in order) */
		kxen_xs->req_prod = prod + 1;
	}
	return 0;
}

/* Takes len bytes of the answer; into buf when it is not NULL. */
static int kxen_xs_get(void *buf, size_t len)
{
	char *p = buf;

	while (len > 0) {
		XENSTORE_RING_IDX cons = kxen_xs->rsp_cons;

		if (cons == kxen_xs->rsp_prod) {
			if (kxen_xs_wait() < 0)
				return -1;
			continue;
		}
		__asm__ volatile("" ::: "memory"); /* index before data */
		char c = kxen_xs->rsp[MASK_XENSTORE_IDX(cons)];
		if (p)
			*p++ = c;
		len--;
		kxen_xs->rsp_cons = cons + 1;
	}
	return 0;
}

/* Sends one request; value may be NULL. */
static int kxen_xs_send(uint32_t type, const char *path, const char *value)
{
	size_t plen = strlen(path) + 1, vlen = value ? strlen(value) : 0;
	struct xsd_sockmsg h = {
		.type = type, .req_id = ++kxen_xs_req_id, .tx_id = 0, .len = (uint32_t)(plen + vlen)
	};

	if (h.len > XENSTORE_PAYLOAD_MAX)
		return -1;
	if (kxen_xs_put(&h, sizeof(h)) || kxen_xs_put(path, plen) || kxen_xs_put(value, vlen))
		return -1;
	kxen_evtchn_send(kxen_xs_port);
	return 0;
}

static volatile uint32_t kxen_xs_nevents;
static char kxen_xs_event_path[128];

/* Keeps a watch event whose header was read: its path, and one more in the count. */
static int kxen_xs_take_event(uint32_t len)
{
	uint32_t keep = len < sizeof(kxen_xs_event_path) ? len : sizeof(kxen_xs_event_path) - 1;

	if (kxen_xs_get(kxen_xs_event_path, keep) < 0 || kxen_xs_get(0, len - keep) < 0)
		return -1;
	kxen_xs_event_path[keep] = '\0'; /* the path is the first string of the payload */
	kxen_xs_nevents++;
	return 0;
}

/* Receives the answer to the last request: its payload into buf (cut to size - 1 and
 * NUL-terminated), its type into *type. Returns the payload's full length, or -1 for a
 * failure. Watch events before it are kept. */
static int kxen_xs_answer(char *buf, size_t size, uint32_t *type)
{
	struct xsd_sockmsg h;

	for (;;) {
		if (kxen_xs_get(&h, sizeof(h)) < 0 || h.len > XENSTORE_PAYLOAD_MAX)
			return -1;
		if (h.type != XS_WATCH_EVENT && h.req_id == kxen_xs_req_id)
			break;
		if (h.type == XS_WATCH_EVENT ? kxen_xs_take_event(h.len) : kxen_xs_get(0, h.len))
			return -1; /* a watch event is kept; other answers are not ours */
	}
	size_t keep = size ? (h.len < size - 1 ? h.len : size - 1) : 0;
	if (kxen_xs_get(buf, keep) < 0 || kxen_xs_get(0, h.len - keep) < 0)
		return -1;
	if (size)
		buf[keep] = '\0';
	*type = h.type;
	return (int)h.len;
}

static int kxen_xs_request(uint32_t type, const char *path, const char *value, char *buf,
			   size_t size)
{
	int n;

	if (!kxen_xs)
		return -1;
	kxen_xs_deadline = plat_time_ns() + KXEN_XS_TIMEOUT_NS;
	if (kxen_xs_send(type, path, value) < 0)
		return -1;
	n = kxen_xs_answer(buf, size, &type);
	return type == XS_ERROR ? -1 : n;
}

int kxen_xs_read(const char *path, char *buf, size_t size)
{
	return kxen_xs_request(XS_READ, path, 0, buf, size);
}

int kxen_xs_write(const char *path, const char *value)
{
	char ok[4];

	return kxen_xs_request(XS_WRITE, path, value, ok, sizeof(ok)) < 0 ? -1 : 0;
}

/* ---- transactions and watches (xenbus) ---- */

int kxen_xs_call(const struct kxen_xs_req *rq, char *buf, size_t size)
{
	size_t plen = strlen(rq->path) + 1;
	struct xsd_sockmsg h = { .type = rq->type, .req_id = ++kxen_xs_req_id, .tx_id = rq->tx };
	uint32_t type;
	int n;

	if (!kxen_xs || plen + rq->vlen > XENSTORE_PAYLOAD_MAX)
		return -1;
	h.len = (uint32_t)(plen + rq->vlen);
	kxen_xs_deadline = plat_time_ns() + KXEN_XS_TIMEOUT_NS;
	if (kxen_xs_put(&h, sizeof(h)) || kxen_xs_put(rq->path, plen) ||
	    kxen_xs_put(rq->value, rq->vlen))
		return -1;
	kxen_evtchn_send(kxen_xs_port);
	n = kxen_xs_answer(buf, size, &type);
	if (n >= 0 && type == XS_ERROR)
		return buf && size && !strcmp(buf, "EAGAIN") ? KXEN_XS_AGAIN : -1;
	return n;
}

int kxen_xs_read_tx(kxen_xs_tx tx, const char *path, char *buf, size_t size)
{
	struct kxen_xs_req rq = { .type = XS_READ, .tx = tx, .path = path };

	return kxen_xs_call(&rq, buf, size);
}

int kxen_xs_write_tx(kxen_xs_tx tx, const char *path, const char *value)
{
	struct kxen_xs_req rq = {
		.type = XS_WRITE, .tx = tx, .path = path, .value = value, .vlen = strlen(value)
	};
	char ok[8];

	return kxen_xs_call(&rq, ok, sizeof(ok)) < 0 ? -1 : 0;
}

int kxen_xs_tx_start(kxen_xs_tx *tx)
{
	struct kxen_xs_req rq = { .type = XS_TRANSACTION_START, .path = "" };
	char id[16];
	uint32_t v = 0;

	if (kxen_xs_call(&rq, id, sizeof(id)) <= 0)
		return -1;
	for (const char *c = id; *c >= '0' && *c <= '9'; c++)
		v = v * 10 + (uint32_t)(*c - '0');
	*tx = v;
	return v ? 0 : -1;
}

int kxen_xs_tx_end(kxen_xs_tx tx, int commit)
{
	struct kxen_xs_req rq = { .type = XS_TRANSACTION_END,
				  .tx = tx,
				  .path = commit ? "T" : "F" };
	char ok[8];
	int n = kxen_xs_call(&rq, ok, sizeof(ok));

	return n == KXEN_XS_AGAIN ? KXEN_XS_AGAIN : n < 0 ? -1 : 0;
}

/* XS_WATCH and XS_UNWATCH: "path\0token\0". */
static int kxen_xs_watch_op(uint32_t type, const char *path, const char *token)
{
	struct kxen_xs_req rq = {
		.type = type, .path = path, .value = token, .vlen = strlen(token) + 1
	};
	char ok[8];

	return kxen_xs_call(&rq, ok, sizeof(ok)) < 0 ? -1 : 0;
}

int kxen_xs_watch(const char *path, const char *token)
{
	return kxen_xs_watch_op(XS_WATCH, path, token);
}

int kxen_xs_unwatch(const char *path, const char *token)
{
	return kxen_xs_watch_op(XS_UNWATCH, path, token);
}

uint32_t kxen_xs_events(void)
{
	return kxen_xs_nevents;
}

/* Reads every watch event already on the rsp ring (none of them is an answer: requests
 * are synchronous, so nothing else can be waiting there between them). */
static int kxen_xs_drain_events(void)
{
	struct xsd_sockmsg h;

	while (kxen_xs->rsp_prod - kxen_xs->rsp_cons >= sizeof(h)) {
		kxen_xs_deadline = plat_time_ns() + KXEN_XS_TIMEOUT_NS;
		if (kxen_xs_get(&h, sizeof(h)) < 0 || h.len > XENSTORE_PAYLOAD_MAX)
			return -1;
		if (h.type == XS_WATCH_EVENT ? kxen_xs_take_event(h.len) : kxen_xs_get(0, h.len))
			return -1;
	}
	return 0;
}

int kxen_xs_watch_wait(uint32_t seen, uint64_t deadline_ns)
{
	if (!kxen_xs)
		return -1;
	for (;;) {
		if (kxen_xs_drain_events() < 0)
			return -1;
		if (kxen_xs_nevents != seen)
			return 0;
		if (plat_time_ns() >= deadline_ns)
			return -1;
		/* Blocks until xenstored signals the (masked) port or the deadline passes. */
		kxen_evtchn_poll(kxen_xs_port, deadline_ns);
	}
}

const char *kxen_xs_last_event(void)
{
	return kxen_xs_event_path;
}

/*
 * netfront (xen/io/netif.h). Setup: grant the two ring pages and every buffer page to the
 * backend's domain once, allocate an event channel it may bind, post every receive buffer,
 * then publish the ring references, the channel and the features in one xenstore
 * transaction with the state Connected, and wait for netback to say Connected too.
 *
 * Receive (rx-copy mode, the only one netback still has): each posted request names a
 * granted page by its id; netback copies one frame into it and answers with the id,
 * offset and length (status, negative for an error). The page is posted again once the
 * frame is copied out. Transmit: a frame is copied into a free buffer page whose grant is
 * reused; netback's answer (same id) frees the page. Request ids are buffer indices.
 *
 * Ring indices are free-running; ring.h's macros carry the barriers, which we define for
 * x86 (stores are not reordered with stores, loads not with loads: a compiler barrier
 * suffices, except before reading the peer's event index, where mfence is needed).
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <kiln/plat.h>
#include <kxen/xen.h>
#define xen_mb()  __asm__ volatile("mfence" ::: "memory")
#define xen_rmb() __asm__ volatile("" ::: "memory")
#define xen_wmb() __asm__ volatile("" ::: "memory")
#include <xen/io/netif.h>
#include <xen/sched.h>
#include <kxen/events.h>
#include <kxen/gnttab.h>
#include <kxen/hypercall.h>
#include <kxen/netfront.h>
#include <kxen/xenbus.h>

#define NF_PAGE	      4096
#define NF_NRX	      CONFIG_NETFRONT_RX_BUFFERS
#define NF_NTX	      CONFIG_NETFRONT_TX_BUFFERS
#define NF_CONNECT_NS 10000000000ull /* netback may take seconds under emulation */
#define NF_TX_WAIT_NS                                                                              \
	5000000000ull /* a ring full: netback, in a dom0 the host may stall, frees it */

typedef uint8_t nf_page[NF_PAGE] __attribute__((aligned(NF_PAGE)));

struct netfront {
	struct xenbus_dev dev;
	netif_tx_front_ring_t tx;
	netif_rx_front_ring_t rx;
	evtchn_port_t port;
	int tx_ring_ref, rx_ring_ref;
	grant_ref_t rx_ref[NF_NRX], tx_ref[NF_NTX];
	void *tx_cookie[NF_NTX];
	uint16_t tx_free[NF_NTX]; /* stack of free transmit buffer ids */
	unsigned int ntx_free;
	int rx_dropping; /* inside a multi-slot frame being dropped */
	uint8_t mac[6];
	void (*notify)(void *);
	void *notify_arg;
	struct netfront_stats st;
};

static nf_page nf_tx_ring, nf_rx_ring;
static nf_page nf_rx_buf[NF_NRX], nf_tx_buf[NF_NTX];
static struct netfront nf_dev;
static int nf_in_use;

static uint64_t nf_gfn(const void *page)
{
	return (uintptr_t)page >> 12; /* PVH: guest virtual = guest physical here */
}

static struct netfront *nf_fail(const char *why)
{
	printf("netfront: %s\n", why);
	return NULL;
}

static void nf_event(evtchn_port_t port, void *arg)
{
	struct netfront *nf = arg;

	(void)port;
	nf->st.events++;
	if (nf->notify)
		nf->notify(nf->notify_arg);
}

/* Posts receive buffer id at the ring's next free request. */
static void nf_post_rx(struct netfront *nf, uint16_t id)
{
	netif_rx_request_t *req = RING_GET_REQUEST(&nf->rx, nf->rx.req_prod_pvt);

	req->id = id;
	req->gref = nf->rx_ref[id];
	nf->rx.req_prod_pvt++;
}

static void nf_push_rx(struct netfront *nf)
{
	int notify;

	RING_PUSH_REQUESTS_AND_CHECK_NOTIFY(&nf->rx, notify);
	if (notify)
		kxen_evtchn_send(nf->port);
}

/* Grants the rings and the buffers; -1 when the grant table is full. */
static int nf_grant_all(struct netfront *nf)
{
	domid_t be = nf->dev.otherend_id;
	int ref;

	nf->tx_ring_ref = kxen_gnttab_grant(be, nf_gfn(nf_tx_ring), 0);
	nf->rx_ring_ref = kxen_gnttab_grant(be, nf_gfn(nf_rx_ring), 0);
	if (nf->tx_ring_ref < 0 || nf->rx_ring_ref < 0)
		return -1;
	for (unsigned int i = 0; i < NF_NRX; i++) {
		if ((ref = kxen_gnttab_grant(be, nf_gfn(nf_rx_buf[i]), 0)) < 0)
			return -1;
		nf->rx_ref[i] = (grant_ref_t)ref;
	}
	for (unsigned int i = 0; i < NF_NTX; i++) {
		if ((ref = kxen_gnttab_grant(be, nf_gfn(nf_tx_buf[i]), 1)) < 0)
			return -1;
		nf->tx_ref[i] = (grant_ref_t)ref;
		nf->tx_free[nf->ntx_free++] = (uint16_t)i;
	}
	return 0;
}

static int nf_setup_rings(struct netfront *nf)
{
	netif_tx_sring_t *txs = (netif_tx_sring_t *)nf_tx_ring;
	netif_rx_sring_t *rxs = (netif_rx_sring_t *)nf_rx_ring;

	SHARED_RING_INIT(txs);
	SHARED_RING_INIT(rxs);
	FRONT_RING_INIT(&nf->tx, txs, NF_PAGE);
	FRONT_RING_INIT(&nf->rx, rxs, NF_PAGE);
	if (nf_grant_all(nf) < 0)
		return -1;
	for (uint16_t i = 0; i < NF_NRX; i++)
		nf_post_rx(nf, i);
	RING_PUSH_REQUESTS(&nf->rx); /* netback is not connected yet: no event */
	if (kxen_evtchn_alloc_unbound(nf->dev.otherend_id, &nf->port) != 0)
		return -1;
	return kxen_evtchn_bind(nf->port, nf_event, nf) == 0 ? 0 : -1;
}

/* "00:16:3e:01:02:03" → 6 bytes. */
static int nf_parse_mac(const char *s, uint8_t mac[6])
{
	for (int i = 0; i < 6; i++) {
		unsigned int v = 0;

		for (int d = 0; d < 2; d++, s++) {
			char c = *s;
			int x = c >= '0' && c <= '9'   ? c - '0'
				: c >= 'a' && c <= 'f' ? c - 'a' + 10
				: c >= 'A' && c <= 'F' ? c - 'A' + 10
						       : -1;
			if (x < 0)
				return -1;
			v = v * 16 + (unsigned int)x;
		}
		mac[i] = (uint8_t)v;
		if (*s != (i == 5 ? '\0' : ':'))
			return -1;
		s += i < 5;
	}
	return 0;
}

/* The frontend's half of the handshake, in one transaction. */
static int nf_publish(kxen_xs_tx tx, void *arg)
{
	struct netfront *nf = arg;
	static const char *const features[] = { "request-rx-copy", "feature-rx-notify",
						"feature-no-csum-offload" };

	if (xenbus_write_ulong(tx, &nf->dev, "tx-ring-ref", (unsigned long)nf->tx_ring_ref) ||
	    xenbus_write_ulong(tx, &nf->dev, "rx-ring-ref", (unsigned long)nf->rx_ring_ref) ||
	    xenbus_write_ulong(tx, &nf->dev, "event-channel", nf->port) ||
	    xenbus_write_ulong(tx, &nf->dev, "feature-sg", 0) ||
	    xenbus_write_ulong(tx, &nf->dev, "feature-gso-tcpv4", 0))
		return -1;
	for (unsigned int i = 0; i < sizeof(features) / sizeof(features[0]); i++)
		if (xenbus_write_ulong(tx, &nf->dev, features[i], 1))
			return -1;
	return xenbus_switch_state(tx, &nf->dev, XenbusStateConnected);
}

static struct netfront *nf_connect(struct netfront *nf)
{
	XenbusState s;
	char mac[24];

	if (xenbus_read(0, &nf->dev, "mac", mac, sizeof(mac)) <= 0 ||
	    nf_parse_mac(mac, nf->mac) < 0)
		return nf_fail("no valid mac in xenstore");
	s = xenbus_wait_otherend(&nf->dev, 1u << XenbusStateInitWait | 1u << XenbusStateConnected,
				 NF_CONNECT_NS);
	if (s != XenbusStateInitWait && s != XenbusStateConnected)
		return nf_fail("backend never reached InitWait");
	if (!xenbus_otherend_ulong(&nf->dev, "feature-rx-copy", 0))
		return nf_fail("backend lacks feature-rx-copy");
	if (nf_setup_rings(nf) < 0)
		return nf_fail("out of grant references or event channels");
	if (xenbus_transact(nf_publish, nf) < 0)
		return nf_fail("cannot publish the rings in xenstore");
	s = xenbus_wait_otherend(&nf->dev, 1u << XenbusStateConnected, NF_CONNECT_NS);
	if (s != XenbusStateConnected)
		return nf_fail("backend did not connect");
	return nf;
}

struct netfront *netfront_open(unsigned int index)
{
	struct netfront *nf = &nf_dev;

	if (nf_in_use)
		return nf_fail("only one device is supported");
	if (!kxen_xs_available())
		return nf_fail("no xenstore (the initial domain has no vif)");
	memset(nf, 0, sizeof(*nf));
	if (xenbus_dev_init(&nf->dev, "vif", index) < 0)
		return nf_fail("no vif in xenstore (no vif line in the xl config?)");
	nf_in_use = 1;
	return nf_connect(nf);
}

const uint8_t *netfront_mac(const struct netfront *nf)
{
	return nf->mac;
}

void netfront_tx_reap(struct netfront *nf, void (*done)(void *ctx, void *cookie), void *ctx)
{
	int more;

	do {
		RING_IDX prod = nf->tx.sring->rsp_prod;

		xen_rmb(); /* the responses after the index that publishes them */
		for (RING_IDX c = nf->tx.rsp_cons; c != prod; c++) {
			netif_tx_response_t *rsp = RING_GET_RESPONSE(&nf->tx, c);

			if (rsp->status == NETIF_RSP_NULL || rsp->id >= NF_NTX)
				continue; /* the slot of an extra info: none is sent */
			if (rsp->status != NETIF_RSP_OKAY)
				nf->st.tx_errors++;
			nf->tx_free[nf->ntx_free++] = rsp->id;
			if (done)
				done(ctx, nf->tx_cookie[rsp->id]);
		}
		nf->tx.rsp_cons = prod;
		RING_FINAL_CHECK_FOR_RESPONSES(&nf->tx, more);
	} while (more);
}

/* Copies the segments into a free buffer page and queues it. */
int netfront_send_segs(struct netfront *nf, const struct netfront_seg *segs, unsigned int n,
		       void *cookie)
{
	netif_tx_request_t *req;
	size_t len = 0;
	uint16_t id;
	int notify;

	for (unsigned int i = 0; i < n; i++)
		len += segs[i].len;
	if (len < 14 || len > NETFRONT_MTU_FRAME)
		return NETFRONT_EINVAL;
	if (!nf->ntx_free)
		return NETFRONT_EBUSY;
	id = nf->tx_free[--nf->ntx_free];
	nf->tx_cookie[id] = cookie;
	len = 0;
	for (unsigned int i = 0; i < n; i++) {
		memcpy(nf_tx_buf[id] + len, segs[i].addr, segs[i].len);
		len += segs[i].len;
	}
	req = RING_GET_REQUEST(&nf->tx, nf->tx.req_prod_pvt);
	req->gref = nf->tx_ref[id];
	req->offset = 0;
	req->flags = 0; /* checksums are complete: no csum_blank, no more_data */
	req->id = id;
	req->size = (uint16_t)len;
	nf->tx.req_prod_pvt++;
	RING_PUSH_REQUESTS_AND_CHECK_NOTIFY(&nf->tx, notify);
	if (notify)
		kxen_evtchn_send(nf->port);
	nf->st.tx_frames++;
	nf->st.tx_bytes += len;
	return 0;
}

int netfront_send(struct netfront *nf, const void *frame, size_t len)
{
	struct netfront_seg seg = { frame, len };
	uint64_t end = 0;
	int rc;

	/* A deadline, not a number of tries: how many yields netback needs to free a buffer
	 * depends on how busy dom0's host is (a fixed 1,000 ran out under load). */
	for (;;) {
		netfront_tx_reap(nf, 0, 0);
		rc = netfront_send_segs(nf, &seg, 1, 0);
		if (rc != NETFRONT_EBUSY)
			return rc < 0 ? -1 : 0;
		if (!end)
			end = plat_time_ns() + NF_TX_WAIT_NS;
		else if (plat_time_ns() >= end)
			return -1;
		KXEN_HC(sched_op, SCHEDOP_yield, 0); /* let netback run */
	}
}

/* Copies one response's frame out (or drops it); the buffer goes back on the ring. The
 * frame's length, 0 when dropped, -1 when it was whole but longer than size. */
static int nf_take_rx(struct netfront *nf, netif_rx_response_t *rsp, void *buf, size_t size)
{
	int n = rsp->status, more = (rsp->flags & NETRXF_more_data) != 0, rc = 0;
	int whole = !nf->rx_dropping && !more && n > 0 && rsp->offset + n <= NF_PAGE;
	uint16_t id = rsp->id;

	if (id >= NF_NRX)
		return 0; /* not ours: netback broke the protocol */
	if (whole && (size_t)n <= size) {
		memcpy(buf, nf_rx_buf[id] + rsp->offset, (size_t)n);
		nf->st.rx_frames++;
		nf->st.rx_bytes += (uint64_t)n;
		rc = n;
	} else {
		nf->st.rx_dropped++; /* an error status, or a frame spread over slots */
		rc = whole ? -1 : 0;
	}
	nf->rx_dropping = more; /* a multi-slot frame (never asked for) is dropped whole */
	nf_post_rx(nf, id);
	return rc;
}

int netfront_recv(struct netfront *nf, void *buf, size_t size)
{
	for (;;) {
		RING_IDX prod = nf->rx.sring->rsp_prod;
		int n = 0;

		xen_rmb();
		while (nf->rx.rsp_cons != prod && n == 0)
			n = nf_take_rx(nf, RING_GET_RESPONSE(&nf->rx, nf->rx.rsp_cons++), buf,
				       size);
		nf_push_rx(nf);
		if (n != 0)
			return n;
		int more;

		RING_FINAL_CHECK_FOR_RESPONSES(&nf->rx, more);
		if (!more)
			return 0;
	}
}

unsigned int netfront_rx_slots(void)
{
	return NF_NRX;
}

unsigned int netfront_tx_slots(void)
{
	return NF_NTX;
}

void netfront_set_notify(struct netfront *nf, void (*fn)(void *arg), void *arg)
{
	nf->notify = fn;
	nf->notify_arg = arg;
}

int netfront_backend_state(const struct netfront *nf)
{
	return (int)xenbus_otherend_state(&nf->dev);
}

int netfront_backend_feature(const struct netfront *nf, const char *key)
{
	return (int)xenbus_otherend_ulong(&nf->dev, key, 0);
}

void netfront_stats(const struct netfront *nf, struct netfront_stats *out)
{
	*out = nf->st;
}

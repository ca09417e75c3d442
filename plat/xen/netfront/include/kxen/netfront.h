/*
 * netfront: a Xen virtual network interface as seen from the guest (xen/io/netif.h). One
 * device, found under xenstore's device/vif/<index>; frames are whole Ethernet frames
 * without the FCS, at most NETFRONT_MTU_FRAME bytes.
 */
#ifndef KXEN_NETFRONT_H
#define KXEN_NETFRONT_H

#include <stddef.h>
#include <stdint.h>

#define NETFRONT_MTU_FRAME 1514 /* 1500 bytes of payload and the Ethernet header */

struct netfront;

struct netfront_stats {
	uint64_t rx_frames, rx_bytes, rx_dropped; /* dropped: errors and frames too big */
	uint64_t tx_frames, tx_bytes, tx_errors;  /* errors: netback answered not OKAY */
	uint64_t events;			  /* event channel upcalls */
};

/* Connects vif index to its backend (xenbus handshake, rings, buffers). The device, or
 * NULL with a one-line reason on the console. */
struct netfront *netfront_open(unsigned int index);

/* The interface's MAC (6 bytes), as the toolstack wrote it. */
const uint8_t *netfront_mac(const struct netfront *nf);

/* Queues one frame for netback. 0, or -1 when it is too long or short, or no transmit
 * buffer came free within 5 s (it reaps finished sends itself and yields to netback). */
int netfront_send(struct netfront *nf, const void *frame, size_t len);

#define NETFRONT_EINVAL (-22) /* too short or too long */
#define NETFRONT_EBUSY	(-16) /* every transmit buffer waits for netback: reap first */

struct netfront_seg {
	const void *addr;
	size_t len;
};

/* Queues the frame made of n segments (copied into a buffer granted once at start; grants
 * are whole pages, so a stack's buffers cannot be handed over in place); cookie comes back
 * through netfront_tx_reap once netback is done. 0, NETFRONT_EINVAL or NETFRONT_EBUSY. */
int netfront_send_segs(struct netfront *nf, const struct netfront_seg *segs, unsigned int n,
		       void *cookie);

/* Frees the buffer of every frame netback has finished sending, calling done(ctx, cookie)
 * for each when done is not NULL. */
void netfront_tx_reap(struct netfront *nf, void (*done)(void *ctx, void *cookie), void *ctx);

/* Takes the next received frame into buf. Its length, 0 when none is waiting, or -1 when
 * size was too small (the frame is dropped). */
int netfront_recv(struct netfront *nf, void *buf, size_t size);

/* Receive and transmit buffers (NETFRONT_RX_BUFFERS, NETFRONT_TX_BUFFERS). */
unsigned int netfront_rx_slots(void);
unsigned int netfront_tx_slots(void);

/* Calls fn(arg) from the event channel's handler (interrupt context, interrupts off) when
 * netback signals: frames arrived or sends completed. NULL stops it. */
void netfront_set_notify(struct netfront *nf, void (*fn)(void *arg), void *arg);

/* The backend's xenbus state, the frontend's, and the counters. */
int netfront_backend_state(const struct netfront *nf);
void netfront_stats(const struct netfront *nf, struct netfront_stats *out);

/* The backend's feature-sg/feature-gso-tcpv4 (read, not used) and the event channel. */
int netfront_backend_feature(const struct netfront *nf, const char *key);

#endif

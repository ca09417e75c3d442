/*
 * The network device interface: what a network stack (lwIP) sees of a NIC, whatever drives
 * it (virtio-net on KVM, netfront on Xen). Frames move without copies: the stack posts
 * empty receive buffers of its own (lwIP's pbufs) that the device fills, and hands frames
 * to send as segment lists the device reads in place until it reports them done. Devices
 * register at boot; the stack attaches to each with knetdev_attach().
 *
 * Threading: the ops are called from one thread at a time (the stack's lock), never from
 * interrupt context; the device calls the stack's event() from its interrupt handler to
 * say that poll() has work, and rx()/tx_done() only from within poll().
 */
#ifndef KILN_NETDEV_H
#define KILN_NETDEV_H

#include <stddef.h>
#include <stdint.h>

#define KNETDEV_ENOSPC -28 /* no room in the device's queue now: try after poll() */
#define KNETDEV_EINVAL -22

/* Features a device offers (knetdev.features). */
#define KNETDEV_F_TX_CSUM (1u << 0) /* fills a TCP/UDP checksum from csum_start/offset */

struct knetdev;

struct knetdev_seg {
	const void *addr;
	size_t len;
};

/* A frame to send: segments in order, and for KNETDEV_F_TX_CSUM the checksum the device
 * computes from byte csum_start to the end and stores at csum_start + csum_offset (the
 * field already holds the pseudo-header's sum); csum_offset 0: none asked. */
struct knetdev_tx {
	const struct knetdev_seg *segs;
	unsigned int nsegs;
	uint16_t csum_start, csum_offset;
	void *cookie; /* handed back to tx_done once the device is done reading */
};

/* Implemented by the device's driver. */
struct knetdev_ops {
	int (*xmit)(struct knetdev *nd, const struct knetdev_tx *tx);
	/* An empty buffer for one received frame (at least mtu + 14 bytes). 0 or ENOSPC. */
	int (*rx_post)(struct knetdev *nd, void *buf, size_t len, void *cookie);
	/* Calls rx() for every frame received and tx_done() for every frame sent since the
	 * last call; re-enables the event. Returns how many it handled. */
	int (*poll)(struct knetdev *nd);
};

/* Set by the stack before the device starts (knetdev_attach). */
struct knetdev_stack {
	void (*rx)(struct knetdev *nd, void *cookie, size_t len);
	void (*tx_done)(struct knetdev *nd, void *cookie);
	void (*event)(struct knetdev *nd); /* interrupt context: poll() has work */
	void *ctx;
};

struct knetdev {
	const char *name; /* "virtio-net0" */
	uint8_t mac[6];
	uint16_t mtu;
	unsigned int features;
	unsigned int rx_slots; /* receive buffers the device holds at most */
	unsigned int tx_slots; /* frames in flight at most */
	int irq_driven;	       /* 0: nothing calls event(): the stack polls */
	const struct knetdev_ops *ops;
	struct knetdev_stack stack;
	void *priv; /* the driver's */
	struct knetdev *next;
	uint64_t rx_frames, tx_frames, rx_dropped, tx_busy;
};

/* For drivers: makes nd known (at boot, once it is ready to attach). */
void knetdev_register(struct knetdev *nd);

/* Devices registered so far, in order. */
unsigned int knetdev_count(void);
struct knetdev *knetdev_at(unsigned int i);

/* For stacks: sets the callbacks; the device may call event() from then on. */
void knetdev_attach(struct knetdev *nd, const struct knetdev_stack *stack);

/* "52:54:00:12:34:56" into buf (at least 18 bytes). */
void knetdev_mac_str(const struct knetdev *nd, char *buf);

#endif

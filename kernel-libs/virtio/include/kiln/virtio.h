/*
 * virtio (OASIS virtio 1.2): devices behind a transport (virtio-pci modern, §4.1; virtio-mmio,
 * §4.2, version 2 and the legacy version 1 QEMU's microvm offers by default), feature
 * negotiation (§3.1.1), split virtqueues (§2.7) and interrupts through the irq library with
 * a polling fallback. A driver registers for a device type at KVIRTIO_DRIVER_LEVEL; the
 * transports find devices at boot and hand each to the driver of its type.
 */
#ifndef KILN_VIRTIO_H
#define KILN_VIRTIO_H

#include <stddef.h>
#include <stdint.h>

#define KVIRTIO_DRIVER_LEVEL 45

/* Device types (§5). */
#define KVIRTIO_ID_NET 1

/* Device status bits (§2.1). */
#define KVIRTIO_S_ACKNOWLEDGE 1
#define KVIRTIO_S_DRIVER      2
#define KVIRTIO_S_DRIVER_OK   4
#define KVIRTIO_S_FEATURES_OK 8
#define KVIRTIO_S_FAILED      128

/* Transport-independent feature bits (§6). */
#define KVIRTIO_F_VERSION_1 32

#define KVIRTIO_EIO    -5
#define KVIRTIO_ENOMEM -12
#define KVIRTIO_ENOSPC -28

struct kvirtio_dev;
struct kvirtq;

/* What a transport does; config is the device-specific configuration space. */
struct kvirtio_ops {
	uint64_t (*get_features)(struct kvirtio_dev *d);
	void (*set_features)(struct kvirtio_dev *d, uint64_t f);
	uint8_t (*get_status)(struct kvirtio_dev *d);
	void (*set_status)(struct kvirtio_dev *d, uint8_t s);
	void (*config_read)(struct kvirtio_dev *d, unsigned int off, void *buf, size_t len);
	/* Largest queue size the device takes for queue index (0: no such queue). */
	uint16_t (*queue_max)(struct kvirtio_dev *d, uint16_t index);
	/* Hands the rings of vq to the device and enables the queue. 0, or KVIRTIO_EIO. */
	int (*queue_enable)(struct kvirtio_dev *d, struct kvirtq *vq);
	void (*notify)(struct kvirtio_dev *d, struct kvirtq *vq);
	/* Reads and acknowledges the interrupt status (bit 0: a queue, bit 1: config). */
	uint8_t (*ack_irq)(struct kvirtio_dev *d);
};

struct kvirtio_dev {
	const struct kvirtio_ops *ops;
	const char *transport; /* "pci", "mmio" */
	uint16_t type;	       /* KVIRTIO_ID_* */
	int legacy;	       /* virtio-mmio version 1: legacy layout, no FEATURES_OK */
	int irq;	       /* the platform's interrupt source, -1: none (poll) */
	uint64_t features;     /* negotiated */
	void *priv;	       /* the driver's */
};

struct kvirtio_driver {
	const char *name;
	uint16_t type;
	int (*probe)(struct kvirtio_dev *d); /* 0 when it took the device */
	struct kvirtio_driver *next;
};

void kvirtio_driver_register(struct kvirtio_driver *drv);

/* For transports: offers a device found to the driver of its type. */
int kvirtio_device_found(struct kvirtio_dev *d);

/* virtio-mmio: parses "<size>@<base>:<irq>" (the value of a virtio_mmio.device= word). 0, or
 * -1 when malformed. */
int kvirtio_mmio_parse(const char *w, uint64_t *size, uint64_t *base, unsigned int *irq);

/* Resets the device and negotiates: the features both sides have among wanted (VERSION_1
 * added unless legacy). 0 and d->features set, or KVIRTIO_EIO when the device refuses. */
int kvirtio_negotiate(struct kvirtio_dev *d, uint64_t wanted);

/* The driver is ready: DRIVER_OK (§3.1.1 step 8). */
void kvirtio_driver_ok(struct kvirtio_dev *d);

static inline int kvirtio_has(const struct kvirtio_dev *d, unsigned int bit)
{
	return (d->features >> bit) & 1;
}

/* --- split virtqueues (§2.7) ------------------------------------------------------------ */

struct kvirtq_desc {
	uint64_t addr;
	uint32_t len;
	uint16_t flags;
	uint16_t next;
};

struct kvirtq_avail {
	uint16_t flags;
	uint16_t idx;
	uint16_t ring[];
};

struct kvirtq_used_elem {
	uint32_t id;
	uint32_t len;
};

struct kvirtq_used {
	uint16_t flags;
	uint16_t idx;
	struct kvirtq_used_elem ring[];
};

#define KVIRTQ_DESC_F_NEXT	    1
#define KVIRTQ_DESC_F_WRITE	    2
#define KVIRTQ_AVAIL_F_NO_INTERRUPT 1
#define KVIRTQ_ALIGN		    4096 /* legacy layout: the used ring's alignment */

struct kvirtq {
	struct kvirtio_dev *dev;
	uint16_t index, size;
	uint16_t free_head, num_free, last_used;
	struct kvirtq_desc *desc;
	struct kvirtq_avail *avail;
	struct kvirtq_used *used;
	void *ring_mem; /* one allocation, legacy layout (§2.7 "Legacy Interfaces") */
	size_t ring_pages;
	void **cookies;	      /* per head descriptor: what kvirtq_get returns */
	uint64_t notify_addr; /* transport's: where to write the queue index */
};

/* One piece of a buffer: device-readable unless write. */
struct kvirtq_seg {
	const void *addr;
	uint32_t len;
	int write;
};

/* Allocates queue index with at most max entries (the device's limit applies) and hands it
 * to the device. NULL when the device has no such queue or memory is out. */
struct kvirtq *kvirtq_create(struct kvirtio_dev *d, uint16_t index, uint16_t max);

/* Places a buffer of n segments (readable ones first) in the available ring; cookie comes
 * back from kvirtq_get. 0, or KVIRTIO_ENOSPC when fewer than n descriptors are free. Call
 * with the queue's user serialised (interrupts off or one thread). */
int kvirtq_add(struct kvirtq *vq, const struct kvirtq_seg *segs, unsigned int n, void *cookie);

/* Tells the device about new buffers, unless it asked not to be told. */
void kvirtq_kick(struct kvirtq *vq);

/* The next buffer the device used (its cookie, *len bytes written), NULL when none. */
void *kvirtq_get(struct kvirtq *vq, uint32_t *len);

/* Whether the device used buffers not yet taken with kvirtq_get. */
int kvirtq_pending(const struct kvirtq *vq);

/* Asks the device not to interrupt for this queue (on = 0), or to again. */
void kvirtq_set_interrupts(struct kvirtq *vq, int on);

static inline unsigned int kvirtq_free(const struct kvirtq *vq)
{
	return vq->num_free;
}

#endif

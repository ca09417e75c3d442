/*
 * virtio-net (virtio 1.2 §5.1) as a netdev: queue 0 receives, queue 1 transmits. Every
 * buffer is preceded by a struct virtio_net_hdr (§5.1.6) in a descriptor of its own, so
 * the frame itself stays in the stack's buffer: 12 bytes with VERSION_1, 10 for a legacy
 * device without MRG_RXBUF (§5.1.6.1 "Legacy Interface"). Features asked for: MAC (the
 * address from the configuration space, §5.1.4) and CSUM (the device completes a partial
 * TCP/UDP checksum, §5.1.6.2), which QEMU offers only where the backend takes a virtio
 * header (tap, not user networking). Transmit completions are reclaimed at the next send
 * or poll, with the transmit queue's interrupts off.
 */
#include <string.h>
#include <kiln/alloc.h>
#include <kiln/boot.h>
#include <kiln/irq.h>
#include <kiln/netdev.h>
#include <kiln/printk.h>
#include <kiln/virtio.h>

#define VNET_F_CSUM 0
#define VNET_F_MAC  5

#define VNET_HDR_F_NEEDS_CSUM 1
#define VNET_RXQ	      0
#define VNET_TXQ	      1
#define VNET_MAX_SEGS	      16

struct vnet_hdr {
	uint8_t flags;
	uint8_t gso_type;
	uint16_t hdr_len;
	uint16_t gso_size;
	uint16_t csum_start;
	uint16_t csum_offset;
	uint16_t num_buffers; /* VERSION_1 only */
};

/* One buffer in flight: its header and the stack's cookie. */
struct vnet_slot {
	struct vnet_hdr hdr;
	void *cookie;
	struct vnet_slot *next_free;
};

struct vnet {
	struct knetdev nd;
	struct kvirtio_dev *dev;
	struct kvirtq *rxq, *txq;
	struct vnet_slot *rx_free, *tx_free;
	uint32_t hdr_len;
	char name[16];
};

static unsigned int vnet_count;

static struct vnet_slot *slot_take(struct vnet_slot **list)
{
	struct vnet_slot *s = *list;

	if (s)
		*list = s->next_free;
	return s;
}

static void slot_put(struct vnet_slot **list, struct vnet_slot *s)
{
	s->next_free = *list;
	*list = s;
}

static int vnet_xmit(struct knetdev *nd, const struct knetdev_tx *tx)
{
	struct vnet *v = nd->priv;
	struct kvirtq_seg segs[VNET_MAX_SEGS + 1];

	if (tx->nsegs > VNET_MAX_SEGS)
		return KNETDEV_EINVAL;
	if (kvirtq_free(v->txq) < tx->nsegs + 1 || !v->tx_free) {
		nd->tx_busy++;
		return KNETDEV_ENOSPC;
	}
	struct vnet_slot *s = slot_take(&v->tx_free);
	memset(&s->hdr, 0, sizeof(s->hdr));
	if (tx->csum_offset && (nd->features & KNETDEV_F_TX_CSUM)) {
		s->hdr.flags = VNET_HDR_F_NEEDS_CSUM;
		s->hdr.csum_start = tx->csum_start;
		s->hdr.csum_offset = tx->csum_offset;
	}
	s->cookie = tx->cookie;
	segs[0] = (struct kvirtq_seg){ &s->hdr, v->hdr_len, 0 };
	for (unsigned int i = 0; i < tx->nsegs; i++)
		segs[i + 1] = (struct kvirtq_seg){ tx->segs[i].addr, (uint32_t)tx->segs[i].len, 0 };
	kvirtq_add(v->txq, segs, tx->nsegs + 1, s);
	kvirtq_kick(v->txq);
	nd->tx_frames++;
	return 0;
}

static int vnet_rx_post(struct knetdev *nd, void *buf, size_t len, void *cookie)
{
	struct vnet *v = nd->priv;

	if (kvirtq_free(v->rxq) < 2 || !v->rx_free)
		return KNETDEV_ENOSPC;
	struct vnet_slot *s = slot_take(&v->rx_free);
	struct kvirtq_seg segs[2] = { { &s->hdr, v->hdr_len, 1 }, { buf, (uint32_t)len, 1 } };

	s->cookie = cookie;
	kvirtq_add(v->rxq, segs, 2, s);
	kvirtq_kick(v->rxq);
	return 0;
}

static int vnet_poll(struct knetdev *nd)
{
	struct vnet *v = nd->priv;
	struct vnet_slot *s;
	uint32_t len;
	int n = 0;

	while ((s = kvirtq_get(v->txq, 0)) != 0) {
		slot_put(&v->tx_free, s);
		nd->stack.tx_done(nd, s->cookie);
		n++;
	}
	while ((s = kvirtq_get(v->rxq, &len)) != 0) {
		void *cookie = s->cookie;

		slot_put(&v->rx_free, s);
		len = len > v->hdr_len ? len - v->hdr_len : 0;
		nd->rx_frames++;
		nd->stack.rx(nd, cookie, len);
		n++;
	}
	return n;
}

static const struct knetdev_ops vnet_ops = {
	.xmit = vnet_xmit,
	.rx_post = vnet_rx_post,
	.poll = vnet_poll,
};

static void vnet_irq(unsigned int irq, void *arg)
{
	struct vnet *v = arg;

	(void)irq;
	if (v->dev->ops->ack_irq(v->dev) && v->nd.stack.event)
		v->nd.stack.event(&v->nd);
}

static struct vnet_slot *slots_alloc(unsigned int n)
{
	struct vnet_slot *a = kalloc_calloc(n, sizeof(*a)), *list = 0;

	for (unsigned int i = 0; a && i < n; i++)
		slot_put(&list, &a[i]);
	return list;
}

static void vnet_identity(struct vnet *v)
{
	static const uint8_t fallback[6] = { 0x52, 0x54, 0x00, 0x6b, 0x69, 0x6c };

	if (kvirtio_has(v->dev, VNET_F_MAC))
		v->dev->ops->config_read(v->dev, 0, v->nd.mac, 6);
	else
		memcpy(v->nd.mac, fallback, 6);
	v->nd.mac[5] += kvirtio_has(v->dev, VNET_F_MAC) ? 0 : vnet_count;
	v->nd.mtu = 1500;
	v->nd.features = kvirtio_has(v->dev, VNET_F_CSUM) ? KNETDEV_F_TX_CSUM : 0;
	v->hdr_len = v->dev->legacy ? 10 : sizeof(struct vnet_hdr);
}

static int vnet_queues(struct vnet *v)
{
	v->rxq = kvirtq_create(v->dev, VNET_RXQ, CONFIG_VIRTIO_NET_QUEUE_SIZE);
	v->txq = kvirtq_create(v->dev, VNET_TXQ, CONFIG_VIRTIO_NET_QUEUE_SIZE);
	if (!v->rxq || !v->txq)
		return KVIRTIO_ENOMEM;
	v->nd.rx_slots = v->rxq->size / 2;
	v->nd.tx_slots = v->txq->size / 2;
	v->rx_free = slots_alloc(v->nd.rx_slots);
	v->tx_free = slots_alloc(v->nd.tx_slots);
	if (!v->rx_free || !v->tx_free)
		return KVIRTIO_ENOMEM;
	kvirtq_set_interrupts(v->txq, 0);
	return 0;
}

static int vnet_probe(struct kvirtio_dev *d)
{
	struct vnet *v = kalloc_calloc(1, sizeof(*v));

	if (!v)
		return KVIRTIO_ENOMEM;
	v->dev = d;
	d->priv = v;
	uint64_t want = 1ull << VNET_F_MAC;
	if (IS_ENABLED(CONFIG_VIRTIO_NET_CSUM))
		want |= 1ull << VNET_F_CSUM;
	int err = kvirtio_negotiate(d, want);
	if (err)
		return err;
	vnet_identity(v);
	err = vnet_queues(v);
	if (err)
		return err;
	v->nd.name = v->name;
	memcpy(v->name, "virtio-net", 10);
	v->name[10] = (char)('0' + vnet_count++ % 10);
	v->nd.ops = &vnet_ops;
	v->nd.priv = v;
	v->nd.irq_driven = d->irq >= 0 && kirq_register((unsigned int)d->irq, vnet_irq, v) == 0;
	kvirtio_driver_ok(d);
	char mac[18];
	knetdev_mac_str(&v->nd, mac);
	printk(PRINTK_INFO, "%s: %s on virtio-%s%s, irq %d%s\n", v->name, mac, d->transport,
	       d->legacy ? " (legacy)" : "", d->irq, v->nd.irq_driven ? "" : " (polling)");
	knetdev_register(&v->nd);
	return 0;
}

static struct kvirtio_driver vnet_driver = {
	.name = "virtio-net",
	.type = KVIRTIO_ID_NET,
	.probe = vnet_probe,
};

static int vnet_register(void)
{
	kvirtio_driver_register(&vnet_driver);
	return 0;
}
KBOOT_INIT(vnet_register, KVIRTIO_DRIVER_LEVEL);

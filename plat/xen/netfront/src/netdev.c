/*
 * netfront as a kiln netdev (kiln/netdev.h), registered at boot when the netdev library is
 * on (lwIP then attaches to it like to virtio-net). The stack's receive buffers wait in a
 * FIFO until a frame arrives; poll() copies each frame from netfront's granted page into
 * the oldest one. Frames to send are copied into granted pages at xmit(); their cookies
 * come back to the stack from poll() once netback answered. The event channel's handler
 * is the interrupt that tells the stack to poll.
 */
#include <stddef.h>
#include <stdint.h>
#include <kiln/boot.h>
#include <kiln/netdev.h>
#include <kiln/plat.h>
#include <kiln/printk.h>
#include <kxen/netfront.h>

#define NFD_LEVEL 52 /* after interrupts (KBOOT_LEVEL_LIB), before the stack (70) */
#define NFD_RXQ	  256

struct nfd_rxbuf {
	void *buf, *cookie;
	size_t len;
};

struct nfd {
	struct knetdev nd;
	struct netfront *nf;
	struct nfd_rxbuf rxq[NFD_RXQ]; /* posted buffers, oldest at head */
	unsigned int head, count;
};

static struct nfd nfd_dev;

static int nfd_xmit(struct knetdev *nd, const struct knetdev_tx *tx)
{
	struct nfd *d = nd->priv;
	struct netfront_seg segs[16];
	int rc;

	if (tx->nsegs > sizeof(segs) / sizeof(segs[0]))
		return KNETDEV_EINVAL;
	for (unsigned int i = 0; i < tx->nsegs; i++)
		segs[i] = (struct netfront_seg){ tx->segs[i].addr, tx->segs[i].len };
	rc = netfront_send_segs(d->nf, segs, tx->nsegs, tx->cookie);
	if (rc == NETFRONT_EBUSY) {
		nd->tx_busy++;
		return KNETDEV_ENOSPC;
	}
	if (rc == 0)
		nd->tx_frames++;
	return rc == 0 ? 0 : KNETDEV_EINVAL;
}

static int nfd_rx_post(struct knetdev *nd, void *buf, size_t len, void *cookie)
{
	struct nfd *d = nd->priv;

	if (d->count == NFD_RXQ || d->count == nd->rx_slots)
		return KNETDEV_ENOSPC;
	d->rxq[(d->head + d->count++) % NFD_RXQ] = (struct nfd_rxbuf){ buf, cookie, len };
	return 0;
}

static void nfd_tx_done(void *ctx, void *cookie)
{
	struct knetdev *nd = ctx;

	nd->stack.tx_done(nd, cookie);
}

static int nfd_poll(struct knetdev *nd)
{
	struct nfd *d = nd->priv;
	int handled = 0;

	netfront_tx_reap(d->nf, nfd_tx_done, nd);
	while (d->count) {
		struct nfd_rxbuf *b = &d->rxq[d->head];
		int n = netfront_recv(d->nf, b->buf, b->len);

		if (n == 0)
			break;
		if (n < 0) { /* longer than the stack's buffer: dropped, the buffer kept */
			nd->rx_dropped++;
			continue;
		}
		d->head = (d->head + 1) % NFD_RXQ;
		d->count--;
		nd->rx_frames++;
		nd->stack.rx(nd, b->cookie, (size_t)n);
		handled++;
	}
	return handled;
}

static const struct knetdev_ops nfd_ops = {
	.xmit = nfd_xmit,
	.rx_post = nfd_rx_post,
	.poll = nfd_poll,
};

/* Interrupt context: netback answered or sent frames. */
static void nfd_event(void *arg)
{
	struct knetdev *nd = arg;

	if (nd->stack.event)
		nd->stack.event(nd);
}

static int nfd_boot(void)
{
	struct nfd *d = &nfd_dev;
	const uint8_t *mac;
	uint64_t t0 = plat_time_ns();
	char macs[18];

	d->nf = netfront_open(0);
	if (!d->nf) {
		printk(PRINTK_WARN, "netfront: no network device\n");
		return 0; /* the app may run without one; the stack says so too */
	}
	mac = netfront_mac(d->nf);
	for (int i = 0; i < 6; i++)
		d->nd.mac[i] = mac[i];
	d->nd.name = "netfront0";
	d->nd.mtu = NETFRONT_MTU_FRAME - 14;
	d->nd.rx_slots = netfront_rx_slots();
	d->nd.tx_slots = netfront_tx_slots();
	d->nd.irq_driven = 1;
	d->nd.ops = &nfd_ops;
	d->nd.priv = d;
	netfront_set_notify(d->nf, nfd_event, &d->nd);
	knetdev_register(&d->nd);
	knetdev_mac_str(&d->nd, macs);
	printk(PRINTK_INFO, "netfront0: %s, connected to netback in %llu ms\n", macs,
	       (unsigned long long)((plat_time_ns() - t0) / 1000000));
	return 0;
}
KBOOT_INIT(nfd_boot, NFD_LEVEL);

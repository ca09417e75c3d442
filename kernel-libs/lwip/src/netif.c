/*
 * lwIP interfaces on kiln's netdevs (kiln/netdev.h): one lwIP netif per device, and one
 * thread per device that takes received frames into the stack. Receive buffers are pbufs
 * from lwIP's pool posted to the device, which fills them in place; frames to send are
 * handed to the device as the pbuf chain's segments, referenced until the device is done.
 * The thread sleeps on a semaphore the device's interrupt signals; a device without an
 * interrupt (or a pool that ran dry) is polled every millisecond instead. Every call into
 * the device is made with lwIP's core lock held.
 */
#include <string.h>
#include <kiln/netdev.h>
#include <kiln/printk.h>
#include "lwip/etharp.h"
#include "lwip/ip.h"
#include "lwip/pbuf.h"
#include "lwip/tcpip.h"
#include "netif/ethernet.h"
#include "kiln_lwip.h"

#define RX_BUF_LEN PBUF_POOL_BUFSIZE
#define MAX_SEGS   16

static err_t linkoutput(struct netif *nif, struct pbuf *p);

static void event(struct knetdev *nd)
{
	struct kiln_netif *kn = nd->stack.ctx;

	sys_sem_signal(&kn->wake);
}

static void rx(struct knetdev *nd, void *cookie, size_t len)
{
	struct kiln_netif *kn = nd->stack.ctx;
	struct pbuf *p = cookie;

	kn->rx_posted--;
	if (len < SIZEOF_ETH_HDR || len > p->len) {
		nd->rx_dropped++;
		pbuf_free(p);
		return;
	}
	pbuf_realloc(p, (u16_t)len);
	if (kn->netif.input(p, &kn->netif) != ERR_OK)
		pbuf_free(p);
}

static void tx_done(struct knetdev *nd, void *cookie)
{
	(void)nd;
	pbuf_free(cookie);
}

/* Keeps the device's receive ring full; 0 when the pool ran dry. */
static int refill(struct kiln_netif *kn)
{
	while (kn->rx_posted < kn->nd->rx_slots) {
		struct pbuf *p = pbuf_alloc(PBUF_RAW, RX_BUF_LEN, PBUF_POOL);

		if (!p)
			return 0;
		if (p->next || kn->nd->ops->rx_post(kn->nd, p->payload, p->len, p)) {
			pbuf_free(p);
			return 0;
		}
		kn->rx_posted++;
	}
	return 1;
}

static void netif_thread(void *arg)
{
	struct kiln_netif *kn = arg;
	int full = 1;

	for (;;) {
		sys_arch_sem_wait(&kn->wake, kn->nd->irq_driven && full ? 0 : 1);
		LOCK_TCPIP_CORE();
		while (kn->nd->ops->poll(kn->nd) > 0)
			;
		full = refill(kn);
		UNLOCK_TCPIP_CORE();
	}
}

/*
 * Checksum offload (virtio's NEEDS_CSUM): lwIP leaves TCP's checksum out on this netif, and
 * the device wants the pseudo-header's sum in the field and where the sum starts.
 */
static void tx_csum(struct pbuf *p, struct knetdev_tx *tx)
{
	u8_t *f = p->payload;

	if (p->len < SIZEOF_ETH_HDR + 20 || f[12] != 0x08 || f[13] != 0x00 || f[23] != IP_PROTO_TCP)
		return;
	unsigned int ihl = (f[14] & 15) * 4u, tcp = SIZEOF_ETH_HDR + ihl;
	if (p->len < tcp + 18)
		return;
	u32_t sum = 0;
	for (unsigned int i = 26; i < 34; i += 2) /* source and destination addresses */
		sum += (u32_t)f[i] << 8 | f[i + 1];
	sum += IP_PROTO_TCP + (((u32_t)f[16] << 8 | f[17]) - ihl);
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	f[tcp + 16] = (u8_t)(sum >> 8);
	f[tcp + 17] = (u8_t)sum;
	tx->csum_start = (u16_t)tcp;
	tx->csum_offset = 16;
}

static err_t linkoutput(struct netif *nif, struct pbuf *p)
{
	struct kiln_netif *kn = nif->state;
	struct knetdev_seg segs[MAX_SEGS];
	struct knetdev_tx tx = { .segs = segs, .cookie = p };
	struct pbuf *q = p;

	if (pbuf_clen(p) > MAX_SEGS) {
		q = pbuf_clone(PBUF_RAW, PBUF_RAM, p);
		if (!q)
			return ERR_MEM;
	} else {
		pbuf_ref(p);
	}
	for (struct pbuf *s = q; s; s = s->next)
		if (s->len)
			segs[tx.nsegs++] = (struct knetdev_seg){ s->payload, s->len };
	if (kn->nd->features & KNETDEV_F_TX_CSUM)
		tx_csum(q, &tx);
	tx.cookie = q;
	if (kn->nd->ops->xmit(kn->nd, &tx)) {
		pbuf_free(q);
		LINK_STATS_INC(link.drop);
		return ERR_MEM;
	}
	LINK_STATS_INC(link.xmit);
	return ERR_OK;
}

static err_t kiln_netif_init(struct netif *nif)
{
	struct kiln_netif *kn = nif->state;

	nif->name[0] = 'e';
	nif->name[1] = 'n';
	nif->hwaddr_len = ETH_HWADDR_LEN;
	memcpy(nif->hwaddr, kn->nd->mac, ETH_HWADDR_LEN);
	nif->mtu = kn->nd->mtu;
	nif->flags =
		NETIF_FLAG_BROADCAST | NETIF_FLAG_ETHARP | NETIF_FLAG_ETHERNET | NETIF_FLAG_LINK_UP;
	nif->output = etharp_output;
	nif->linkoutput = linkoutput;
	if (kn->nd->features & KNETDEV_F_TX_CSUM)
		NETIF_SET_CHECKSUM_CTRL(nif, NETIF_CHECKSUM_ENABLE_ALL & ~NETIF_CHECKSUM_GEN_TCP);
	return ERR_OK;
}

int kiln_netif_add(struct kiln_netif *kn, struct knetdev *nd)
{
	static const struct knetdev_stack stack = { rx, tx_done, event, 0 };
	struct knetdev_stack st = stack;

	kn->nd = nd;
	st.ctx = kn;
	sys_sem_new(&kn->wake, 0);
	knetdev_attach(nd, &st);
	LOCK_TCPIP_CORE();
	struct netif *r =
		netif_add(&kn->netif, NULL, NULL, NULL, kn, kiln_netif_init, ethernet_input);
	if (r)
		refill(kn);
	UNLOCK_TCPIP_CORE();
	if (!r)
		return -1;
	sys_thread_new(nd->name, netif_thread, kn, 0, 0);
	return 0;
}

/*
 * Private to the lwip library: an lwIP netif over a kiln netdev (netif.c), set up by the
 * boot code (net.c).
 */
#ifndef KILN_LWIP_PRIV_H
#define KILN_LWIP_PRIV_H

#include <kiln/netdev.h>
#include "lwip/netif.h"
#include "lwip/sys.h"

struct kiln_netif {
	struct netif netif;
	struct knetdev *nd;
	sys_sem_t wake;
	unsigned int rx_posted;
};

/* Adds nd to lwIP as an interface (no address yet) and starts its thread. 0, or -1. */
int kiln_netif_add(struct kiln_netif *kn, struct knetdev *nd);

/* "a.b.c.d[/len]" into addr and mask (len 24 when absent). 0, or -1 when malformed. */
int kiln_lwip_parse_cidr(const char *s, ip4_addr_t *addr, ip4_addr_t *mask);

#endif

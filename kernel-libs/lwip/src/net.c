/*
 * Bringing the network up at boot: lwIP's tcpip thread, an interface per netdev, and the
 * first interface's IPv4 address from the kernel command line, else from the catalog
 * options (LWIP_ADDR, LWIP_GATEWAY):
 *   ip=dhcp                    ask a DHCP server (LWIP_DHCP), waiting up to LWIP_DHCP_WAIT_MS
 *   ip=10.0.2.15/24 gw=10.0.2.2  a static address, prefix length and gateway
 * Other interfaces use DHCP when it is in the image. The app's main() runs once the
 * address is there (or the wait gave up, which is said).
 */
#include <string.h>
#include <kiln/args.h>
#include <kiln/boot.h>
#include <kiln/netdev.h>
#include <kiln/printk.h>
#include <kiln/sched.h>
#include <kiln/time.h>
#include "lwip/dhcp.h"
#include "lwip/init.h"
#include "lwip/ip4_addr.h"
#include "lwip/tcpip.h"
#include "kiln_lwip.h"

#define MAX_NETIFS 4

static struct kiln_netif netifs[MAX_NETIFS];

static void tcpip_ready(void *arg)
{
	sys_sem_signal(arg);
}

/* "a.b.c.d/len" into addr and mask (len 24 when absent). 0, or -1 when malformed. */
int kiln_lwip_parse_cidr(const char *s, ip4_addr_t *addr, ip4_addr_t *mask)
{
	char buf[24];
	const char *slash = strchr(s, '/');
	size_t n = slash ? (size_t)(slash - s) : strlen(s);
	unsigned int len = 24;

	if (n >= sizeof(buf))
		return -1;
	memcpy(buf, s, n);
	buf[n] = 0;
	if (!ip4addr_aton(buf, addr))
		return -1;
	if (slash) {
		const char *p = slash + 1;
		len = 0;
		if (!*p)
			return -1;
		for (; *p; p++) {
			if (*p < '0' || *p > '9' || (len = len * 10 + (unsigned)(*p - '0')) > 32)
				return -1;
		}
	}
	ip4_addr_set_u32(mask, len ? lwip_htonl(0xffffffffu << (32 - len)) : 0);
	return 0;
}

static const char *setting(const char *key, const char *fallback)
{
	const char *v = kargs_kernel_get(key);

	return v ? v : fallback;
}

static int configure_static(struct netif *nif, const char *ip, const char *gw)
{
	ip4_addr_t addr, mask, gate;

	if (kiln_lwip_parse_cidr(ip, &addr, &mask)) {
		printk(PRINTK_ERR, "net: ip=%s: expected dhcp or a.b.c.d/len\n", ip);
		return -1;
	}
	ip4_addr_set_zero(&gate);
	if (*gw && !ip4addr_aton(gw, &gate)) {
		printk(PRINTK_ERR, "net: gw=%s: expected a.b.c.d\n", gw);
		return -1;
	}
	LOCK_TCPIP_CORE();
	netif_set_addr(nif, &addr, &mask, &gate);
	UNLOCK_TCPIP_CORE();
	return 0;
}

static int start_dhcp(struct netif *nif)
{
	(void)nif;
	if (!IS_ENABLED(CONFIG_LWIP_DHCP)) {
		printk(PRINTK_ERR, "net: ip=dhcp, but LWIP_DHCP is off in this image\n");
		return -1;
	}
#if LWIP_DHCP
	LOCK_TCPIP_CORE();
	dhcp_start(nif);
	UNLOCK_TCPIP_CORE();
#endif
	return 0;
}

static int has_address(struct netif *nif)
{
	return !ip4_addr_isany_val(*netif_ip4_addr(nif));
}

#if LWIP_DHCP
#define DHCP_WAIT_MS CONFIG_LWIP_DHCP_WAIT_MS
#else
#define DHCP_WAIT_MS 0
#endif

static void wait_dhcp(struct netif *nif)
{
	uint64_t deadline = ktime_now_ns() + (uint64_t)DHCP_WAIT_MS * KTIME_NS_PER_MS;

	while (!has_address(nif) && ktime_now_ns() < deadline)
		kthread_sleep_ns(10 * KTIME_NS_PER_MS);
}

static void report(struct kiln_netif *kn, int dhcp)
{
	struct netif *nif = &kn->netif;
	char a[16], m[16], g[16];

	if (!has_address(nif)) {
		printk(PRINTK_WARN, "net: %s: no address after %d ms of DHCP\n", kn->nd->name,
		       DHCP_WAIT_MS);
		return;
	}
	ip4addr_ntoa_r(netif_ip4_addr(nif), a, sizeof(a));
	ip4addr_ntoa_r(netif_ip4_netmask(nif), m, sizeof(m));
	ip4addr_ntoa_r(netif_ip4_gw(nif), g, sizeof(g));
	printk(PRINTK_INFO, "net: %s: %s netmask %s gw %s (%s)\n", kn->nd->name, a, m, g,
	       dhcp ? "dhcp" : "static");
}

static int bring_up(struct kiln_netif *kn, int first)
{
	const char *ip = first ? setting("ip", CONFIG_LWIP_ADDR) : "dhcp";
	int dhcp = !strcmp(ip, "dhcp");
	struct netif *nif = &kn->netif;

	if (first) {
		LOCK_TCPIP_CORE();
		netif_set_default(nif);
		UNLOCK_TCPIP_CORE();
	}
	if (!dhcp && configure_static(nif, ip, setting("gw", CONFIG_LWIP_GATEWAY)))
		return -1;
	LOCK_TCPIP_CORE();
	netif_set_up(nif);
	UNLOCK_TCPIP_CORE();
	if (dhcp && !first && !IS_ENABLED(CONFIG_LWIP_DHCP))
		return 0;
	if (dhcp && start_dhcp(nif))
		return -1;
	if (dhcp)
		wait_dhcp(nif);
	report(kn, dhcp);
	return 0;
}

static int kiln_net_boot(void)
{
	sys_sem_t ready;
	unsigned int n = knetdev_count();

	sys_sem_new(&ready, 0);
	tcpip_init(tcpip_ready, &ready);
	sys_arch_sem_wait(&ready, 0);
	if (n == 0)
		printk(PRINTK_WARN, "net: no network device (QEMU: -device virtio-net-...)\n");
	for (unsigned int i = 0; i < n && i < MAX_NETIFS; i++) {
		if (kiln_netif_add(&netifs[i], knetdev_at(i)))
			return -1;
		if (bring_up(&netifs[i], i == 0))
			return -1;
	}
	return 0;
}
KBOOT_INIT(kiln_net_boot, 70);

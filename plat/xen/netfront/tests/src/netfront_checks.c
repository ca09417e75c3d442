/*
 * netfront's in-guest tests, against dom0's netback in tests/xen's real tier: the guest's
 * vif is on bridge xenbr0, which dom0 gave 10.0.9.1/24. This guest takes 10.0.9.2 (it has
 * no IP stack: the frames are built here), so a reply proves both rings, the grants and
 * netback's copy worked. The frames follow RFC 826 (ARP) and RFC 792 (ICMP echo).
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <kiln/plat.h>
#include <kiln/test.h>
#include <kxen/gnttab.h>
#include <kxen/hypercall.h>
#include <kxen/netfront.h>
#include <kxen/xenstore.h>
#include <xen/io/xenbus.h>
#include <xen/sched.h>

#define NT_S 1000000000ull

static const uint8_t nt_dom0_ip[4] = { 10, 0, 9, 1 }, nt_my_ip[4] = { 10, 0, 9, 2 };
static struct netfront *nt_nf;
static uint8_t nt_frame[NETFRONT_MTU_FRAME];
static uint8_t nt_dom0_mac[6];

static int nt_open(void)
{
	if (!kxen_xs_available())
		return 0;
	nt_nf = netfront_open(0);
	return 0;
}

static int nt_skip(void)
{
	if (kxen_xs_available())
		return !KTEST_TRUE(nt_nf != NULL);
	ktest_skip("no xenstore (initial domain): no vif");
	return 1;
}

static void nt_put16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

static uint16_t nt_get16(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

/* The Internet checksum (RFC 1071) of n bytes. */
static uint16_t nt_csum(const uint8_t *p, size_t n)
{
	uint32_t s = 0;

	for (size_t i = 0; i + 1 < n; i += 2)
		s += nt_get16(p + i);
	if (n & 1)
		s += (uint32_t)p[n - 1] << 8;
	while (s >> 16)
		s = (s & 0xffff) + (s >> 16);
	return (uint16_t)~s;
}

static size_t nt_arp_request(uint8_t *f)
{
	static const uint8_t bcast[6] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };

	memcpy(f, bcast, 6);
	memcpy(f + 6, netfront_mac(nt_nf), 6);
	nt_put16(f + 12, 0x0806);
	nt_put16(f + 14, 1);	  /* hardware: Ethernet */
	nt_put16(f + 16, 0x0800); /* protocol: IPv4 */
	f[18] = 6;
	f[19] = 4;
	nt_put16(f + 20, 1); /* request */
	memcpy(f + 22, netfront_mac(nt_nf), 6);
	memcpy(f + 28, nt_my_ip, 4);
	memset(f + 32, 0, 6);
	memcpy(f + 38, nt_dom0_ip, 4);
	return 42;
}

/* Receives until match(frame, len) holds or timeout_ns passes; 1 when it held. */
static int nt_wait_for(int (*match)(const uint8_t *, int), uint64_t timeout_ns)
{
	uint64_t end = plat_time_ns() + timeout_ns;

	while (plat_time_ns() < end) {
		int n = netfront_recv(nt_nf, nt_frame, sizeof(nt_frame));

		if (n > 0 && match(nt_frame, n))
			return 1;
		if (n == 0)
			KXEN_HC(sched_op, SCHEDOP_yield, 0); /* netback runs in dom0 */
	}
	return 0;
}

static int nt_is_arp_reply(const uint8_t *f, int n)
{
	if (n < 42 || nt_get16(f + 12) != 0x0806 || nt_get16(f + 20) != 2)
		return 0;
	if (memcmp(f + 28, nt_dom0_ip, 4) || memcmp(f + 32, netfront_mac(nt_nf), 6))
		return 0;
	memcpy(nt_dom0_mac, f + 22, 6);
	return 1;
}

KTEST_SUITE(netfront, nt_open);

KTEST_CASE(netfront, connects_with_mac_from_xenstore)
{
	const uint8_t *mac;

	if (nt_skip())
		return;
	mac = netfront_mac(nt_nf);
	KTEST_EQ(netfront_backend_state(nt_nf), XenbusStateConnected);
	KTEST_EQ(netfront_backend_feature(nt_nf, "feature-rx-copy"), 1);
	KTEST_TRUE((mac[0] & 1) == 0 && (mac[0] | mac[1] | mac[2]) != 0);
	printf("netfront: mac %02x:%02x:%02x:%02x:%02x:%02x\n", mac[0], mac[1], mac[2], mac[3],
	       mac[4], mac[5]);
}

KTEST_CASE(netfront, arp_request_gets_dom0_reply)
{
	struct netfront_stats st;

	if (nt_skip())
		return;
	uint8_t f[64];
	size_t n = nt_arp_request(f);

	KTEST_EQ(netfront_send(nt_nf, f, n), 0);
	KTEST_TRUE(nt_wait_for(nt_is_arp_reply, 10 * NT_S));
	netfront_stats(nt_nf, &st);
	KTEST_TRUE(st.tx_frames >= 1 && st.rx_frames >= 1);
	KTEST_EQ(st.tx_errors, 0);
}

static uint8_t nt_ping_data[56];

static size_t nt_echo_request(uint8_t *f, uint16_t seq)
{
	uint8_t *ip = f + 14, *icmp = ip + 20;
	size_t ilen = 8 + sizeof(nt_ping_data);

	memcpy(f, nt_dom0_mac, 6);
	memcpy(f + 6, netfront_mac(nt_nf), 6);
	nt_put16(f + 12, 0x0800);
	memset(ip, 0, 20);
	ip[0] = 0x45;
	nt_put16(ip + 2, (uint16_t)(20 + ilen));
	ip[8] = 64; /* TTL */
	ip[9] = 1;  /* ICMP */
	memcpy(ip + 12, nt_my_ip, 4);
	memcpy(ip + 16, nt_dom0_ip, 4);
	nt_put16(ip + 10, nt_csum(ip, 20));
	icmp[0] = 8; /* echo request */
	icmp[1] = 0;
	nt_put16(icmp + 2, 0);
	nt_put16(icmp + 4, 0x6b6e); /* identifier */
	nt_put16(icmp + 6, seq);
	memcpy(icmp + 8, nt_ping_data, sizeof(nt_ping_data));
	nt_put16(icmp + 2, nt_csum(icmp, ilen));
	return 14 + 20 + ilen;
}

static int nt_is_echo_reply(const uint8_t *f, int n)
{
	const uint8_t *ip = f + 14, *icmp = ip + 20;

	if (n < 14 + 20 + 8 + (int)sizeof(nt_ping_data) || nt_get16(f + 12) != 0x0800)
		return 0;
	if (ip[9] != 1 || icmp[0] != 0 || memcmp(ip + 12, nt_dom0_ip, 4))
		return 0;
	return nt_csum(ip, 20) == 0 && nt_csum(icmp, 8 + sizeof(nt_ping_data)) == 0 &&
	       !memcmp(icmp + 8, nt_ping_data, sizeof(nt_ping_data));
}

KTEST_CASE(netfront, echo_request_gets_reply_with_payload)
{
	if (nt_skip() || !KTEST_TRUE(nt_dom0_mac[0] | nt_dom0_mac[5]))
		return;
	for (unsigned int i = 0; i < sizeof(nt_ping_data); i++)
		nt_ping_data[i] = (uint8_t)(i * 13 + 1);
	size_t n = nt_echo_request(nt_frame, 1);

	KTEST_EQ(netfront_send(nt_nf, nt_frame, n), 0);
	KTEST_TRUE(nt_wait_for(nt_is_echo_reply, 10 * NT_S));
}

/* Each receive buffer is posted again once read: more replies than buffers all arrive. The
 * first request left unanswered ends the loop (its count already fails): a ring that stopped
 * receiving would otherwise cost 5 s per request left, a minute in all. */
KTEST_CASE(netfront, more_replies_than_receive_buffers_arrive)
{
	unsigned int got = 0, total = netfront_rx_slots() + 16;
	uint64_t t0 = plat_time_ns();

	if (nt_skip() || !KTEST_TRUE(nt_dom0_mac[0] | nt_dom0_mac[5]))
		return;
	for (uint16_t seq = 2; seq < 2 + total; seq++) {
		size_t n = nt_echo_request(nt_frame, seq);

		if (netfront_send(nt_nf, nt_frame, n) != 0 ||
		    !nt_wait_for(nt_is_echo_reply, 5 * NT_S))
			break;
		got++;
	}
	KTEST_EQ(got, total);
	printf("netfront: %u echo round trips in %llu ms\n", got,
	       (unsigned long long)((plat_time_ns() - t0) / 1000000));
}

KTEST_CASE(netfront, more_frames_than_grant_entries_go_out)
{
	uint8_t f[64];
	struct netfront_stats before, after;
	unsigned int sent = 0, total = KXEN_GNTTAB_ENTRIES + 100;
	int ref;

	if (nt_skip())
		return;
	netfront_stats(nt_nf, &before);
	memset(f, 0xff, 6);
	memcpy(f + 6, netfront_mac(nt_nf), 6);
	nt_put16(f + 12, 0x88b5); /* IEEE 802 local experimental: dom0 ignores it */
	memset(f + 14, 0x5a, sizeof(f) - 14);
	/* The first send refused ends the loop (the count then fails): each refusal waits 5 s
	 * for a free buffer, so buffers never freed would cost 612 of them, most of an hour. */
	while (sent < total && netfront_send(nt_nf, f, sizeof(f)) == 0)
		sent++;
	KTEST_EQ(sent, total);
	netfront_stats(nt_nf, &after);
	KTEST_EQ(after.tx_frames - before.tx_frames, total);
	ref = kxen_gnttab_grant(0, (uintptr_t)f >> 12, 1); /* the table still has room */
	KTEST_TRUE(ref >= 0);
	if (ref >= 0)
		KTEST_EQ(kxen_gnttab_end((grant_ref_t)ref), 0);
}

KTEST_CASE(netfront, oversized_and_runt_frames_are_refused)
{
	if (nt_skip())
		return;
	KTEST_EQ(netfront_send(nt_nf, nt_frame, NETFRONT_MTU_FRAME + 1), -1);
	KTEST_EQ(netfront_send(nt_nf, nt_frame, 13), -1);
}

/* As a domU the one device is taken; as the initial domain there is no xenstore: either
 * way a second open is refused with a reason, not a second set of rings. */
KTEST_CASE(netfront, second_open_is_refused)
{
	KTEST_TRUE(netfront_open(0) == NULL);
}

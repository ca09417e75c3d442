/*
 * The harness probe: a tiny 32-bit PVH guest that checks tests/xen/ end to end before the
 * real platform (plat/xen) exists, and keeps checking the harness on its own afterwards.
 *
 * It finds the hypercall page through Xen's CPUID leaves, prints a greeting and its command
 * line, prints "kiln: exit status N" (the harness protocol, tests/xen/README.md) and shuts
 * the domain down. Output goes through the console_io hypercall when it is the initial
 * domain (the quick tier: Xen's PVH dom0, which has no console ring) and through the PV
 * console ring otherwise (a domU's console_io is refused on Xen's release builds).
 *
 * Command line words it obeys: "status=N" (exit status, default 0), "crash" (shut down
 * with SHUTDOWN_crash instead of SHUTDOWN_poweroff).
 */
#include <stddef.h>
#include <stdint.h>
#include <xen/xen.h>
#include <xen/sched.h>
#include <xen/event_channel.h>
#include <xen/hvm/hvm_op.h>
#include <xen/hvm/params.h>
#include <xen/io/console.h>
#include <xen/arch-x86/cpuid.h>
#include <xen/arch-x86/hvm/start_info.h>

/* Xen fills this page with one 32-byte stub per hypercall when its address is written to
 * the MSR that CPUID leaf base+2 names (arch-x86/cpuid.h). */
static uint8_t hypercall_page[4096] __attribute__((aligned(4096)));

static struct xencons_interface *ring; /* NULL when using console_io */
static uint32_t ring_port;

static long hypercall3(unsigned int nr, long a1, long a2, long a3)
{
	long ret;
	void *stub = hypercall_page + nr * 32;

	/* 32-bit guests pass arguments in %ebx, %ecx, %edx (xen.h, "HYPERCALLS"). */
	__asm__ volatile("call *%[stub]"
			 : "=a"(ret), "+b"(a1), "+c"(a2), "+d"(a3)
			 : [stub] "r"(stub)
			 : "memory");
	return ret;
}

static void cpuid(uint32_t leaf, uint32_t r[4])
{
	__asm__ volatile("cpuid"
			 : "=a"(r[0]), "=b"(r[1]), "=c"(r[2]), "=d"(r[3])
			 : "a"(leaf), "c"(0));
}

/* Xen's leaves may sit at any multiple of 0x100 above 0x40000000 (Viridian takes the first
 * when enabled); the signature "XenVMMXenVMM" marks them. Returns 0 when not under Xen. */
static int setup_hypercall_page(void)
{
	uint32_t base, r[4];

	for (base = XEN_CPUID_FIRST_LEAF; base < XEN_CPUID_FIRST_LEAF + 0x10000; base += 0x100) {
		cpuid(base, r);
		if (r[1] == XEN_CPUID_SIGNATURE_EBX && r[2] == XEN_CPUID_SIGNATURE_ECX &&
		    r[3] == XEN_CPUID_SIGNATURE_EDX && r[0] - base >= 2)
			break;
	}
	if (base >= XEN_CPUID_FIRST_LEAF + 0x10000)
		return 0;
	cpuid(base + 2, r); /* eax: number of pages, ebx: MSR */
	uint64_t addr = (uintptr_t)hypercall_page;
	__asm__ volatile("wrmsr" : : "c"(r[1]), "a"((uint32_t)addr), "d"((uint32_t)(addr >> 32)));
	return 1;
}

static uint64_t hvm_param(uint32_t index)
{
	struct xen_hvm_param p = { .domid = DOMID_SELF, .index = index };

	if (hypercall3(__HYPERVISOR_hvm_op, HVMOP_get_param, (long)&p, 0) != 0)
		return 0;
	return p.value;
}

static void ring_notify(void)
{
	struct evtchn_send send = { .port = ring_port };

	hypercall3(__HYPERVISOR_event_channel_op, EVTCHNOP_send, (long)&send, 0);
}

/* Producer side of the console ring (io/console.h): bytes go in out[], the free-running
 * index out_prod moves after them, and an event tells xenconsoled to read. */
static void ring_write(const char *s, size_t len)
{
	while (len > 0) {
		uint32_t prod = ring->out_prod;

		while (len > 0 && prod - ring->out_cons < sizeof(ring->out)) {
			ring->out[prod % sizeof(ring->out)] = *s++;
			prod++;
			len--;
		}
		__asm__ volatile("" ::: "memory"); /* x86 keeps stores in order (TSO) */
		ring->out_prod = prod;
		ring_notify();
		if (len > 0)
			hypercall3(__HYPERVISOR_sched_op, SCHEDOP_yield, 0, 0);
	}
}

/* Before shutting down, let xenconsoled take everything: a destroyed domain's ring is gone. */
static void ring_drain(void)
{
	for (int i = 0; i < 100000 && ring->out_cons != ring->out_prod; i++)
		hypercall3(__HYPERVISOR_sched_op, SCHEDOP_yield, 0, 0);
}

static void put(const char *s)
{
	size_t len = 0;

	while (s[len])
		len++;
	if (ring)
		ring_write(s, len);
	else
		hypercall3(__HYPERVISOR_console_io, CONSOLEIO_write, (long)len, (long)s);
}

static void put_uint(unsigned int v)
{
	char buf[12];
	int i = sizeof(buf) - 1;

	buf[i] = '\0';
	do {
		buf[--i] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	put(buf + i);
}

/* Finds word in the command line; returns what follows it (or NULL). */
static const char *find_word(const char *cmdline, const char *word)
{
	for (const char *p = cmdline; *p; p++) {
		size_t i = 0;

		if (p != cmdline && p[-1] != ' ')
			continue;
		while (word[i] && p[i] == word[i])
			i++;
		if (!word[i])
			return p + i;
	}
	return NULL;
}

static unsigned int parse_uint(const char *s)
{
	unsigned int v = 0;

	while (s && *s >= '0' && *s <= '9')
		v = v * 10 + (unsigned int)(*s++ - '0');
	return v;
}

static void shutdown(unsigned int reason)
{
	struct sched_shutdown sd = { .reason = reason };

	hypercall3(__HYPERVISOR_sched_op, SCHEDOP_shutdown, (long)&sd, 0);
}

__attribute__((noreturn)) void probe_main(const struct hvm_start_info *si)
{
	const char *cmdline = "";
	int dom0 = si->magic == XEN_HVM_START_MAGIC_VALUE && (si->flags & SIF_INITDOMAIN);

	if (!setup_hypercall_page())
		for (;;)
			__asm__ volatile("hlt");
	if (!dom0) {
		uint64_t pfn = hvm_param(HVM_PARAM_CONSOLE_PFN);

		if (pfn) /* else stay with console_io, which may say nothing */
			ring = (struct xencons_interface *)(uintptr_t)(pfn << 12);
		ring_port = (uint32_t)hvm_param(HVM_PARAM_CONSOLE_EVTCHN);
	}
	if (si->cmdline_paddr)
		cmdline = (const char *)(uintptr_t)si->cmdline_paddr;
	put(dom0 ? "probe: hello from PVH dom0\n" : "probe: hello from PVH domU\n");
	put("probe: cmdline=");
	put(cmdline);
	put("\n");
	if (find_word(cmdline, "crash")) {
		put("probe: crashing on purpose\n");
		if (ring)
			ring_drain();
		shutdown(SHUTDOWN_crash);
	} else {
		put("kiln: exit status ");
		put_uint(parse_uint(find_word(cmdline, "status=")));
		put("\n");
		if (ring)
			ring_drain();
		shutdown(SHUTDOWN_poweroff);
	}
	for (;;)
		__asm__ volatile("hlt");
}

/*
 * Time from Xen's per-vcpu time info (xen.h, struct vcpu_time_info): Xen publishes
 * system_time (ns since Xen booted) as of tsc_timestamp, and the factor that turns TSC
 * cycles since then into ns: ((delta << tsc_shift) * tsc_to_system_mul) >> 32, with
 * tsc_shift negative meaning a right shift. Fields change under a version counter that is
 * odd while Xen writes them, so a read is retried until it saw one even, unchanged version.
 * plat_time_ns() counts from the first reading at boot.
 *
 * Timers: VCPUOP_set_singleshot_timer (vcpu.h) takes an absolute system time and raises
 * VIRQ_TIMER on vcpu 0 once.
 */
#include <stdint.h>
#include <kiln/plat.h>
#include <x86/cpu.h>
#include <xen/vcpu.h>
#include <kxen/events.h>
#include <kxen/hypercall.h>
#include <kxen/time.h>
#include "xen.h"

static uint64_t kxen_time_base;
static uint64_t kxen_timer_count;
static uint64_t kxen_timer_deadline; /* the last kxen_timer_set's, plat_time_ns() scale */

static uint64_t kxen_scale(uint64_t delta, uint32_t mul, int8_t shift)
{
	if (shift < 0)
		delta >>= -shift;
	else
		delta <<= shift;
	return (uint64_t)(((unsigned __int128)delta * mul) >> 32);
}

/* Xen's system time now, in ns. */
static uint64_t kxen_system_time(void)
{
	volatile struct vcpu_time_info *t = &kxen_shared->vcpu_info[0].time;
	uint32_t version;
	uint64_t ns;

	do {
		version = t->version;
		__asm__ volatile("" ::: "memory");
		ns = t->system_time +
		     kxen_scale(x86_rdtsc() - t->tsc_timestamp, t->tsc_to_system_mul, t->tsc_shift);
		__asm__ volatile("" ::: "memory");
	} while ((version & 1) || version != t->version);
	return ns;
}

uint64_t plat_time_ns(void)
{
	return kxen_system_time() - kxen_time_base;
}

int kxen_timer_set(uint64_t deadline_ns)
{
	kxen_timer_deadline = deadline_ns;
	struct vcpu_set_singleshot_timer t = {
		.timeout_abs_ns = kxen_time_base + deadline_ns,
		.flags = 0, /* not VCPU_SSHOTTMR_future: a past deadline fires at once */
	};

	return (int)kxen_hypercall(__HYPERVISOR_vcpu_op, VCPUOP_set_singleshot_timer, 0,
				   (unsigned long)&t);
}

uint64_t kxen_system_at(uint64_t ns)
{
	return kxen_time_base + ns;
}

uint64_t kxen_timer_fired(void)
{
	return kxen_timer_count;
}

static void kxen_timer_event(evtchn_port_t port, void *arg)
{
	(void)port;
	(void)arg;
	/* Xen fires by its own clock; this one, extrapolated from the TSC, may lag it by
	 * milliseconds under emulation (or the event is an earlier timer's): not due yet here,
	 * so armed again, and not counted as fired. */
	if (plat_time_ns() < kxen_timer_deadline) {
		kxen_timer_set(kxen_timer_deadline);
		return;
	}
	kxen_timer_count++;
}

int kxen_time_init(void)
{
	evtchn_port_t port;

	kxen_time_base = kxen_system_time();
	if (kxen_evtchn_bind_virq(VIRQ_TIMER, &port) != 0)
		return -1;
	return kxen_evtchn_bind(port, kxen_timer_event, 0);
}

/*
 * plat_wall_ns() on plat/xen, compiled only with the timer library: the shared info page's
 * wall clock (xen.h, struct shared_info: wc_sec, wc_sec_hi, wc_nsec) is the Unix time at
 * which Xen's system time was 0, so the time of day is that plus the system time now. Both
 * are read under their version counters, odd while Xen writes (as time.c reads its clock).
 * The system time is read here again rather than taken from plat_time_ns(), which counts
 * from this guest's boot instead of Xen's.
 */
#include <stdint.h>
#include <kiln/plat.h>
#include <x86/cpu.h>
#include "xen.h"

#define KXEN_NS 1000000000ull

static uint64_t kxen_wall_scale(uint64_t delta, uint32_t mul, int8_t shift)
{
	if (shift < 0)
		delta >>= -shift;
	else
		delta <<= shift;
	return (uint64_t)(((unsigned __int128)delta * mul) >> 32);
}

static uint64_t kxen_wall_system(void)
{
	volatile struct vcpu_time_info *t = &kxen_shared->vcpu_info[0].time;
	uint32_t version;
	uint64_t ns;

	do {
		version = t->version;
		__asm__ volatile("" ::: "memory");
		ns = t->system_time + kxen_wall_scale(x86_rdtsc() - t->tsc_timestamp,
						      t->tsc_to_system_mul, t->tsc_shift);
		__asm__ volatile("" ::: "memory");
	} while ((version & 1) || version != t->version);
	return ns;
}

uint64_t plat_wall_ns(void)
{
	volatile struct shared_info *s = kxen_shared;
	uint32_t version;
	uint64_t base;

	do {
		version = s->wc_version;
		__asm__ volatile("" ::: "memory");
		base = ((uint64_t)s->wc_sec_hi << 32 | s->wc_sec) * KXEN_NS + s->wc_nsec;
		__asm__ volatile("" ::: "memory");
	} while ((version & 1) || version != s->wc_version);
	return base ? base + kxen_wall_system() : 0;
}

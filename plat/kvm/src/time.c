/*
 * plat_time_ns() on KVM/QEMU: the TSC, counted from the first instruction of the image
 * (x86_boot_tsc), at a rate read once from CPUID: the hypervisor timing leaf 0x40000010
 * (EAX = TSC kHz, offered by KVM and VMware-style hypervisors), else leaf 0x15 (crystal
 * ratio, SDM vol. 3 §18.7.3), else leaf 0x16 (base MHz). Without any of them (QEMU's TCG)
 * it is measured against the PIT (1.193182 MHz): kvm_tsc_calib_start() sets PIT channel 0
 * counting at boot, and the first plat_time_ns() measures the whole stretch since then, so
 * the boot itself is the measuring window instead of a wait of its own (Lua's first
 * time() comes a few ms after boot: a 10 ms wait there was most of its start-up). The
 * window is at least KVM_PIT_CALIB_MIN_TICKS (waited for when shorter) and at most the
 * PIT's 54.9 ms (past that it is measured again over 10 ms). plat/xen has its own clock
 * (Xen's vcpu time info): a PVH domU has neither these leaves nor a PIT.
 */
#include <stdint.h>
#include <kiln/plat.h>
#include <x86/cpu.h>
#include <x86/regs.h>
#include "kvm.h"

#define KVM_PIT_HZ		1193182u
#define KVM_PIT_CALIB_MIN_TICKS (KVM_PIT_HZ / 500) /* 2 ms */
#define KVM_PIT_CALIB_TICKS	(KVM_PIT_HZ / 100) /* 10 ms */
#define KVM_TSC_KHZ_GUESS	1000000 /* no PIT either: assume 1 GHz rather than divide by 0 */

static uint64_t kvm_tsc_khz;

static uint64_t kvm_tsc_khz_cpuid(void)
{
	uint32_t r[4];

	x86_cpuid(1, 0, r);
	if (r[2] & (1u << 31)) { /* running under a hypervisor */
		x86_cpuid(0x40000000, 0, r);
		if (r[0] >= 0x40000010) {
			x86_cpuid(0x40000010, 0, r);
			if (r[0])
				return r[0];
		}
	}
	x86_cpuid(0, 0, r);
	uint32_t max = r[0];
	if (max >= 0x15) {
		x86_cpuid(0x15, 0, r);
		if (r[0] && r[1] && r[2])
			return (uint64_t)r[2] * r[1] / r[0] / 1000;
	}
	if (max >= 0x16) {
		x86_cpuid(0x16, 0, r);
		if (r[0])
			return (uint64_t)r[0] * 1000;
	}
	return 0;
}

/* The current count of PIT channel 0, latched so both bytes belong together (8254 §3.4). */
uint16_t kvm_pit_count(void)
{
	x86_outb(0x43, 0x00);
	uint8_t lo = x86_inb(0x40);

	return (uint16_t)(lo | x86_inb(0x40) << 8);
}

/* Channel 0's OUT pin, by the read-back command (8254 §3.10: status only, bit 7 = OUT). In
 * mode 0 it goes high at the terminal count: the count has wrapped past 0. */
static int kvm_pit_out(void)
{
	x86_outb(0x43, 0xe2);
	return x86_inb(0x40) >> 7;
}

/*
 * PIT ticks counted since channel 0 was set going, and the TSC at that count in *tsc: the
 * TSC read between two PIT reads at most a tick apart, so a vCPU descheduled in between (a
 * loaded host under TCG) is read again rather than spoiling the measure. -1: the count
 * wrapped, or no PIT answers.
 */
static int32_t kvm_pit_elapsed(uint64_t *tsc)
{
	for (int tries = 0; tries < 100; tries++) {
		uint16_t a = kvm_pit_count();
		*tsc = x86_rdtsc();
		uint16_t b = kvm_pit_count();

		if (kvm_pit_out())
			return -1;
		if (a >= b && a - b <= 1)
			return 0xffff - b;
	}
	return -1;
}

/* The window's start: ticks and TSC (kvm_pit_elapsed) just after channel 0 was set going. */
static int32_t kvm_calib_ticks = -1;
static uint64_t kvm_calib_tsc;

/* Channel 0 counting down from 0xffff (mode 0, its gate always open; channel 2 would need
 * port 0x61, which microvm lacks), the window's start sampled. */
static void kvm_pit_restart(void)
{
	x86_outb(0x43, 0x30); /* channel 0, low then high byte, mode 0 */
	x86_outb(0x40, 0xff);
	x86_outb(0x40, 0xff);
	kvm_calib_ticks = kvm_pit_elapsed(&kvm_calib_tsc);
}

/* TSC kHz over the window since kvm_pit_restart, waiting until it is min_ticks long; 0 when
 * the count wrapped first (or never moves: no PIT). */
static uint64_t kvm_tsc_khz_pit(int32_t min_ticks)
{
	uint64_t tsc = 0;
	int32_t ticks = 0;

	if (kvm_calib_ticks < 0)
		return 0;
	for (uint32_t spins = 0; spins < 10000000 && ticks < min_ticks; spins++) {
		int32_t now = kvm_pit_elapsed(&tsc);

		if (now < 0)
			return 0;
		ticks = now - kvm_calib_ticks;
	}
	if (ticks < min_ticks)
		return 0;
	return (tsc - kvm_calib_tsc) * KVM_PIT_HZ / (uint32_t)ticks / 1000;
}

void kvm_tsc_calib_start(void)
{
	kvm_tsc_khz = kvm_tsc_khz_cpuid();
	if (!kvm_tsc_khz)
		kvm_pit_restart();
}

uint64_t kvm_tsc_time_ns(void)
{
	if (!kvm_tsc_khz) {
		kvm_tsc_khz = kvm_tsc_khz_pit(KVM_PIT_CALIB_MIN_TICKS);
		if (!kvm_tsc_khz) { /* the boot's window is gone: 10 ms of our own */
			kvm_pit_restart();
			kvm_tsc_khz = kvm_tsc_khz_pit(KVM_PIT_CALIB_TICKS);
		}
		if (!kvm_tsc_khz)
			kvm_tsc_khz = KVM_TSC_KHZ_GUESS;
	}
	uint64_t c = x86_rdtsc() - x86_boot_tsc;
	return c / kvm_tsc_khz * 1000000 + c % kvm_tsc_khz * 1000000 / kvm_tsc_khz;
}

/* kvmclock.c, in images with the timer library, replaces it when KVM offers kvmclock. */
uint64_t plat_time_ns(void) __attribute__((weak, alias("kvm_tsc_time_ns")));

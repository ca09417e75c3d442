/*
 * plat_time_ns() on KVM/QEMU: the TSC, counted from the first instruction of the image
 * (x86_boot_tsc), at a rate read once, on first use, from CPUID: the hypervisor timing leaf
 * 0x40000010 (EAX = TSC kHz, offered by KVM and VMware-style hypervisors), else leaf 0x15
 * (crystal ratio, SDM vol. 3 §18.7.3), else leaf 0x16 (base MHz); without any of them it is
 * measured against the PIT (1.193182 MHz) over 10 ms. plat/xen has its own clock (Xen's
 * vcpu time info): a PVH domU has neither these leaves nor a PIT.
 */
#include <stdint.h>
#include <kiln/plat.h>
#include <x86/cpu.h>
#include <x86/regs.h>

#define KVM_PIT_HZ	    1193182u
#define KVM_PIT_CALIB_TICKS (KVM_PIT_HZ / 100) /* 10 ms */
#define KVM_TSC_KHZ_GUESS   1000000 /* no PIT either: assume 1 GHz rather than divide by 0 */

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
static uint16_t kvm_pit_count(void)
{
	x86_outb(0x43, 0x00);
	uint8_t lo = x86_inb(0x40);

	return (uint16_t)(lo | x86_inb(0x40) << 8);
}

/*
 * TSC cycles per ms against PIT channel 0 counting down from 0xffff (mode 0, its gate always
 * open; channel 2 would need port 0x61, which microvm lacks). 0 when no PIT counts.
 */
static uint64_t kvm_tsc_khz_pit(void)
{
	x86_outb(0x43, 0x30); /* channel 0, low then high byte, mode 0 */
	x86_outb(0x40, 0xff);
	x86_outb(0x40, 0xff);
	uint64_t t0 = x86_rdtsc();
	for (uint32_t spins = 0; spins < 10000000; spins++) {
		if (kvm_pit_count() <= 0xffff - KVM_PIT_CALIB_TICKS)
			return (x86_rdtsc() - t0) / 10; /* cycles in 10 ms -> per ms */
	}
	return 0;
}

uint64_t kvm_tsc_time_ns(void)
{
	if (!kvm_tsc_khz) {
		kvm_tsc_khz = kvm_tsc_khz_cpuid();
		if (!kvm_tsc_khz)
			kvm_tsc_khz = kvm_tsc_khz_pit();
		if (!kvm_tsc_khz)
			kvm_tsc_khz = KVM_TSC_KHZ_GUESS;
	}
	uint64_t c = x86_rdtsc() - x86_boot_tsc;
	return c / kvm_tsc_khz * 1000000 + c % kvm_tsc_khz * 1000000 / kvm_tsc_khz;
}

/* kvmclock.c, in images with the timer library, replaces it when KVM offers kvmclock. */
uint64_t plat_time_ns(void) __attribute__((weak, alias("kvm_tsc_time_ns")));

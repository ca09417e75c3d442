/*
 * The parts of the platform interface every x86 platform answers the same way: interrupts
 * on and off, halting until the next interrupt, the cycle counter and time since boot.
 *
 * Time comes from the TSC. Its rate is read once, on first use, from CPUID: the hypervisor
 * timing leaf 0x40000010 (EAX = TSC kHz, offered by KVM and VMware-style hypervisors), else
 * leaf 0x15 (crystal ratio, SDM vol. 3 §18.7.3), else leaf 0x16 (base MHz); without any of
 * them it is measured against the PIT (1.193182 MHz) over 10 ms.
 */
#include <stdint.h>
#include <kiln/plat.h>
#include <x86/cpu.h>
#include <x86/regs.h>

#define X86_PIT_HZ 1193182u
#define X86_PIT_CALIB_TICKS (X86_PIT_HZ / 100) /* 10 ms */

static uint64_t x86_tsc_khz;

void plat_irq_enable(void)
{
	x86_sti();
}

void plat_irq_disable(void)
{
	x86_cli();
}

void plat_halt_until_irq(void)
{
	/* sti takes effect after the next instruction, so no interrupt slips in before hlt. */
	__asm__ volatile("sti; hlt" ::: "memory");
}

uint64_t plat_cycles(void)
{
	return x86_rdtsc();
}

static uint64_t x86_tsc_khz_cpuid(void)
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
static uint16_t x86_pit_count(void)
{
	x86_outb(0x43, 0x00);
	uint8_t lo = x86_inb(0x40);

	return (uint16_t)(lo | x86_inb(0x40) << 8);
}

/*
 * TSC cycles per ms against PIT channel 0 counting down from 0xffff (mode 0, its gate always
 * open; channel 2 would need port 0x61, which microvm lacks). 0 when no PIT counts.
 */
static uint64_t x86_tsc_khz_pit(void)
{
	x86_outb(0x43, 0x30); /* channel 0, low then high byte, mode 0 */
	x86_outb(0x40, 0xff);
	x86_outb(0x40, 0xff);
	uint64_t t0 = x86_rdtsc();
	for (uint32_t spins = 0; spins < 10000000; spins++) {
		if (x86_pit_count() <= 0xffff - X86_PIT_CALIB_TICKS)
			return (x86_rdtsc() - t0) / 10; /* cycles in 10 ms -> per ms */
	}
	return 0;
}

/* Weak: plat/xen defines its own plat_time_ns() from Xen's vcpu time info (the TSC rate
 * is not in CPUID there, and a PVH domU has no PIT to measure it against). */
__attribute__((weak)) uint64_t plat_time_ns(void)
{
	if (!x86_tsc_khz) {
		x86_tsc_khz = x86_tsc_khz_cpuid();
		if (!x86_tsc_khz)
			x86_tsc_khz = x86_tsc_khz_pit();
		if (!x86_tsc_khz)
			x86_tsc_khz = 1000000; /* no PIT either: assume 1 GHz rather than divide by 0 */
	}
	uint64_t c = x86_rdtsc() - x86_boot_tsc;
	return c / x86_tsc_khz * 1000000 + c % x86_tsc_khz * 1000000 / x86_tsc_khz;
}

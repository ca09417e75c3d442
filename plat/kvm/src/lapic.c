/*
 * The local APIC (Intel SDM vol. 3 ch. 10), through its MMIO page at the architectural
 * default 0xfee00000 (start32.S maps it uncached): enabled with a spurious vector, EOI,
 * self-IPIs, and its timer in one-shot mode as plat_timer_set(). The timer counts down the
 * bus clock divided by 16 at a rate no CPUID leaf gives under QEMU's TCG, so it is measured
 * against plat_time_ns() (the TSC, itself calibrated against the PIT): the median of five
 * 2 ms windows, taken at the first plat_timer_set(), not at boot: an image with interrupts
 * but no timer (a console waiting for input by IRQ) never pays those 10 ms.
 * The TSC-deadline mode would spare the measurement, but QEMU's qemu64 model lacks it.
 */
#include <stdint.h>
#include <kiln/compiler.h>
#include <kiln/plat.h>
#include <x86/calib.h>
#include <x86/cpu.h>
#include "apic.h"

#define LAPIC_BASE	    0xfee00000ul
#define LAPIC_EOI	    0x0b0
#define LAPIC_ISR	    0x100 /* in-service register, 8 of 32 bits each 0x10 apart */
#define LAPIC_SVR	    0x0f0 /* spurious-interrupt vector register, §10.9 */
#define LAPIC_SVR_ENABLE    (1u << 8)
#define LAPIC_ICR_LO	    0x300
#define LAPIC_ICR_HI	    0x310
#define LAPIC_ICR_SELF	    (1u << 18) /* destination shorthand 01: self */
#define LAPIC_ICR_PENDING   (1u << 12) /* delivery status: send pending */
#define LAPIC_LVT_TIMER	    0x320
#define LAPIC_LVT_LINT0	    0x350
#define LAPIC_LVT_LINT1	    0x360
#define LAPIC_LVT_ERROR	    0x370
#define LAPIC_LVT_MASKED    (1u << 16)
#define LAPIC_TIMER_INIT    0x380
#define LAPIC_TIMER_CUR	    0x390
#define LAPIC_TIMER_DIV	    0x3e0
#define LAPIC_DIV_16	    0x3	     /* divide configuration 0011: by 16 (§10.5.4, figure 10-10) */
#define LAPIC_CALIB_NS	    2000000u /* per window */
#define LAPIC_CALIB_WINDOWS 5
/* 2^36 ns (~69 s): times a rate under 2^28 kHz, no product overflows 64 bits. */
#define LAPIC_MAX_DELTA_NS (1ull << 36)
#define MSR_APIC_BASE	   0x1b
#define MSR_APIC_ENABLE	   (1u << 11) /* IA32_APIC_BASE global enable, §10.4.3 */

static uint64_t lapic_timer_khz; /* 0: the PIT is the timer (pit.c) */
static int lapic_timer_ready;	 /* the choice above is made */

static inline uint32_t lapic_read(unsigned int reg)
{
	return *(volatile uint32_t *)(LAPIC_BASE + reg);
}

static inline void lapic_write(unsigned int reg, uint32_t v)
{
	*(volatile uint32_t *)(LAPIC_BASE + reg) = v;
}

void kvm_lapic_init(void)
{
	uint32_t lo, hi;

	__asm__ volatile("rdmsr" : "=a"(lo), "=d"(hi) : "c"(MSR_APIC_BASE));
	if (!(lo & MSR_APIC_ENABLE))
		__asm__ volatile("wrmsr"
				 :
				 : "c"(MSR_APIC_BASE), "a"(lo | MSR_APIC_ENABLE), "d"(hi));
	lapic_write(LAPIC_LVT_LINT0, LAPIC_LVT_MASKED);
	lapic_write(LAPIC_LVT_LINT1, LAPIC_LVT_MASKED);
	lapic_write(LAPIC_LVT_ERROR, LAPIC_LVT_MASKED);
	lapic_write(LAPIC_LVT_TIMER, LAPIC_LVT_MASKED | (KVM_VEC_IRQ + PLAT_IRQ_TIMER));
	lapic_write(LAPIC_SVR, LAPIC_SVR_ENABLE | KVM_VEC_SPURIOUS);
}

void kvm_lapic_eoi(void)
{
	lapic_write(LAPIC_EOI, 0);
}

int kvm_lapic_in_service(uint8_t vector)
{
	return (lapic_read(LAPIC_ISR + 0x10 * (vector / 32)) >> (vector % 32)) & 1;
}

void kvm_lapic_self_ipi(uint8_t vector)
{
	lapic_write(LAPIC_ICR_HI, 0);
	lapic_write(LAPIC_ICR_LO, LAPIC_ICR_SELF | vector); /* fixed delivery, edge */
	while (lapic_read(LAPIC_ICR_LO) & LAPIC_ICR_PENDING)
		;
}

/* Timer ticks per ms over one window of LAPIC_CALIB_NS on plat_time_ns(). */
static uint64_t lapic_timer_window(void)
{
	lapic_write(LAPIC_TIMER_INIT, 0xffffffffu); /* counts while its LVT entry is masked */
	uint64_t t0 = plat_time_ns(), t1;
	while ((t1 = plat_time_ns()) - t0 < LAPIC_CALIB_NS)
		;
	uint32_t done = 0xffffffffu - lapic_read(LAPIC_TIMER_CUR);
	lapic_write(LAPIC_TIMER_INIT, 0);
	return (uint64_t)done * 1000000u / (t1 - t0);
}

/* The median of LAPIC_CALIB_WINDOWS short windows (x86/calib.h says why). */
static void lapic_timer_choose(void)
{
	uint64_t w[LAPIC_CALIB_WINDOWS];

	lapic_timer_ready = 1;
	if (IS_ENABLED(CONFIG_PLAT_KVM_TIMER_PIT)) {
		kvm_pit_init();
		return;
	}
	lapic_write(LAPIC_TIMER_DIV, LAPIC_DIV_16);
	lapic_timer_khz = x86_median_of(lapic_timer_window, w, LAPIC_CALIB_WINDOWS);
	if (!lapic_timer_khz) { /* nothing else ticks */
		kvm_pit_init();
		return;
	}
	lapic_write(LAPIC_LVT_TIMER, KVM_VEC_IRQ + PLAT_IRQ_TIMER); /* one-shot, unmasked */
}

/* The timer is chosen and measured when first asked for (lapic_timer_choose). */
int kvm_lapic_timer_init(void)
{
	return 0;
}

int plat_timer_set(uint64_t deadline_ns)
{
	if (!lapic_timer_ready)
		lapic_timer_choose();
	if (!lapic_timer_khz) {
		kvm_pit_set(deadline_ns);
		return 0;
	}
	if (deadline_ns == UINT64_MAX) {
		lapic_write(LAPIC_TIMER_INIT, 0); /* a zero count stops the timer (§10.5.4) */
		return 0;
	}
	uint64_t now = plat_time_ns();
	uint64_t delta = deadline_ns > now ? deadline_ns - now : 0;

	if (delta > LAPIC_MAX_DELTA_NS)
		delta = LAPIC_MAX_DELTA_NS; /* fires early; the caller re-arms for the rest */
	uint64_t ticks = delta * lapic_timer_khz / 1000000u;
	if (ticks == 0)
		ticks = 1;
	if (ticks > 0xffffffffu)
		ticks = 0xffffffffu;
	lapic_write(LAPIC_TIMER_INIT, (uint32_t)ticks);
	return 0;
}

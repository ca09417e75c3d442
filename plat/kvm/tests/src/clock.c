/*
 * plat-kvm's clock, checked in the guest against the PIT (8254 channel 0 at 1.193182 MHz):
 * where CPUID gives no TSC rate (QEMU's TCG, as make test runs it), plat_time_ns() measures
 * it on the PIT once, over the stretch from the platform's entry to the first call (time.c).
 * Later windows of 10 ms of PIT ticks must then last 10 ms of plat_time_ns(), within 5%
 * (the median of five, each end read between two PIT reads: a loaded host may deschedule the
 * vCPU anywhere). Where CPUID gives the rate, this checks that instead.
 */
#include <stdint.h>
#include <stdio.h>
#include <kiln/plat.h>
#include <kiln/test.h>
#include <x86/calib.h>
#include <x86/cpu.h>

#define CLK_PIT_HZ    1193182u
#define CLK_WINDOW    (CLK_PIT_HZ / 100) /* 10 ms of ticks */
#define CLK_WINDOW_NS 10000000u
#define CLK_WINDOWS   5

KTEST_SUITE(kvm_clock, NULL);

static uint16_t clk_pit_count(void)
{
	x86_outb(0x43, 0x00); /* latch channel 0 */
	uint8_t lo = x86_inb(0x40);

	return (uint16_t)(lo | x86_inb(0x40) << 8);
}

/* PIT ticks since channel 0 was set going, and plat_time_ns() at that count in *ns, read
 * between two PIT reads at most a tick apart (a vCPU descheduled in between reads again). */
static uint32_t clk_sample(uint64_t *ns)
{
	for (;;) {
		uint16_t a = clk_pit_count();
		*ns = plat_time_ns();
		uint16_t b = clk_pit_count();

		if (a >= b && a - b <= 1)
			return 0xffffu - b;
	}
}

/* plat_time_ns() over a window of at least CLK_WINDOW ticks of channel 0 counting down from
 * 0xffff (mode 0), scaled to CLK_WINDOW ticks exactly. */
static uint64_t clk_window_ns(void)
{
	uint64_t t0, t1;
	uint32_t c0, c1, spins = 0;

	x86_outb(0x43, 0x30);
	x86_outb(0x40, 0xff);
	x86_outb(0x40, 0xff);
	c0 = clk_sample(&t0);
	do
		c1 = clk_sample(&t1);
	while (c1 - c0 < CLK_WINDOW && ++spins < 10000000);
	if (c1 - c0 < CLK_WINDOW)
		return 0; /* the PIT does not count */
	return (t1 - t0) * CLK_WINDOW / (c1 - c0);
}

KTEST_CASE(kvm_clock, ten_ms_of_the_pit_are_ten_ms_of_the_clock)
{
	uint64_t w[CLK_WINDOWS];

	(void)plat_time_ns(); /* the rate measured before the PIT is reprogrammed here */
	uint64_t ns = x86_median_of(clk_window_ns, w, CLK_WINDOWS);

	printf("kvm_clock: %u PIT ticks = %llu ns of plat_time_ns (median of %d)\n", CLK_WINDOW,
	       (unsigned long long)ns, CLK_WINDOWS);
	KTEST_TRUE(ns > CLK_WINDOW_NS / 100 * 95);
	KTEST_TRUE(ns < CLK_WINDOW_NS / 100 * 105);
}

KTEST_CASE(kvm_clock, the_clock_moves_forward)
{
	uint64_t a = plat_time_ns(), b = plat_time_ns();

	KTEST_TRUE(b >= a);
	KTEST_TRUE(a > 0);
}

/*
 * The parts of the platform interface every x86 platform answers the same way: interrupts
 * on and off, halting until the next interrupt, and the cycle counter (the TSC). Time in
 * nanoseconds is each platform's own (plat/kvm: the TSC at a rate from CPUID or the PIT;
 * plat/xen: Xen's vcpu time info); processor time is that time less the time spent halted,
 * counted from the halt to the first interrupt entry after it (x86_halt_woken), so that a
 * thread the interrupt switches to does not run on the halted clock.
 */
#include <stdint.h>
#include <kiln/plat.h>
#include <x86/cpu.h>

void plat_irq_enable(void)
{
	x86_sti();
}

void plat_irq_disable(void)
{
	x86_cli();
}

int plat_irq_enabled(void)
{
	uint64_t flags;

	__asm__ volatile("pushfq; popq %0" : "=r"(flags));
	return (flags >> 9) & 1; /* RFLAGS.IF (SDM vol. 1 §3.4.3) */
}

static uint64_t x86_halted_ns;
static uint64_t x86_halt_since; /* plat_time_ns() at the halt in progress; 0 when none */

void plat_halt_until_irq(void)
{
	x86_cli();
	x86_halt_since = plat_time_ns() | 1; /* never 0, the mark of no halt */
	/* sti takes effect after the next instruction, so no interrupt slips in before hlt. */
	__asm__ volatile("sti; hlt" ::: "memory");
	x86_cli();
	x86_halt_woken(); /* woken by an NMI, or an interrupt entry already counted it */
	x86_sti();
}

void x86_halt_woken(void)
{
	uint64_t since = x86_halt_since;

	if (!since)
		return;
	x86_halt_since = 0;
	x86_halted_ns += plat_time_ns() - since;
}

uint64_t plat_cpu_time_ns(void)
{
	int on = plat_irq_enabled();
	uint64_t t;

	x86_cli();
	t = plat_time_ns() - x86_halted_ns;
	if (on)
		x86_sti();
	return t;
}

uint64_t plat_cycles(void)
{
	return x86_rdtsc();
}

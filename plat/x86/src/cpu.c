/*
 * The parts of the platform interface every x86 platform answers the same way: interrupts
 * on and off, halting until the next interrupt, and the cycle counter (the TSC). Time in
 * nanoseconds is each platform's own (plat/kvm: the TSC at a rate from CPUID or the PIT;
 * plat/xen: Xen's vcpu time info).
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

void plat_halt_until_irq(void)
{
	/* sti takes effect after the next instruction, so no interrupt slips in before hlt. */
	__asm__ volatile("sti; hlt" ::: "memory");
}

uint64_t plat_cycles(void)
{
	return x86_rdtsc();
}

/*
 * x86_64 instructions the platforms need, as inline functions: port I/O, MSRs, CPUID, the
 * time-stamp counter, interrupts. Shared by plat/kvm and plat/xen (both PVH guests).
 */
#ifndef X86_CPU_H
#define X86_CPU_H

#include <stdint.h>

static inline void x86_outb(uint16_t port, uint8_t v)
{
	__asm__ volatile("outb %0, %1" : : "a"(v), "Nd"(port));
}

static inline void x86_outw(uint16_t port, uint16_t v)
{
	__asm__ volatile("outw %0, %1" : : "a"(v), "Nd"(port));
}

static inline void x86_outl(uint16_t port, uint32_t v)
{
	__asm__ volatile("outl %0, %1" : : "a"(v), "Nd"(port));
}

static inline uint8_t x86_inb(uint16_t port)
{
	uint8_t v;

	__asm__ volatile("inb %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

static inline uint16_t x86_inw(uint16_t port)
{
	uint16_t v;

	__asm__ volatile("inw %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

static inline uint32_t x86_inl(uint16_t port)
{
	uint32_t v;

	__asm__ volatile("inl %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

static inline uint64_t x86_rdtsc(void)
{
	uint32_t lo, hi;

	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return ((uint64_t)hi << 32) | lo;
}

static inline void x86_cpuid(uint32_t leaf, uint32_t sub, uint32_t r[4])
{
	__asm__ volatile("cpuid"
			 : "=a"(r[0]), "=b"(r[1]), "=c"(r[2]), "=d"(r[3])
			 : "a"(leaf), "c"(sub));
}

static inline uint64_t x86_read_cr2(void)
{
	uint64_t v;

	__asm__ volatile("mov %%cr2, %0" : "=r"(v));
	return v;
}

static inline uint64_t x86_read_cr3(void)
{
	uint64_t v;

	__asm__ volatile("mov %%cr3, %0" : "=r"(v));
	return v;
}

static inline void x86_cli(void)
{
	__asm__ volatile("cli" ::: "memory");
}

static inline void x86_sti(void)
{
	__asm__ volatile("sti" ::: "memory");
}

/* Ends the count of halted time of a plat_halt_until_irq in progress (interrupts off): every
 * interrupt entry calls it first. */
void x86_halt_woken(void);

/* Stops this CPU for good: interrupts off, then halt (an NMI could wake it, hence the loop). */
static inline __attribute__((noreturn)) void x86_halt_forever(void)
{
	for (;;)
		__asm__ volatile("cli; hlt");
}

#endif

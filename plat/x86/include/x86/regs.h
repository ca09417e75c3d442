/*
 * The register frame an exception stub leaves on the stack (src/traps.S builds it; the
 * layout here must match that file's push order), and the entry points shared by the
 * x86 platforms.
 */
#ifndef X86_REGS_H
#define X86_REGS_H

#include <stdint.h>

struct x86_regs {
	uint64_t r15, r14, r13, r12, r11, r10, r9, r8;
	uint64_t rbp, rdi, rsi, rdx, rcx, rbx, rax;
	uint64_t vector; /* pushed by the stub */
	uint64_t error;	 /* pushed by the CPU, or a 0 by the stub (SDM vol. 3 §6.13) */
	uint64_t rip, cs, rflags, rsp, ss; /* the CPU's own frame (SDM vol. 3 §6.14.2) */
};

/* Loads the IDT with the 32 exception vectors; each prints a register dump and crashes.
 * Calls x86_tss_init() first. */
void x86_traps_init(void);

/* The IST slot of #DF, NMI and #MC: their own stack, for when the kernel's is gone. */
#define X86_IST_FATAL 1

/* Loads a TSS whose IST slot X86_IST_FATAL points at a spare stack (src/tss.c). */
void x86_tss_init(void);

/* The page below the boot stack, left unmapped by src/start32.S: an overflow faults there. */
extern char x86_stack_guard[];

/* Points vector (32-255) at an interrupt entry of the platform's own, which must save
 * what it uses and end with iretq (plat/xen's event channel upcall, for one). */
void x86_idt_set(uint8_t vector, void (*entry)(void));

/* Prints the frame, a short backtrace and the stack top through printk. */
void x86_dump_regs(const struct x86_regs *r);

/* TSC read by the 32-bit entry at its first instruction (src/start32.S). */
extern uint64_t x86_boot_tsc;

/*
 * Defined by each x86 platform: where src/start32.S lands in long mode, on the boot stack,
 * with the entry's magic (X86_PVH_MAGIC for x86_pvh_start32) and boot information address.
 */
void x86_platform_entry(uint32_t magic, uint32_t info);

#endif

/*
 * What turns a kernel stack overflow into a register dump rather than a triple fault, with
 * the guard page start32.S leaves unmapped below the boot stack: a task-state segment whose
 * interrupt stack table gives #DF, NMI and #MC a stack of their own.
 *
 * An overflow pushes into the guard page and takes a #PF; delivering it needs the same
 * stack, so the CPU raises #DF (SDM vol. 3 §6.15, interrupt 8). Without an IST entry #DF
 * would push on that stack too and the third fault resets the machine; with one the CPU
 * switches to x86_ist_stack first (SDM vol. 3 §6.14.5) and traps.c prints the dump.
 * NMI and #MC can arrive at any instruction, stack state included, so they share it: all
 * three end in plat_crash(), nothing returns onto the stack.
 */
#include <stdint.h>
#include <x86/asm.h>
#include <x86/regs.h>

#define X86_IST_STACK_SIZE 4096
#define X86_TSS_TYPE	   0x89 /* present, DPL 0, available 64-bit TSS (SDM vol. 3 §3.5) */

/* The 64-bit TSS (SDM vol. 3 §8.7, figure 8-11): only the IST slots are used here. */
struct x86_tss {
	uint32_t reserved0;
	uint64_t rsp[3];
	uint64_t reserved1;
	uint64_t ist[7];
	uint64_t reserved2;
	uint16_t reserved3;
	uint16_t iomap; /* at or past the limit: no I/O permission bitmap */
} __attribute__((packed));

_Static_assert(sizeof(struct x86_tss) == 104, "SDM vol. 3 figure 8-11");

extern uint64_t x86_gdt[];

static struct x86_tss x86_tss = { .iomap = sizeof(struct x86_tss) };
static uint8_t x86_ist_stack[X86_IST_STACK_SIZE] __attribute__((aligned(16)));

/* The 16-byte system descriptor (SDM vol. 3 §8.2.3, figure 8-4), then ltr. */
static void x86_tss_load(void)
{
	uint64_t b = (uint64_t)(uintptr_t)&x86_tss;

	x86_gdt[X86_SEL_TSS / 8] = (sizeof(x86_tss) - 1) | (b & 0xffffff) << 16 |
				   (uint64_t)X86_TSS_TYPE << 40 | (b >> 24 & 0xff) << 56;
	x86_gdt[X86_SEL_TSS / 8 + 1] = b >> 32;
	__asm__ volatile("ltr %w0" : : "r"(X86_SEL_TSS) : "memory");
}

void x86_tss_init(void)
{
	x86_tss.ist[X86_IST_FATAL - 1] = (uint64_t)(uintptr_t)(x86_ist_stack + X86_IST_STACK_SIZE);
	x86_tss_load();
}

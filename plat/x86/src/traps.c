/*
 * Exceptions: the IDT with 32 interrupt gates pointing at the stubs of traps.S (NMI, #DF and
 * #MC switch to the spare stack of tss.c), and the one handler behind them, which names the
 * exception, prints the registers, a frame-pointer backtrace and the top of the stack, then
 * stops the machine with plat_crash(). A kernel fault is a bug: there is nothing to resume.
 * A fault inside that handler is named as such in one line, and never loops.
 */
#include <stdint.h>
#include <kiln/compiler.h>
#include <kiln/plat.h>
#include <kiln/printk.h>
#include <x86/asm.h>
#include <x86/cpu.h>
#include <x86/regs.h>

#define X86_NTRAPS	  32
#define X86_GATE_INTR	  0x8e00 /* present, DPL 0, 64-bit interrupt gate (SDM vol. 3 §6.14.1) */
#define X86_STUB_SIZE	  16
#define X86_BACKTRACE_MAX 8
#define X86_MAPPED_END	  0x40000000ull /* start32.S maps the first GiB */

/*
 * A 64-bit gate as two quadwords (SDM vol. 3 §6.14.1, figure 6-8): offset 15:0, selector,
 * flags, offset 31:16; then offset 63:32. Built with shifts rather than bit fields: a
 * few instructions per gate, which counts where KVM emulates every instruction (PVM).
 */
struct x86_gate {
	uint64_t lo, hi;
};

struct x86_table_desc {
	uint16_t limit;
	uint64_t base;
} __attribute__((packed));

extern const char x86_trap_stubs[];
void x86_trap(const struct x86_regs *r);

/* All 256 vectors, so a platform can add its interrupt entries (x86_idt_set). */
static struct x86_gate x86_idt[256] __attribute__((aligned(16)));

static const char *const x86_trap_names[X86_NTRAPS] = {
	"#DE divide error",
	"#DB debug",
	"NMI",
	"#BP breakpoint",
	"#OF overflow",
	"#BR bound range",
	"#UD invalid opcode",
	"#NM device not available",
	"#DF double fault",
	"coprocessor overrun",
	"#TS invalid TSS",
	"#NP segment not present",
	"#SS stack fault",
	"#GP general protection",
	"#PF page fault",
	"reserved 15",
	"#MF x87 error",
	"#AC alignment check",
	"#MC machine check",
	"#XM SIMD error",
	"#VE virtualization",
	"#CP control protection",
};

/* ist: 0 for the current stack, else the TSS's IST slot to switch to (bits 34:32). */
static void x86_idt_gate(unsigned int vector, uint64_t a, unsigned int ist)
{
	x86_idt[vector].lo = (a & 0xffff) | (X86_SEL_CODE64 << 16) | ((uint64_t)ist << 32) |
			     ((uint64_t)X86_GATE_INTR << 32) | ((a & 0xffff0000) << 32);
	x86_idt[vector].hi = a >> 32;
}

void x86_idt_set(uint8_t vector, void (*entry)(void))
{
	x86_idt_gate(vector, (uint64_t)(uintptr_t)entry, 0);
}

/* NMI, #DF and #MC may come with the kernel stack unusable (SDM vol. 3 §6.14.5). */
static unsigned int x86_trap_ist(int vector)
{
	return vector == 2 || vector == 8 || vector == 18 ? X86_IST_FATAL : 0;
}

void x86_traps_init(void)
{
	struct x86_table_desc desc = { sizeof(x86_idt) - 1, (uint64_t)(uintptr_t)x86_idt };

	x86_tss_init();
	for (int i = 0; i < X86_NTRAPS; i++)
		x86_idt_gate(i, (uint64_t)(uintptr_t)(x86_trap_stubs + i * X86_STUB_SIZE),
			     x86_trap_ist(i));
	__asm__ volatile("lidt %0" : : "m"(desc));
}

/* A frame pointer we may follow: aligned, in mapped memory, above the previous one. */
static int x86_frame_ok(uint64_t fp, uint64_t prev)
{
	uint64_t guard = (uint64_t)(uintptr_t)x86_stack_guard;

	return fp && !(fp & 7) && fp > prev && fp + 16 <= X86_MAPPED_END &&
	       (fp + 16 <= guard || fp >= guard + 4096);
}

static void x86_backtrace(uint64_t rip, uint64_t fp)
{
	printk(PRINTK_ERR, "backtrace: %016lx", rip);
	for (int i = 0; i < X86_BACKTRACE_MAX && x86_frame_ok(fp, 0); i++) {
		const uint64_t *frame = (const uint64_t *)(uintptr_t)fp;

		printk(PRINTK_ERR, " %016lx", frame[1]);
		if (!x86_frame_ok(frame[0], fp))
			break;
		fp = frame[0];
	}
	printk(PRINTK_ERR, "\n");
}

void x86_dump_regs(const struct x86_regs *r)
{
	printk(PRINTK_ERR, "RIP %016lx  RSP %016lx  RFLAGS %016lx\n", r->rip, r->rsp, r->rflags);
	printk(PRINTK_ERR, "RAX %016lx  RBX %016lx  RCX %016lx\n", r->rax, r->rbx, r->rcx);
	printk(PRINTK_ERR, "RDX %016lx  RSI %016lx  RDI %016lx\n", r->rdx, r->rsi, r->rdi);
	printk(PRINTK_ERR, "RBP %016lx  R8  %016lx  R9  %016lx\n", r->rbp, r->r8, r->r9);
	printk(PRINTK_ERR, "R10 %016lx  R11 %016lx  R12 %016lx\n", r->r10, r->r11, r->r12);
	printk(PRINTK_ERR, "R13 %016lx  R14 %016lx  R15 %016lx\n", r->r13, r->r14, r->r15);
	printk(PRINTK_ERR, "CS  %04lx  SS  %04lx  CR2 %016lx  CR3 %016lx\n", r->cs, r->ss,
	       x86_read_cr2(), x86_read_cr3());
	x86_backtrace(r->rip, r->rbp);
}

/* Faults taken while x86_trap() runs: the first is the one reported, a second (the
 * handler itself faulted, or its stack ran out and the CPU raised #DF on the spare stack)
 * gets one line, a third stops the machine without a word. */
static unsigned int x86_trap_depth;

static void x86_trap_report(const struct x86_regs *r)
{
	const char *name = r->vector < X86_NTRAPS && x86_trap_names[r->vector]
				   ? x86_trap_names[r->vector]
				   : "reserved";

	printk(PRINTK_ERR, "kiln: fatal exception %lu (%s), error code %#lx\n", r->vector, name,
	       r->error);
	if (x86_read_cr2() - (uint64_t)(uintptr_t)x86_stack_guard < 4096)
		printk(PRINTK_ERR, "kiln: CR2 is in the boot stack's guard page: stack overflow\n");
#if IS_ENABLED(CONFIG_LIBSCHED)
	ksched_fault_hint(x86_read_cr2());
#endif
	x86_dump_regs(r);
}

void x86_trap(const struct x86_regs *r)
{
	if (!x86_trap_depth++)
		x86_trap_report(r);
	else if (x86_trap_depth == 2)
		printk(PRINTK_ERR,
		       "\nkiln: fatal exception %lu inside the fault handler (nested fault %u), "
		       "RIP %016lx CR2 %016lx\n",
		       r->vector, x86_trap_depth - 1, r->rip, x86_read_cr2());
	plat_crash();
}

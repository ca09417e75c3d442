/*
 * Fatal faults on plat/linuxu. The CPU's exceptions reach a Linux process as signals:
 * #PF as SIGSEGV (or SIGBUS), #UD as SIGILL, #DE as SIGFPE, #GP as SIGSEGV. Handlers for
 * these four run on a stack of their own (sigaltstack), so a stack overflow still gets its
 * report, and print what plat/x86's exception handler prints on KVM and Xen, in the same
 * format: the exception (Linux's signal frame keeps the trap number, the error code and the
 * fault address as CR2), the registers, a frame-pointer backtrace. Then the process ends
 * with the crash status (plat_crash). A signal sent by another process (kill -SEGV) is
 * named as such instead: it carries no exception.
 *
 * The frame layout is Linux's x86_64 struct ucontext / struct sigcontext
 * (arch/x86/include/uapi/asm/sigcontext.h); rt_sigaction wants the kernel's struct
 * sigaction, whose restorer (SA_RESTORER) is the return address of every handler.
 */
#include <stddef.h>
#include <stdint.h>
#include <kiln/compiler.h>
#include <kiln/plat.h>
#include <kiln/printk.h>
#include "linuxu.h"

#define LINUXU_SA_SIGINFO    0x00000004ul
#define LINUXU_SA_ONSTACK    0x08000000ul
#define LINUXU_SA_RESTORER   0x04000000ul
#define LINUXU_NTRAPS	     22
#define LINUXU_BACKTRACE_MAX 8
#define LINUXU_PAGE	     4096u
/* Big enough for the kernel's signal frame with the largest XSAVE area (AMX: ~11 KiB). */
#define LINUXU_ALTSTACK_SIZE 65536

struct linuxu_sigaction {
	void (*handler)(int, void *, void *);
	unsigned long flags;
	void (*restorer)(void);
	uint64_t mask;
};

struct linuxu_stack_t {
	void *sp;
	int flags;
	size_t size;
};

struct linuxu_siginfo {
	int signo, errno_, code, pad;
	union {
		uint64_t addr;	    /* SIGSEGV, SIGBUS, SIGILL, SIGFPE: the faulting address */
		int32_t pid_uid[2]; /* SI_USER and SI_TKILL: the sender's pid and uid */
	};
};

struct linuxu_sigcontext {
	uint64_t r8, r9, r10, r11, r12, r13, r14, r15;
	uint64_t rdi, rsi, rbp, rbx, rdx, rax, rcx, rsp, rip, rflags;
	uint16_t cs, gs, fs, ss;
	uint64_t err, trapno, oldmask, cr2;
};

struct linuxu_ucontext {
	uint64_t flags;
	void *link;
	struct linuxu_stack_t stack;
	struct linuxu_sigcontext mc;
};

static const int linuxu_fatal_signals[] = { 4, 7, 8, 11 }; /* SIGILL SIGBUS SIGFPE SIGSEGV */
static char linuxu_altstack[LINUXU_ALTSTACK_SIZE] __attribute__((aligned(16)));
static uintptr_t linuxu_stack_lo, linuxu_stack_hi;

/* The names plat/x86 gives the exceptions a user process can take. */
static const char *const linuxu_trap_names[LINUXU_NTRAPS] = {
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

static const char *linuxu_signal_name(int sig)
{
	switch (sig) {
	case 4:
		return "SIGILL";
	case 7:
		return "SIGBUS";
	case 8:
		return "SIGFPE";
	default:
		return "SIGSEGV";
	}
}

/* A frame pointer we may follow: aligned, on the app's stack, above the previous one. */
static int linuxu_frame_ok(uint64_t fp, uint64_t prev)
{
	return !(fp & 7) && fp > prev && fp >= linuxu_stack_lo && fp + 16 <= linuxu_stack_hi;
}

static void linuxu_backtrace(uint64_t rip, uint64_t fp)
{
	printk(PRINTK_ERR, "backtrace: %016lx", rip);
	for (int i = 0; i < LINUXU_BACKTRACE_MAX && linuxu_frame_ok(fp, 0); i++) {
		const uint64_t *frame = (const uint64_t *)(uintptr_t)fp;

		printk(PRINTK_ERR, " %016lx", frame[1]);
		if (!linuxu_frame_ok(frame[0], fp))
			break;
		fp = frame[0];
	}
	printk(PRINTK_ERR, "\n");
}

/* plat/x86's x86_dump_regs() format; a process cannot read CR3, which shows as 0. */
static void linuxu_dump_regs(const struct linuxu_sigcontext *r)
{
	printk(PRINTK_ERR, "RIP %016lx  RSP %016lx  RFLAGS %016lx\n", r->rip, r->rsp, r->rflags);
	printk(PRINTK_ERR, "RAX %016lx  RBX %016lx  RCX %016lx\n", r->rax, r->rbx, r->rcx);
	printk(PRINTK_ERR, "RDX %016lx  RSI %016lx  RDI %016lx\n", r->rdx, r->rsi, r->rdi);
	printk(PRINTK_ERR, "RBP %016lx  R8  %016lx  R9  %016lx\n", r->rbp, r->r8, r->r9);
	printk(PRINTK_ERR, "R10 %016lx  R11 %016lx  R12 %016lx\n", r->r10, r->r11, r->r12);
	printk(PRINTK_ERR, "R13 %016lx  R14 %016lx  R15 %016lx\n", r->r13, r->r14, r->r15);
	printk(PRINTK_ERR, "CS  %04lx  SS  %04lx  CR2 %016lx  CR3 %016lx\n", (unsigned long)r->cs,
	       (unsigned long)r->ss, r->cr2, 0ul);
	linuxu_backtrace(r->rip, r->rbp);
}

static void linuxu_fault(int sig, void *info, void *ctx)
{
	const struct linuxu_siginfo *si = info;
	const struct linuxu_sigcontext *r = &((const struct linuxu_ucontext *)ctx)->mc;

	if (si->code <= 0) { /* SI_USER, SI_QUEUE, SI_TKILL: sent, not raised by the CPU */
		printk(PRINTK_ERR, "kiln: fatal signal %d (%s) sent by process %d\n", sig,
		       linuxu_signal_name(sig), si->pid_uid[0]);
		plat_crash();
	}
	printk(PRINTK_ERR, "kiln: fatal exception %lu (%s), error code %#lx\n", r->trapno,
	       r->trapno < LINUXU_NTRAPS ? linuxu_trap_names[r->trapno] : "reserved", r->err);
	if (r->cr2 - (linuxu_stack_lo - LINUXU_PAGE) < LINUXU_PAGE)
		printk(PRINTK_ERR, "kiln: CR2 is in the boot stack's guard page: stack overflow\n");
#if IS_ENABLED(CONFIG_LIBSCHED)
	ksched_fault_hint(r->cr2);
#endif
	linuxu_dump_regs(r);
	plat_crash();
}

void linuxu_traps_init(uintptr_t stack_lo, uintptr_t stack_hi)
{
	struct linuxu_stack_t alt = { linuxu_altstack, 0, sizeof(linuxu_altstack) };
	struct linuxu_sigaction sa = {
		.handler = linuxu_fault,
		.flags = LINUXU_SA_SIGINFO | LINUXU_SA_ONSTACK | LINUXU_SA_RESTORER,
		.restorer = linuxu_sigreturn,
	};
	int n = (int)(sizeof(linuxu_fatal_signals) / sizeof(linuxu_fatal_signals[0]));

	linuxu_stack_lo = stack_lo;
	linuxu_stack_hi = stack_hi;
	/* A fault inside the handler, of any of the four, then kills the process outright. */
	for (int i = 0; i < n; i++)
		sa.mask |= 1ull << (linuxu_fatal_signals[i] - 1);
	if (linuxu_syscall3(LINUXU_SYS_SIGALTSTACK, (long)&alt, 0, 0))
		printk_panic("plat-linuxu: sigaltstack failed");
	for (int i = 0; i < n; i++)
		if (linuxu_syscall6(LINUXU_SYS_RT_SIGACTION, linuxu_fatal_signals[i], (long)&sa, 0,
				    sizeof(sa.mask), 0, 0))
			printk_panic("plat-linuxu: rt_sigaction(%d) failed",
				     linuxu_fatal_signals[i]);
}

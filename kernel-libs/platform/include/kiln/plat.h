/*
 * The platform interface: the only things kernel-libs may ask of the machine.
 * plat/kvm and plat/xen each implement all of it; nothing in kernel-libs/ includes a
 * platform's own headers or tests which platform it runs on.
 */
#ifndef KILN_PLAT_H
#define KILN_PLAT_H

#include <stddef.h>
#include <stdint.h>

/* Memory map as the boot protocol reported it (multiboot, PVH start info, …). */
enum plat_mem_type {
	PLAT_MEM_FREE = 1, /* usable RAM, minus the image itself */
	PLAT_MEM_RESERVED = 2,
};

struct plat_memregion {
	uint64_t base;
	uint64_t len;
	enum plat_mem_type type;
};

/* Filled by the platform's early boot code before kiln_boot() runs. */
struct plat_bootinfo {
	const char *cmdline;		  /* kernel command line, never NULL */
	const struct plat_memregion *mem; /* memory map */
	size_t nmem;
	uint64_t initrd_base; /* 0 when there is none */
	uint64_t initrd_len;
	uint64_t cycles_at_entry; /* plat_cycles() at the image's first instruction */
};

/* Console output: blocking, from any context, before and after interrupts work. */
void plat_console_write(const char *buf, size_t len);

/* Monotonic time since boot in nanoseconds. */
/*
 * Console input: copies into buf up to len bytes that have arrived, waiting at most a
 * moment (linuxu: 10 ms) so that a caller can poll without burning the host. Returns the
 * count, 0 when nothing came, -1 when input has ended for good (linuxu's fd 0 at end of
 * file). Bytes are the device's own: a terminal's Enter is '\r'. Line editing and echo are
 * the console library's (kcon_read).
 */
long plat_console_read(char *buf, size_t len);
uint64_t plat_time_ns(void);

/*
 * Processor time since boot in nanoseconds: the time this CPU ran code, plat_time_ns() less
 * the time it waited halted in plat_halt_until_irq (KVM, Xen), or the process's CPU time as
 * the host counts it (linuxu). What clock() and times() report.
 */
uint64_t plat_cpu_time_ns(void);

/* A free-running cycle counter (the TSC on x86), the unit of cycles_at_entry. */
uint64_t plat_cycles(void);

/* Interrupts on this CPU. */
void plat_irq_enable(void);
void plat_irq_disable(void);

/* Whether interrupts are on now (1) or off (0), to restore what a caller had. */
int plat_irq_enabled(void);

/* Waits for the next interrupt (or returns at once if one is pending). */
void plat_halt_until_irq(void);

/*
 * Interrupt controllers and the one-shot timer: the hardware half of interrupts, implemented
 * by each platform in files its lib.json compiles only when the irq library (kiln/irq.h,
 * which keeps the handler table, masks and counters) is in the image. Libraries call the
 * irq and timer libraries, not these.
 *
 * An interrupt source is a number below PLAT_IRQ_MAX whose meaning is the platform's: an
 * I/O APIC input (GSI) on KVM, an event channel port on Xen, a signal number on linuxu.
 * PLAT_IRQ_TIMER (0: no GSI the I/O APIC routes, no valid port, no signal) is the one-shot
 * timer's interrupt on every platform.
 */
#define PLAT_IRQ_MAX   64
#define PLAT_IRQ_TIMER 0

/* Sets up the controllers with every source masked and the timer's wired. 0, or -1. */
int plat_irq_init(void);

/* Masks or unmasks irq at its controller (the I/O APIC's redirection entry, the port's
 * mask bit, the signal's handler). */
void plat_irq_set_masked(unsigned int irq, int masked);

/* Raises irq from software as its device would (self-IPI, an event sent on a channel looped
 * back, a signal to this process). 0, or -1 when irq is no number plat_irq_alloc_soft gave. */
int plat_irq_raise(unsigned int irq);

/* A source no device drives, for plat_irq_raise (tests, deferred work); -1 when none left. */
int plat_irq_alloc_soft(void);

/* Makes the controller deliver an interrupt that has no source, as noise on a line would
 * (for tests of the spurious count): the PIC's spurious vector on KVM, an upcall with no
 * event pending on Xen, SIGALRM with the timer disarmed on linuxu. */
void plat_irq_raise_spurious(void);

/* Interrupts the platform took for no source (APIC and PIC spurious vectors, upcalls with
 * nothing pending); the irq library adds them to its own counts. */
uint64_t plat_irq_spurious(void);

/* Called by the platform's interrupt entry, with interrupts off, for each source that fired;
 * the platform acknowledges (EOI) after it returns. Defined by the irq library. */
void kirq_handle(unsigned int irq);

/* Called by the platform's interrupt entry once per interrupt, after acknowledging it and
 * before returning to the interrupted code, interrupts off. Defined by the irq library (its
 * exit hook: a preemptive scheduler's switch). */
void kirq_exit(void);

/* Arms the one-shot timer: PLAT_IRQ_TIMER fires once at or after deadline_ns
 * (plat_time_ns() scale; a past deadline fires at once); replaces any earlier deadline.
 * UINT64_MAX disarms it. It may fire early when the deadline is far (hardware counters are
 * finite): a caller re-arms for what is left. 0, or -1. */
int plat_timer_set(uint64_t deadline_ns);

/* Wall clock: ns since 1970-01-01 00:00 UTC (the RTC on KVM, the shared info page's wall
 * clock on Xen, CLOCK_REALTIME on linuxu). 0 when the platform cannot tell. */
uint64_t plat_wall_ns(void);

/*
 * Threads (implemented by each platform in files its lib.json compiles only when the sched
 * library is in the image):
 * plat_tls_set() makes tp the thread pointer `__thread` variables are reached through (the
 * FS base on x86_64: the MSR on KVM and Xen, arch_prctl on linuxu).
 * plat_page_guard() makes the page at addr (page-aligned) inaccessible (guard 1), so that a
 * stack running into it faults, or ordinary memory again (guard 0). table_page, when not
 * NULL, gives zeroed pages the platform may keep for page tables (x86 splits the 2 MiB
 * mapping around addr). 0, or -1 when it cannot.
 */
void plat_tls_set(uintptr_t tp);
int plat_page_guard(uintptr_t addr, int guard, void *(*table_page)(void));

/* Defined by the sched library: the platform's fault handler calls it (when the sched
 * library is in the image) with the faulting address, and it names the thread whose guard
 * page that is ("kiln: thread worker: stack overflow"). */
void ksched_fault_hint(uint64_t addr);

/* Stops the machine; status becomes the exit status the host sees. Never returns. */
__attribute__((noreturn)) void plat_shutdown(int status);

/* Stops the machine reporting a crash (after a panic or a fatal fault). Never returns. */
__attribute__((noreturn)) void plat_crash(void);

/* Entry from the platform into the generic boot sequence (boot library). Never returns. */
__attribute__((noreturn)) void kiln_boot(const struct plat_bootinfo *bi);

#endif

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

/* A free-running cycle counter (the TSC on x86), the unit of cycles_at_entry. */
uint64_t plat_cycles(void);

/* Interrupts on this CPU. */
void plat_irq_enable(void);
void plat_irq_disable(void);

/* Waits for the next interrupt (or returns at once if one is pending). */
void plat_halt_until_irq(void);

/* Stops the machine; status becomes the exit status the host sees. Never returns. */
__attribute__((noreturn)) void plat_shutdown(int status);

/* Stops the machine reporting a crash (after a panic or a fatal fault). Never returns. */
__attribute__((noreturn)) void plat_crash(void);

/* Entry from the platform into the generic boot sequence (boot library). Never returns. */
__attribute__((noreturn)) void kiln_boot(const struct plat_bootinfo *bi);

#endif

/*
 * The first C code of plat/linuxu, called by _start (start.S) with the process's initial
 * stack pointer: the clock's zero, the command line rebuilt from argv, the memory the
 * unikernel owns (one anonymous mapping, reported as the memory map), the app's stack with
 * a guard page, the fault handlers, then kiln_boot() on the new stack.
 *
 * Arguments follow the kernel command line convention of plat/kvm (kiln/args.h): the
 * process's argv[1..] are the kernel's words, and those after a lone "--" are the app's.
 * Each element is single-quoted into the command line (a ' inside becoming '\''), so
 * argparse splits it back into exactly the bytes the process received: spaces, quotes and
 * newlines included.
 */
#include <stddef.h>
#include <stdint.h>
#include <kiln/compiler.h>
#include <kiln/plat.h>
#include <kiln/printk.h>
#include "linuxu.h"

#define LINUXU_PAGE	     4096ul
#define LINUXU_MAP_PRIVATE   0x02
#define LINUXU_MAP_ANONYMOUS 0x20
#define LINUXU_MAP_NORESERVE 0x4000

uint64_t linuxu_boot_tsc;
static struct plat_bootinfo linuxu_bootinfo = { .cmdline = "" };
static struct plat_memregion linuxu_mem[1];

void *linuxu_map(size_t len, int prot)
{
	long r = linuxu_syscall6(LINUXU_SYS_MMAP, 0, (long)len, prot,
				 LINUXU_MAP_PRIVATE | LINUXU_MAP_ANONYMOUS | LINUXU_MAP_NORESERVE,
				 -1, 0);

	return r < 0 && r > -4096 ? NULL : (void *)r;
}

/* Bytes s takes single-quoted: two quotes, and three more for each ' ('\''). */
static size_t linuxu_quoted_len(const char *s)
{
	size_t n = 2;

	for (; *s; s++)
		n += *s == '\'' ? 4 : 1;
	return n;
}

/* Writes s single-quoted at dst; returns the end. */
static char *linuxu_quote(char *dst, const char *s)
{
	*dst++ = '\'';
	for (; *s; s++) {
		if (*s == '\'') {
			*dst++ = '\'';
			*dst++ = '\\';
			*dst++ = '\'';
		}
		*dst++ = *s;
	}
	*dst++ = '\'';
	return dst;
}

/* argv[1..argc-1] as one command line in a mapping of its own. */
static const char *linuxu_cmdline(int argc, char **argv)
{
	size_t len = 1;
	char *buf, *p;

	if (argc < 2)
		return "";
	for (int i = 1; i < argc; i++)
		len += linuxu_quoted_len(argv[i]) + 1;
	buf = linuxu_map(len, LINUXU_PROT_RW);
	if (!buf)
		printk_panic("plat-linuxu: no memory for a %zu-byte command line", len);
	p = buf;
	for (int i = 1; i < argc; i++) {
		if (i > 1)
			*p++ = ' ';
		p = linuxu_quote(p, argv[i]);
	}
	*p = '\0';
	return buf;
}

/* The unikernel's RAM: PLAT_LINUXU_MEMORY MiB, reserved lazily (MAP_NORESERVE). */
static void linuxu_memory(void)
{
	uint64_t len = (uint64_t)CONFIG_PLAT_LINUXU_MEMORY << 20;
	void *mem = linuxu_map(len, LINUXU_PROT_RW);

	if (!mem)
		printk_panic("plat-linuxu: mmap of %lu MiB failed",
			     (unsigned long)CONFIG_PLAT_LINUXU_MEMORY);
	linuxu_mem[0] = (struct plat_memregion){ (uint64_t)(uintptr_t)mem, len, PLAT_MEM_FREE };
	linuxu_bootinfo.mem = linuxu_mem;
	linuxu_bootinfo.nmem = 1;
}

/* The app's stack, PLAT_LINUXU_STACK_SIZE bytes above a PROT_NONE guard page, as on KVM:
 * an overflow faults at once instead of growing into the process's stack. Returns its top. */
static uintptr_t linuxu_stack(void)
{
	size_t size = (CONFIG_PLAT_LINUXU_STACK_SIZE + LINUXU_PAGE - 1) & ~(LINUXU_PAGE - 1);
	char *lo = linuxu_map(size + LINUXU_PAGE, LINUXU_PROT_RW);

	if (!lo || linuxu_syscall3(LINUXU_SYS_MPROTECT, (long)lo, LINUXU_PAGE, LINUXU_PROT_NONE))
		printk_panic("plat-linuxu: no memory for a %zu-byte stack", size);
	linuxu_traps_init((uintptr_t)lo + LINUXU_PAGE, (uintptr_t)lo + LINUXU_PAGE + size);
	return (uintptr_t)lo + LINUXU_PAGE + size;
}

__kiln_noreturn void linuxu_entry(uintptr_t *sp);

void linuxu_entry(uintptr_t *sp)
{
	int argc = (int)sp[0];
	char **argv = (char **)(sp + 1);
	int skip;

	linuxu_time_init();
	linuxu_bootinfo.cycles_at_entry = linuxu_boot_tsc;
	skip = IS_ENABLED(CONFIG_LIBINITRD) ? linuxu_initrd(argc, argv, &linuxu_bootinfo) : 0;
	linuxu_bootinfo.cmdline = linuxu_cmdline(argc - skip, argv + skip);
	linuxu_memory();
	uintptr_t top = linuxu_stack();
	printk(PRINTK_DEBUG, "plat-linuxu: command line \"%s\"\n", linuxu_bootinfo.cmdline);
	printk(PRINTK_DEBUG, "plat-linuxu: memory 0x%012lx-0x%012lx free\n",
	       (unsigned long)linuxu_mem[0].base,
	       (unsigned long)(linuxu_mem[0].base + linuxu_mem[0].len));
	linuxu_boot_on(top, &linuxu_bootinfo);
}

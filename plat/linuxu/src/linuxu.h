/*
 * Private to plat/linuxu: raw Linux x86_64 system calls and the pieces setup.c strings
 * together. No host libc is linked, so each call is an inline `syscall` instruction: number
 * in RAX, arguments in RDI, RSI, RDX, R10, R8, R9, result in RAX (-4095..-1 is -errno);
 * the instruction itself clobbers RCX and R11 (x86_64 syscall ABI, as in Linux's
 * arch/x86/entry/entry_64.S).
 */
#ifndef LINUXU_LINUXU_H
#define LINUXU_LINUXU_H

#include <stddef.h>
#include <stdint.h>
#include <kiln/plat.h>

/* System call numbers (arch/x86/entry/syscalls/syscall_64.tbl). */
#define LINUXU_SYS_READ		  0
#define LINUXU_SYS_WRITE	  1
#define LINUXU_SYS_POLL		  7
#define LINUXU_SYS_MMAP		  9
#define LINUXU_SYS_MPROTECT	  10
#define LINUXU_SYS_RT_SIGACTION	  13
#define LINUXU_SYS_RT_SIGPROCMASK 14
#define LINUXU_SYS_RT_SIGRETURN	  15
#define LINUXU_SYS_RT_SIGSUSPEND  130
#define LINUXU_SYS_SIGALTSTACK	  131
#define LINUXU_SYS_ARCH_PRCTL	  158
#define LINUXU_SYS_CLOCK_GETTIME  228
#define LINUXU_SYS_EXIT_GROUP	  231

#define LINUXU_EINTR  4
#define LINUXU_EAGAIN 11

static inline long linuxu_syscall6(long n, long a, long b, long c, long d, long e, long f)
{
	register long r10 __asm__("r10") = d;
	register long r8 __asm__("r8") = e;
	register long r9 __asm__("r9") = f;
	long ret;

	__asm__ volatile("syscall"
			 : "=a"(ret)
			 : "a"(n), "D"(a), "S"(b), "d"(c), "r"(r10), "r"(r8), "r"(r9)
			 : "rcx", "r11", "memory");
	return ret;
}

static inline long linuxu_syscall3(long n, long a, long b, long c)
{
	return linuxu_syscall6(n, a, b, c, 0, 0, 0);
}

/* mmap: an anonymous private mapping of len bytes, or NULL. */
void *linuxu_map(size_t len, int prot);
#define LINUXU_PROT_NONE 0
#define LINUXU_PROT_RW	 3

/* Writes all of buf to fd, retrying short writes and EINTR; gives up on other errors. */
void linuxu_write_all(int fd, const char *buf, size_t len);

/* Ends the process with this status (exit_group: every thread). */
__attribute__((noreturn)) void linuxu_exit(int status);

/* Signal handlers for the fatal faults, on a stack of their own (src/traps.c). The app's
 * stack spans [stack_lo, stack_hi), with a guard page below stack_lo. */
void linuxu_traps_init(uintptr_t stack_lo, uintptr_t stack_hi);

/* Maps the file of a leading "--initrd FILE" as bi's initrd (src/initrd.c); returns how
 * many arguments that took (0 or 2). */
int linuxu_initrd(int argc, char **argv, struct plat_bootinfo *bi);

/* Reads CLOCK_MONOTONIC once, as the zero of plat_time_ns() (src/time.c). */
void linuxu_time_init(void);

/* Switches to the stack ending at top and calls kiln_boot(bi) there (start.S). */
__attribute__((noreturn)) void linuxu_boot_on(uintptr_t top, const struct plat_bootinfo *bi);

/* The restorer rt_sigaction needs (start.S): the rt_sigreturn system call. */
void linuxu_sigreturn(void);

/* The TSC read by _start's first instruction (start.S). */
extern uint64_t linuxu_boot_tsc;

#endif

/*
 * What the sched library asks of plat/linuxu (kiln/plat.h): the thread pointer is the FS
 * base, set with arch_prctl(ARCH_SET_FS) as a Linux thread library does; a guard page is
 * mprotect(PROT_NONE), whose fault arrives as SIGSEGV (traps.c names the thread).
 */
#include <stdint.h>
#include <kiln/plat.h>
#include "linuxu.h"

#define LINUXU_ARCH_SET_FS 0x1002 /* arch/x86/include/uapi/asm/prctl.h */

void plat_tls_set(uintptr_t tp)
{
	linuxu_syscall3(LINUXU_SYS_ARCH_PRCTL, LINUXU_ARCH_SET_FS, (long)tp, 0);
}

int plat_page_guard(uintptr_t addr, int guard, void *(*table_page)(void))
{
	(void)table_page;
	return linuxu_syscall3(LINUXU_SYS_MPROTECT, (long)addr, 4096,
			       guard ? LINUXU_PROT_NONE : LINUXU_PROT_RW)
		       ? -1
		       : 0;
}

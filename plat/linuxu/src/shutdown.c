/*
 * Stopping plat/linuxu: the process ends with exit_group, so the host sees the status
 * directly. As on KVM (plat/kvm/src/shutdown.c), an app's status 0-125 passes exactly and
 * larger ones are clamped to 125, and a crash (panic, fatal fault) ends with 255: the
 * statuses `kiln run` reports for every platform (buildsys/README.md).
 */
#include <kiln/plat.h>
#include "linuxu.h"

#define LINUXU_EXIT_STATUS_MAX 125
#define LINUXU_EXIT_CRASH      255

void linuxu_exit(int status)
{
	linuxu_console_restore();
	for (;;)
		linuxu_syscall3(LINUXU_SYS_EXIT_GROUP, status, 0, 0);
}

void plat_shutdown(int status)
{
	unsigned s = (unsigned)status & 0xff;

	linuxu_exit(s > LINUXU_EXIT_STATUS_MAX ? LINUXU_EXIT_STATUS_MAX : (int)s);
}

void plat_crash(void)
{
	linuxu_exit(LINUXU_EXIT_CRASH);
}

/*
 * The console of plat/linuxu: standard output (fd 1), written with the write system call.
 * A write may take only part of the buffer (a pipe that is nearly full) or be interrupted
 * by a signal before writing anything (EINTR): both are retried until every byte is out.
 * Any other error (a closed pipe, a full disk) drops the rest: there is nowhere to report it.
 */
#include <stddef.h>
#include <kiln/plat.h>
#include "linuxu.h"

#define LINUXU_STDOUT 1

void linuxu_write_all(int fd, const char *buf, size_t len)
{
	while (len) {
		long n = linuxu_syscall3(LINUXU_SYS_WRITE, fd, (long)buf, (long)len);

		if (n == -LINUXU_EINTR || n == -LINUXU_EAGAIN)
			continue;
		if (n <= 0)
			return;
		buf += n;
		len -= (size_t)n;
	}
}

void plat_console_write(const char *buf, size_t len)
{
	linuxu_write_all(LINUXU_STDOUT, buf, len);
}

/*
 * The console of plat/linuxu: standard output (fd 1), written with the write system call.
 * A write may take only part of the buffer (a pipe that is nearly full) or be interrupted
 * by a signal before writing anything (EINTR): both are retried until every byte is out.
 * Any other error (a closed pipe, a full disk) drops the rest: there is nowhere to report it.
 * Input is standard input (fd 0), read once poll(2) says a byte is there, so that a read
 * never blocks the caller for more than the poll's 10 ms.
 */
#include <stddef.h>
#include <kiln/plat.h>
#include "linuxu.h"

#define LINUXU_STDIN   0
#define LINUXU_STDOUT  1
#define LINUXU_POLLIN  0x001
#define LINUXU_POLL_MS 10

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

/* struct pollfd of poll(2). */
struct linuxu_pollfd {
	int fd;
	short events, revents;
};

long plat_console_read(char *buf, size_t len)
{
	struct linuxu_pollfd p = { .fd = LINUXU_STDIN, .events = LINUXU_POLLIN };
	long n = linuxu_syscall3(LINUXU_SYS_POLL, (long)&p, 1, LINUXU_POLL_MS);

	if (n <= 0 || !p.revents)
		return 0; /* nothing yet, or EINTR */
	n = linuxu_syscall3(LINUXU_SYS_READ, LINUXU_STDIN, (long)buf, (long)len);
	if (n == -LINUXU_EINTR || n == -LINUXU_EAGAIN)
		return 0;
	return n > 0 ? n : -1; /* 0: end of file; an error ends input too */
}

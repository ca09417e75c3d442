/*
 * The console of plat/linuxu: standard output (fd 1), written with the write system call.
 * A write may take only part of the buffer (a pipe that is nearly full) or be interrupted
 * by a signal before writing anything (EINTR): both are retried until every byte is out.
 * Any other error (a closed pipe, a full disk) drops the rest: there is nowhere to report it.
 * Input is standard input (fd 0), read once poll(2) says a byte is there, so that a read
 * never blocks the caller for more than the poll's 10 ms. When standard input is a terminal,
 * the first read turns off its own line editing and echo (termios(3) ICANON, ECHO), as QEMU
 * does for a serial console on stdio: the console library's line discipline does both, and
 * the terminal's would echo every line twice. Signals (^C) stay on; the settings come back
 * when the process exits (linuxu_exit).
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

/* struct termios as the kernel's TCGETS/TCSETS take it (asm-generic/termbits.h). */
struct linuxu_termios {
	unsigned iflag, oflag, cflag, lflag;
	unsigned char line, cc[19];
};
#define LINUXU_TCGETS 0x5401
#define LINUXU_TCSETS 0x5402
#define LINUXU_ICANON 0000002
#define LINUXU_ECHO   0000010
#define LINUXU_VTIME  5
#define LINUXU_VMIN   6

static struct linuxu_termios linuxu_tty_saved;
static int linuxu_tty_state; /* 0: not looked at yet, 1: not a terminal, 2: changed */

static void linuxu_tty_raw(void)
{
	struct linuxu_termios t;

	linuxu_tty_state = 1;
	if (linuxu_syscall3(LINUXU_SYS_IOCTL, LINUXU_STDIN, LINUXU_TCGETS, (long)&t) < 0)
		return;
	linuxu_tty_saved = t;
	t.lflag &= ~(unsigned)(LINUXU_ICANON | LINUXU_ECHO);
	t.cc[LINUXU_VMIN] = 1;
	t.cc[LINUXU_VTIME] = 0;
	if (linuxu_syscall3(LINUXU_SYS_IOCTL, LINUXU_STDIN, LINUXU_TCSETS, (long)&t) == 0)
		linuxu_tty_state = 2;
}

void linuxu_console_restore(void)
{
	if (linuxu_tty_state == 2)
		linuxu_syscall3(LINUXU_SYS_IOCTL, LINUXU_STDIN, LINUXU_TCSETS,
				(long)&linuxu_tty_saved);
	linuxu_tty_state = 1;
}

long plat_console_read(char *buf, size_t len)
{
	struct linuxu_pollfd p = { .fd = LINUXU_STDIN, .events = LINUXU_POLLIN };
	long n;

	if (!linuxu_tty_state)
		linuxu_tty_raw();
	n = linuxu_syscall3(LINUXU_SYS_POLL, (long)&p, 1, LINUXU_POLL_MS);
	if (n <= 0 || !p.revents)
		return 0; /* nothing yet, or EINTR */
	n = linuxu_syscall3(LINUXU_SYS_READ, LINUXU_STDIN, (long)buf, (long)len);
	if (n == -LINUXU_EINTR || n == -LINUXU_EAGAIN)
		return 0;
	return n > 0 ? n : -1; /* 0: end of file; an error ends input too */
}

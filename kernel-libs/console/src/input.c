/*
 * Console input with a line discipline, over plat_console_read. Cooked (the default) is
 * what an interactive program expects of a terminal (POSIX "canonical mode", termios(3)):
 * characters are echoed, backspace erases the last one, Enter ('\r' from a raw terminal,
 * or '\n') ends the line, which the reader gets with a '\n', and ^D on an empty line is the
 * end of input. Raw gives the bytes as they arrive, without echo, to a program that does its
 * own editing. Blocking: the caller waits until there is something (the platform's read
 * waits a moment each time, so this loop does not spin the host hard).
 */
#include <stddef.h>
#include <kiln/console.h>
#include <kiln/plat.h>

#define KCON_LINE_MAX 256
#define KCON_EOF      0x04 /* ^D */
#define KCON_BS	      0x08
#define KCON_DEL      0x7f

static int kcon_raw;
static char kcon_line[KCON_LINE_MAX];
static size_t kcon_len, kcon_ready, kcon_taken; /* ready: a whole line waits in kcon_line */
static int kcon_ended;

void kcon_set_raw(int raw)
{
	kcon_raw = raw;
}

/* One byte of a line being typed; returns 1 when the line is complete. */
static int kcon_cook(char c)
{
	if (c == '\r' || c == '\n') {
		kcon_line[kcon_len++] = '\n';
		kcon_write("\n", 1);
		return 1;
	}
	if (c == KCON_BS || c == KCON_DEL) {
		if (kcon_len) {
			kcon_len--;
			kcon_write("\b \b", 3);
		}
	} else if (c == KCON_EOF) {
		return kcon_len == 0 ? (kcon_ended = 1) : 1;
	} else if (kcon_len < KCON_LINE_MAX - 1) {
		kcon_line[kcon_len++] = c;
		kcon_write(&c, 1);
	}
	kcon_flush();
	return 0;
}

/* Reads and edits until a line is complete or input ends. */
static void kcon_read_line(void)
{
	char c;

	kcon_len = kcon_taken = 0;
	kcon_flush(); /* a prompt written without a newline shows before the wait */
	while (!kcon_ended) {
		long n = plat_console_read(&c, 1);

		if (n < 0)
			kcon_ended = 1;
		else if (n == 1 && kcon_cook(c))
			break;
	}
	kcon_ready = kcon_len;
	kcon_flush();
}

static long kcon_read_raw(char *buf, size_t len)
{
	long n;

	kcon_flush();
	while ((n = plat_console_read(buf, len)) == 0)
		;
	return n < 0 ? 0 : n;
}

long kcon_read(char *buf, size_t len)
{
	size_t n = 0;

	if (kcon_raw)
		return kcon_read_raw(buf, len);
	if (kcon_taken == kcon_ready)
		kcon_read_line();
	while (n < len && kcon_taken < kcon_ready)
		buf[n++] = kcon_line[kcon_taken++];
	return (long)n; /* 0 only once input has ended, and on every read after */
}

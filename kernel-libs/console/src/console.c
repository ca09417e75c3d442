/*
 * The console: an optional line buffer in front of plat_console_write(). Buffering matters
 * on virtual hardware, where every device access costs a VM exit: one write per line lets
 * the platform driver batch its waits (a UART waits once per FIFO load, not per byte).
 * Not safe against concurrent writers; kiln has one CPU and prints with interrupts off.
 * <string.h> is the libc's, which the boot library requires of every image.
 */
#include <stddef.h>
#include <string.h>
#include <kiln/boot.h>
#include <kiln/compiler.h>
#include <kiln/console.h>
#include <kiln/plat.h>

/* CONSOLE_BUFFER 0 writes through and never touches the buffer; C has no empty arrays. */
static char kcon_buf[CONFIG_CONSOLE_BUFFER > 0 ? CONFIG_CONSOLE_BUFFER : 1];
static size_t kcon_used;

void kcon_flush(void)
{
	if (kcon_used) {
		plat_console_write(kcon_buf, kcon_used);
		kcon_used = 0;
	}
}

void kcon_write(const char *buf, size_t len)
{
	if (CONFIG_CONSOLE_BUFFER == 0) {
		plat_console_write(buf, len);
		return;
	}
	for (size_t i = 0; i < len; i++) {
		kcon_buf[kcon_used++] = buf[i];
		if (buf[i] == '\n' || kcon_used == sizeof(kcon_buf))
			kcon_flush();
	}
}

void kcon_putc(char c)
{
	kcon_write(&c, 1);
}

void kcon_puts(const char *s)
{
	kcon_write(s, strlen(s));
}

static void kcon_exit(int status)
{
	(void)status;
	kcon_flush();
}
KBOOT_EXIT(kcon_exit, 10);

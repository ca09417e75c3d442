/*
 * Device-independent console output. Everything that prints (printk, the libc's stdio) goes
 * through here; the platform plugs in the device by implementing plat_console_write()
 * (kiln/plat.h). With CONSOLE_BUFFER > 0 output is line-buffered: kept until a newline, a
 * full buffer, kcon_flush(), or shutdown (an exit hook flushes).
 */
#ifndef KILN_CONSOLE_H
#define KILN_CONSOLE_H

#include <stddef.h>

void kcon_write(const char *buf, size_t len);
void kcon_putc(char c);
void kcon_puts(const char *s); /* no newline added */
void kcon_flush(void);
/* Console input, waiting until there is some (src/input.c). Cooked, the default: a line at a
 * time, echoed, backspace erases, Enter gives '\n', ^D on an empty line ends input; raw:
 * bytes as they come, no echo. Returns the count, 0 once input has ended. */
long kcon_read(char *buf, size_t len);
void kcon_set_raw(int raw);

#endif

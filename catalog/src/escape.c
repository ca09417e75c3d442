/*
 * Escaping values for the generated C headers. A profile is shared like code, so none of
 * its strings may run a command at build time or break a file (Make's escaping lives with
 * the Make backend, buildsys/config_mk.c):
 *  - C (C11 6.4.4.4, 6.4.5): quote, backslash and control characters as escapes, and '?'
 *    as "\?" so that no "??/" trigraph can eat the closing quote under -std=c11.
 */
#include <string.h>

#include "escape.h"

void esc_c(struct sbuf *b, const char *s)
{
	sb_putc(b, '"');
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\' || c == '?')
			sb_printf(b, "\\%c", c);
		else if (c == '\n')
			sb_puts(b, "\\n");
		else if (c == '\t')
			sb_puts(b, "\\t");
		else if (c < 0x20 || c == 0x7f)
			sb_printf(b, "\\%03o", c);
		else
			sb_putc(b, (char)c);
	}
	sb_putc(b, '"');
}

/* printk -> LIBPRINTK, plat-kvm -> LIBPLAT_KVM; choice value "x-y" -> X_Y. */
void esc_macro(struct sbuf *b, const char *s)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c >= 'a' && c <= 'z')
			sb_putc(b, (char)(c - 'a' + 'A'));
		else if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
			sb_putc(b, (char)c);
		else
			sb_putc(b, '_');
	}
}

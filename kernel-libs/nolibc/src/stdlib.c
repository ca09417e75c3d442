/*
 * Leaving the program (exit runs the boot library's exit hooks, then shuts the machine down
 * with the status) and converting numbers (C11 §7.22.1.4, without locale or errno).
 */
#include <ctype.h>
#include <limits.h>
#include <stddef.h>
#include <stdlib.h>
#include <kiln/boot.h>
#include <kiln/plat.h>

void exit(int status)
{
	kboot_exit(status);
}

void abort(void)
{
	plat_crash();
}

int abs(int v)
{
	return v < 0 ? -v : v;
}

static int stdlib_digit(char c, int base)
{
	int d = isdigit(c) ? c - '0' : isalpha(c) ? tolower(c) - 'a' + 10 : 99;

	return d < base ? d : -1;
}

/* Skips spaces and sign, settles the base (0: from a 0x or 0 prefix), reads digits. */
unsigned long strtoul(const char *restrict s, char **restrict end, int base)
{
	const char *p = s;
	unsigned long v = 0;
	int neg = 0, any = 0;

	while (isspace(*p))
		p++;
	if (*p == '+' || *p == '-')
		neg = *p++ == '-';
	if ((base == 0 || base == 16) && p[0] == '0' && tolower(p[1]) == 'x' &&
	    stdlib_digit(p[2], 16) >= 0) {
		p += 2;
		base = 16;
	} else if (base == 0) {
		base = p[0] == '0' ? 8 : 10;
	}
	for (int d; base >= 2 && base <= 36 && (d = stdlib_digit(*p, base)) >= 0; p++, any = 1)
		v = v > (ULONG_MAX - (unsigned long)d) / (unsigned long)base ? ULONG_MAX
									     : v * base + d;
	if (end)
		*end = (char *)(any ? p : s);
	return neg ? -v : v;
}

long strtol(const char *restrict s, char **restrict end, int base)
{
	const char *p = s;

	while (isspace(*p))
		p++;
	unsigned long v = strtoul(s, end, base);
	if (*p == '-')
		return -v > (unsigned long)LONG_MAX + 1 ? LONG_MIN : (long)v;
	return v > LONG_MAX ? LONG_MAX : (long)v;
}

int atoi(const char *s)
{
	return (int)strtol(s, NULL, 10);
}

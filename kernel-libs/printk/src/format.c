/*
 * The formatter behind printk() and the minimal libc's printf family: a subset of C11
 * §7.21.6.1 without floating point, streaming its output to a sink so that no caller
 * needs a buffer of a known size.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <kiln/printk.h>

struct fmt_out {
	printk_sink_fn sink;
	void *ctx;
	int count;
};

struct fmt_spec {
	char left, zero, alt, plus, space;
	int width;
	int prec; /* -1: none */
	char len; /* 'H' hh, 'h', 'l', 'L' ll/j, 'z' z/t, 0 */
	char conv;
};

static void fmt_emit(struct fmt_out *o, const char *s, size_t n)
{
	if (n) {
		o->sink(o->ctx, s, n);
		o->count += (int)n;
	}
}

static void fmt_pad(struct fmt_out *o, char c, int n)
{
	char buf[16];

	for (int i = 0; i < (int)sizeof(buf); i++)
		buf[i] = c;
	for (; n > 0; n -= (int)sizeof(buf))
		fmt_emit(o, buf, n < (int)sizeof(buf) ? (size_t)n : sizeof(buf));
}

static int fmt_number(const char **f)
{
	int v = 0;

	while (**f >= '0' && **f <= '9')
		v = v * 10 + (*(*f)++ - '0');
	return v;
}

/* Flags, in any order: - 0 # + space. */
static const char *fmt_parse_flags(const char *f, struct fmt_spec *sp)
{
	for (;; f++) {
		if (*f == '-')
			sp->left = 1;
		else if (*f == '0')
			sp->zero = 1;
		else if (*f == '#')
			sp->alt = 1;
		else if (*f == '+')
			sp->plus = 1;
		else if (*f == ' ')
			sp->space = 1;
		else
			return f;
	}
}

/* Length modifiers: hh h l ll j z t (j reads as ll, t as z: both 64-bit here). */
static const char *fmt_parse_length(const char *f, struct fmt_spec *sp)
{
	if (f[0] == 'h' || f[0] == 'l') {
		sp->len = f[1] == f[0] ? (f[0] == 'h' ? 'H' : 'L') : f[0];
		return f + (sp->len == 'H' || sp->len == 'L' ? 2 : 1);
	}
	if (*f == 'z' || *f == 't' || *f == 'j') {
		sp->len = *f == 'j' ? 'L' : 'z';
		return f + 1;
	}
	return f;
}

/* One conversion specification after its '%': flags, width, precision, length, conversion. */
static const char *fmt_parse(const char *f, struct fmt_spec *sp, va_list *ap)
{
	*sp = (struct fmt_spec){ .prec = -1 };
	f = fmt_parse_flags(f, sp);
	if (*f == '*') {
		sp->width = va_arg(*ap, int);
		if (sp->width < 0) {
			sp->left = 1;
			sp->width = -sp->width;
		}
		f++;
	} else {
		sp->width = fmt_number(&f);
	}
	if (*f == '.') {
		f++;
		sp->prec = *f == '*' ? (f++, va_arg(*ap, int)) : fmt_number(&f);
		if (sp->prec < 0)
			sp->prec = -1;
	}
	f = fmt_parse_length(f, sp);
	sp->conv = *f;
	return *f ? f + 1 : f;
}

static uint64_t fmt_unsigned(const struct fmt_spec *sp, va_list *ap)
{
	switch (sp->len) {
	case 'H':
		return (unsigned char)va_arg(*ap, unsigned int);
	case 'h':
		return (unsigned short)va_arg(*ap, unsigned int);
	case 'l':
		return va_arg(*ap, unsigned long);
	case 'L':
		return va_arg(*ap, unsigned long long);
	case 'z':
		return va_arg(*ap, size_t);
	default:
		return va_arg(*ap, unsigned int);
	}
}

static int64_t fmt_signed(const struct fmt_spec *sp, va_list *ap)
{
	switch (sp->len) {
	case 'H':
		return (signed char)va_arg(*ap, int);
	case 'h':
		return (short)va_arg(*ap, int);
	case 'l':
		return va_arg(*ap, long);
	case 'L':
		return va_arg(*ap, long long);
	case 'z':
		return va_arg(*ap, ptrdiff_t);
	default:
		return va_arg(*ap, int);
	}
}

/* Sign or base prefix, zeros up to the precision, digits, padded to the width. */
static void fmt_put_number(struct fmt_out *o, const struct fmt_spec *sp, uint64_t v, int neg,
			   unsigned base)
{
	const char *digits = sp->conv == 'X' ? "0123456789ABCDEF" : "0123456789abcdef";
	char buf[24];
	int n = 0;

	while (v) {
		buf[sizeof(buf) - ++n] = digits[v % base];
		v /= base;
	}
	const char *prefix = neg ? "-" : sp->plus ? "+" : sp->space ? " " : "";
	if (sp->alt && base == 16 && n)
		prefix = sp->conv == 'X' ? "0X" : "0x";
	else if (sp->alt && base == 8)
		prefix = "0";
	int plen = (int)__builtin_strlen(prefix);
	int zeros = sp->prec > n ? sp->prec - n : (sp->prec < 0 && n == 0 ? 1 : 0);
	if (sp->zero && !sp->left && sp->prec < 0 && sp->width > plen + n + zeros)
		zeros = sp->width - plen - n;
	int pad = sp->width - plen - zeros - n;

	if (!sp->left)
		fmt_pad(o, ' ', pad);
	fmt_emit(o, prefix, (size_t)plen);
	fmt_pad(o, '0', zeros);
	fmt_emit(o, buf + sizeof(buf) - n, (size_t)n);
	if (sp->left)
		fmt_pad(o, ' ', pad);
}

static void fmt_put_string(struct fmt_out *o, const struct fmt_spec *sp, const char *s, int n)
{
	if (n < 0)
		for (n = 0; s[n] && (sp->prec < 0 || n < sp->prec); n++)
			;
	if (!sp->left)
		fmt_pad(o, ' ', sp->width - n);
	fmt_emit(o, s, (size_t)n);
	if (sp->left)
		fmt_pad(o, ' ', sp->width - n);
}

static void fmt_convert(struct fmt_out *o, struct fmt_spec *sp, va_list *ap)
{
	char c;
	int64_t sv;
	const char *s;

	switch (sp->conv) {
	case 'd':
	case 'i':
		sv = fmt_signed(sp, ap);
		fmt_put_number(o, sp, sv < 0 ? -(uint64_t)sv : (uint64_t)sv, sv < 0, 10);
		break;
	case 'u':
		fmt_put_number(o, sp, fmt_unsigned(sp, ap), 0, 10);
		break;
	case 'x':
	case 'X':
		fmt_put_number(o, sp, fmt_unsigned(sp, ap), 0, 16);
		break;
	case 'o':
		fmt_put_number(o, sp, fmt_unsigned(sp, ap), 0, 8);
		break;
	case 'p':
		sp->alt = 1;
		sp->len = 'l';
		fmt_put_number(o, sp, (uintptr_t)va_arg(*ap, void *), 0, 16);
		break;
	case 's':
		s = va_arg(*ap, const char *);
		fmt_put_string(o, sp, s ? s : "(null)", -1);
		break;
	case 'c':
		c = (char)va_arg(*ap, int);
		fmt_put_string(o, sp, &c, 1);
		break;
	case '%':
		fmt_emit(o, "%", 1);
		break;
	default: /* unknown conversion: print it as written */
		fmt_emit(o, "%", 1);
		fmt_emit(o, &sp->conv, sp->conv ? 1 : 0);
	}
}

int printk_vformat(printk_sink_fn sink, void *ctx, const char *fmt, va_list ap)
{
	struct fmt_out o = { sink, ctx, 0 };
	struct fmt_spec sp;
	va_list aq;

	va_copy(aq, ap);
	while (*fmt) {
		size_t n = 0;

		while (fmt[n] && fmt[n] != '%')
			n++;
		fmt_emit(&o, fmt, n);
		fmt += n;
		if (*fmt == '%') {
			fmt = fmt_parse(fmt + 1, &sp, &aq);
			fmt_convert(&o, &sp, &aq);
		}
	}
	va_end(aq);
	return o.count;
}

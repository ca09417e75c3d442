/*
 * Error lists: every problem found becomes one line, "file:line:col: what", so that a
 * user sees all of them at once and a tool can jump to each.
 */
#include <stdlib.h>
#include <string.h>

#include "cat_int.h"

void cat_err_init(struct cat_err *err)
{
	memset(err, 0, sizeof(*err));
}

void cat_err_clear(struct cat_err *err)
{
	for (size_t i = 0; i < err->n; i++) {
		free(err->v[i].file);
		free(err->v[i].msg);
	}
	err->n = 0;
}

void cat_err_free(struct cat_err *err)
{
	cat_err_clear(err);
	free(err->v);
	cat_err_init(err);
}

void cat_err_add(struct cat_err *err, const char *file, int line, int col, const char *fmt, ...)
{
	struct cat_diag *d;
	va_list ap;
	int n;

	if (!err)
		return;
	vgrow(&err->v, &err->cap, err->n, sizeof(*err->v));
	d = &err->v[err->n++];
	d->file = file ? xstrdup(file) : NULL;
	d->line = line;
	d->col = col;
	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	d->msg = xmalloc((size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(d->msg, (size_t)n + 1, fmt, ap);
	va_end(ap);
	/* One line per problem: a newline inside a quoted name must not split it. */
	for (char *p = d->msg; *p; p++)
		if (*p == '\n' || *p == '\r')
			*p = ' ';
}

void cat_diag_str(const struct cat_diag *d, char *buf, size_t size)
{
	if (!d->file)
		snprintf(buf, size, "kiln: %s", d->msg);
	else if (d->line > 0)
		snprintf(buf, size, "%s:%d:%d: %s", d->file, d->line, d->col, d->msg);
	else
		snprintf(buf, size, "%s: %s", d->file, d->msg);
}

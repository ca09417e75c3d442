/*
 * tui/lines.c — the growing list of owned strings (lines.h).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lines.h"

const char *lines_push(struct lines *l, const char *s)
{
	if (l->n == l->cap) {
		size_t ncap = l->cap ? l->cap * 2 : 16;
		char **nv = realloc(l->v, ncap * sizeof *nv);
		if (!nv)
			return NULL;
		l->v = nv;
		l->cap = ncap;
	}
	char *d = strdup(s);
	if (d)
		l->v[l->n++] = d;
	return d;
}

void lines_add(struct lines *l, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	lines_push(l, buf);
}

void lines_reset(struct lines *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i]);
	l->n = 0;
}

void lines_free(struct lines *l)
{
	lines_reset(l);
	free(l->v);
	memset(l, 0, sizeof *l);
}

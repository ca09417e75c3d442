/*
 * Small helpers shared by the catalog library: allocation that cannot fail (a host tool
 * has no sensible way on without memory), growing arrays and strings, and name maps.
 */
#include <stdlib.h>
#include <string.h>

#include "cat_int.h"

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (!p)
		abort();
	return p;
}

void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (!p)
		abort();
	return p;
}

void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p)
		abort();
	return p;
}

char *xstrdup(const char *s)
{
	size_t n = strlen(s) + 1;

	return memcpy(xmalloc(n), s, n);
}

char *xasprintf(const char *fmt, ...)
{
	va_list ap;
	int n;
	char *s;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	s = xmalloc((size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(s, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return s;
}

void vgrow(void *v, size_t *cap, size_t n, size_t el)
{
	void **pv = v;
	size_t c = *cap;

	if (n < c)
		return;
	c = c ? c : 8;
	while (c <= n)
		c *= 2;
	*pv = xrealloc(*pv, c * el);
	memset((char *)*pv + *cap * el, 0, (c - *cap) * el);
	*cap = c;
}

void strv_push(struct cat_strv *sv, const char *s)
{
	sv->v = xrealloc(sv->v, (sv->n + 1) * sizeof(*sv->v));
	sv->v[sv->n++] = xstrdup(s);
}

void strv_free(struct cat_strv *sv)
{
	for (size_t i = 0; i < sv->n; i++)
		free(sv->v[i]);
	free(sv->v);
	sv->v = NULL;
	sv->n = 0;
}

void cat_strv_free(struct cat_strv *sv)
{
	strv_free(sv);
}

void cat_add_word(struct cat_strv *sv, const char *word)
{
	strv_push(sv, word);
}

void sb_putc(struct sbuf *b, char c)
{
	vgrow(&b->s, &b->cap, b->n + 1, 1);
	b->s[b->n++] = c;
	b->s[b->n] = 0;
}

void sb_puts(struct sbuf *b, const char *s)
{
	size_t n = strlen(s);

	vgrow(&b->s, &b->cap, b->n + n, 1);
	memcpy(b->s + b->n, s, n + 1);
	b->n += n;
}

void sb_putn(struct sbuf *b, const char *s, size_t n)
{
	vgrow(&b->s, &b->cap, b->n + n, 1);
	memcpy(b->s + b->n, s, n);
	b->n += n;
	b->s[b->n] = 0;
}

void sb_printf(struct sbuf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	vgrow(&b->s, &b->cap, b->n + (size_t)n, 1);
	va_start(ap, fmt);
	vsnprintf(b->s + b->n, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->n += (size_t)n;
}

void sb_free(struct sbuf *b)
{
	free(b->s);
	b->s = NULL;
	b->n = b->cap = 0;
}

/* FNV-1a: short names, no adversary worth a keyed hash in a build tool. */
static size_t hash_str(const char *s)
{
	size_t h = 1469598103934665603ull;

	while (*s)
		h = (h ^ (unsigned char)*s++) * 1099511628211ull;
	return h;
}

static void map_rehash(struct cat_map *m)
{
	struct cat_map n = { 0 };

	n.cap = m->cap ? m->cap * 2 : 64;
	n.keys = xcalloc(n.cap, sizeof(*n.keys));
	n.vals = xcalloc(n.cap, sizeof(*n.vals));
	for (size_t i = 0; i < m->cap; i++)
		if (m->keys[i])
			map_put(&n, m->keys[i], m->vals[i]);
	map_free(m);
	*m = n;
}

void map_put(struct cat_map *m, const char *key, long val)
{
	size_t i;

	if ((m->n + 1) * 2 > m->cap)
		map_rehash(m);
	for (i = hash_str(key) & (m->cap - 1); m->keys[i]; i = (i + 1) & (m->cap - 1)) {
		if (!strcmp(m->keys[i], key)) {
			m->vals[i] = val;
			return;
		}
	}
	m->keys[i] = key;
	m->vals[i] = val;
	m->n++;
}

long map_get(const struct cat_map *m, const char *key)
{
	if (!m->cap)
		return -1;
	for (size_t i = hash_str(key) & (m->cap - 1); m->keys[i]; i = (i + 1) & (m->cap - 1))
		if (!strcmp(m->keys[i], key))
			return m->vals[i];
	return -1;
}

void map_free(struct cat_map *m)
{
	free(m->keys);
	free(m->vals);
	memset(m, 0, sizeof(*m));
}

void val_free(struct cat_val *v)
{
	free(v->str);
	v->str = NULL;
}

void val_copy(struct cat_val *dst, const struct cat_val *src)
{
	dst->num = src->num;
	dst->str = src->str ? xstrdup(src->str) : NULL;
}

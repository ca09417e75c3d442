/*
 * Small helpers shared by the catalog library: allocation that cannot fail (a host tool
 * has no sensible way on without memory), growing arrays and strings, and name maps.
 */
#include <stdint.h>
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

void vextend(void *v, size_t *cap, size_t n, size_t el)
{
	void **pv = v;
	size_t c = *cap;

	if (n < c)
		return;
	c = c ? c : 8;
	while (c <= n)
		c *= 2;
	*pv = xrealloc(*pv, c * el);
	*cap = c;
}

void vgrow(void *v, size_t *cap, size_t n, size_t el)
{
	size_t old = *cap;

	vextend(v, cap, n, el);
	if (*cap != old)
		memset(*(char **)v + old * el, 0, (*cap - old) * el);
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

void sb_grow(struct sbuf *b, size_t more)
{
	vextend(&b->s, &b->cap, b->n + more, 1);
}

void sb_printf(struct sbuf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	vextend(&b->s, &b->cap, b->n + (size_t)n, 1);
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

/* Eight bytes a step, each mixed by a multiply and a shift (the names are mostly paths of
 * 40-80 bytes, hashed thousands of times per load; byte-wise FNV-1a was a tenth of it).
 * No adversary worth a keyed hash in a build tool. */
static size_t hash_str(const char *s)
{
	size_t n = strlen(s);
	uint64_t h = 0x9e3779b97f4a7c15ull ^ n, w;

	for (; n >= 8; s += 8, n -= 8) {
		memcpy(&w, s, 8);
		h = (h ^ w) * 0xff51afd7ed558ccdull;
		h ^= h >> 32;
	}
	w = 0;
	memcpy(&w, s, n);
	h = (h ^ w) * 0xc4ceb9fe1a85ec53ull;
	return (size_t)(h ^ (h >> 29));
}

/* A slot's hash is kept beside its key: probes compare hashes before strings, and growing
 * does not hash again. */
static void map_grow(struct cat_map *m, size_t cap)
{
	struct cat_map n = { 0 };

	n.cap = cap;
	n.keys = xcalloc(n.cap, sizeof(*n.keys));
	n.vals = xmalloc(n.cap * sizeof(*n.vals));
	n.hashes = xmalloc(n.cap * sizeof(*n.hashes));
	n.n = m->n;
	for (size_t i = 0; i < m->cap; i++) {
		size_t k;

		if (!m->keys[i])
			continue;
		for (k = m->hashes[i] & (n.cap - 1); n.keys[k]; k = (k + 1) & (n.cap - 1))
			;
		n.keys[k] = m->keys[i];
		n.vals[k] = m->vals[i];
		n.hashes[k] = m->hashes[i];
	}
	map_free(m);
	*m = n;
}

void map_reserve(struct cat_map *m, size_t n)
{
	size_t cap = m->cap ? m->cap : 64;

	while ((n + 1) * 2 > cap)
		cap *= 2;
	if (cap != m->cap)
		map_grow(m, cap);
}

void map_put(struct cat_map *m, const char *key, long val)
{
	size_t i, h = hash_str(key);

	if ((m->n + 1) * 2 > m->cap)
		map_grow(m, m->cap ? m->cap * 2 : 64);
	for (i = h & (m->cap - 1); m->keys[i]; i = (i + 1) & (m->cap - 1)) {
		if (m->hashes[i] == h && !strcmp(m->keys[i], key)) {
			m->vals[i] = val;
			return;
		}
	}
	m->keys[i] = key;
	m->vals[i] = val;
	m->hashes[i] = h;
	m->n++;
}

long map_get(const struct cat_map *m, const char *key)
{
	size_t h;

	if (!m->cap)
		return -1;
	h = hash_str(key);
	for (size_t i = h & (m->cap - 1); m->keys[i]; i = (i + 1) & (m->cap - 1))
		if (m->hashes[i] == h && !strcmp(m->keys[i], key))
			return m->vals[i];
	return -1;
}

void map_free(struct cat_map *m)
{
	free(m->keys);
	free(m->vals);
	free(m->hashes);
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

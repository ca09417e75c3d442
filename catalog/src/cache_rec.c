/*
 * Records of the parsed-catalog cache: one library with its options, its expressions and
 * its platform data as bytes, and back. A record holds what lib_parse builds before the
 * catalog is finished (names unbound, libraries unsorted), so a cached library goes
 * through the same cross-checks as a parsed one. Reading is bounded everywhere: a damaged
 * record is refused, never trusted (the whole cache is also checksummed, see cache.c).
 */
#include <stdlib.h>
#include <string.h>

#include "cache_int.h"

#define REC_EXPR_MAX_DEPTH 200 /* deeper than the parser allows (100 per side) */

/* ---- bytes ------------------------------------------------------------------------------- */

void wb_put(struct wbuf *w, const void *p, size_t n)
{
	vextend(&w->b, &w->cap, w->n + n, 1);
	memcpy(w->b + w->n, p, n);
	w->n += n;
}

void wb_u32(struct wbuf *w, uint32_t v)
{
	wb_put(w, &v, sizeof(v));
}

void wb_u64(struct wbuf *w, uint64_t v)
{
	wb_put(w, &v, sizeof(v));
}

/* Length + 1 (0: NULL), the bytes and their NUL. */
void wb_str(struct wbuf *w, const char *s)
{
	size_t n = s ? strlen(s) + 1 : 0;

	wb_u32(w, (uint32_t)n);
	if (n)
		wb_put(w, s, n);
}

static void rb_get(struct rbuf *r, void *out, size_t n)
{
	if (r->bad || (size_t)(r->end - r->p) < n) {
		r->bad = 1;
		memset(out, 0, n);
		return;
	}
	memcpy(out, r->p, n);
	r->p += n;
}

uint32_t rb_u32(struct rbuf *r)
{
	uint32_t v;

	rb_get(r, &v, sizeof(v));
	return v;
}

uint64_t rb_u64(struct rbuf *r)
{
	uint64_t v;

	rb_get(r, &v, sizeof(v));
	return v;
}

/* A string of the buffer and its size with the NUL (0 for NULL). */
static const char *view_n(struct rbuf *r, size_t *size)
{
	uint32_t n = rb_u32(r);
	const char *s = (const char *)r->p;

	*size = 0;
	if (r->bad || !n)
		return NULL;
	if ((size_t)(r->end - r->p) < n || r->p[n - 1] || memchr(s, 0, n - 1)) {
		r->bad = 1;
		return NULL;
	}
	r->p += n;
	*size = n;
	return s;
}

const char *rb_view(struct rbuf *r)
{
	size_t n;

	return view_n(r, &n);
}

char *rb_str(struct rbuf *r)
{
	size_t n;
	const char *s = view_n(r, &n);

	return s ? memcpy(xmalloc(n), s, n) : NULL;
}

size_t rb_count(struct rbuf *r, size_t min_size)
{
	uint32_t n = rb_u32(r);

	if (r->bad || (size_t)n * min_size > (size_t)(r->end - r->p)) {
		r->bad = 1;
		return 0;
	}
	return n;
}

/* Eight bytes a step (then the tail byte by byte), each mixed by a multiply and a rotate:
 * an edit anywhere changes the hash; not a defence against a forger. */
uint64_t cache_hash(const void *p, size_t n, uint64_t h)
{
	const uint8_t *b = p;
	uint64_t w;
	size_t i = 0;

	for (; i + 8 <= n; i += 8) {
		memcpy(&w, b + i, 8);
		h = (h ^ w) * 0x9e3779b97f4a7c15ULL;
		h ^= h >> 29;
	}
	for (; i < n; i++)
		h = (h ^ b[i]) * 0x100000001b3ULL;
	return h ^ n;
}

/* ---- writing ----------------------------------------------------------------------------- */

static void put_expr(struct wbuf *w, const struct cat_expr *e)
{
	wb_u32(w, e ? 1 : 0);
	if (!e)
		return;
	wb_u32(w, (uint32_t)e->op);
	wb_u32(w, (uint32_t)e->value);
	wb_u32(w, (uint32_t)e->col);
	wb_str(w, e->name);
	wb_str(w, e->str);
	wb_u32(w, (uint32_t)e->ref);
	wb_u64(w, (uint64_t)e->idx);
	wb_u32(w, (uint32_t)e->slot);
	put_expr(w, e->a);
	put_expr(w, e->b);
}

void rec_put_strv(struct wbuf *w, const struct cat_strv *sv)
{
	wb_u32(w, (uint32_t)sv->n);
	for (size_t i = 0; i < sv->n; i++)
		wb_str(w, sv->v[i]);
}

static void put_strs(struct wbuf *w, char *const *v, size_t n)
{
	const struct cat_strv sv = { (char **)v, n };

	rec_put_strv(w, &sv);
}

static void put_cons(struct wbuf *w, const struct cat_cons *k)
{
	put_expr(w, k->depends);
	put_expr(w, k->conflicts);
	put_expr(w, k->selects);
	wb_str(w, k->depends_text);
	wb_str(w, k->conflicts_text);
	wb_str(w, k->selects_text);
}

static void put_words(struct wbuf *w, const struct cat_run_word *v, size_t n)
{
	wb_u32(w, (uint32_t)n);
	for (size_t i = 0; i < n; i++) {
		wb_str(w, v[i].text);
		wb_u32(w, (uint32_t)v[i].group);
	}
}

static void put_run(struct wbuf *w, const struct cat_run *r)
{
	wb_u32(w, r ? 1 : 0);
	if (!r)
		return;
	put_words(w, r->words, r->nwords);
	wb_str(w, r->command_env);
	wb_u32(w, (uint32_t)r->status);
	rec_put_strv(w, &r->machines);
	wb_u32(w, (uint32_t)r->naccels);
	for (size_t i = 0; i < r->naccels; i++) {
		wb_str(w, r->accels[i].name);
		wb_str(w, r->accels[i].device);
		wb_str(w, r->accels[i].unless);
		rec_put_strv(w, &r->accels[i].args);
	}
	wb_str(w, r->memory);
	put_words(w, r->net_user, r->nnet_user);
	put_words(w, r->net_tap, r->nnet_tap);
	wb_str(w, r->net_port);
	wb_u32(w, (uint32_t)r->nmvars);
	for (size_t i = 0; i < r->nmvars; i++) {
		wb_str(w, r->mvars[i].machine);
		wb_str(w, r->mvars[i].name);
		wb_str(w, r->mvars[i].value);
	}
}

static void put_plat(struct wbuf *w, const struct cat_platform *p)
{
	wb_u32(w, p ? 1 : 0);
	if (!p)
		return;
	wb_u32(w, (uint32_t)p->narchs);
	for (size_t i = 0; i < p->narchs; i++) {
		wb_str(w, p->archs[i].name);
		rec_put_strv(w, &p->archs[i].cflags);
	}
	wb_str(w, p->linker_script);
	wb_str(w, p->run_config);
	put_run(w, p->run);
}

static void put_opt(struct wbuf *w, const struct cat_opt *o)
{
	wb_str(w, o->name);
	wb_str(w, o->title);
	wb_str(w, o->help);
	wb_u32(w, (uint32_t)o->type);
	wb_u64(w, (uint64_t)o->min);
	wb_u64(w, (uint64_t)o->max);
	wb_u32(w, (uint32_t)(o->has_min | o->has_max << 1));
	put_strs(w, o->values, o->nvalues);
	wb_u32(w, (uint32_t)o->ndefs);
	for (size_t i = 0; i < o->ndefs; i++) {
		put_expr(w, o->defs[i].cond);
		wb_str(w, o->defs[i].cond_text);
		wb_u64(w, (uint64_t)o->defs[i].val.num);
		wb_str(w, o->defs[i].val.str);
	}
	put_cons(w, &o->cons);
}

static void put_srcs(struct wbuf *w, const struct cat_src *srcs, size_t n)
{
	wb_u32(w, (uint32_t)n);
	for (size_t i = 0; i < n; i++) {
		put_expr(w, srcs[i].cond);
		wb_str(w, srcs[i].cond_text);
		put_strs(w, srcs[i].files, srcs[i].nfiles);
	}
}

/* A library's third-party archive (newlib's): a flag, then its fields when there is one. */
static void put_archive(struct wbuf *w, const struct cat_archive *a)
{
	wb_u32(w, a ? 1 : 0);
	if (!a)
		return;
	wb_str(w, a->path);
	wb_str(w, a->package);
	wb_str(w, a->sha256);
	wb_str(w, a->overlay);
	wb_u32(w, (uint32_t)a->configured);
	put_srcs(w, a->srcs, a->nsrcs);
	rec_put_strv(w, &a->includes);
	rec_put_strv(w, &a->cflags);
}

/* The library without its file and folder names: those come from where it is found. */
void rec_put_lib(struct wbuf *w, const struct cat_lib *l, const struct cat_opt *opts)
{
	const char *const strs[] = { l->name, l->title,	  l->category,
				     l->help, l->version, l->platform };

	for (size_t i = 0; i < sizeof(strs) / sizeof(*strs); i++)
		wb_str(w, strs[i]);
	wb_u32(w, (uint32_t)l->kind);
	put_plat(w, l->plat);
	put_cons(w, &l->cons);
	rec_put_strv(w, &l->provides);
	rec_put_strv(w, &l->requires);
	rec_put_strv(w, &l->default_for);
	rec_put_strv(w, &l->platforms);
	rec_put_strv(w, &l->includes);
	rec_put_strv(w, &l->cflags);
	put_srcs(w, l->srcs, l->nsrcs);
	wb_u32(w, (uint32_t)l->nsyshdrs);
	for (size_t i = 0; i < l->nsyshdrs; i++) {
		wb_str(w, l->syshdrs[i].path);
		wb_str(w, l->syshdrs[i].as);
		wb_str(w, l->syshdrs[i].package);
	}
	put_archive(w, l->archive);
	wb_u32(w, (uint32_t)l->nopts);
	for (size_t i = 0; i < l->nopts; i++)
		put_opt(w, &opts[i]);
}

/* ---- reading ----------------------------------------------------------------------------- */

static struct cat_expr *get_expr(struct rbuf *r, int depth)
{
	struct cat_expr *e;

	if (!rb_u32(r) || r->bad)
		return NULL;
	if (depth > REC_EXPR_MAX_DEPTH) {
		r->bad = 1;
		return NULL;
	}
	e = xcalloc(1, sizeof(*e));
	e->op = (enum expr_op)rb_u32(r);
	e->value = (int)rb_u32(r);
	e->col = (int)rb_u32(r);
	e->name = rb_str(r);
	e->str = rb_str(r);
	e->ref = (enum ref_kind)rb_u32(r);
	e->idx = (long)rb_u64(r);
	e->slot = (int)rb_u32(r);
	e->a = get_expr(r, depth + 1);
	e->b = get_expr(r, depth + 1);
	if (e->op > E_OR || e->ref > REF_IFACE)
		r->bad = 1;
	return e;
}

void rec_get_strv(struct rbuf *r, struct cat_strv *sv)
{
	sv->n = rb_count(r, 4);
	sv->v = sv->n ? xmalloc(sv->n * sizeof(*sv->v)) : NULL;
	for (size_t i = 0; i < sv->n; i++)
		sv->v[i] = rb_str(r);
}

/* An array of n elements of size el, zeroed (NULL when n is 0). */
static void *get_array(size_t n, size_t el)
{
	return n ? xcalloc(n, el) : NULL;
}

static void get_cons(struct rbuf *r, struct cat_cons *k)
{
	k->depends = get_expr(r, 0);
	k->conflicts = get_expr(r, 0);
	k->selects = get_expr(r, 0);
	k->depends_text = rb_str(r);
	k->conflicts_text = rb_str(r);
	k->selects_text = rb_str(r);
}

static struct cat_run_word *get_words(struct rbuf *r, size_t *n)
{
	struct cat_run_word *v;

	*n = rb_count(r, 8);
	v = get_array(*n, sizeof(*v));
	for (size_t i = 0; i < *n; i++) {
		v[i].text = rb_str(r);
		v[i].group = (int)rb_u32(r);
	}
	return v;
}

static struct cat_run *get_run(struct rbuf *r)
{
	struct cat_run *run;

	if (!rb_u32(r) || r->bad)
		return NULL;
	run = xcalloc(1, sizeof(*run));
	run->words = get_words(r, &run->nwords);
	run->command_env = rb_str(r);
	run->status = (enum cat_status)rb_u32(r);
	rec_get_strv(r, &run->machines);
	run->naccels = rb_count(r, 16);
	run->accels = get_array(run->naccels, sizeof(*run->accels));
	for (size_t i = 0; i < run->naccels; i++) {
		run->accels[i].name = rb_str(r);
		run->accels[i].device = rb_str(r);
		run->accels[i].unless = rb_str(r);
		rec_get_strv(r, &run->accels[i].args);
	}
	run->memory = rb_str(r);
	run->net_user = get_words(r, &run->nnet_user);
	run->net_tap = get_words(r, &run->nnet_tap);
	run->net_port = rb_str(r);
	run->nmvars = rb_count(r, 12);
	run->mvars = get_array(run->nmvars, sizeof(*run->mvars));
	for (size_t i = 0; i < run->nmvars; i++) {
		run->mvars[i].machine = rb_str(r);
		run->mvars[i].name = rb_str(r);
		run->mvars[i].value = rb_str(r);
	}
	return run;
}

static struct cat_platform *get_plat(struct rbuf *r)
{
	struct cat_platform *p;

	if (!rb_u32(r) || r->bad)
		return NULL;
	p = xcalloc(1, sizeof(*p));
	p->narchs = rb_count(r, 8);
	p->archs = get_array(p->narchs, sizeof(*p->archs));
	for (size_t i = 0; i < p->narchs; i++) {
		p->archs[i].name = rb_str(r);
		rec_get_strv(r, &p->archs[i].cflags);
	}
	p->linker_script = rb_str(r);
	p->run_config = rb_str(r);
	p->run = get_run(r);
	return p;
}

static void get_opt(struct rbuf *r, struct cat_opt *o)
{
	struct cat_strv values;
	uint32_t has;

	o->name = rb_str(r);
	o->title = rb_str(r);
	o->help = rb_str(r);
	o->type = (enum cat_type)rb_u32(r);
	o->min = (long long)rb_u64(r);
	o->max = (long long)rb_u64(r);
	has = rb_u32(r);
	o->has_min = has & 1;
	o->has_max = (has >> 1) & 1;
	rec_get_strv(r, &values);
	o->values = values.v;
	o->nvalues = values.n;
	o->ndefs = rb_count(r, 20);
	o->defs = get_array(o->ndefs, sizeof(*o->defs));
	for (size_t i = 0; i < o->ndefs; i++) {
		o->defs[i].cond = get_expr(r, 0);
		o->defs[i].cond_text = rb_str(r);
		o->defs[i].val.num = (long long)rb_u64(r);
		o->defs[i].val.str = rb_str(r);
	}
	get_cons(r, &o->cons);
	if (o->type > CAT_CHOICE || !o->name)
		r->bad = 1;
}

static struct cat_src *get_srcs(struct rbuf *r, size_t *n)
{
	struct cat_src *srcs;

	*n = rb_count(r, 12);
	srcs = get_array(*n, sizeof(*srcs));
	for (size_t i = 0; i < *n; i++) {
		struct cat_strv files;

		srcs[i].cond = get_expr(r, 0);
		srcs[i].cond_text = rb_str(r);
		rec_get_strv(r, &files);
		srcs[i].files = files.v;
		srcs[i].nfiles = files.n;
	}
	return srcs;
}

static struct cat_archive *get_archive(struct rbuf *r)
{
	struct cat_archive *a;

	if (!rb_u32(r))
		return NULL;
	a = xcalloc(1, sizeof(*a));
	a->path = rb_str(r);
	a->package = rb_str(r);
	a->sha256 = rb_str(r);
	a->overlay = rb_str(r);
	a->configured = (int)rb_u32(r);
	a->srcs = get_srcs(r, &a->nsrcs);
	rec_get_strv(r, &a->includes);
	rec_get_strv(r, &a->cflags);
	if (!a->path || !a->sha256)
		r->bad = 1;
	return a;
}

static void get_lists(struct rbuf *r, struct cat_lib *l)
{
	rec_get_strv(r, &l->provides);
	rec_get_strv(r, &l->requires);
	rec_get_strv(r, &l->default_for);
	rec_get_strv(r, &l->platforms);
	rec_get_strv(r, &l->includes);
	rec_get_strv(r, &l->cflags);
	l->srcs = get_srcs(r, &l->nsrcs);
	l->nsyshdrs = rb_count(r, 12);
	l->syshdrs = get_array(l->nsyshdrs, sizeof(*l->syshdrs));
	for (size_t i = 0; i < l->nsyshdrs; i++) {
		l->syshdrs[i].path = rb_str(r);
		l->syshdrs[i].as = rb_str(r);
		l->syshdrs[i].package = rb_str(r);
	}
	l->archive = get_archive(r);
}

int rec_get_lib(struct rbuf *r, struct cat_lib *l, struct cat_opt **opts, size_t *nopts,
		size_t lib_index)
{
	char **const strs[] = { &l->name, &l->title,   &l->category,
				&l->help, &l->version, &l->platform };

	memset(l, 0, sizeof(*l));
	for (size_t i = 0; i < sizeof(strs) / sizeof(*strs); i++)
		*strs[i] = rb_str(r);
	l->kind = (enum cat_kind)rb_u32(r);
	l->plat = get_plat(r);
	get_cons(r, &l->cons);
	get_lists(r, l);
	*nopts = rb_count(r, 40);
	*opts = get_array(*nopts, sizeof(**opts));
	for (size_t i = 0; i < *nopts; i++) {
		get_opt(r, &(*opts)[i]);
		(*opts)[i].lib = lib_index;
	}
	if (!r->bad && l->name && l->kind <= CAT_TEST)
		return 0;
	for (size_t i = 0; i < *nopts; i++)
		opt_free(&(*opts)[i]);
	free(*opts);
	lib_free(l);
	*opts = NULL;
	*nopts = 0;
	return -1;
}

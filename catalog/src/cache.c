/*
 * The parsed-catalog cache: a catalog of ~2,000 libraries spends most of its load time
 * parsing JSON, so each lib.json's parse (cache_rec.c) is kept in one file per catalog
 * (a root plus its extra library folders), in $KILN_CACHE_DIR, else
 * $XDG_CACHE_HOME/kiln, else ~/.cache/kiln.
 *
 * An entry is used only when its lib.json has the same folder, size, mtime AND content
 * hash, and when the files it names are still there. Reading 2,000 files to hash them was
 * half of a warm load, so an entry that was settled when written (its mtime and ctime over
 * two seconds old, as git's index does against racy edits) is trusted on its stat alone:
 * the same size, mtime, ctime, inode and device. No write can keep ctime (utimensat sets
 * it to now), so an edit that keeps size and mtime is still seen; the file is then read
 * and hashed as before. A library taken unread has its text read only if a message needs a
 * position in it. Folders are kept the same way (the key is the folder's path with a
 * trailing '/', the record whether it holds a lib.json and its subfolders), so a settled
 * catalog is loaded with a stat per folder and per lib.json, nothing opened. The
 * file carries a checksum of its body: a damaged or truncated cache is rebuilt, never
 * trusted. It is written to a temporary file and renamed, so concurrent kiln processes
 * read either the old cache or the new one, whole.
 *
 *   file:  "KILNCAT" 0x01, u32 version, u32 0, u64 body length, u64 body checksum, body
 *   body:  entries, each: folder (str), size, mtime s, mtime ns, ctime s, ctime ns, inode,
 *          device, settled (0/1), content hash (u64s), record length (u64), record
 *          (cache_rec.c)
 */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "cache_int.h"

#define CACHE_MAGIC "KILNCAT\1"
/* 2: libraries' archives; 3: run networks, machine_vars, configured; 4: ctime, inode, settled;
 * 5: folder listings */
#define CACHE_VERSION	5u
#define CACHE_SETTLED_S 2 /* a lib.json unchanged this long is trusted on its stat */
#define CACHE_HEAD	32
/* A cache of a catalog of thousands of libraries outgrows the 4 MiB allowed an input. */
#define CACHE_READ_MAX (512u << 20)

struct centry {
	uint64_t size, sec, nsec, csec, cnsec, ino, dev, settled, hash;
	const uint8_t *rec;
	size_t reclen;
	const uint8_t *raw; /* the whole entry in the old file, copied as is when kept */
	size_t rawlen;
};

/* An entry of the new file: bytes of the old one (p), or of its own (own). */
struct citem {
	const uint8_t *p;
	size_t n;
	uint8_t *own;
};

struct cache {
	char *path;
	char *old;	    /* the file read, entries point into it */
	struct centry *ent; /* of the old file */
	size_t nent, entcap;
	struct cat_map byreal; /* folder -> entry (keys inside old) */
	/* The new body's entries, in the order found: put together only when written, so a
	 * load that changes nothing copies nothing. */
	struct citem *items;
	size_t nitems, itemcap;
	size_t hits, misses;
	int changed;	     /* an entry became settled: written back */
	struct timespec now; /* when the load began */
};

static char *cache_dir(void)
{
	const char *d = getenv("KILN_CACHE_DIR");

	if (d)
		return d[0] ? xstrdup(d) : NULL;
	if ((d = getenv("XDG_CACHE_HOME")) && d[0] == '/')
		return fs_join(d, "kiln");
	if ((d = getenv("HOME")) && d[0] == '/')
		return xasprintf("%s/.cache/kiln", d);
	return NULL;
}

/* Indexes the entries of a body whose checksum held; any inconsistency drops them all. */
static void index_body(struct cache *c, const uint8_t *p, size_t n)
{
	struct rbuf r = { p, p + n, 0 };

	while (r.p < r.end && !r.bad) {
		const uint8_t *start = r.p;
		const char *real = rb_view(&r);
		struct centry e;

		e.size = rb_u64(&r);
		e.sec = rb_u64(&r);
		e.nsec = rb_u64(&r);
		e.csec = rb_u64(&r);
		e.cnsec = rb_u64(&r);
		e.ino = rb_u64(&r);
		e.dev = rb_u64(&r);
		e.settled = rb_u64(&r);
		e.hash = rb_u64(&r);
		e.reclen = (size_t)rb_u64(&r);
		if (r.bad || !real || e.reclen > (size_t)(r.end - r.p))
			break;
		e.rec = r.p;
		r.p += e.reclen;
		e.raw = start;
		e.rawlen = (size_t)(r.p - start);
		vextend(&c->ent, &c->entcap, c->nent, sizeof(*c->ent));
		c->ent[c->nent] = e;
		map_put(&c->byreal, real, (long)c->nent++);
	}
	if (r.p != r.end || r.bad) {
		map_free(&c->byreal);
		memset(&c->byreal, 0, sizeof(c->byreal));
		c->nent = 0;
	}
}

static void read_cache(struct cache *c)
{
	size_t len;
	uint64_t blen, sum;
	struct rbuf r;

	const char *why;

	if (fs_read_max(c->path, &c->old, &len, &why, CACHE_READ_MAX) < 0)
		return; /* none yet, or not a file kiln wrote: rebuilt */
	r = (struct rbuf){ (const uint8_t *)c->old, (const uint8_t *)c->old + len, 0 };
	if (len < CACHE_HEAD || memcmp(c->old, CACHE_MAGIC, 8))
		return;
	r.p += 8;
	if (rb_u32(&r) != CACHE_VERSION || rb_u32(&r) != 0)
		return;
	blen = rb_u64(&r);
	sum = rb_u64(&r);
	if (blen != len - CACHE_HEAD || cache_hash(r.p, blen, CACHE_HASH_SEED) != sum)
		return; /* truncated or damaged: rebuilt from the lib.json files */
	index_body(c, r.p, blen);
}

struct cache *cache_open(const char *root, const char *const *dirs, size_t ndirs)
{
	char *dir = cache_dir();
	struct cache *c;
	uint64_t key = cache_hash(root, strlen(root) + 1, CACHE_HASH_SEED);

	if (!dir)
		return NULL;
	for (size_t i = 0; i < ndirs; i++)
		key = cache_hash(dirs[i], strlen(dirs[i]) + 1, key);
	c = xcalloc(1, sizeof(*c));
	c->path = xasprintf("%s/catalog-%016llx.bin", dir, (unsigned long long)key);
	free(dir);
	clock_gettime(CLOCK_REALTIME, &c->now);
	read_cache(c);
	return c;
}

/* Whether st's file has not changed for CACHE_SETTLED_S (mtime and ctime both older). */
static int settled(const struct cache *c, const struct stat *st)
{
	time_t before = c->now.tv_sec - CACHE_SETTLED_S;

	return st->st_mtim.tv_sec < before && st->st_ctim.tv_sec < before;
}

static int same_time(uint64_t sec, uint64_t nsec, const struct timespec *t)
{
	return sec == (uint64_t)t->tv_sec && nsec == (uint64_t)t->tv_nsec;
}

static int same_stat(const struct centry *e, const struct stat *st)
{
	return e->size == (uint64_t)st->st_size && same_time(e->sec, e->nsec, &st->st_mtim) &&
	       same_time(e->csec, e->cnsec, &st->st_ctim) && e->ino == (uint64_t)st->st_ino &&
	       e->dev == (uint64_t)st->st_dev;
}

static void add_item(struct cache *c, const uint8_t *p, size_t n, uint8_t *own)
{
	vextend(&c->items, &c->itemcap, c->nitems, sizeof(*c->items));
	c->items[c->nitems++] = (struct citem){ p, n, own };
}

static void put_entry(struct cache *c, const char *real, const struct stat *st, uint64_t hash,
		      const void *rec, size_t reclen)
{
	struct wbuf b = { 0 };

	wb_str(&b, real);
	wb_u64(&b, (uint64_t)st->st_size);
	wb_u64(&b, (uint64_t)st->st_mtim.tv_sec);
	wb_u64(&b, (uint64_t)st->st_mtim.tv_nsec);
	wb_u64(&b, (uint64_t)st->st_ctim.tv_sec);
	wb_u64(&b, (uint64_t)st->st_ctim.tv_nsec);
	wb_u64(&b, (uint64_t)st->st_ino);
	wb_u64(&b, (uint64_t)st->st_dev);
	wb_u64(&b, (uint64_t)settled(c, st));
	wb_u64(&b, hash);
	wb_u64(&b, (uint64_t)reclen);
	wb_put(&b, rec, reclen);
	add_item(c, b.b, b.n, b.b);
}

/* An entry kept as it was (same stat, same settledness): its bytes, not copied yet. */
static void keep_entry(struct cache *c, const struct centry *e)
{
	add_item(c, e->raw, e->rawlen, NULL);
}

/* Appends a library and its options, read from a record, as lib_parse would have. */
static int add_cached(struct cat_catalog *cat, const struct centry *e, const char *buf, size_t len,
		      const char *file, const char *dir, const char *path)
{
	struct rbuf r = { e->rec, e->rec + e->reclen, 0 };
	struct cat_opt *opts;
	struct cat_lib l;
	size_t n;

	if (rec_get_lib(&r, &l, &opts, &n, cat->nlibs) < 0)
		return -1;
	l.file = xstrdup(file);
	l.dir = xstrdup(dir);
	if (r.p != r.end || !lib_paths_ok(cat, &l)) {
		for (size_t i = 0; i < n; i++)
			opt_free(&opts[i]);
		free(opts);
		lib_free(&l);
		return -1; /* parsed again: the parse says what is wrong */
	}
	l.opt_first = cat->nopts;
	l.nopts = n;
	for (size_t i = 0; i < n; i++) {
		vextend(&cat->opts, &cat->optcap, cat->nopts, sizeof(*cat->opts));
		cat->opts[cat->nopts++] = opts[i];
	}
	free(opts);
	vextend(&cat->libs, &cat->libcap, cat->nlibs, sizeof(*cat->libs));
	cat_keep_text(cat, buf, len, path);
	cat->libs[cat->nlibs++] = l;
	return 0;
}

int cache_take_unread(struct cache *c, struct cat_catalog *cat, const char *real,
		      const struct stat *st, const char *path, const char *file, const char *dir)
{
	long k = c ? map_get(&c->byreal, real) : -1;
	const struct centry *e = k >= 0 ? &c->ent[k] : NULL;

	if (!e || !e->settled || !same_stat(e, st) ||
	    add_cached(cat, e, NULL, 0, file, dir, path) < 0)
		return -1; /* read, then cache_take */
	c->hits++;
	keep_entry(c, e);
	return 0;
}

int cache_take(struct cache *c, struct cat_catalog *cat, const char *real, const struct stat *st,
	       const char *buf, size_t len, const char *file, const char *dir)
{
	long k = c ? map_get(&c->byreal, real) : -1;
	const struct centry *e = k >= 0 ? &c->ent[k] : NULL;

	if (!e || !same_stat(e, st) || e->hash != cache_hash(buf, len, CACHE_HASH_SEED) ||
	    add_cached(cat, e, buf, len, file, dir, NULL) < 0) {
		if (c)
			c->misses++;
		return -1;
	}
	c->hits++;
	if (settled(c, st) == (int)e->settled) {
		keep_entry(c, e);
	} else {
		c->changed = 1;
		put_entry(c, real, st, e->hash, e->rec, e->reclen);
	}
	return 0;
}

int cache_dir_get(struct cache *c, const char *real, const struct stat *st, int *has_lib,
		  struct cat_strv *subs)
{
	char *key = fs_concat(real, "/", "");
	long k = c ? map_get(&c->byreal, key) : -1;
	const struct centry *e = k >= 0 ? &c->ent[k] : NULL;
	struct rbuf r;

	if (!e || !e->settled || !same_stat(e, st)) {
		free(key);
		if (c)
			c->misses++;
		return -1;
	}
	r = (struct rbuf){ e->rec, e->rec + e->reclen, 0 };
	*has_lib = (int)rb_u64(&r);
	rec_get_strv(&r, subs);
	if (r.bad || r.p != r.end) {
		strv_free(subs);
		*subs = (struct cat_strv){ 0 };
		free(key);
		c->misses++;
		return -1;
	}
	c->hits++;
	keep_entry(c, e);
	free(key);
	return 0;
}

void cache_dir_put(struct cache *c, const char *real, const struct stat *st, int has_lib,
		   const struct cat_strv *subs)
{
	struct wbuf rec = { 0 };
	char *key;

	if (!c)
		return;
	key = fs_concat(real, "/", "");
	wb_u64(&rec, (uint64_t)has_lib);
	rec_put_strv(&rec, subs);
	put_entry(c, key, st, 0, rec.b, rec.n);
	free(rec.b);
	free(key);
}

void cache_note(struct cache *c, const struct cat_catalog *cat, const char *real,
		const struct stat *st, const char *buf, size_t len)
{
	const struct cat_lib *l = &cat->libs[cat->nlibs - 1];
	struct wbuf rec = { 0 };

	if (!c)
		return;
	rec_put_lib(&rec, l, &cat->opts[l->opt_first]);
	put_entry(c, real, st, cache_hash(buf, len, CACHE_HASH_SEED), rec.b, rec.n);
	free(rec.b);
}

static void write_cache(struct cache *c)
{
	struct wbuf out = { 0 }, head = { 0 };
	char *dir = xstrdup(c->path);
	size_t n;

	*strrchr(dir, '/') = 0;
	/* The body is put in place after the header, whose length and checksum follow it. */
	wb_put(&out, CACHE_MAGIC, 8);
	wb_u32(&out, CACHE_VERSION);
	wb_u32(&out, 0);
	wb_u64(&out, 0);
	wb_u64(&out, 0);
	for (size_t i = 0; i < c->nitems; i++)
		wb_put(&out, c->items[i].p, c->items[i].n);
	n = out.n - CACHE_HEAD;
	wb_u64(&head, (uint64_t)n);
	wb_u64(&head, cache_hash(out.b + CACHE_HEAD, n, CACHE_HASH_SEED));
	memcpy(out.b + CACHE_HEAD - head.n, head.b, head.n);
	free(head.b);
	/* Best effort: without a cache the next load parses, as this one did. */
	if (fs_mkdirs(dir) == 0)
		(void)fs_write_if_changed(c->path, (const char *)out.b, out.n, NULL);
	free(out.b);
	free(dir);
}

void cache_close(struct cache *c, int save)
{
	if (!c)
		return;
	if (save && (c->misses || c->changed || c->hits != c->nent))
		write_cache(c);
	free(c->path);
	free(c->old);
	free(c->ent);
	map_free(&c->byreal);
	for (size_t i = 0; i < c->nitems; i++)
		free(c->items[i].own);
	free(c->items);
	free(c);
}

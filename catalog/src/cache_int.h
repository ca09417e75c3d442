/*
 * The parsed-catalog cache (cache.c) and its records (cache_rec.c): what one lib.json
 * parsed into (the library and its options) as bytes, so that a load of ~2,000 libraries
 * needs no JSON parsing when nothing changed. Private to the catalog library.
 */
#ifndef KILN_CACHE_INT_H
#define KILN_CACHE_INT_H

#include <stdint.h>
#include <sys/stat.h>

#include "cat_int.h"

/* ---- bytes in, bytes out ------------------------------------------------------------------ */

struct wbuf {
	uint8_t *b;
	size_t n, cap;
};
void wb_put(struct wbuf *w, const void *p, size_t n);
void wb_u32(struct wbuf *w, uint32_t v);
void wb_u64(struct wbuf *w, uint64_t v);
void wb_str(struct wbuf *w, const char *s); /* NULL kept apart from "" */

/* A reader never goes past end: a short or bad input sets bad and reads zeros. */
struct rbuf {
	const uint8_t *p, *end;
	int bad;
};
uint32_t rb_u32(struct rbuf *r);
uint64_t rb_u64(struct rbuf *r);
/* A string inside the buffer (NUL-terminated there), or NULL; not copied. */
const char *rb_view(struct rbuf *r);
char *rb_str(struct rbuf *r); /* a copy, or NULL */
/* A count of items of at least min_size bytes each: bad when the rest cannot hold them. */
size_t rb_count(struct rbuf *r, size_t min_size);

/* A 64-bit hash: the content hash of a lib.json and the checksum of the cache. */
uint64_t cache_hash(const void *p, size_t n, uint64_t h);
#define CACHE_HASH_SEED 0xcbf29ce484222325ULL

/* ---- records: a parsed library and its options ------------------------------------------- */

void rec_put_strv(struct wbuf *w, const struct cat_strv *sv);
void rec_get_strv(struct rbuf *r, struct cat_strv *sv); /* copies; a bad read sets r->bad */

void rec_put_lib(struct wbuf *w, const struct cat_lib *l, const struct cat_opt *opts);
/* Reads one record into *l and a new array of *nopts options (each o->lib = lib_index).
 * 0, or -1 on a bad record (nothing is left allocated). */
int rec_get_lib(struct rbuf *r, struct cat_lib *l, struct cat_opt **opts, size_t *nopts,
		size_t lib_index);

/* ---- the cache of one catalog (a root plus its extra library folders) ---------------------- */

struct cache;
/* The cache for this root and folders: loaded when there, checked, else empty. NULL when
 * caching is off (KILN_CACHE_DIR set empty, or no folder to keep it in). */
struct cache *cache_open(const char *root, const char *const *dirs, size_t ndirs);
/* The library of folder real from the cache into cat without reading its lib.json (at path,
 * st its stat): 0 when its entry is settled and the stat is the same, else -1 (then read
 * it and call cache_take). */
int cache_take_unread(struct cache *c, struct cat_catalog *cat, const char *real,
		      const struct stat *st, const char *path, const char *file, const char *dir);
/* The library of folder real (its lib.json read into buf, st its stat) from the cache into
 * cat: 0 on a hit, -1 when it must be parsed (then call cache_note after parsing). */
int cache_take(struct cache *c, struct cat_catalog *cat, const char *real, const struct stat *st,
	       const char *buf, size_t len, const char *file, const char *dir);
/* A folder's listing as scan.c needs it (whether it holds a lib.json, its subfolders in
 * order), from a settled entry whose stat is the same as st: 0 and subs filled, else -1
 * (then list it, and cache_dir_put what was found when the listing can be trusted). */
int cache_dir_get(struct cache *c, const char *real, const struct stat *st, int *has_lib,
		  struct cat_strv *subs);
void cache_dir_put(struct cache *c, const char *real, const struct stat *st, int has_lib,
		   const struct cat_strv *subs);
/* Records the library just parsed into cat (the last one) for folder real. */
void cache_note(struct cache *c, const struct cat_catalog *cat, const char *real,
		const struct stat *st, const char *buf, size_t len);
/* Writes the cache back (atomically) when anything changed, then frees it. */
void cache_close(struct cache *c, int save);

/* lib.c: every path a library names (sources, includes, linker script, run config) is
 * still there, of the right type and inside its folder: what parsing checks on disk. */
int lib_paths_ok(const struct cat_catalog *cat, const struct cat_lib *l);

#endif

/*
 * Private structures and helpers of the catalog library (not for clients: see
 * include/kiln/cat.h). Expressions, the catalog object, name maps and small utilities.
 */
#ifndef KILN_CAT_INT_H
#define KILN_CAT_INT_H

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "kiln/cat.h"

/* ---- memory ---------------------------------------------------------------------------- */

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Grows *v (element size el) so that index n fits; doubles capacity. vgrow zeroes the new
 * room, vextend leaves it as it is (for arrays whose elements are written before read). */
void vgrow(void *v, size_t *cap, size_t n, size_t el);
void vextend(void *v, size_t *cap, size_t n, size_t el);
void strv_free(struct cat_strv *sv);
void strv_push(struct cat_strv *sv, const char *s);

/* A growing string, always NUL-terminated once written to. The writers are inline: a
 * config.json of megabytes is written a few bytes at a time. */
struct sbuf {
	char *s;
	size_t n, cap;
};
void sb_grow(struct sbuf *b, size_t more); /* room for more bytes and the NUL */

static inline void sb_putn(struct sbuf *b, const char *s, size_t n)
{
	if (b->n + n >= b->cap)
		sb_grow(b, n);
	memcpy(b->s + b->n, s, n);
	b->n += n;
	b->s[b->n] = 0;
}

static inline void sb_putc(struct sbuf *b, char c)
{
	if (b->n + 1 >= b->cap)
		sb_grow(b, 1);
	b->s[b->n++] = c;
	b->s[b->n] = 0;
}

static inline void sb_puts(struct sbuf *b, const char *s)
{
	sb_putn(b, s, strlen(s));
}
void sb_printf(struct sbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void sb_free(struct sbuf *b);

/* ---- name maps (open addressing, string -> index) ---------------------------------------- */

struct cat_map {
	const char **keys;
	long *vals;
	size_t *hashes;
	size_t cap, n;
};
void map_put(struct cat_map *m, const char *key, long val); /* key not copied */
void map_reserve(struct cat_map *m, size_t n);		    /* room for n keys */
long map_get(const struct cat_map *m, const char *key);	    /* -1 when absent */
void map_free(struct cat_map *m);

/* ---- expressions ------------------------------------------------------------------------- */

enum expr_op { E_CONST, E_NAME, E_EQ, E_NE, E_NOT, E_AND, E_OR };
enum ref_kind { REF_NONE, REF_LIB, REF_OPT, REF_IFACE };

struct cat_expr {
	enum expr_op op;
	int value;  /* E_CONST */
	int col;    /* 1-based column in the expression text */
	char *name; /* E_NAME, E_EQ, E_NE */
	char *str;  /* E_EQ, E_NE: the literal */
	struct cat_expr *a, *b;
	enum ref_kind ref; /* bound by check.c */
	long idx;
	int slot; /* E_EQ/E_NE: index in the option's domain */
};

/* Calls fn on every E_NAME/E_EQ/E_NE node. */
void expr_walk(struct cat_expr *e, void (*fn)(struct cat_expr *, void *), void *arg);

/* ---- the catalog ------------------------------------------------------------------------- */

/* An interface: its providers and the one used when nobody chose. */
struct cat_iface {
	char *name;
	size_t *prov;
	size_t nprov;
	long def; /* default provider (library index) */
};

/*
 * The values an enumerated option can take in the encoding: choice values, or for a
 * string option compared in some expression, the literals it is compared with plus its
 * defaults, plus an "other" slot for a user string outside that set.
 */
struct cat_domain {
	char **slots;
	size_t nslots;
	int other; /* slot nslots-1 is "other" */
};

struct cat_catalog {
	char *root;
	struct cat_lib *libs;
	size_t nlibs, libcap;
	struct cat_opt *opts;
	size_t nopts, optcap;
	struct cat_domain *dom; /* per option, after cat_finish */
	struct cat_iface *ifaces;
	size_t nifaces;
	struct cat_strv plats; /* platforms named by platform libraries */
	struct cat_map libmap, optmap, ifmap;
	long *topo; /* options in default-dependency order */
	struct cat_text {
		char *s;
		size_t n;
		char *path; /* a library taken from the cache unread: its lib.json, read on demand
			     */
	} * texts; /* per library, its lib.json text (for error positions): use cat_text() */
	size_t textcap;
	int finished;
};

int iface_find(const struct cat_catalog *cat, const char *name);
/* Option index of a domain slot holding str, or -1. */
int dom_slot(const struct cat_domain *d, const char *str);
int dom_add(struct cat_domain *d, const char *str);

/* lib.c / opts.c: one lib.json object into the catalog. */
struct lctx;
int lib_parse(struct cat_catalog *cat, const char *buf, size_t len, const char *file,
	      const char *dir, struct cat_err *err);
void lib_free(struct cat_lib *l);
void srcs_free(struct cat_src *srcs, size_t n);
void archive_free(struct cat_archive *a);
/* Keeps the text of the library being added; buf NULL: its lib.json at path is read only if
 * a message needs a position in it (cat_text). */
void cat_keep_text(struct cat_catalog *cat, const char *buf, size_t len, const char *path);
/* The lib.json text of library lib, read now if it was not, or NULL (none, or unreadable). */
const struct cat_text *cat_text(const struct cat_catalog *cat, size_t lib);
void opt_free(struct cat_opt *o);
/* check.c / cycle.c */
int check_catalog(struct cat_catalog *cat, struct cat_err *err);
int check_cycles(struct cat_catalog *cat, struct cat_err *err);
/* jsonpos.c: line and column of the value (or key) at a path inside JSON text. */
struct jpath {
	const char *key; /* NULL: array index */
	size_t index;
};
void json_locate(const char *text, size_t len, const struct jpath *path, int depth, int at_key,
		 int *line, int *col);
/* suggest.c */
size_t edit_distance(const char *a, const char *b);
const char *suggest_from(const char *name, const char *const *cands, size_t n);
/* Validation of names and paths. */
/* Library and interface names: [a-z][a-z0-9_-]*, but not the words true and false. */
int name_is_lib(const char *s);
/* The rule a library or interface name s breaks, for messages. */
const char *name_lib_rule(const char *s);
/* Platform and architecture names (platform.c): [a-z][a-z0-9_]*, no dash. */
int name_is_plat(const char *s);
const char *name_plat_rule(void);
void plat_free(struct cat_platform *p);
int name_is_opt(const char *s);
int path_is_make_safe(const char *s);
/* alias.c: where the links to folders Make cannot name live, under the root. */
#define CAT_ALIAS_DIR "build/.kiln-paths"

/* fsutil.c */
/* Inputs (profiles, lib.json) are regular files of at most 4 MiB; *why says what is wrong. */
#define FS_READ_MAX	 (4u << 20)
#define FS_READ_MAX_TEXT "4 MiB"
int fs_read(const char *path, char **buf, size_t *len, const char **why);
int fs_read_max(const char *path, char **buf, size_t *len, const char **why, size_t max);
/* Writes data to path via a temporary file and rename, unless path already holds it. */
int fs_write_if_changed(const char *path, const char *data, size_t len, int *changed);
int fs_mkdirs(const char *path);
char *fs_join(const char *a, const char *b);
char *fs_concat(const char *a, const char *b, const char *c); /* a b c, as one new string */
char *fs_relative(const char *root, const char *path);	      /* path under root, or NULL */
char *fs_path_from(const char *from, const char *to);	      /* relative way between folders */

/* Option values. */
int parse_hex(const char *s, long long *out);
void val_free(struct cat_val *v);
void val_copy(struct cat_val *dst, const struct cat_val *src);

#endif

/*
 * Shared by lib.c and opts.c: the state of reading one lib.json, with the JSON path of the
 * field being read so that every error names the file, the line and the field.
 */
#ifndef KILN_LCTX_H
#define KILN_LCTX_H

#include <jansson.h>

#include "cat_int.h"

#define LCTX_MAX_DEPTH 12

struct lctx {
	struct cat_catalog *cat;
	struct cat_err *err;
	const char *file, *text, *dir;
	size_t len;
	struct jpath path[LCTX_MAX_DEPTH];
	int depth;
	int nerr; /* errors in this file */
};

void lc_push_key(struct lctx *c, const char *key);
void lc_push_index(struct lctx *c, size_t i);
void lc_pop(struct lctx *c);
/* Reports a problem at the current path (its key when at_key, else its value). */
void lc_err(struct lctx *c, int at_key, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Reports every key of obj not in allowed (NULL-terminated). */
void lc_check_keys(struct lctx *c, json_t *obj, const char *const *allowed);
/* Typed getters: 0 when absent (and not required) or read, -1 after reporting an error. */
int lc_str(struct lctx *c, json_t *obj, const char *key, int required, char **out);
int lc_strv(struct lctx *c, json_t *obj, const char *key, struct cat_strv *out);
int lc_expr(struct lctx *c, json_t *obj, const char *key, struct cat_expr **e, char **text);
/* A JSON value as a profile or default value: bool, integer or string. */
int json_jval(json_t *j, enum cat_jtype *t, struct cat_val *v);
int str_is_clean(const char *s);
/* Checks a path inside the library folder (lib.c); want_dir: a folder, else a file. */
void lc_path(struct lctx *c, const char *p, int want_dir);
/* A "sources" list of obj (paths, or { "if", "files" }); in_archive: inside an archive
 * unpacked at build time, so only their form is checked (lib.c). */
void lc_sources(struct lctx *c, json_t *obj, struct cat_src **srcs, size_t *n, int in_archive);
void lc_source_paths(struct lctx *c, const char *key, const struct cat_strv *sv, int want_dir,
		     int in_archive);
/* A library's "archive" (archive.c). */
void archive_parse(struct lctx *c, json_t *root, struct cat_lib *l);
/* Refuses every flag that could run or load anything on the host (flags.c). */
void lc_flags(struct lctx *c, const char *key, const struct cat_strv *flags);
/* A platform library's target data (platform.c). */
void plat_parse(struct lctx *c, json_t *root, struct cat_lib *l);
/* A list of run words at key (plain words and groups). */
void plat_parse_words(struct lctx *c, json_t *j, const char *key, struct cat_run_word **words,
		      size_t *nwords);
/* A run description's "network" and "machine_vars" (runnet.c). */
void plat_parse_network(struct lctx *c, json_t *run, struct cat_run *r);
void plat_network_free(struct cat_run *r);
/* opts.c */
void opts_parse(struct lctx *c, json_t *opts, size_t lib);
/* Checks a value against an option: normalises into out, or explains in why. */
int opt_accepts(const struct cat_opt *o, enum cat_jtype t, const struct cat_val *v,
		struct cat_val *out, char *why, size_t whysize);

#endif

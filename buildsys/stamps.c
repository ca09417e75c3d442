/*
 * buildsys/stamps.c — one file per configuration symbol, build/<profile>/opt/CONFIG_X,
 * holding the symbol's value and rewritten only when that value changes. Objects depend on
 * the symbols their source and headers mention (buildsys/compile.sh rewrites each .d file
 * so), so a changed option recompiles exactly the sources that read it: the scheme of
 * Linux's include/config/ and fixdep.
 *
 * Symbols: CONFIG_LIB<NAME> for each library that is on, CONFIG_<OPT> for each active
 * option, CONFIG_<OPT>_<VALUE> for a choice. A symbol file whose symbol is no longer set is
 * emptied (not removed: objects still name it), which counts as a change.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <kiln/build.h>

/*
 * opt/.kiln-values: every symbol's value as last written ("NAME=LEN:VALUE\n" each, LEN
 * the value's bytes), written after the stamps themselves. A symbol whose value it records
 * and whose file is there is not opened again: a catalog of 2,000 libraries has thousands
 * of symbols, and reading each file back cost more than the rest of a resolution. A kiln
 * stopped before the index is written leaves an old index: the values that differ from it
 * are compared with their files, as without one.
 */
#define STAMP_INDEX ".kiln-values"

struct pair {
	const char *name, *value;
};

struct stamps {
	const char *dir;
	struct cat_strv set; /* file names written this time */
	struct sbuf_index {
		char *s;
		size_t n, cap;
	} index;	    /* the new opt/.kiln-values */
	struct pair *known; /* the old one, sorted by name */
	size_t nknown;
	char *known_text;
	char **present; /* the files in opt/, sorted */
	size_t npresent;
	struct cat_err *err;
	int rc;
};

static int cmp_pair(const void *a, const void *b)
{
	return strcmp(((const struct pair *)a)->name, ((const struct pair *)b)->name);
}

static int cmp_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void index_put(struct stamps *st, const char *name, const char *value)
{
	size_t need = strlen(name) + strlen(value) + 32;
	char *grown;

	if (st->index.n + need >= st->index.cap) {
		st->index.cap = (st->index.n + need) * 2;
		if (!(grown = realloc(st->index.s, st->index.cap))) {
			st->rc = -1;
			return;
		}
		st->index.s = grown;
	}
	st->index.n += (size_t)snprintf(st->index.s + st->index.n, st->index.cap - st->index.n,
					"%s=%zu:%s\n", name, strlen(value), value);
}

/* The old index, as pairs pointing into its text; a damaged one is dropped whole. */
static void index_read(struct stamps *st)
{
	char *path = NULL, *p, *end;
	size_t len = 0, cap = 0, got;
	FILE *f;

	if (asprintf(&path, "%s/" STAMP_INDEX, st->dir) < 0)
		return;
	f = fopen(path, "rb");
	free(path);
	if (!f)
		return;
	do {
		char *grown = cap - len < 4096 ? realloc(st->known_text, cap = cap * 2 + 65536)
					       : st->known_text;

		if (!grown)
			break;
		st->known_text = grown;
		got = fread(st->known_text + len, 1, cap - len - 1, f);
		len += got;
	} while (got > 0);
	fclose(f);
	if (!st->known_text)
		return;
	st->known_text[len] = 0;
	for (p = st->known_text, end = p + len; p < end;) {
		char *eq = strchr(p, '='), *colon, *v;
		unsigned long long n;
		struct pair *grown;

		if (!eq || !(colon = strchr(eq, ':')))
			break;
		*eq = *colon = 0;
		n = strtoull(eq + 1, NULL, 10);
		v = colon + 1;
		if (n > (unsigned long long)(end - v) || v[n] != '\n')
			break;
		v[n] = 0;
		if (!(grown = realloc(st->known, (st->nknown + 1) * sizeof(*st->known))))
			break;
		st->known = grown;
		st->known[st->nknown++] = (struct pair){ p, v };
		p = v + n + 1;
	}
	if (p < end)
		st->nknown = 0; /* not kiln's: every stamp is compared with its file */
	if (st->nknown)
		qsort(st->known, st->nknown, sizeof(*st->known), cmp_pair);
}

/* The files in opt/, sorted (the stamps there, and the index). */
static void list_present(struct stamps *st)
{
	DIR *d = opendir(st->dir);
	struct dirent *de;
	size_t cap = 0;

	while (d && (de = readdir(d))) {
		if (strncmp(de->d_name, "CONFIG_", 7))
			continue;
		if (st->npresent == cap) {
			char **grown = realloc(st->present, (cap = cap * 2 + 256) * sizeof(char *));

			if (!grown)
				break;
			st->present = grown;
		}
		if (!(st->present[st->npresent] = strdup(de->d_name)))
			break;
		st->npresent++;
	}
	if (d)
		closedir(d);
	if (st->npresent)
		qsort(st->present, st->npresent, sizeof(*st->present), cmp_name);
}

/* name holds value already: the index says so and its file is there. */
static int known_same(const struct stamps *st, const char *name, const char *value)
{
	struct pair key = { name, NULL }, *k;

	if (!st->nknown || !st->npresent)
		return 0;
	k = bsearch(&key, st->known, st->nknown, sizeof(*st->known), cmp_pair);
	return k && !strcmp(k->value, value) &&
	       bsearch(&name, st->present, st->npresent, sizeof(*st->present), cmp_name);
}

/* CONFIG_<prefix><name>[_<suffix>], as config.h spells macros. */
static char *stamp_name(const char *prefix, const char *name, const char *suffix)
{
	char *s = NULL;

	if (asprintf(&s, "CONFIG_%s%s%s%s", prefix, name, suffix ? "_" : "", suffix ? suffix : "") <
	    0)
		return NULL;
	for (char *c = s + 7; *c; c++)
		*c = isalnum((unsigned char)*c) ? (char)toupper((unsigned char)*c) : '_';
	return s;
}

static void stamp(struct stamps *st, char *name, const char *value)
{
	char *path = NULL;

	if (!name || asprintf(&path, "%s/%s", st->dir, name) < 0) {
		st->rc = -1;
	} else {
		if (!known_same(st, name, value))
			st->rc |= cat_write_file(path, value, st->err);
		index_put(st, name, value);
		cat_add_word(&st->set, name);
	}
	free(path);
	free(name);
}

static void stamp_option(struct stamps *st, const struct cat_opt *o, const struct cat_setting *s)
{
	char num[40];

	switch (o->type) {
	case CAT_BOOL:
		stamp(st, stamp_name("", o->name, NULL), "y");
		return;
	case CAT_INT:
		snprintf(num, sizeof(num), "%lld", s->val.num);
		stamp(st, stamp_name("", o->name, NULL), num);
		return;
	case CAT_HEX:
		snprintf(num, sizeof(num), "0x%llx", (unsigned long long)s->val.num);
		stamp(st, stamp_name("", o->name, NULL), num);
		return;
	default:
		stamp(st, stamp_name("", o->name, NULL), s->val.str);
		if (o->type == CAT_CHOICE)
			stamp(st, stamp_name("", o->name, s->val.str), "1");
	}
}

/* Among the first n of st->set, sorted by then: a catalog sets thousands of symbols. */
static int stamp_written(const struct stamps *st, size_t n, const char *name)
{
	return n && bsearch(&name, st->set.v, n, sizeof(*st->set.v), cmp_name) != NULL;
}

/* Empties the files of symbols that are no longer set (those in opt/ before). */
static void stamp_clear_others(struct stamps *st)
{
	size_t n = st->set.n; /* stamp() below adds the names it clears after these */

	if (n)
		qsort(st->set.v, n, sizeof(*st->set.v), cmp_name);
	for (size_t i = 0; i < st->npresent; i++)
		if (!stamp_written(st, n, st->present[i]))
			stamp(st, strdup(st->present[i]), "");
}

/* The index of what is now in opt/, then the old one's memory given back. */
static void index_end(struct stamps *st)
{
	char *path = NULL;

	if (!st->rc && st->index.s && asprintf(&path, "%s/" STAMP_INDEX, st->dir) >= 0)
		st->rc |= cat_write_file(path, st->index.s, st->err);
	free(path);
	free(st->index.s);
	free(st->known);
	free(st->known_text);
	for (size_t i = 0; i < st->npresent; i++)
		free(st->present[i]);
	free(st->present);
}

int drv_write_stamps(const struct cat_result *r, const char *outdir, struct cat_err *err)
{
	const struct cat_catalog *cat = cat_result_catalog(r);
	char *dir = NULL;
	struct stamps st = { .err = err };

	if (asprintf(&dir, "%s/opt", outdir) < 0 || (mkdir(dir, 0777) < 0 && errno != EEXIST)) {
		cat_err_add(err, NULL, 0, 0, "cannot create %s/opt: %s", outdir, strerror(errno));
		free(dir);
		return -1;
	}
	st.dir = dir;
	index_read(&st);
	list_present(&st);
	for (size_t i = 0; i < cat_nlibs(cat); i++) {
		const struct cat_lib *l = cat_lib_at(cat, i);

		if (!cat_result_lib(r, i)->on)
			continue;
		stamp(&st, stamp_name("LIB", l->name, NULL), "y");
		for (size_t k = 0; k < l->nopts; k++)
			if (cat_result_opt(r, l->opt_first + k)->on)
				stamp_option(&st, cat_opt_at(cat, l->opt_first + k),
					     cat_result_opt(r, l->opt_first + k));
	}
	stamp_clear_others(&st);
	index_end(&st);
	cat_strv_free(&st.set);
	free(dir);
	return st.rc ? -1 : 0;
}

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

struct stamps {
	const char *dir;
	struct cat_sums *sums; /* opt/.kiln-sums: a stamp unchanged since is not read back */
	struct cat_strv set;   /* file names written this time */
	struct cat_err *err;
	int rc;
};

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
		st->rc |= cat_sums_write(st->sums, path, value, st->err);
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

static int cmp_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Among the first n of st->set, sorted by then: a catalog sets thousands of symbols. */
static int stamp_written(const struct stamps *st, size_t n, const char *name)
{
	return n && bsearch(&name, st->set.v, n, sizeof(*st->set.v), cmp_name) != NULL;
}

/* Empties the files of symbols that are no longer set. */
static void stamp_clear_others(struct stamps *st)
{
	DIR *d = opendir(st->dir);
	struct dirent *de;
	size_t n = st->set.n; /* stamp() below adds the names it clears after these */

	if (n)
		qsort(st->set.v, n, sizeof(*st->set.v), cmp_name);
	while (d && (de = readdir(d)))
		if (!strncmp(de->d_name, "CONFIG_", 7) && !stamp_written(st, n, de->d_name))
			stamp(st, strdup(de->d_name), "");
	if (d)
		closedir(d);
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
	cat_remove_dead_tmp(dir); /* before the record is read: it vouches for the folder */
	st.sums = cat_sums_open(dir, 1);
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
	cat_sums_close(st.sums, !st.rc);
	cat_strv_free(&st.set);
	free(dir);
	return st.rc ? -1 : 0;
}

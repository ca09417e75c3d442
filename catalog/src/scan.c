/*
 * Finding lib.json files: kernel-libs/, plat/ and examples/ under the root, plus extra
 * folders from the command line or KILN_LIBPATH (libraries kept outside the repository).
 * Folders are visited in sorted order so that the catalog is the same on every machine.
 */
#include <dirent.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cat_int.h"

#define SCAN_MAX_DEPTH 4

static const char *const cat_folders[] = { "kernel-libs", "plat", "examples" };

struct scan {
	struct cat_catalog *cat;
	struct cat_err *err;
	struct cat_map seen; /* real paths of library folders already read */
	struct cat_strv keys;
	int failed;
};

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Shown relative to the root when inside it, absolute otherwise. */
static char *display_dir(const struct scan *s, const char *real)
{
	char *rel = fs_relative(s->cat->root, real);

	return rel ? rel : xstrdup(real);
}

static void read_lib(struct scan *s, const char *real)
{
	char *file, *dir, *buf, *shown;
	const char *why;
	size_t len;

	if (map_get(&s->seen, real) >= 0)
		return;
	strv_push(&s->keys, real);
	map_put(&s->seen, s->keys.v[s->keys.n - 1], 1);
	file = fs_join(real, "lib.json");
	dir = display_dir(s, real);
	shown = fs_join(dir, "lib.json");
	if (fs_read(file, &buf, &len, &why) < 0) {
		cat_err_add(s->err, shown, 0, 0, "cannot read: %s", why);
		s->failed = 1;
	} else {
		if (!path_is_make_safe(
			    real)) { /* Make sees a link of kiln's; messages, the folder */
			char *alias = cat_path_alias(s->cat->root, real, s->err);

			free(dir);
			dir = alias ? display_dir(s, alias) : NULL;
			free(alias);
		}
		if (!dir || lib_parse(s->cat, buf, len, shown, dir, s->err) < 0)
			s->failed = 1;
		free(buf);
	}
	free(file);
	free(dir);
	free(shown);
}

/* Any lib.json at all, even a FIFO, a folder or a broken link: read_lib then says what is
 * wrong with it, instead of the library vanishing and an error blaming its users. */
static int has_lib_json(const char *dir)
{
	char *f = fs_join(dir, "lib.json");
	struct stat st;
	int yes = lstat(f, &st) == 0;

	free(f);
	return yes;
}

static void scan_dir(struct scan *s, const char *real, int depth)
{
	struct cat_strv subs = { 0 };
	struct dirent *de;
	DIR *d;

	if (has_lib_json(real))
		read_lib(s, real);
	if (depth >= SCAN_MAX_DEPTH || !(d = opendir(real)))
		return;
	while ((de = readdir(d))) {
		struct stat st;
		char *p;

		if (de->d_name[0] == '.' || !strcmp(de->d_name, "build"))
			continue;
		p = fs_join(real, de->d_name);
		if (stat(p, &st) == 0 && S_ISDIR(st.st_mode))
			strv_push(&subs, p);
		free(p);
	}
	closedir(d);
	if (subs.n)
		qsort(subs.v, subs.n, sizeof(*subs.v), cmp_str);
	for (size_t i = 0; i < subs.n; i++)
		scan_dir(s, subs.v[i], depth + 1);
	strv_free(&subs);
}

static void scan_extra(struct scan *s, const char *dir)
{
	char real[PATH_MAX];
	struct stat st;

	if (!realpath(dir, real) || stat(real, &st) < 0 || !S_ISDIR(st.st_mode)) {
		cat_err_add(s->err, NULL, 0, 0, "library folder %s: not a folder", dir);
		s->failed = 1;
		return;
	}
	scan_dir(s, real, 0);
}

struct cat_catalog *cat_load(const char *root, const char *const *dirs, size_t ndirs,
			     struct cat_err *err)
{
	char real[PATH_MAX];
	struct scan s = { .err = err };
	size_t before = err->n;

	if (!realpath(root, real)) {
		cat_err_add(err, NULL, 0, 0, "catalog root %s: %m", root);
		return NULL;
	}
	s.cat = cat_new(real);
	for (size_t i = 0; i < sizeof(cat_folders) / sizeof(*cat_folders); i++) {
		char *p = fs_join(real, cat_folders[i]);

		scan_dir(&s, p, 1);
		free(p);
	}
	for (size_t i = 0; i < ndirs; i++)
		scan_extra(&s, dirs[i]);
	map_free(&s.seen);
	strv_free(&s.keys);
	/* Cross-checks only once every file reads well: else one typo cascades. */
	if (s.failed || err->n > before || cat_finish(s.cat, err) < 0) {
		cat_free(s.cat);
		return NULL;
	}
	return s.cat;
}

/*
 * Finding lib.json files: kernel-libs/, plat/ and examples/ under the root, plus extra
 * folders from the command line or KILN_LIBPATH (libraries kept outside the repository).
 * Folders are visited in sorted order so that the catalog is the same on every machine.
 * Each lib.json found is taken from the parsed-catalog cache (cache.c) when it has not
 * changed, else parsed. A folder is listed once and its entries' types come from the
 * listing, so a catalog of 2,000 libraries costs few system calls per library.
 */
#include <dirent.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cache_int.h"

#define SCAN_MAX_DEPTH 4

static const char *const cat_folders[] = { "kernel-libs", "plat", "examples" };

/* A folder's place for stat: its parent folder, open, and its name there (fd -1: none, the
 * whole path is used). A catalog of 2,000 libraries is 4,000 stats; from the parent, the
 * kernel walks two names instead of the whole path each time. */
struct at {
	int fd;
	const char *name;
};

/* stat of the folder at a (or real), or of its entry sub when sub is not NULL. */
static int stat_at(struct at a, const char *real, const char *sub, struct stat *st)
{
	char buf[PATH_MAX];

	if (a.fd < 0 || snprintf(buf, sizeof(buf), "%s%s%s", a.name, sub ? "/" : "",
				 sub ? sub : "") >= (int)sizeof(buf)) {
		char *p = sub ? fs_join(real, sub) : NULL;
		int rc = stat(p ? p : real, st);

		free(p);
		return rc;
	}
	return fstatat(a.fd, buf, st, 0);
}

struct scan {
	struct cat_catalog *cat;
	struct cat_err *err;
	struct cat_map seen; /* real paths of library folders already read */
	struct cat_strv keys;
	struct cache *cache;
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

/*
 * One lib.json: taken from the cache unread when its entry is settled and its stat is the
 * same; else read within the input bounds (fs_read: a regular file of bounded size), taken
 * from the cache when its folder, stat and content hash match, else parsed and noted in the
 * cache. A folder whose path Make cannot carry is shown to Make as a link of kiln's
 * (cat_path_alias); messages keep the user's path.
 */
static void parse_lib(struct scan *s, struct at a, const char *real, const char *file, char **dir,
		      const char *shown)
{
	struct stat st;
	const char *why;
	char *buf;
	size_t len;

	if (!path_is_make_safe(real)) {
		char *alias = cat_path_alias(s->cat->root, real, s->err);

		free(*dir);
		*dir = alias ? display_dir(s, alias) : NULL;
		free(alias);
	}
	if (!*dir) {
		s->failed = 1;
		return;
	}
	if (stat_at(a, real, "lib.json", &st) == 0 && S_ISREG(st.st_mode) &&
	    cache_take_unread(s->cache, s->cat, real, &st, file, shown, *dir) == 0)
		return;
	if (fs_read(file, &buf, &len, &why) < 0) {
		cat_err_add(s->err, shown, 0, 0, "cannot read: %s", why);
		s->failed = 1;
		return;
	}
	if (stat(file, &st) == 0 &&
	    cache_take(s->cache, s->cat, real, &st, buf, len, shown, *dir) == 0) {
		; /* unchanged since it was cached */
	} else if (lib_parse(s->cat, buf, len, shown, *dir, s->err) < 0) {
		s->failed = 1;
	} else if (stat(file, &st) == 0) {
		cache_note(s->cache, s->cat, real, &st, buf, len);
	}
	free(buf);
}

static void read_lib(struct scan *s, struct at a, const char *real)
{
	char *file, *dir, *shown;

	if (map_get(&s->seen, real) >= 0)
		return;
	strv_push(&s->keys, real);
	map_put(&s->seen, s->keys.v[s->keys.n - 1], 1);
	file = fs_join(real, "lib.json");
	dir = display_dir(s, real);
	shown = fs_join(dir, "lib.json");
	parse_lib(s, a, real, file, &dir, shown);
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

/* The listing's type of an entry; stat only when the file system does not say. */
static int entry_is(const char *dir, const struct dirent *de, mode_t type)
{
	struct stat st;
	char *p;
	int yes;

	if (de->d_type != DT_UNKNOWN && de->d_type != DT_LNK)
		return (mode_t)DTTOIF(de->d_type) == type;
	p = fs_join(dir, de->d_name);
	yes = stat(p, &st) == 0 && (st.st_mode & S_IFMT) == type;
	free(p);
	return yes;
}

/*
 * Lists folder real: whether it holds a lib.json, its subfolders in order. 0, or -1 when it
 * cannot be opened. Kept in the cache unless an entry is a link or of unknown type (its
 * target can change without the folder changing).
 */
static int list_dir(struct scan *s, const char *real, const struct stat *st, int *lib,
		    struct cat_strv *subs)
{
	struct dirent *de;
	int trusty = 1;
	DIR *d = opendir(real);

	if (!d)
		return -1;
	while ((de = readdir(d))) {
		if (!strcmp(de->d_name, "lib.json"))
			*lib = 1; /* whatever it is: read_lib says what is wrong with it */
		if (de->d_name[0] == '.' || !strcmp(de->d_name, "build"))
			continue;
		trusty &= de->d_type != DT_UNKNOWN && de->d_type != DT_LNK;
		if (entry_is(real, de, S_IFDIR))
			strv_push(subs, de->d_name);
	}
	closedir(d);
	if (subs->n)
		qsort(subs->v, subs->n, sizeof(*subs->v), cmp_str);
	if (trusty && st)
		cache_dir_put(s->cache, real, st, *lib, subs);
	return 0;
}

static void scan_dir(struct scan *s, struct at a, const char *real, int depth)
{
	struct cat_strv subs = { 0 };
	struct stat st;
	int lib = 0, have_st, fd;

	if (depth >= SCAN_MAX_DEPTH) {
		if (has_lib_json(real))
			read_lib(s, a, real);
		return;
	}
	have_st = stat_at(a, real, NULL, &st) == 0 && S_ISDIR(st.st_mode);
	if (!(have_st && cache_dir_get(s->cache, real, &st, &lib, &subs) == 0) &&
	    list_dir(s, real, have_st ? &st : NULL, &lib, &subs) < 0) {
		if (has_lib_json(real))
			read_lib(s, a, real);
		return;
	}
	if (lib)
		read_lib(s, a, real);
	fd = subs.n ? open(real, O_PATH | O_CLOEXEC) : -1; /* for fstatat, not to list it */
	for (size_t i = 0; i < subs.n; i++) {
		char *p = fs_join(real, subs.v[i]);

		scan_dir(s, (struct at){ fd, subs.v[i] }, p, depth + 1);
		free(p);
	}
	if (fd >= 0)
		close(fd);
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
	scan_dir(s, (struct at){ -1, NULL }, real, 0);
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
	s.cache = cache_open(real, dirs, ndirs);
	for (size_t i = 0; i < sizeof(cat_folders) / sizeof(*cat_folders); i++) {
		char *p = fs_join(real, cat_folders[i]);

		scan_dir(&s, (struct at){ -1, NULL }, p, 1);
		free(p);
	}
	for (size_t i = 0; i < ndirs; i++)
		scan_extra(&s, dirs[i]);
	map_free(&s.seen);
	strv_free(&s.keys);
	/* Cross-checks only once every file reads well: else one typo cascades. */
	if (s.failed || err->n > before || cat_finish(s.cat, err) < 0) {
		cache_close(s.cache, 0);
		cat_free(s.cat);
		return NULL;
	}
	cache_close(s.cache, 1); /* only a catalog that loads is kept */
	return s.cat;
}

/*
 * What a backend needs from a result besides config.h and config.json: the app, each
 * library's sources with their conditions applied, and a file writer that leaves a file
 * alone when its content is unchanged (so Make rebuilds only what a change touches). The
 * Make backend (buildsys/config_mk.c) writes config.mk from these: the catalog library
 * knows no Make.
 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cache_int.h"
#include "result_int.h"
#include "write_int.h"

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The files of srcs whose condition holds, each under dir (when dir is given), sorted. */
static void sources_on(const struct cat_result *r, const struct cat_src *srcs, size_t n,
		       const char *dir, struct cat_strv *out)
{
	size_t first = out->n;

	for (size_t i = 0; i < n; i++) {
		if (srcs[i].cond && !eval_expr(r, srcs[i].cond))
			continue;
		for (size_t k = 0; k < srcs[i].nfiles; k++) {
			char *p = dir ? fs_join(dir, srcs[i].files[k]) : xstrdup(srcs[i].files[k]);

			strv_push(out, p);
			free(p);
		}
	}
	if (out->n > first)
		qsort(out->v + first, out->n - first, sizeof(*out->v), cmp_str);
}

void cat_result_sources(const struct cat_result *r, size_t lib, struct cat_strv *out)
{
	const struct cat_lib *l = &r->cat->libs[lib];

	sources_on(r, l->srcs, l->nsrcs, l->dir, out);
}

void cat_result_archive_sources(const struct cat_result *r, size_t lib, struct cat_strv *out)
{
	const struct cat_archive *a = r->cat->libs[lib].archive;

	if (a)
		sources_on(r, a->srcs, a->nsrcs, NULL, out);
}

long cat_result_app(const struct cat_result *r)
{
	for (size_t i = 0; i < r->cat->nlibs; i++)
		if (r->libs[i].on && cat_kind_is_app(r->cat->libs[i].kind))
			return (long)i;
	return -1;
}

long result_app(const struct cat_result *r)
{
	long app = cat_result_app(r);

	return app < 0 ? 0 : app;
}

int cat_write_file(const char *path, const char *text, struct cat_err *err)
{
	int rc = fs_write_if_changed(path, text, strlen(text), NULL);

	if (rc < 0)
		cat_err_add(err, NULL, 0, 0, "cannot write %s: %s", path, strerror(errno));
	return rc;
}

/*
 * cat_write_file writes NAME.tmpPID and renames it over NAME: a kiln killed in between
 * (a closed terminal, SIGKILL) leaves the temporary file. One whose process is gone is
 * removed; one of a live process is its own (another kiln writing there now).
 */
void cat_remove_dead_tmp(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *de;

	while (d && (de = readdir(d))) {
		const char *t = strstr(de->d_name, ".tmp"), *p = t ? t + 4 : "";
		char *e, *stale;
		long pid = *p >= '1' && *p <= '9' ? strtol(p, &e, 10) : 0;

		if (pid <= 0 || *e || (kill((pid_t)pid, 0) == 0 || errno != ESRCH))
			continue;
		stale = fs_join(dir, de->d_name);
		(void)unlink(stale);
		free(stale);
	}
	if (d)
		closedir(d);
}

/*
 * DIR/.kiln-sums: of each file written under DIR through it, the text's hash and size and
 * the file's mtime once written ("HASH SIZE MTIME_NS PATH\n" each, PATH under DIR). A file
 * whose new text has the hash and size recorded, and that is there with that size and
 * mtime, is not read back to be compared: a catalog of 2,000 libraries writes thousands of
 * headers and symbol stamps. Anything else (no record, a file touched since, a new text)
 * is compared with the file as cat_write_file does.
 *
 * Opened "by folder", for files whose content no build reads (the symbol stamps: Make
 * looks at their mtimes only), the record also holds the folder's mtime once every file
 * was written ("dir MTIME_NS", first line; the record itself is rewritten in place, which
 * leaves the folder's mtime alone). While the folder's mtime is that, no file was added,
 * removed or renamed there, and a file with the text's hash and size recorded is kept
 * without a stat of its own: 5,400 fstatat calls on a catalog of deep chains. A stamp
 * edited in place by hand is then left as it is; its newer mtime only makes Make rebuild
 * what depends on it.
 */
#define SUMS ".kiln-sums"

struct sum {
	unsigned long long hash, size, mtime;
};

struct cat_sums {
	char *dir;
	int fd;		    /* dir, for fstatat: a short walk per file */
	struct cat_map old; /* path -> index in v (keys inside text) */
	struct sum *v;
	size_t n;
	char *text;
	size_t len; /* of the record as read (text is cut into lines) */
	unsigned long long old_hash;
	struct sbuf now;
	int bad;
	int by_folder; /* files no build reads: see above */
	int trusted;   /* by_folder, and the folder as the record left it */
};

static unsigned long long mtime_ns(const struct stat *st)
{
	return (unsigned long long)st->st_mtim.tv_sec * 1000000000ull +
	       (unsigned long long)st->st_mtim.tv_nsec;
}

/* "HASH SIZE MTIME PATH" (hex, decimal, decimal): -1 when the line is not one (a damaged
 * record is not trusted: its file is compared again). Thousands of lines: no sscanf. */
static int parse_sum(char *line, struct sum *x, char **rel)
{
	unsigned long long *f[3] = { &x->hash, &x->size, &x->mtime };
	char *e;

	for (int i = 0; i < 3; i++, line = e + 1) {
		if (!isxdigit((unsigned char)*line))
			return -1;
		*f[i] = strtoull(line, &e, i ? 10 : 16);
		if (*e != ' ')
			return -1;
	}
	*rel = line;
	return *line ? 0 : -1;
}

static unsigned long long folder_mtime(int fd)
{
	struct stat st;

	return fd >= 0 && fstat(fd, &st) == 0 ? mtime_ns(&st) : 0;
}

struct cat_sums *cat_sums_open(const char *dir, int by_folder)
{
	struct cat_sums *u = xcalloc(1, sizeof(*u));
	char *path = fs_join(dir, SUMS), *line, *save = NULL, *e;
	const char *why;

	u->dir = xstrdup(dir);
	u->by_folder = by_folder;
	u->fd = open(dir, O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (fs_read_max(path, &u->text, &u->len, &why, 64u << 20) == 0) {
		unsigned long long now = by_folder ? folder_mtime(u->fd) : 0;

		if (by_folder) /* close_in_place rewrites it only when it changes */
			u->old_hash = cache_hash(u->text, u->len, CACHE_HASH_SEED);
		if (now && !strncmp(u->text, "dir ", 4))
			u->trusted = strtoull(u->text + 4, &e, 10) == now && *e == '\n';
		for (line = strtok_r(u->text, "\n", &save); line;
		     line = strtok_r(NULL, "\n", &save)) {
			struct sum x;
			char *rel;

			if (parse_sum(line, &x, &rel) < 0)
				continue;
			u->v = xrealloc(u->v, (u->n + 1) * sizeof(*u->v));
			u->v[u->n] = x;
			map_put(&u->old, rel, (long)u->n++);
		}
	}
	free(path);
	return u;
}

/* "%016llx %zu %llu %s\n" without printf: one line per stamp, thousands of them. */
static void put_sum(struct sbuf *b, unsigned long long h, size_t len, unsigned long long mtime,
		    const char *rel)
{
	char num[64], *e = num + sizeof(num), *p;
	unsigned long long dec[2] = { len, mtime };

	for (int i = 15; i >= 0; i--, h >>= 4)
		num[i] = "0123456789abcdef"[h & 15];
	sb_putn(b, num, 16);
	for (int k = 0; k < 2; k++) {
		p = e;
		do
			*--p = (char)('0' + dec[k] % 10);
		while (dec[k] /= 10);
		sb_putc(b, ' ');
		sb_putn(b, p, (size_t)(e - p));
	}
	sb_putc(b, ' ');
	sb_puts(b, rel);
	sb_putc(b, '\n');
}

int cat_sums_write(struct cat_sums *u, const char *path, const char *text, struct cat_err *err)
{
	char *rel = fs_relative(u->dir, path);
	size_t len = strlen(text);
	unsigned long long h = cache_hash(text, len, CACHE_HASH_SEED);
	long k = rel ? map_get(&u->old, rel) : -1;
	struct stat st;
	int rc = 0, kept;

	kept = k >= 0 && u->v[k].hash == h && u->v[k].size == len && u->fd >= 0 &&
	       (u->trusted ||
		(fstatat(u->fd, rel, &st, 0) == 0 && S_ISREG(st.st_mode) &&
		 (unsigned long long)st.st_size == len && mtime_ns(&st) == u->v[k].mtime));
	if (!kept)
		rc = cat_write_file(path, text, err);
	if (!rc && rel && kept && u->trusted)
		put_sum(&u->now, h, len, u->v[k].mtime, rel);
	else if (!rc && rel && (kept || stat(path, &st) == 0))
		put_sum(&u->now, h, len, mtime_ns(&st), rel);
	else
		u->bad = 1;
	free(rel);
	return rc;
}

/* The by-folder record, rewritten in place after "dir" and the folder's mtime (the file
 * made first when missing, so that making it is not a change the record misses). */
static void close_in_place(struct cat_sums *u, const char *path)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK, 0666);
	struct sbuf b = { 0 };
	struct stat st;

	if (fd < 0 || fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		if (fd >= 0)
			close(fd);
		return; /* not a record of kiln's: nothing trusted next time either */
	}
	sb_printf(&b, "dir %llu\n", folder_mtime(u->fd));
	sb_putn(&b, u->now.s ? u->now.s : "", u->now.n);
	if (b.n != u->len || cache_hash(b.s, b.n, CACHE_HASH_SEED) != u->old_hash) {
		if (ftruncate(fd, 0) < 0 || write(fd, b.s, b.n) != (ssize_t)b.n)
			(void)unlink(path); /* all compared next time */
	}
	close(fd);
	sb_free(&b);
}

void cat_sums_close(struct cat_sums *u, int ok)
{
	char *path;

	if (!u)
		return;
	path = fs_join(u->dir, SUMS);
	if (ok && !u->bad && u->by_folder)
		close_in_place(u, path);
	else if (ok && !u->bad)
		(void)fs_write_if_changed(path, u->now.s ? u->now.s : "", u->now.n, NULL);
	else
		unlink(path); /* all compared next time */
	free(path);
	if (u->fd >= 0)
		close(u->fd);
	map_free(&u->old);
	free(u->v);
	free(u->text);
	sb_free(&u->now);
	free(u->dir);
	free(u);
}

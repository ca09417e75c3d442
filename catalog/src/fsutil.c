/*
 * Files: read whole, write atomically (temporary file in the same folder, then rename, so
 * a reader never sees half a file) and only when the content changes (so Make sees an
 * unchanged mtime and rebuilds nothing).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cat_int.h"

/* What a file that is no regular file is, for the message. */
static const char *fs_kind(mode_t m)
{
	if (S_ISDIR(m))
		return "is a folder, not a file";
	if (S_ISFIFO(m))
		return "is a FIFO, not a regular file";
	if (S_ISCHR(m) || S_ISBLK(m))
		return "is a device, not a regular file";
	if (S_ISSOCK(m))
		return "is a socket, not a regular file";
	return "is no regular file";
}

/*
 * Reads fd to its end, at most max bytes (a file may grow while it is read), straight into
 * a buffer sized by the file's size hint: one read for a file that keeps its size (the
 * parsed-catalog cache is megabytes).
 */
static int fs_read_fd(int fd, struct sbuf *b, const char **why, size_t max, size_t hint)
{
	ssize_t n;

	vextend(&b->s, &b->cap, (hint < max ? hint : max) + 1, 1);
	b->s[0] = 0;
	for (;;) {
		size_t room = b->cap - 1 - b->n;

		if (!room) {
			if (b->n >= max + 1) /* read max + 1 bytes: too large */
				break;
			vextend(&b->s, &b->cap, b->cap, 1);
			room = b->cap - 1 - b->n;
		}
		n = read(fd, b->s + b->n, room);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			*why = strerror(errno);
			return -1;
		}
		if (n == 0)
			break;
		b->n += (size_t)n;
		b->s[b->n] = 0;
	}
	if (b->n > max) {
		*why = max == FS_READ_MAX ? "is larger than " FS_READ_MAX_TEXT
					    " (the limit for kiln's inputs)"
					  : "is larger than kiln allows for it";
		return -1;
	}
	return 0;
}

/*
 * Regular files only, FS_READ_MAX bytes at most: a profile or lib.json path may name
 * /dev/zero, a FIFO or a folder, and must then fail at once with a reason, not hang or eat
 * memory. O_NONBLOCK keeps the open of a FIFO from waiting for a writer; fstat then refuses.
 */
int fs_read(const char *path, char **buf, size_t *len, const char **why)
{
	return fs_read_max(path, buf, len, why, FS_READ_MAX);
}

/* fs_read with another limit (kiln's own cache, which may be larger than any input). */
int fs_read_max(const char *path, char **buf, size_t *len, const char **why, size_t max)
{
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
	struct sbuf b = { 0 };
	struct stat st;

	if (fd < 0) {
		*why = strerror(errno);
		return -1;
	}
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) || (size_t)st.st_size > max) {
		*why = fstat(fd, &st) < 0     ? strerror(errno)
		       : !S_ISREG(st.st_mode) ? fs_kind(st.st_mode)
		       : max == FS_READ_MAX   ? "is larger than " FS_READ_MAX_TEXT
					      " (the limit for kiln's inputs)"
					    : "is larger than kiln allows for it";
		close(fd);
		return -1;
	}
	if (fs_read_fd(fd, &b, why, max, (size_t)st.st_size) < 0) {
		close(fd);
		sb_free(&b);
		return -1;
	}
	close(fd);
	*buf = b.s;
	*len = b.n;
	return 0;
}

static int same_content(const char *path, const char *data, size_t len)
{
	const char *why;
	char *old;
	size_t n;
	int same;

	/* Any limit below the new text would make a large output look changed every time. */
	if (fs_read_max(path, &old, &n, &why, len) < 0)
		return 0;
	same = n == len && !memcmp(old, data, len);
	free(old);
	return same;
}

int fs_write_if_changed(const char *path, const char *data, size_t len, int *changed)
{
	char *tmp;
	FILE *f;
	int ok;

	if (changed)
		*changed = 0;
	if (same_content(path, data, len))
		return 0;
	tmp = xasprintf("%s.tmp%ld", path, (long)getpid());
	f = fopen(tmp, "wb");
	if (!f) {
		free(tmp);
		return -1;
	}
	ok = fwrite(data, 1, len, f) == len;
	ok = (fclose(f) == 0) && ok;
	if (!ok || rename(tmp, path) < 0) {
		int e = errno;

		unlink(tmp);
		free(tmp);
		errno = e;
		return -1;
	}
	free(tmp);
	if (changed)
		*changed = 1;
	return 0;
}

int fs_mkdirs(const char *path)
{
	char *p = xstrdup(path);

	for (char *s = p + 1; *s; s++) {
		if (*s != '/')
			continue;
		*s = 0;
		if (mkdir(p, 0777) < 0 && errno != EEXIST) {
			free(p);
			return -1;
		}
		*s = '/';
	}
	int rc = mkdir(p, 0777) < 0 && errno != EEXIST ? -1 : 0;

	free(p);
	return rc;
}

/* a, b and c as one new string (no printf: a catalog load joins paths thousands of times). */
char *fs_concat(const char *a, const char *b, const char *c)
{
	size_t na = strlen(a), nb = strlen(b), nc = strlen(c);
	char *s = xmalloc(na + nb + nc + 1);

	memcpy(s, a, na);
	memcpy(s + na, b, nb);
	memcpy(s + na + nb, c, nc + 1);
	return s;
}

char *fs_join(const char *a, const char *b)
{
	size_t n = strlen(a);

	if (!n || !strcmp(a, "."))
		return xstrdup(b);
	return fs_concat(a, a[n - 1] == '/' ? "" : "/", b);
}

/* "root/x/y" -> "x/y"; NULL when path is not under root. */
char *fs_relative(const char *root, const char *path)
{
	size_t n = strlen(root);

	while (n > 1 && root[n - 1] == '/')
		n--;
	if (strncmp(root, path, n) || (path[n] != '/' && path[n] != 0))
		return NULL;
	path += n;
	while (*path == '/')
		path++;
	return xstrdup(*path ? path : ".");
}

/* Length of the first component of path ("" at the end), after leading slashes. */
static size_t component(const char **path)
{
	while (**path == '/')
		(*path)++;
	return strcspn(*path, "/");
}

/* The way from folder `from` to `to`, both absolute: ".", "sub/dir", "../../x". */
char *fs_path_from(const char *from, const char *to)
{
	struct sbuf b = { 0 };
	size_t nf = component(&from), nt = component(&to);

	while (nf && nf == nt && !strncmp(from, to, nf)) { /* the common folders */
		from += nf;
		to += nt;
		nf = component(&from);
		nt = component(&to);
	}
	for (; nf; from += nf, nf = component(&from))
		sb_printf(&b, "%s..", b.s ? "/" : "");
	for (; nt; to += nt, nt = component(&to))
		sb_printf(&b, "%s%.*s", b.s ? "/" : "", (int)nt, to);
	return b.s ? b.s : xstrdup(".");
}

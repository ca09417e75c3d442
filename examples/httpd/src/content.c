/*
 * The files the httpd example serves, from the VFS: a request for /a/b.html reads
 * HTTPD_ROOT/a/b.html, a folder its index.html. A path with a ".." segment, or one that
 * is not a regular file, is never found. Without the HTTPD_ROOT folder (no initrd given)
 * "/" answers a built-in page, so the bare image still says hello.
 */
#include <string.h>
#include <kiln/vfs.h>
#include "content.h"

#define PATH_MAX_LEN 512

static const char builtin[] =
	"<!DOCTYPE html>\n<html><head><title>kiln httpd</title></head>\n"
	"<body><h1>Hello from kiln!</h1><p>A unikernel HTTP server on lwIP. Start it with "
	"kiln run --initrd DIR to serve DIR" CONFIG_HTTPD_ROOT ".</p></body></html>\n";

static const struct {
	const char *ext, *type;
} types[] = {
	{ ".html", "text/html" },   { ".htm", "text/html" },	  { ".txt", "text/plain" },
	{ ".css", "text/css" },	    { ".js", "text/javascript" }, { ".json", "application/json" },
	{ ".png", "image/png" },    { ".jpg", "image/jpeg" },	  { ".svg", "image/svg+xml" },
	{ ".ico", "image/x-icon" },
};

static const char *media_type(const char *path)
{
	size_t n = strlen(path);

	for (size_t i = 0; i < sizeof(types) / sizeof(types[0]); i++) {
		size_t e = strlen(types[i].ext);
		if (n >= e && !strcmp(path + n - e, types[i].ext))
			return types[i].type;
	}
	return "application/octet-stream";
}

/* Whether a path segment is "..". */
static int climbs(const char *p)
{
	for (const char *s = p; (s = strstr(s, "..")) != 0; s += 2)
		if (s[-1] == '/' && (s[2] == '/' || s[2] == 0))
			return 1;
	return 0;
}

/* Opens a regular file at full (or its index.html when a folder); 0, or -1. */
static int open_file(char *full, size_t size, struct content *c)
{
	struct kvfs_stat st;

	if (kvfs_stat(full, &st) < 0)
		return -1;
	if ((st.mode & KVFS_S_IFMT) == KVFS_S_IFDIR) {
		size_t n = strlen(full);
		const char *idx = n && full[n - 1] == '/' ? "index.html" : "/index.html";
		if (n + strlen(idx) >= size)
			return -1;
		strcpy(full + n, idx);
		if (kvfs_stat(full, &st) < 0)
			return -1;
	}
	if ((st.mode & KVFS_S_IFMT) != KVFS_S_IFREG)
		return -1;
	c->fd = kvfs_open(full, KVFS_O_RDONLY, 0);
	if (c->fd < 0)
		return -1;
	c->len = st.size;
	c->type = media_type(full);
	return 0;
}

int content_find(const char *path, struct content *c)
{
	char full[PATH_MAX_LEN];
	struct kvfs_stat st;

	*c = (struct content){ .fd = -1 };
	if (path[0] != '/' || climbs(path) ||
	    strlen(CONFIG_HTTPD_ROOT) + strlen(path) >= sizeof(full))
		return -1;
	size_t root = strlen(CONFIG_HTTPD_ROOT);
	memcpy(full, CONFIG_HTTPD_ROOT, root);
	strcpy(full + root, path);
	if (open_file(full, sizeof(full), c) == 0)
		return 0;
	if (strcmp(path, "/") || kvfs_stat(CONFIG_HTTPD_ROOT, &st) == 0)
		return -1;
	*c = (struct content){ builtin, -1, sizeof(builtin) - 1, "text/html" };
	return 0;
}

void content_done(struct content *c)
{
	if (c->fd >= 0)
		kvfs_close(c->fd);
	c->fd = -1;
}

long content_read(struct content *c, size_t off, void *buf, size_t len)
{
	if (off >= c->len)
		return 0;
	if (len > c->len - off)
		len = c->len - off;
	if (c->data) {
		memcpy(buf, c->data + off, len);
		return (long)len;
	}
	if (kvfs_lseek(c->fd, (int64_t)off, KVFS_SEEK_SET) < 0)
		return -1;
	return kvfs_read(c->fd, buf, len);
}

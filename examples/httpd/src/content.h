/*
 * What the httpd example serves: the files under HTTPD_ROOT in the VFS (the initrd kiln
 * run --initrd unpacks there), each with a media type from its extension, and a built-in
 * page at "/" when there is no such folder.
 */
#ifndef HTTPD_CONTENT_H
#define HTTPD_CONTENT_H

#include <stddef.h>

struct content {
	const char *data; /* the built-in page, or NULL: read from fd */
	int fd;		  /* an open VFS file, -1: none */
	size_t len;
	const char *type;
};

/* The file at path (a request target's path): 0 and c filled, -1 when there is none. A
 * file's descriptor stays open until content_done. */
int content_find(const char *path, struct content *c);
void content_done(struct content *c);

/* Up to len bytes of c's body from offset off into buf: the count, 0 at the end, -1 on an
 * error. */
long content_read(struct content *c, size_t off, void *buf, size_t len);

#endif

/*
 * What the httpd example serves: files by path, each with its media type.
 */
#ifndef HTTPD_CONTENT_H
#define HTTPD_CONTENT_H

#include <stddef.h>

struct content {
	const char *data;
	size_t len;
	const char *type;
};

/* Sets up the files to serve. 0, or -1. */
int content_init(void);

/* The file at path (a request target without its query), 0; -1 when there is none. */
int content_find(const char *path, struct content *c);

#endif

/*
 * The files the httpd example serves: a built-in page, until the image carries an initrd
 * through a VFS. Paths are the request target's path; "/" means "/index.html"; a path with
 * a ".." segment is never found.
 */
#include <string.h>
#include "content.h"

static const char index_html[] =
	"<!DOCTYPE html>\n<html><head><title>kiln httpd</title></head>\n"
	"<body><h1>Hello from kiln!</h1><p>A unikernel HTTP server on lwIP.</p></body></html>\n";

static const struct {
	const char *path, *type, *data;
	size_t len;
} files[] = {
	{ "/index.html", "text/html", index_html, sizeof(index_html) - 1 },
};

int content_init(void)
{
	return 0;
}

int content_find(const char *path, struct content *c)
{
	if (!strcmp(path, "/"))
		path = "/index.html";
	if (strstr(path, "/../") ||
	    !strcmp(path + strlen(path) - (strlen(path) >= 3 ? 3 : 0), "/.."))
		return -1;
	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		if (!strcmp(files[i].path, path)) {
			*c = (struct content){ files[i].data, files[i].len, files[i].type };
			return 0;
		}
	}
	return -1;
}

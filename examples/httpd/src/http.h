/*
 * The HTTP/1.1 request parser and response writer of the httpd example (RFC 9112): a
 * request head read whole into a bounded buffer, parsed in place; nothing here knows
 * sockets, so it is testable on any bytes.
 */
#ifndef HTTPD_HTTP_H
#define HTTPD_HTTP_H

#include <stddef.h>

enum http_method { HTTP_GET, HTTP_HEAD, HTTP_OTHER };

struct http_req {
	enum http_method method;
	const char *target;  /* NUL-terminated, inside the buffer */
	int minor;	     /* HTTP/1.<minor> */
	int keep_alive;	     /* what the client asked, with the version's default */
	long content_length; /* -1: none */
};

/* Where the head ends in buf[0..len): the index past "\r\n\r\n" (or "\n\n"), 0 when not
 * there yet. */
size_t http_head_end(const char *buf, size_t len);

/* Parses the head in buf[0..len) (modified in place). 0, or the status to answer with:
 * 400 (malformed) or 505 (not HTTP/1.x). */
int http_parse(char *buf, size_t len, struct http_req *req);

/* The reason phrase of a status. */
const char *http_reason(int status);

#endif

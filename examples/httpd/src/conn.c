/*
 * One HTTP connection, served by its own thread: request heads are read into a buffer of
 * HTTPD_HEADER_MAX bytes (a longer head is answered 431 and the connection closed), parsed,
 * answered, and the connection kept for the next request when the client wants it
 * (HTTP/1.1's default; pipelined requests are taken from the same buffer). A client silent
 * for HTTPD_IDLE_MS is dropped (poll() on its descriptor before each read); since every
 * connection has its own thread, a silent one never holds up the others. The POSIX calls on
 * socket descriptors (the sockets library): read, send with MSG_MORE, poll, close.
 */
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>
#include "content.h"
#include "http.h"
#include "httpd.h"

#define HEAD_MAX CONFIG_HTTPD_HEADER_MAX
#define BODY_MAX 65536 /* request bodies are read and dropped, up to this */
#define HEAD_OUT 512   /* a response's head fits in this */

struct conn {
	int fd;
	size_t have;
	char buf[HEAD_MAX + 1];
	char out[4096]; /* the head, and the body when it fits; pieces of a larger one */
};

static int send_all(int fd, const void *p, size_t n, int more)
{
	const char *c = p;

	while (n) {
		ssize_t w = send(fd, c, n, more ? MSG_MORE : 0);
		if (w <= 0)
			return -1;
		c += w;
		n -= (size_t)w;
	}
	return 0;
}

/* Sends the status line, the fields and (unless head_only) the body: with the head when
 * it fits in out, else in pieces read from the file. */
static int respond(struct conn *cn, int status, struct content *c, int keep, int head_only)
{
	char small[64];
	struct content err;

	if (!c) {
		int n = snprintf(small, sizeof(small), "%d %s\n", status, http_reason(status));
		err = (struct content){ small, -1, (size_t)n, "text/plain" };
		c = &err;
	}
	int n = snprintf(cn->out, HEAD_OUT,
			 "HTTP/1.1 %d %s\r\nServer: kiln-httpd\r\nContent-Type: %s\r\n"
			 "Content-Length: %lu\r\n%sConnection: %s\r\n\r\n",
			 status, http_reason(status), c->type, (unsigned long)c->len,
			 status == 405 ? "Allow: GET, HEAD\r\n" : "",
			 keep ? "keep-alive" : "close");
	size_t body = head_only ? 0 : c->len, off = 0, room = sizeof(cn->out) - (size_t)n;

	if (body <= room) {
		if (body && content_read(c, 0, cn->out + n, body) != (long)body)
			return -1;
		return send_all(cn->fd, cn->out, (size_t)n + body, 0);
	}
	if (send_all(cn->fd, cn->out, (size_t)n, 1))
		return -1;
	while (off < body) {
		long r = content_read(c, off, cn->out, sizeof(cn->out));
		if (r <= 0 || send_all(cn->fd, cn->out, (size_t)r, off + (size_t)r < body))
			return -1;
		off += (size_t)r;
	}
	return 0;
}

/* Up to n bytes from the client once it sends some: the count, or 0 when it went, failed
 * or stayed silent for HTTPD_IDLE_MS. */
static size_t read_idle(int fd, void *buf, size_t n)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };
	ssize_t r;

	if (poll(&p, 1, CONFIG_HTTPD_IDLE_MS) != 1)
		return 0;
	r = read(fd, buf, n);
	return r > 0 ? (size_t)r : 0;
}

/* Reads until buf holds a whole head; its length, 0 when the client went (or idled). */
static size_t read_head(struct conn *cn, int *too_big)
{
	size_t end;

	*too_big = 0;
	while (!(end = http_head_end(cn->buf, cn->have))) {
		if (cn->have == HEAD_MAX) {
			*too_big = 1;
			return 0;
		}
		size_t r = read_idle(cn->fd, cn->buf + cn->have, HEAD_MAX - cn->have);
		if (!r)
			return 0;
		cn->have += r;
	}
	return end;
}

/* Drops a request body of n bytes, part of which may follow the head in buf. */
static int skip_body(struct conn *cn, size_t head, long n)
{
	size_t in_buf = cn->have - head;
	size_t take = (size_t)n < in_buf ? (size_t)n : in_buf;

	memmove(cn->buf + head, cn->buf + head + take, in_buf - take);
	cn->have -= take;
	n -= (long)take;
	while (n > 0) {
		char sink[512];
		size_t r = read_idle(cn->fd, sink,
				     (size_t)n < sizeof(sink) ? (size_t)n : sizeof(sink));
		if (!r)
			return -1;
		n -= (long)r;
	}
	return 0;
}

/* Answers one request whose head is buf[0..head); 1 to keep the connection. */
static int answer(struct conn *cn, size_t head)
{
	struct http_req req;
	struct content c;
	int st = http_parse(cn->buf, head, &req);

	if (st) {
		respond(cn, st, 0, 0, 0);
		return 0;
	}
	if (req.content_length > BODY_MAX) {
		respond(cn, 413, 0, 0, 0);
		return 0;
	}
	if (req.content_length > 0 && skip_body(cn, head, req.content_length))
		return 0;
	if (req.method == HTTP_OTHER)
		st = 405;
	char *q = strchr(req.target, '?');
	if (q)
		*q = 0;
	if (!st && content_find(req.target, &c))
		st = 404;
	int r = respond(cn, st ? st : 200, st ? 0 : &c, req.keep_alive, req.method == HTTP_HEAD);
	if (!st)
		content_done(&c);
	return r ? 0 : req.keep_alive;
}

static void serve(struct conn *cn)
{
	for (;;) {
		int too_big;
		size_t head = read_head(cn, &too_big);

		if (too_big)
			respond(cn, 431, 0, 0, 0);
		if (!head || !answer(cn, head))
			return;
		memmove(cn->buf, cn->buf + head, cn->have - head); /* a pipelined next request */
		cn->have -= head;
	}
}

void *httpd_conn_thread(void *arg)
{
	struct conn *cn = arg;

	serve(cn);
	close(cn->fd);
	httpd_conn_free(cn);
	return 0;
}

void *httpd_conn_new(int fd)
{
	struct conn *cn = httpd_conn_alloc(sizeof(*cn));

	if (cn) {
		cn->fd = fd;
		cn->have = 0;
	}
	return cn;
}

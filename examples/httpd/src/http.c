/*
 * HTTP/1.1 request heads (RFC 9112 §2-§3, §9.3): "METHOD SP target SP HTTP/1.x CRLF", then
 * header fields "name: value CRLF" up to an empty line. The parser is strict where
 * leniency is a hazard (a bare LF, a space before the colon, a control character, several
 * Content-Length fields are all 400) and reads only what the server acts on: Connection
 * and Content-Length.
 */
#include <string.h>
#include "http.h"

/* An empty line ends the head: CRLF CRLF, or two bare LFs (which the parser then refuses
 * with 400 rather than waiting for a CRLF that a sloppy client never sends). */
size_t http_head_end(const char *buf, size_t len)
{
	for (size_t i = 1; i < len; i++) {
		if (buf[i] != '\n')
			continue;
		if (buf[i - 1] == '\n' ||
		    (i >= 3 && buf[i - 1] == '\r' && buf[i - 2] == '\n' && buf[i - 3] == '\r'))
			return i + 1;
	}
	return 0;
}

static int is_tchar(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       (c && strchr("!#$%&'*+-.^_`|~", c));
}

static int lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

static int ieq(const char *a, const char *b)
{
	while (*a && lower(*a) == lower(*b))
		a++, b++;
	return *a == 0 && *b == 0;
}

/* Whether the comma-separated list v holds token t (any case). */
static int has_token(const char *v, const char *t)
{
	size_t n = strlen(t);

	while (*v) {
		while (*v == ' ' || *v == '\t' || *v == ',')
			v++;
		size_t i = 0;
		while (i < n && lower(v[i]) == lower(t[i]))
			i++;
		if (i == n && (v[n] == 0 || v[n] == ',' || v[n] == ' ' || v[n] == '\t'))
			return 1;
		while (*v && *v != ',')
			v++;
	}
	return 0;
}

/* Splits off the line at *p (ended by CRLF); NULL for a bare LF or CR. */
static char *next_line(char **p, char *end)
{
	char *s = *p;

	for (char *q = s; q + 1 < end; q++) {
		if (*q == '\r' && q[1] == '\n') {
			*q = 0;
			*p = q + 2;
			return s;
		}
		if (*q == '\r' || *q == '\n')
			return 0;
	}
	return 0;
}

/* GET and HEAD are served; any other method (a token) is answered 405 (RFC 9110 §9.1). */
static void parse_method(const char *m, struct http_req *req)
{
	if (!strcmp(m, "GET"))
		req->method = HTTP_GET;
	else if (!strcmp(m, "HEAD"))
		req->method = HTTP_HEAD;
	else
		req->method = HTTP_OTHER;
}

static int parse_request_line(char *line, struct http_req *req)
{
	char *sp1 = strchr(line, ' '), *sp2 = sp1 ? strchr(sp1 + 1, ' ') : 0;

	if (!sp1 || !sp2 || sp1 == line || sp2 == sp1 + 1 || strchr(sp2 + 1, ' '))
		return 400;
	*sp1 = *sp2 = 0;
	for (char *c = line; *c; c++)
		if (!is_tchar(*c))
			return 400;
	for (char *c = sp1 + 1; *c; c++)
		if ((unsigned char)*c <= ' ' || *c == 0x7f)
			return 400;
	const char *v = sp2 + 1;
	if (strncmp(v, "HTTP/", 5) || v[5] < '0' || v[5] > '9' || v[6] != '.' || v[7] < '0' ||
	    v[7] > '9' || v[8])
		return 400;
	if (v[5] != '1')
		return 505;
	req->minor = v[7] - '0';
	req->keep_alive = req->minor >= 1;
	req->target = sp1 + 1;
	if (req->target[0] != '/')
		return 400;
	parse_method(line, req);
	return 0;
}

static int parse_length(const char *v, long *out)
{
	long n = 0;

	if (!*v)
		return 400;
	for (; *v; v++) {
		if (*v < '0' || *v > '9' || n > 100000000)
			return 400;
		n = n * 10 + (*v - '0');
	}
	if (*out >= 0 && *out != n)
		return 400;
	*out = n;
	return 0;
}

static int parse_field(char *line, struct http_req *req)
{
	char *colon = strchr(line, ':');

	if (!colon || colon == line)
		return 400;
	*colon = 0;
	for (char *c = line; *c; c++)
		if (!is_tchar(*c))
			return 400; /* includes a space before the colon (RFC 9112 §5.1) */
	char *v = colon + 1, *e;
	while (*v == ' ' || *v == '\t')
		v++;
	for (e = v; *e; e++)
		if ((unsigned char)*e < ' ' && *e != '\t')
			return 400;
	while (e > v && (e[-1] == ' ' || e[-1] == '\t'))
		*--e = 0;
	if (ieq(line, "connection")) {
		if (has_token(v, "close"))
			req->keep_alive = 0;
		else if (has_token(v, "keep-alive"))
			req->keep_alive = 1;
	} else if (ieq(line, "content-length")) {
		return parse_length(v, &req->content_length);
	} else if (ieq(line, "transfer-encoding")) {
		return 400; /* no request bodies are taken in chunks here */
	}
	return 0;
}

int http_parse(char *buf, size_t len, struct http_req *req)
{
	char *p = buf, *end = buf + len, *line;

	memset(req, 0, sizeof(*req));
	req->content_length = -1;
	if (memchr(buf, 0, len))
		return 400;
	line = next_line(&p, end);
	if (!line)
		return 400;
	int st = parse_request_line(line, req);
	if (st)
		return st;
	while ((line = next_line(&p, end)) != 0 && *line) {
		st = parse_field(line, req);
		if (st)
			return st;
	}
	return line ? 0 : 400;
}

const char *http_reason(int status)
{
	switch (status) {
	case 200:
		return "OK";
	case 400:
		return "Bad Request";
	case 404:
		return "Not Found";
	case 405:
		return "Method Not Allowed";
	case 408:
		return "Request Timeout";
	case 413:
		return "Content Too Large";
	case 431:
		return "Request Header Fields Too Large";
	case 500:
		return "Internal Server Error";
	case 501:
		return "Not Implemented";
	case 505:
		return "HTTP Version Not Supported";
	default:
		return "Unknown";
	}
}

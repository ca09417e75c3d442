/*
 * httpd: an HTTP/1.1 server on the POSIX sockets API (the sockets library: descriptors
 * of the VFS on lwIP), one thread per connection,
 * serving the files under HTTPD_ROOT of the initrd (content.c). Listens on HTTPD_PORT, or on the
 * port an argument port=N names, and runs until the machine stops.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <kiln/sched.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include "content.h"
#include "httpd.h"

void *httpd_conn_alloc(size_t n)
{
	return malloc(n);
}

void httpd_conn_free(void *p)
{
	free(p);
}

static int listen_on(int port)
{
	struct sockaddr_in a;
	int one = 1, s = socket(AF_INET, SOCK_STREAM, 0);

	if (s < 0)
		return -1;
	setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	memset(&a, 0, sizeof(a));
	a.sin_family = AF_INET;
	a.sin_port = htons((uint16_t)port);
	a.sin_addr.s_addr = htonl(INADDR_ANY);
	if (bind(s, (struct sockaddr *)&a, sizeof(a)) || listen(s, 64)) {
		close(s);
		return -1;
	}
	return s;
}

/* Per connection: replies go out at once (a silent client is dropped by conn.c's poll). */
static void tune(int fd)
{
	int one = 1;

	setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
}

static void start(int fd)
{
	void *cn = httpd_conn_new(fd);
	struct kthread *t = cn ? kthread_create("http", httpd_conn_thread, cn, 0) : 0;

	if (!t) {
		if (cn)
			httpd_conn_free(cn);
		close(fd);
		return;
	}
	kthread_detach(t);
}

int main(int argc, char **argv)
{
	int port = CONFIG_HTTPD_PORT;

	for (int i = 1; i < argc; i++)
		if (!strncmp(argv[i], "port=", 5))
			port = atoi(argv[i] + 5);
	int s = listen_on(port);
	if (s < 0) {
		printf("httpd: cannot listen on port %d\n", port);
		return 1;
	}
	printf("httpd: listening on port %d\n", port);
	for (;;) {
		int c = accept(s, 0, 0);
		if (c < 0) {
			kthread_sleep_ns(10000000); /* out of sockets: let connections end */
			continue;
		}
		tune(c);
		start(c);
	}
}

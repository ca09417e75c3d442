/*
 * The httpd example's pieces: the listener (main.c) and one thread per connection
 * (conn.c).
 */
#ifndef HTTPD_HTTPD_H
#define HTTPD_HTTPD_H

#include <stddef.h>

/* A connection's state for fd, NULL when memory is out. */
void *httpd_conn_new(int fd);

/* The thread serving a connection from httpd_conn_new; it closes fd and frees the state. */
void *httpd_conn_thread(void *conn);

void *httpd_conn_alloc(size_t n);
void httpd_conn_free(void *p);

#endif

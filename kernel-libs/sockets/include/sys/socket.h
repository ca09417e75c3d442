/*
 * <sys/socket.h> for newlib, which has none: the BSD socket calls on VFS descriptors
 * (kernel-libs/sockets/src/socket.c), with lwIP's types and constants (struct sockaddr,
 * socklen_t, AF_*, SOCK_*, SOL_SOCKET, SO_*, MSG_*, SHUT_*) from lwip/sockets.h. <poll.h>
 * comes first so lwIP does not define struct pollfd a second time, and <fcntl.h> so that
 * O_NONBLOCK and F_GETFL are newlib's (fcntl on a socket is the VFS's), not lwIP's.
 */
#ifndef KILN_SYS_SOCKET_H
#define KILN_SYS_SOCKET_H

#include <sys/types.h>
#include <fcntl.h>
#include <poll.h>
#include "lwip/sockets.h"

/* Flags or'ed into socket()'s type and given to accept4 (Linux's values; lwIP has none). */
#define SOCK_NONBLOCK 0x800
#define SOCK_CLOEXEC  0x80000

int socket(int domain, int type, int protocol);
int bind(int fd, const struct sockaddr *addr, socklen_t len);
int listen(int fd, int backlog);
int accept(int fd, struct sockaddr *addr, socklen_t *len);
int accept4(int fd, struct sockaddr *addr, socklen_t *len, int flags);
int connect(int fd, const struct sockaddr *addr, socklen_t len);
ssize_t send(int fd, const void *buf, size_t len, int flags);
ssize_t recv(int fd, void *buf, size_t len, int flags);
ssize_t sendto(int fd, const void *buf, size_t len, int flags, const struct sockaddr *to,
	       socklen_t tolen);
ssize_t recvfrom(int fd, void *buf, size_t len, int flags, struct sockaddr *from,
		 socklen_t *fromlen);
int setsockopt(int fd, int level, int name, const void *val, socklen_t len);
int getsockopt(int fd, int level, int name, void *val, socklen_t *len);
int shutdown(int fd, int how);
int getsockname(int fd, struct sockaddr *addr, socklen_t *len);
int getpeername(int fd, struct sockaddr *addr, socklen_t *len);

#endif

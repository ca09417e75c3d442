/*
 * The sockets library's own calls, beside the POSIX ones (<sys/socket.h>, <poll.h>): which
 * lwIP socket a VFS descriptor stands for, for code (and tests) that must reach lwIP itself.
 */
#ifndef KILN_SOCKET_H
#define KILN_SOCKET_H

/* The lwIP socket number behind VFS descriptor fd, or -1 when fd is not a socket. */
int ksock_lwip_fd(int fd);

#endif

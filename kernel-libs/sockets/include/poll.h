/*
 * <poll.h> for newlib, which has none: poll() on any mix of VFS descriptors (files, devices,
 * sockets; kernel-libs/sockets/src/poll.c). The events, struct pollfd and nfds_t are the
 * ones lwIP's lwip/sockets.h defines when they are missing, with the same values, so either
 * header may come first and lwip_poll takes these structures as they are.
 */
#ifndef KILN_POLL_H
#define KILN_POLL_H

#if !defined(POLLIN) && !defined(POLLOUT)
#define POLLIN	   0x1
#define POLLOUT	   0x2
#define POLLERR	   0x4
#define POLLNVAL   0x8
#define POLLRDNORM 0x10
#define POLLRDBAND 0x20
#define POLLPRI	   0x40
#define POLLWRNORM 0x80
#define POLLWRBAND 0x100
#define POLLHUP	   0x200
typedef unsigned int nfds_t;
struct pollfd {
	int fd;
	short events;
	short revents;
};
#endif

/* POSIX poll: timeout in ms, -1 waits for ever. The count of entries with revents, 0 on
 * timeout, or -1 and errno (EINVAL, ENOMEM). */
int poll(struct pollfd *fds, nfds_t nfds, int timeout);

#endif

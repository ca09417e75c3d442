/*
 * poll() and select() on any mix of VFS descriptors. Sockets wait in lwIP (lwip_poll, on
 * their lwIP numbers, with the caller's timeout); every other node answers at once through
 * the VFS (kvfs_poll: a regular file or a device without a poll op is always ready). When a
 * file is ready the sockets are only looked at (timeout 0), as poll must not wait then; when
 * a node with a poll op is not ready, the wait is cut in slices of KSOCK_SLICE_MS so it is
 * asked again. select() is poll() on the descriptors its sets name.
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <kiln/sched.h>
#include <kiln/socket.h>
#include <kiln/vfs.h>

#define KSOCK_SLICE_MS 10
#define KSOCK_SMALL    16 /* entries polled without an allocation */

_Static_assert(KVFS_POLLIN == POLLIN && KVFS_POLLOUT == POLLOUT && KVFS_POLLERR == POLLERR &&
		       KVFS_POLLHUP == POLLHUP,
	       "the VFS's readiness bits are poll()'s");

struct ksock_scan {
	int ready;   /* files with revents */
	int sockets; /* entries for lwIP */
	int pending; /* files with a poll op, not ready */
};

/* Splits fds: sockets into lw (their lwIP numbers, the rest -1, which lwIP skips), files
 * answered into fds[i].revents now. */
static struct ksock_scan ksock_scan(struct pollfd *fds, nfds_t n, struct pollfd *lw)
{
	struct ksock_scan sc = { 0, 0, 0 };

	for (nfds_t i = 0; i < n; i++) {
		int s = fds[i].fd < 0 ? -1 : ksock_lwip_fd(fds[i].fd);
		int r;

		lw[i] = (struct pollfd){ .fd = s, .events = fds[i].events };
		fds[i].revents = 0;
		if (fds[i].fd < 0)
			continue;
		if (s >= 0) {
			sc.sockets++;
			continue;
		}
		r = kvfs_poll(fds[i].fd, fds[i].events);
		fds[i].revents =
			(short)(r < 0 ? POLLNVAL : r & (fds[i].events | POLLERR | POLLHUP));
		sc.ready += fds[i].revents != 0;
		sc.pending += r == 0 && kvfs_fd_node(fds[i].fd)->ops->poll;
	}
	return sc;
}

/* Waits up to ms (-1: for ever) for a socket in lw, or sleeps when there is none. */
static int ksock_wait(struct pollfd *lw, nfds_t n, int sockets, int ms)
{
	if (sockets)
		return lwip_poll(lw, n, ms);
	if (ms != 0)
		kthread_sleep_ns((uint64_t)(ms < 0 ? KSOCK_SLICE_MS : ms) * 1000000);
	return 0;
}

/* One round: the count of entries with revents, or -1. *ms is what is left of the wait. */
static int ksock_round(struct pollfd *fds, nfds_t n, struct pollfd *lw, int *ms)
{
	struct ksock_scan sc = ksock_scan(fds, n, lw);
	int wait = sc.ready ? 0 : *ms, got;

	if (!sc.ready && (sc.pending || !sc.sockets) && (wait < 0 || wait > KSOCK_SLICE_MS))
		wait = sc.pending || wait < 0 ? KSOCK_SLICE_MS : wait;
	if ((got = ksock_wait(lw, n, sc.sockets, wait)) < 0)
		return -1;
	if (*ms > 0)
		*ms = *ms > wait ? *ms - wait : 0;
	for (nfds_t i = 0; i < n && got > 0; i++)
		if (lw[i].fd >= 0)
			fds[i].revents = lw[i].revents;
	return sc.ready + (got > 0 ? got : 0);
}

int poll(struct pollfd *fds, nfds_t n, int timeout)
{
	struct pollfd small[KSOCK_SMALL], *lw = small;
	int ms = timeout < 0 ? -1 : timeout, got;

	if (n > KSOCK_SMALL && !(lw = calloc(n, sizeof(*lw)))) {
		errno = ENOMEM;
		return -1;
	}
	do
		got = ksock_round(fds, n, lw, &ms);
	while (got == 0 && ms != 0);
	if (lw != small)
		free(lw);
	return got;
}

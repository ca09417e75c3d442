/*
 * select() as poll() (src/poll.c) on the descriptors its sets name: POLLIN for readfds,
 * POLLOUT for writefds, POLLPRI for exceptfds; then the sets hold the descriptors found
 * ready. The library builds with the FD_SETSIZE lwIP and httpd use (lib.json); only the
 * first n bits of each set are read or written, so a caller with a smaller fd_set is safe.
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <sys/select.h>
#include <sys/socket.h>

static short ksel_events(int fd, fd_set *r, fd_set *w, fd_set *e)
{
	return (short)((r && FD_ISSET(fd, r) ? POLLIN : 0) | (w && FD_ISSET(fd, w) ? POLLOUT : 0) |
		       (e && FD_ISSET(fd, e) ? POLLPRI : 0));
}

/* The timeout in ms, rounded up; -1 for none (wait for ever). */
static int ksel_ms(const struct timeval *tv)
{
	long long ms;

	if (!tv)
		return -1;
	ms = (long long)tv->tv_sec * 1000 + (tv->tv_usec + 999) / 1000;
	return ms > INT_MAX ? INT_MAX : (int)ms;
}

/* Puts fd in set when one of bits is in revents; 1 when it did. */
static int ksel_mark(fd_set *set, int fd, short revents, short bits)
{
	if (!set || !(revents & bits))
		return 0;
	FD_SET(fd, set);
	return 1;
}

/* The sets rewritten from p's results: the number of bits set, or -1 and EBADF. */
static int ksel_collect(struct pollfd *p, int count, int n, fd_set *r, fd_set *w, fd_set *e)
{
	int bits = 0;

	for (int i = 0; i < count; i++)
		if (p[i].revents & POLLNVAL)
			return errno = EBADF, -1;
	for (int fd = 0; fd < n; fd++) {
		if (r)
			FD_CLR(fd, r);
		if (w)
			FD_CLR(fd, w);
		if (e)
			FD_CLR(fd, e);
	}
	for (int i = 0; i < count; i++) {
		bits += ksel_mark(r, p[i].fd, p[i].revents, POLLIN | POLLHUP | POLLERR);
		bits += ksel_mark(w, p[i].fd, p[i].revents, POLLOUT | POLLERR);
		bits += ksel_mark(e, p[i].fd, p[i].revents, POLLPRI);
	}
	return bits;
}

int select(int n, fd_set *r, fd_set *w, fd_set *e, struct timeval *tv)
{
	struct pollfd *p;
	int count = 0, rc;

	if (n < 0 || n > FD_SETSIZE || (tv && (tv->tv_sec < 0 || tv->tv_usec < 0)))
		return errno = EINVAL, -1;
	for (int fd = 0; fd < n; fd++)
		count += ksel_events(fd, r, w, e) != 0;
	if (!(p = calloc(count ? (size_t)count : 1, sizeof(*p))))
		return errno = ENOMEM, -1;
	count = 0;
	for (int fd = 0; fd < n; fd++) {
		short ev = ksel_events(fd, r, w, e);

		if (ev)
			p[count++] = (struct pollfd){ .fd = fd, .events = ev };
	}
	rc = poll(p, (nfds_t)count, ksel_ms(tv));
	if (rc >= 0)
		rc = ksel_collect(p, count, n, r, w, e);
	free(p);
	return rc;
}

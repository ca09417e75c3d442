/*
 * BSD sockets as VFS descriptors: each lwIP socket gets a node in no directory (struct
 * ksock) and a descriptor from the VFS's table (kvfs_fd_install), so read, write, close,
 * fstat (S_IFSOCK) and poll work on it like on any file, and socket numbers never collide
 * with file numbers. The calls of <sys/socket.h> find the lwIP socket behind a descriptor
 * and pass through; lwIP sets errno itself. Closing the last descriptor (dup makes more)
 * closes the lwIP socket (ops.release). O_NONBLOCK (fcntl F_SETFL, SOCK_NONBLOCK) is lwIP's
 * own non-blocking mode, set through the node's setfl op.
 */
#include <errno.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <kiln/socket.h>
#include <kiln/vfs.h>

struct ksock {
	struct kvfs_node node;
	int s; /* lwIP's socket number */
};

static const struct kvfs_ops ksock_ops;

/* An lwIP result for the VFS: the count, or the negative errno value lwIP set. */
static long ksock_vfs_ret(long rc)
{
	return rc < 0 ? -(long)errno : rc;
}

static long ksock_read(struct kvfs_node *n, void *buf, size_t len, uint64_t off)
{
	(void)off;
	return ksock_vfs_ret(lwip_read(((struct ksock *)n)->s, buf, len));
}

static long ksock_write(struct kvfs_node *n, const void *buf, size_t len, uint64_t off)
{
	(void)off;
	return ksock_vfs_ret(lwip_write(((struct ksock *)n)->s, buf, len));
}

static int ksock_poll(struct kvfs_node *n, int events)
{
	struct pollfd p = { .fd = ((struct ksock *)n)->s, .events = (short)events };

	return lwip_poll(&p, 1, 0) < 0 ? KVFS_POLLERR : p.revents;
}

/* F_SETFL's O_NONBLOCK, passed to lwIP (which then fails accept, recv, send with
 * EWOULDBLOCK and connect with EINPROGRESS rather than waiting). */
static int ksock_setfl(struct kvfs_node *n, int flags)
{
	int on = (flags & KVFS_O_NONBLOCK) != 0;

	return lwip_ioctl(((struct ksock *)n)->s, (long)FIONBIO, &on) < 0 ? -errno : 0;
}

static void ksock_release(struct kvfs_node *n)
{
	lwip_close(((struct ksock *)n)->s);
	free(n);
}

static const struct kvfs_ops ksock_ops = { .read = ksock_read,
					   .write = ksock_write,
					   .poll = ksock_poll,
					   .setfl = ksock_setfl,
					   .release = ksock_release };

/* A descriptor for lwIP socket s, with SOCK_NONBLOCK and SOCK_CLOEXEC of flags; on failure
 * s is closed, errno set, -1. */
static int ksock_install(int s, int flags)
{
	int nonblock = (flags & SOCK_NONBLOCK) != 0, err;
	struct ksock *k;
	int fd;

	if (s < 0)
		return -1;
	if (nonblock && lwip_ioctl(s, (long)FIONBIO, &nonblock) < 0) {
		err = errno;
		lwip_close(s);
		return errno = err, -1;
	}
	if (!(k = calloc(1, sizeof(*k)))) {
		lwip_close(s);
		errno = ENOMEM;
		return -1;
	}
	k->node = (struct kvfs_node){ .ops = &ksock_ops, .mode = KVFS_S_IFSOCK | 0777 };
	k->s = s;
	fd = kvfs_fd_install(&k->node, KVFS_O_RDWR | (nonblock ? KVFS_O_NONBLOCK : 0));
	if (fd < 0) {
		ksock_release(&k->node);
		errno = -fd;
		return -1;
	}
	if (flags & SOCK_CLOEXEC)
		kvfs_fcntl(fd, KVFS_F_SETFD, KVFS_FD_CLOEXEC);
	return fd;
}

int ksock_lwip_fd(int fd)
{
	struct kvfs_node *n = kvfs_fd_node(fd);

	return n && n->ops == &ksock_ops ? ((struct ksock *)n)->s : -1;
}

/* The lwIP socket behind fd, or -1 with errno EBADF (not open) or ENOTSOCK (a file). */
static int ksock_of(int fd)
{
	int s = ksock_lwip_fd(fd);

	if (s < 0)
		errno = kvfs_fd_node(fd) ? ENOTSOCK : EBADF;
	return s;
}

#define KSOCK_TYPE_FLAGS (SOCK_NONBLOCK | SOCK_CLOEXEC)

int socket(int domain, int type, int protocol)
{
	return ksock_install(lwip_socket(domain, type & ~KSOCK_TYPE_FLAGS, protocol),
			     type & KSOCK_TYPE_FLAGS);
}

/* The accepted socket blocks unless flags has SOCK_NONBLOCK, whatever fd's O_NONBLOCK (as
 * on Linux); a non-blocking fd with no connection waiting fails with EWOULDBLOCK. */
int accept4(int fd, struct sockaddr *addr, socklen_t *len, int flags)
{
	int s = ksock_of(fd);

	if (flags & ~KSOCK_TYPE_FLAGS)
		return errno = EINVAL, -1;
	return s < 0 ? -1 : ksock_install(lwip_accept(s, addr, len), flags);
}

int accept(int fd, struct sockaddr *addr, socklen_t *len)
{
	return accept4(fd, addr, len, 0);
}

int bind(int fd, const struct sockaddr *addr, socklen_t len)
{
	int s = ksock_of(fd);

	return s < 0 ? -1 : lwip_bind(s, addr, len);
}

int listen(int fd, int backlog)
{
	int s = ksock_of(fd);

	return s < 0 ? -1 : lwip_listen(s, backlog);
}

int connect(int fd, const struct sockaddr *addr, socklen_t len)
{
	int s = ksock_of(fd);

	return s < 0 ? -1 : lwip_connect(s, addr, len);
}

ssize_t send(int fd, const void *buf, size_t len, int flags)
{
	int s = ksock_of(fd);

	return s < 0 ? -1 : lwip_send(s, buf, len, flags);
}

ssize_t recv(int fd, void *buf, size_t len, int flags)
{
	int s = ksock_of(fd);

	return s < 0 ? -1 : lwip_recv(s, buf, len, flags);
}

ssize_t sendto(int fd, const void *buf, size_t len, int flags, const struct sockaddr *to,
	       socklen_t tolen)
{
	int s = ksock_of(fd);

	return s < 0 ? -1 : lwip_sendto(s, buf, len, flags, to, tolen);
}

ssize_t recvfrom(int fd, void *buf, size_t len, int flags, struct sockaddr *from,
		 socklen_t *fromlen)
{
	int s = ksock_of(fd);

	return s < 0 ? -1 : lwip_recvfrom(s, buf, len, flags, from, fromlen);
}

int setsockopt(int fd, int level, int name, const void *val, socklen_t len)
{
	int s = ksock_of(fd);

	return s < 0 ? -1 : lwip_setsockopt(s, level, name, val, len);
}

int getsockopt(int fd, int level, int name, void *val, socklen_t *len)
{
	int s = ksock_of(fd);

	return s < 0 ? -1 : lwip_getsockopt(s, level, name, val, len);
}

int shutdown(int fd, int how)
{
	int s = ksock_of(fd);

	return s < 0 ? -1 : lwip_shutdown(s, how);
}

int getsockname(int fd, struct sockaddr *addr, socklen_t *len)
{
	int s = ksock_of(fd);

	return s < 0 ? -1 : lwip_getsockname(s, addr, len);
}

int getpeername(int fd, struct sockaddr *addr, socklen_t *len)
{
	int s = ksock_of(fd);

	return s < 0 ? -1 : lwip_getpeername(s, addr, len);
}

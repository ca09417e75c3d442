/*
 * The descriptor calls beside read and write, in the guest: dup, dup2 and fcntl on ramfs
 * files and on sockets (a descriptor names an open file that dup shares: one offset, one
 * O_NONBLOCK, closed with its last descriptor), and non-blocking sockets over lwIP's
 * loopback (127.0.0.1): accept, recv, read and send fail with EAGAIN instead of waiting,
 * connect with EINPROGRESS, SOCK_NONBLOCK and accept4.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <string.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <sys/socket.h>
#include <kiln/plat.h>
#include <kiln/socket.h>
#include <kiln/test.h>
#include <kiln/vfs.h>

#define PORT 7008

/* A ramfs file named path holding text, open for reading and writing at offset 0. */
static int file_with(const char *path, const char *text)
{
	int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0644);
	long n = (long)strlen(text);

	if (fd >= 0 && (write(fd, text, (size_t)n) != n || lseek(fd, 0, SEEK_SET) != 0))
		return close(fd), -1;
	return fd;
}

/* errno after a call that must fail with -1, or 0 when it did not fail. */
#define FAILS_WITH(call) ((errno = 0, (call)) == -1 ? errno : 0)

/* The sockets below wait at most WAIT_MS in a blocking call (SO_RCVTIMEO, SO_SNDTIMEO), so a
 * socket that blocks when it should not fails the case (with EAGAIN, late) instead of hanging
 * the guest; EAGAIN_AT_ONCE tells the two apart. */
#define WAIT_MS 1000
#define EAGAIN_AT_ONCE(call)                                                                       \
	({                                                                                         \
		uint64_t t0_ = (errno = 0, plat_time_ns());                                        \
		eagain_at_once(t0_, (call));                                                       \
	})

static int eagain_at_once(uint64_t t0, long rc)
{
	return rc == -1 && errno == EAGAIN && plat_time_ns() - t0 < WAIT_MS / 2 * 1000000ull;
}

static int bounded(int fd)
{
	struct timeval tv = { WAIT_MS / 1000, 0 };

	if (fd >= 0 && (setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv)) ||
			setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv))))
		return -1;
	return fd;
}

/* A node in no directory that counts its releases: dup2 onto its descriptor closes it. */
static int node_released;

static long node_read(struct kvfs_node *n, void *buf, size_t len, uint64_t off)
{
	(void)n, (void)buf, (void)len, (void)off;
	return 0;
}

static void node_release(struct kvfs_node *n)
{
	(void)n;
	node_released++;
}

static const struct kvfs_ops node_ops = { .read = node_read, .release = node_release };
static struct kvfs_node node = { .ops = &node_ops, .mode = KVFS_S_IFCHR | 0600 };

KTEST_SUITE(files_dup, NULL);

KTEST_CASE(files_dup, dup_shares_the_offset_and_outlives_close)
{
	int f = file_with("/dup-a", "file"), d = dup(f);
	char buf[8] = { 0 };

	KTEST_TRUE(f > 2 && d > 2 && d != f);
	KTEST_EQ(read(f, buf, 2), 2);
	KTEST_EQ(read(d, buf + 2, 2), 2); /* from where f stopped */
	KTEST_MEMEQ(buf, "file", 4);
	KTEST_EQ(close(f), 0);
	KTEST_EQ(lseek(d, 1, SEEK_SET), 1);
	KTEST_EQ(read(d, buf, 8), 3);
	KTEST_MEMEQ(buf, "ile", 3);
	KTEST_EQ(close(d), 0);
	KTEST_EQ(FAILS_WITH(close(d)), EBADF);
}

KTEST_CASE(files_dup, dup2_closes_the_target_first)
{
	int f = file_with("/dup-b", "bee"), t = kvfs_fd_install(&node, KVFS_O_RDWR);
	char buf[4] = { 0 };

	node_released = 0;
	KTEST_TRUE(f > 2 && t > 2);
	KTEST_EQ(dup2(f, t), t);
	KTEST_EQ(node_released, 1);
	KTEST_EQ(read(t, buf, 3), 3);
	KTEST_MEMEQ(buf, "bee", 3);
	KTEST_EQ(dup2(f, f), f);
	KTEST_EQ(close(f), 0);
	KTEST_EQ(lseek(t, 0, SEEK_CUR), 3); /* still open through t */
	KTEST_EQ(close(t), 0);
}

KTEST_CASE(files_dup, installed_node_closes_with_its_last_descriptor)
{
	int t = kvfs_fd_install(&node, KVFS_O_RDWR), d = dup(t);

	node_released = 0;
	KTEST_TRUE(t > 2 && d > 2);
	KTEST_EQ(close(t), 0);
	KTEST_EQ(node_released, 0);
	KTEST_EQ(close(d), 0);
	KTEST_EQ(node_released, 1);
}

KTEST_CASE(files_dup, bad_descriptors_are_errors)
{
	int f = file_with("/dup-c", "c");

	KTEST_EQ(FAILS_WITH(dup(-1)), EBADF);
	KTEST_EQ(FAILS_WITH(dup(1000)), EBADF);
	KTEST_EQ(FAILS_WITH(dup2(1000, f)), EBADF);
	KTEST_EQ(FAILS_WITH(dup2(f, -1)), EBADF);
	KTEST_EQ(FAILS_WITH(dup2(f, CONFIG_VFS_FILES)), EBADF);
	KTEST_EQ(FAILS_WITH(fcntl(1000, F_GETFL)), EBADF);
	KTEST_EQ(FAILS_WITH(fcntl(f, F_GETLK, 0)), EINVAL);
	KTEST_EQ(FAILS_WITH(fcntl(f, F_DUPFD, -1)), EINVAL);
	KTEST_EQ(FAILS_WITH(fcntl(f, F_DUPFD, CONFIG_VFS_FILES)), EINVAL);
	close(f);
}

KTEST_CASE(files_dup, a_full_table_is_emfile)
{
	int f = file_with("/dup-d", "d"), fds[CONFIG_VFS_FILES], n = 0, err;

	while (n < CONFIG_VFS_FILES && (fds[n] = dup(f)) >= 0)
		n++;
	err = errno;
	KTEST_TRUE(n > 0 && n < CONFIG_VFS_FILES - 3);
	KTEST_EQ(err, EMFILE);
	while (n > 0)
		close(fds[--n]);
	KTEST_TRUE((n = dup(f)) >= 0);
	close(n);
	close(f);
}

KTEST_SUITE(files_fcntl, NULL);

KTEST_CASE(files_fcntl, cloexec_is_the_descriptors_own)
{
	int f = file_with("/fcntl-a", "a"), d, high;

	KTEST_EQ(fcntl(f, F_GETFD), 0);
	KTEST_EQ(fcntl(f, F_SETFD, FD_CLOEXEC), 0);
	KTEST_EQ(fcntl(f, F_GETFD), FD_CLOEXEC);
	d = dup(f);
	KTEST_EQ(fcntl(d, F_GETFD), 0);
	KTEST_EQ(fcntl(f, F_GETFD), FD_CLOEXEC);
	high = fcntl(f, F_DUPFD_CLOEXEC, 20);
	KTEST_TRUE(high >= 20);
	KTEST_EQ(fcntl(high, F_GETFD), FD_CLOEXEC);
	KTEST_EQ(fcntl(f, F_SETFD, 0), 0);
	KTEST_EQ(fcntl(f, F_GETFD), 0);
	close(high);
	close(d);
	close(f);
}

KTEST_CASE(files_fcntl, status_flags_are_shared_by_dups)
{
	int f = file_with("/fcntl-b", "b"), d = dup(f), ro = open("/fcntl-b", O_RDONLY);
	char c;

	KTEST_EQ(fcntl(f, F_GETFL), O_RDWR);
	KTEST_EQ(fcntl(ro, F_GETFL), O_RDONLY);
	/* the access mode and O_TRUNC are ignored; O_APPEND and O_NONBLOCK are set */
	KTEST_EQ(fcntl(f, F_SETFL, O_NONBLOCK | O_APPEND | O_TRUNC | O_WRONLY), 0);
	KTEST_EQ(fcntl(f, F_GETFL), O_RDWR | O_NONBLOCK | O_APPEND);
	KTEST_EQ(fcntl(d, F_GETFL), O_RDWR | O_NONBLOCK | O_APPEND);
	KTEST_EQ(fcntl(ro, F_GETFL), O_RDONLY); /* another open: its own flags */
	KTEST_EQ(read(d, &c, 1), 1);		/* a ramfs file never blocks */
	KTEST_EQ(fcntl(d, F_SETFL, 0), 0);
	KTEST_EQ(fcntl(f, F_GETFL), O_RDWR);
	close(ro);
	ro = open("/fcntl-b", O_RDONLY | O_NONBLOCK);
	KTEST_EQ(fcntl(ro, F_GETFL), O_RDONLY | O_NONBLOCK);
	close(ro);
	close(d);
	close(f);
}

/* ---- sockets -------------------------------------------------------------------------- */

static int lis = -1;

static int listen_up(void)
{
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons(PORT) };
	int one = 1;

	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if ((lis = bounded(socket(AF_INET, SOCK_STREAM, 0))) < 0 ||
	    setsockopt(lis, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) ||
	    bind(lis, (struct sockaddr *)&a, sizeof(a)) || listen(lis, 4))
		return -1;
	return 0;
}

static int ready_within(int fd, short events)
{
	struct pollfd p = { .fd = fd, .events = events };

	return poll(&p, 1, 2000) == 1 && (p.revents & events);
}

/* A connected pair through lis: *c from a SOCK_NONBLOCK connect, *s from accept4 with
 * flags; 0, or the line that failed. */
static int pair_nonblock(int *c, int *s, int flags)
{
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons(PORT) };
	int err = -1;
	socklen_t len = sizeof(err);

	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if ((*c = bounded(socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0))) < 0)
		return __LINE__;
	if (connect(*c, (struct sockaddr *)&a, sizeof(a)) != -1 || errno != EINPROGRESS)
		return __LINE__;
	if (!ready_within(*c, POLLOUT) || getsockopt(*c, SOL_SOCKET, SO_ERROR, &err, &len) ||
	    err != 0)
		return __LINE__;
	if (!ready_within(lis, POLLIN) || (*s = bounded(accept4(lis, 0, 0, flags))) < 0)
		return __LINE__;
	return 0;
}

KTEST_SUITE(sockets_nonblock, listen_up);

KTEST_CASE(sockets_nonblock, accept_without_a_connection_is_eagain)
{
	KTEST_EQ(fcntl(lis, F_GETFL) & O_NONBLOCK, 0);
	KTEST_EQ(fcntl(lis, F_SETFL, O_NONBLOCK), 0);
	KTEST_EQ(fcntl(lis, F_GETFL) & O_NONBLOCK, O_NONBLOCK);
	KTEST_TRUE(EAGAIN_AT_ONCE(accept(lis, 0, 0)));
	KTEST_EQ(fcntl(lis, F_SETFL, 0), 0);
	KTEST_EQ(FAILS_WITH(accept4(lis, 0, 0, 0x4)), EINVAL);
}

KTEST_CASE(sockets_nonblock, connect_in_progress_then_recv_and_read_are_eagain)
{
	int c = -1, s = -1;
	char buf[4];

	KTEST_EQ(pair_nonblock(&c, &s, SOCK_NONBLOCK), 0);
	KTEST_EQ(fcntl(c, F_GETFL), O_RDWR | O_NONBLOCK);
	KTEST_EQ(fcntl(s, F_GETFL), O_RDWR | O_NONBLOCK);
	KTEST_TRUE(EAGAIN_AT_ONCE(recv(s, buf, sizeof(buf), 0)));
	KTEST_TRUE(EAGAIN_AT_ONCE(read(s, buf, sizeof(buf))));
	KTEST_EQ(write(c, "nb", 2), 2);
	KTEST_TRUE(ready_within(s, POLLIN));
	KTEST_EQ(read(s, buf, sizeof(buf)), 2);
	KTEST_MEMEQ(buf, "nb", 2);
	close(c);
	close(s);
}

/* The peer never reads: its window and then our send buffer fill, and send says so. */
KTEST_CASE(sockets_nonblock, send_to_a_full_peer_is_eagain)
{
	static char chunk[4096];
	int c = -1, s = -1, at_once = 0;
	long sent = 0, n;

	KTEST_EQ(pair_nonblock(&c, &s, 0), 0);
	KTEST_EQ(fcntl(s, F_GETFL) & O_NONBLOCK, 0); /* accept4 without SOCK_NONBLOCK */
	for (int i = 0; i < 1024 && !at_once; i++) {
		uint64_t t0 = (errno = 0, plat_time_ns());

		if ((n = send(c, chunk, sizeof(chunk), 0)) >= 0)
			sent += n;
		else if (!(at_once = eagain_at_once(t0, n)))
			break;
	}
	KTEST_TRUE(at_once);
	KTEST_TRUE(sent >= 4096 && sent < 1024L * 4096);
	close(c);
	close(s);
}

KTEST_CASE(sockets_nonblock, a_dup_shares_the_socket_and_its_o_nonblock)
{
	int c = -1, s = -1, d, lw;
	char buf[4];

	KTEST_EQ(pair_nonblock(&c, &s, 0), 0);
	d = dup(s);
	lw = ksock_lwip_fd(s);
	KTEST_TRUE(d > 2 && ksock_lwip_fd(d) == lw);
	KTEST_EQ(fcntl(d, F_SETFL, O_NONBLOCK), 0);
	KTEST_TRUE(EAGAIN_AT_ONCE(recv(s, buf, sizeof(buf), 0))); /* s waits no more */
	KTEST_EQ(close(s), 0);
	KTEST_EQ(send(c, "up", 2, 0), 2);
	KTEST_TRUE(ready_within(d, POLLIN));
	KTEST_EQ(recv(d, buf, sizeof(buf), 0), 2);
	KTEST_EQ(close(d), 0);
	KTEST_EQ(FAILS_WITH(lwip_fcntl(lw, F_GETFL, 0)), EBADF); /* the last one closed it */
	close(c);
}

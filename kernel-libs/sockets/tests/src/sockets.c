/*
 * The sockets library in the guest: a TCP pair over lwIP's loopback interface (127.0.0.1),
 * made once by the suite's init, and a ramfs file, to check that socket descriptors behave
 * as POSIX files (read, write, close, fstat, poll, select) and never as the files beside them.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <string.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <kiln/plat.h>
#include <kiln/socket.h>
#include <kiln/test.h>
#include <kiln/vfs.h>

#define PORT 7007

static int lis = -1, cli = -1, srv = -1;

static int pair_up(void)
{
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons(PORT) };
	int one = 1;

	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if ((lis = socket(AF_INET, SOCK_STREAM, 0)) < 0 ||
	    setsockopt(lis, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) ||
	    bind(lis, (struct sockaddr *)&a, sizeof(a)) || listen(lis, 4))
		return -1;
	if ((cli = socket(AF_INET, SOCK_STREAM, 0)) < 0 ||
	    connect(cli, (struct sockaddr *)&a, sizeof(a)))
		return -1;
	return (srv = accept(lis, 0, 0)) < 0 ? -1 : 0;
}

/* A ramfs file holding "file", open for reading and writing. */
static int file_open(void)
{
	int fd = open("/sockets-test", O_RDWR | O_CREAT | O_TRUNC, 0644);

	if (fd >= 0 && write(fd, "file", 4) == 4)
		lseek(fd, 0, SEEK_SET);
	return fd;
}

/* read() once fd has data within 2 s, so a broken socket fails the case instead of
 * hanging the guest; -2 when nothing came. */
static long read_within(int fd, void *buf, size_t n)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };

	return poll(&p, 1, 2000) == 1 ? (long)read(fd, buf, n) : -2;
}

static uint64_t ms_since(uint64_t t0)
{
	return (plat_time_ns() - t0) / 1000000;
}

KTEST_SUITE(sockets_fd, pair_up);

KTEST_CASE(sockets_fd, descriptors_are_vfs_ones)
{
	KTEST_TRUE(lis > 2 && cli > 2 && srv > 2); /* 0, 1, 2 are the console */
	KTEST_TRUE(ksock_lwip_fd(cli) >= 0 && ksock_lwip_fd(srv) >= 0);
	KTEST_EQ(ksock_lwip_fd(1), -1);
}

KTEST_CASE(sockets_fd, read_write_reach_lwip)
{
	char buf[16] = { 0 };

	KTEST_EQ(write(cli, "ping", 4), 4);
	KTEST_EQ(read_within(srv, buf, sizeof(buf)), 4);
	KTEST_MEMEQ(buf, "ping", 4);
	KTEST_EQ(send(srv, "pong!", 5, 0), 5);
	KTEST_EQ(poll(&(struct pollfd){ .fd = cli, .events = POLLIN }, 1, 2000), 1);
	KTEST_EQ(recv(cli, buf, sizeof(buf), 0), 5);
	KTEST_MEMEQ(buf, "pong!", 5);
}

KTEST_CASE(sockets_fd, fstat_says_socket_and_file_stays_file)
{
	struct stat st;
	char buf[8] = { 0 };
	int f = file_open();

	KTEST_TRUE(f > 2);
	KTEST_EQ(fstat(srv, &st), 0);
	KTEST_TRUE(S_ISSOCK(st.st_mode));
	KTEST_EQ(fstat(f, &st), 0);
	KTEST_TRUE(S_ISREG(st.st_mode));
	KTEST_EQ(ksock_lwip_fd(f), -1);
	errno = 0;
	KTEST_EQ(recv(f, buf, sizeof(buf), 0), -1);
	KTEST_EQ(errno, ENOTSOCK);
	KTEST_EQ(read(f, buf, sizeof(buf)), 4);
	KTEST_MEMEQ(buf, "file", 4);
	errno = 0;
	KTEST_EQ(lseek(srv, 0, SEEK_SET), -1);
	KTEST_EQ(errno, ESPIPE);
	close(f);
}

KTEST_CASE(sockets_fd, bad_descriptor_is_ebadf)
{
	errno = 0;
	KTEST_EQ(send(1000, "x", 1, 0), -1);
	KTEST_EQ(errno, EBADF);
}

KTEST_CASE(sockets_fd, poll_times_out_when_nothing_arrives)
{
	struct pollfd p = { .fd = srv, .events = POLLIN };
	uint64_t t0 = plat_time_ns();

	KTEST_EQ(poll(&p, 1, 100), 0);
	KTEST_EQ(p.revents, 0);
	KTEST_TRUE(ms_since(t0) >= 90);
}

KTEST_CASE(sockets_fd, poll_reports_pollin_when_data_arrives)
{
	struct pollfd p = { .fd = srv, .events = POLLIN };
	char buf[4];

	KTEST_EQ(write(cli, "abc", 3), 3);
	KTEST_EQ(poll(&p, 1, 2000), 1);
	KTEST_TRUE(p.revents & POLLIN);
	KTEST_EQ(read(srv, buf, sizeof(buf)), 3);
}

/* A bound of 2 s, twice the 1 s asserted: a poll that waits in spite of the ready file fails
 * both checks in 2 s (make mutate's faults of this kind cost no more). */
KTEST_CASE(sockets_fd, poll_ready_file_makes_the_wait_zero)
{
	int f = file_open();
	struct pollfd p[2] = { { .fd = srv, .events = POLLIN }, { .fd = f, .events = POLLIN } };
	uint64_t t0 = plat_time_ns();

	KTEST_EQ(poll(p, 2, 2000), 1);
	KTEST_EQ(p[0].revents, 0);
	KTEST_EQ(p[1].revents, POLLIN);
	KTEST_TRUE(ms_since(t0) < 1000);
	close(f);
}

KTEST_CASE(sockets_fd, select_mixes_a_socket_and_a_file)
{
	int f = file_open(), n = (f > srv ? f : srv) + 1;
	struct timeval tv = { 2, 0 }, short_tv = { 0, 100000 };
	fd_set r;

	FD_ZERO(&r);
	FD_SET(srv, &r);
	FD_SET(f, &r);
	KTEST_EQ(select(n, &r, 0, 0, &tv), 1);
	KTEST_TRUE(FD_ISSET(f, &r) && !FD_ISSET(srv, &r));
	FD_ZERO(&r);
	FD_SET(srv, &r);
	KTEST_EQ(select(n, &r, 0, 0, &short_tv), 0);
	KTEST_TRUE(!FD_ISSET(srv, &r));
	KTEST_EQ(write(cli, "z", 1), 1);
	FD_SET(srv, &r);
	KTEST_EQ(select(n, &r, 0, 0, &tv), 1);
	KTEST_TRUE(FD_ISSET(srv, &r));
	KTEST_EQ(read_within(srv, (char[2]){ 0 }, 2), 1);
	close(f);
}

KTEST_CASE(sockets_fd, close_frees_the_lwip_socket)
{
	int fd = socket(AF_INET, SOCK_DGRAM, 0), s = ksock_lwip_fd(fd);

	KTEST_TRUE(s >= 0);
	KTEST_EQ(close(fd), 0);
	KTEST_EQ(ksock_lwip_fd(fd), -1);
	errno = 0;
	KTEST_EQ(lwip_fcntl(s, F_GETFL, 0), -1);
	KTEST_EQ(errno, EBADF);
	errno = 0;
	KTEST_EQ(close(fd), -1);
	KTEST_EQ(errno, EBADF);
}

KTEST_CASE(sockets_fd, peer_close_reads_as_end)
{
	char c;

	KTEST_EQ(close(cli), 0);
	KTEST_EQ(read_within(srv, &c, 1), 0);
	cli = -1;
}

KTEST_SUITE(sockets_inet, NULL);

KTEST_CASE(sockets_inet, pton_and_ntop_round_trip)
{
	struct in_addr a;
	char text[INET_ADDRSTRLEN];

	KTEST_EQ(inet_pton(AF_INET, "10.0.2.15", &a), 1);
	KTEST_EQ(a.s_addr, htonl(0x0a00020f));
	KTEST_EQ(inet_pton(AF_INET, "10.0.2", &a), 0);
	KTEST_EQ(inet_pton(AF_INET, "10.0.2.x", &a), 0);
	KTEST_STREQ(inet_ntop(AF_INET, &a, text, sizeof(text)), "10.0.2.15");
	KTEST_TRUE(inet_ntop(AF_INET, &a, text, 4) == NULL);
}

/* A device in no directory whose poll op says "ready" from its third question on: the
 * VFS's kvfs_fd_install, kvfs_poll and release, and poll() asking a slow node again. */
static int dev_polls, dev_released;

static long dev_read(struct kvfs_node *n, void *buf, size_t len, uint64_t off)
{
	(void)n, (void)buf, (void)len, (void)off;
	return 0;
}

static long dev_write(struct kvfs_node *n, const void *buf, size_t len, uint64_t off)
{
	(void)n, (void)buf, (void)off;
	return (long)len;
}

static int dev_poll(struct kvfs_node *n, int events)
{
	(void)n;
	return ++dev_polls >= 3 ? events & KVFS_POLLIN : 0;
}

static void dev_release(struct kvfs_node *n)
{
	(void)n;
	dev_released++;
}

static const struct kvfs_ops dev_ops = {
	.read = dev_read, .write = dev_write, .poll = dev_poll, .release = dev_release
};
static struct kvfs_node dev = { .ops = &dev_ops, .mode = KVFS_S_IFCHR | 0600 };

KTEST_SUITE(vfs_fd, NULL);

KTEST_CASE(vfs_fd, installed_node_is_released_on_last_close)
{
	int fd = kvfs_fd_install(&dev, KVFS_O_RDWR);

	dev_polls = dev_released = 0;
	KTEST_TRUE(fd > 2);
	KTEST_TRUE(kvfs_fd_node(fd) == &dev);
	KTEST_EQ(kvfs_poll(fd, KVFS_POLLIN), 0);
	KTEST_EQ(dev_released, 0);
	KTEST_EQ(close(fd), 0);
	KTEST_EQ(dev_released, 1);
	KTEST_TRUE(kvfs_fd_node(fd) == NULL);
	KTEST_EQ(kvfs_poll(fd, KVFS_POLLIN), -EBADF);
}

KTEST_CASE(vfs_fd, poll_asks_a_slow_node_again)
{
	int fd = kvfs_fd_install(&dev, KVFS_O_RDWR);
	struct pollfd p = { .fd = fd, .events = POLLIN };

	dev_polls = 0;
	KTEST_EQ(poll(&p, 1, 2000), 1);
	KTEST_EQ(p.revents, POLLIN);
	KTEST_EQ(dev_polls, 3);
	close(fd);
}

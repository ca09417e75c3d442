/*
 * The VFS: one tree of files and directories, with POSIX-like calls on file descriptors.
 * A filesystem provider (the "rootfs" interface: ramfs) supplies the root directory and the
 * nodes under it; the VFS walks paths, keeps the descriptor table and offsets, and puts the
 * devices /dev/console (the console library) and /dev/null in the tree at boot. Descriptors
 * 0, 1 and 2 are /dev/console, open from the start. As in POSIX, a descriptor names an open
 * file (node, offset, status flags such as O_NONBLOCK) that kvfs_dup, kvfs_dup2 and
 * KVFS_F_DUPFD share among several descriptors; it closes with the last of them.
 *
 * Every call returns 0 or a count on success and a negative errno value on failure (-ENOENT,
 * -EBADF, ...: the names of the libc's <errno.h>), never crashes on a bad path or descriptor.
 * Paths are absolute; a relative one is taken from "/". "." and ".." are understood.
 * Not locked: threads that share files serialise their calls themselves (newlib's stdio
 * does, with its locks); only taking a free descriptor is atomic, so threads that open,
 * accept or dup at once never get the same number. Nodes in no directory (sockets) get descriptors
 * through kvfs_fd_install, and kvfs_poll says whether a descriptor would block.
 */
#ifndef KILN_VFS_H
#define KILN_VFS_H

#include <stddef.h>
#include <stdint.h>

/* Open flags (their own values: the libc's glue translates its O_ flags). */
#define KVFS_O_RDONLY	 0x0
#define KVFS_O_WRONLY	 0x1
#define KVFS_O_RDWR	 0x2
#define KVFS_O_ACCMODE	 0x3
#define KVFS_O_CREAT	 0x10
#define KVFS_O_EXCL	 0x20
#define KVFS_O_TRUNC	 0x40
#define KVFS_O_APPEND	 0x80
#define KVFS_O_DIRECTORY 0x100
#define KVFS_O_NONBLOCK	 0x200 /* read, write, accept... fail with -EAGAIN, not wait */

/* kvfs_fcntl's commands (F_DUPFD, ... of <fcntl.h>) and the descriptor flag FD_CLOEXEC. */
#define KVFS_F_DUPFD	     0
#define KVFS_F_GETFD	     1
#define KVFS_F_SETFD	     2
#define KVFS_F_GETFL	     3
#define KVFS_F_SETFL	     4
#define KVFS_F_DUPFD_CLOEXEC 14
#define KVFS_FD_CLOEXEC	     1

/* Node types, in the mode's upper bits (the values POSIX systems use for S_IF*). */
#define KVFS_S_IFMT   0170000
#define KVFS_S_IFDIR  0040000
#define KVFS_S_IFCHR  0020000
#define KVFS_S_IFREG  0100000
#define KVFS_S_IFSOCK 0140000

/* Readiness, for kvfs_ops.poll and kvfs_poll: the values of poll()'s POLLIN, POLLOUT,
 * POLLERR and POLLHUP (the same in lwIP's and in kiln's <poll.h>), so the libc's glue
 * passes them through. */
#define KVFS_POLLIN  0x1
#define KVFS_POLLOUT 0x2
#define KVFS_POLLERR 0x4
#define KVFS_POLLHUP 0x200

#define KVFS_SEEK_SET 0
#define KVFS_SEEK_CUR 1
#define KVFS_SEEK_END 2

#define KVFS_NAME_MAX 255

struct kvfs_stat {
	uint64_t ino;
	uint64_t size;
	uint32_t mode; /* type | permission bits */
	uint32_t nlink;
};

struct kvfs_dirent {
	uint64_t ino;
	uint32_t mode;
	char name[KVFS_NAME_MAX + 1];
};

struct kvfs_ops;

/* A file, directory or device: the part every filesystem shares. A provider embeds it at the
 * start of its own node. links counts names, opens open descriptors; when both reach 0 the
 * VFS calls ops->release. */
struct kvfs_node {
	const struct kvfs_ops *ops;
	uint32_t mode;
	uint64_t size;
	uint64_t ino;
	uint32_t links;
	uint32_t opens;
};

/*
 * What a filesystem (or a device) does. Names come as (name, len), not NUL-terminated,
 * len <= KVFS_NAME_MAX, never "." or "..". Directory operations are called on directories
 * only; a device leaves them NULL. Results: 0 / a count, or a negative errno value.
 */
struct kvfs_ops {
	struct kvfs_node *(*lookup)(struct kvfs_node *dir, const char *name, size_t len);
	/* A new empty file or directory (mode says which) named name in dir; -EEXIST taken. */
	int (*create)(struct kvfs_node *dir, const char *name, size_t len, uint32_t mode,
		      struct kvfs_node **out);
	/* Enters an existing node under a new name (links++); -EEXIST when taken. */
	int (*link)(struct kvfs_node *dir, const char *name, size_t len, struct kvfs_node *node);
	/* Removes a name (links--; the VFS releases the node); -ENOTEMPTY for a full dir. */
	int (*unlink)(struct kvfs_node *dir, const char *name, size_t len);
	/* The index-th entry of dir into out: 1, or 0 past the last. */
	int (*readdir)(struct kvfs_node *dir, size_t index, struct kvfs_dirent *out);
	long (*read)(struct kvfs_node *node, void *buf, size_t len, uint64_t off);
	long (*write)(struct kvfs_node *node, const void *buf, size_t len, uint64_t off);
	int (*truncate)(struct kvfs_node *node, uint64_t size);
	/* Which of events (KVFS_POLL*) would not block now, at once and without waiting (a
	 * socket's data, room to send). NULL: always ready, as POSIX says of regular files. */
	int (*poll)(struct kvfs_node *node, int events);
	/* Told of the status flags F_SETFL is setting (KVFS_O_NONBLOCK, KVFS_O_APPEND, with the
	 * access mode) before they take effect: 0, or a negative errno value to refuse. NULL:
	 * the flags are only kept (a ramfs file never blocks anyway). */
	int (*setfl)(struct kvfs_node *node, int flags);
	void (*release)(struct kvfs_node *node);
};

/* The root directory of a new, empty filesystem: defined by the provider of "rootfs". */
struct kvfs_node *kvfs_rootfs_new(void);

int kvfs_open(const char *path, int flags, uint32_t mode);
int kvfs_close(int fd);
long kvfs_read(int fd, void *buf, size_t len);
long kvfs_write(int fd, const void *buf, size_t len);
int64_t kvfs_lseek(int fd, int64_t off, int whence);
int kvfs_fstat(int fd, struct kvfs_stat *st);
int kvfs_stat(const char *path, struct kvfs_stat *st);
int kvfs_ftruncate(int fd, uint64_t size);
/* Whether fd is a character device (the console, /dev/null): 1, 0, or -EBADF. */
int kvfs_isatty(int fd);

int kvfs_mkdir(const char *path, uint32_t mode);
int kvfs_rmdir(const char *path);
int kvfs_unlink(const char *path);
/* POSIX rename: replaces a file at newpath, or an empty directory by a directory. */
int kvfs_rename(const char *oldpath, const char *newpath);
int kvfs_link(const char *oldpath, const char *newpath);

/* Directories are read through a descriptor from kvfs_open(path, KVFS_O_DIRECTORY):
 * kvfs_readdir gives the next entry (1), or 0 at the end. */
int kvfs_readdir(int fd, struct kvfs_dirent *out);

/* A new open file description of node and a descriptor (the lowest free one) for it:
 * opens++. open() makes its descriptors so; a node in no directory, such as a socket, keeps
 * links 0, so closing its last descriptor releases it. flags give the access mode and
 * status flags (KVFS_O_RDWR for a socket). The fd, or -EMFILE. */
int kvfs_fd_install(struct kvfs_node *node, int flags);
/* The node open as fd, or NULL when fd is not open. */
struct kvfs_node *kvfs_fd_node(int fd);
/* Which of events (KVFS_POLL*) fd is ready for now (never waits), or -EBADF. */
int kvfs_poll(int fd, int events);

/* dup: a new descriptor (the lowest free) for fd's open file: the same node, offset and
 * status flags, FD_CLOEXEC clear. The node stays open until its last descriptor closes.
 * The fd, or -EBADF, -EMFILE. */
int kvfs_dup(int fd);
/* dup2: to becomes a descriptor for fd's open file, closing what to was first (at once:
 * no other thread gets to in between); fd itself when to == fd. to, or -EBADF. */
int kvfs_dup2(int fd, int to);
/* fcntl's descriptor commands, KVFS_F_*: DUPFD and DUPFD_CLOEXEC (the lowest free fd >=
 * arg), GETFD and SETFD (KVFS_FD_CLOEXEC, kept: nothing is ever exec'd), GETFL (the access
 * mode, KVFS_O_APPEND, KVFS_O_NONBLOCK) and SETFL (APPEND and NONBLOCK change, other bits
 * are ignored). The result, or -EBADF, -EINVAL (an unknown cmd, arg out of range), -EMFILE,
 * or what the node's setfl op refused with. */
int kvfs_fcntl(int fd, int cmd, int arg);

/* Puts a device node (ops with read/write, links and opens 0) at path. */
int kvfs_mknod(const char *path, struct kvfs_node *dev);

#endif

/*
 * The descriptor table, in two levels as POSIX has it: a descriptor (a slot of kvfs_fds, with
 * its own FD_CLOEXEC) names an open file description (struct kvfs_file: the node, the offset,
 * the access mode and status flags such as O_NONBLOCK), and dup, dup2 and F_DUPFD make more
 * descriptors naming the same description, so they share its offset and flags. A description
 * counts its descriptors; when the last one closes, the node loses an open (and is released
 * when nothing names it either). Both tables have VFS_FILES entries, as no description lives
 * without a descriptor. The lowest free number is given; taking one is one atomic step, so
 * threads opening, accepting or duplicating at once never get the same number.
 */
#include <stddef.h>
#include <stdint.h>
#include "vfs_int.h"

static struct kvfs_file kvfs_descs[CONFIG_VFS_FILES];
static struct kvfs_file *kvfs_fds[CONFIG_VFS_FILES];
static int kvfs_fdflags[CONFIG_VFS_FILES]; /* KVFS_FD_CLOEXEC */

struct kvfs_file *kvfs_file(int fd)
{
	if (fd < 0 || fd >= CONFIG_VFS_FILES)
		return NULL;
	return __atomic_load_n(&kvfs_fds[fd], __ATOMIC_ACQUIRE);
}

int kvfs_table_full(void)
{
	for (int fd = 0; fd < CONFIG_VFS_FILES; fd++)
		if (!__atomic_load_n(&kvfs_fds[fd], __ATOMIC_RELAXED))
			return 0;
	return 1;
}

/* A free description (refs 0 -> 1), not yet counted as an open of n; NULL when none. */
static struct kvfs_file *kvfs_desc_new(struct kvfs_node *n, int flags)
{
	for (int i = 0; i < CONFIG_VFS_FILES; i++) {
		uint32_t free = 0;

		if (!__atomic_compare_exchange_n(&kvfs_descs[i].refs, &free, 1, 0, __ATOMIC_ACQUIRE,
						 __ATOMIC_RELAXED))
			continue;
		kvfs_descs[i].node = n;
		kvfs_descs[i].off = 0;
		kvfs_descs[i].flags = flags;
		return &kvfs_descs[i];
	}
	return NULL;
}

/* Drops a descriptor's hold on f; the last one closes the node. */
static void kvfs_desc_put(struct kvfs_file *f)
{
	struct kvfs_node *n = f->node; /* before the slot may be taken again */

	if (__atomic_sub_fetch(&f->refs, 1, __ATOMIC_ACQ_REL) != 0)
		return;
	n->opens--;
	kvfs_node_check(n);
}

/* The lowest free descriptor from min on, given to f (which must hold a ref for it). */
static int kvfs_fd_take(struct kvfs_file *f, int min, int fdflags)
{
	for (int fd = min; fd < CONFIG_VFS_FILES; fd++) {
		struct kvfs_file *none = NULL;

		if (!__atomic_compare_exchange_n(&kvfs_fds[fd], &none, f, 0, __ATOMIC_RELEASE,
						 __ATOMIC_RELAXED))
			continue;
		kvfs_fdflags[fd] = fdflags;
		return fd;
	}
	return -EMFILE;
}

/* A new description of n and the lowest free descriptor for it (opens++): the fd, or
 * -EMFILE. */
int kvfs_fd_install(struct kvfs_node *n, int flags)
{
	struct kvfs_file *f = kvfs_desc_new(n, flags);
	int fd;

	if (!f)
		return -EMFILE;
	if ((fd = kvfs_fd_take(f, 0, 0)) < 0) {
		__atomic_store_n(&f->refs, 0, __ATOMIC_RELEASE); /* n was never counted */
		return fd;
	}
	n->opens++;
	return fd;
}

struct kvfs_node *kvfs_fd_node(int fd)
{
	struct kvfs_file *f = kvfs_file(fd);

	return f ? f->node : NULL;
}

int kvfs_close(int fd)
{
	struct kvfs_file *f;

	if (fd < 0 || fd >= CONFIG_VFS_FILES)
		return -EBADF;
	if (!(f = __atomic_exchange_n(&kvfs_fds[fd], NULL, __ATOMIC_ACQ_REL)))
		return -EBADF;
	kvfs_desc_put(f);
	return 0;
}

/* A new descriptor, the lowest from min on, for fd's description. */
static int kvfs_dup_from(int fd, int min, int fdflags)
{
	struct kvfs_file *f = kvfs_file(fd);
	int to;

	if (!f)
		return -EBADF;
	if (min < 0 || min >= CONFIG_VFS_FILES)
		return -EINVAL;
	__atomic_add_fetch(&f->refs, 1, __ATOMIC_ACQ_REL);
	if ((to = kvfs_fd_take(f, min, fdflags)) < 0)
		kvfs_desc_put(f);
	return to;
}

int kvfs_dup(int fd)
{
	return kvfs_dup_from(fd, 0, 0);
}

int kvfs_dup2(int fd, int to)
{
	struct kvfs_file *f = kvfs_file(fd), *old;

	if (!f || to < 0 || to >= CONFIG_VFS_FILES)
		return -EBADF;
	if (fd == to)
		return to;
	__atomic_add_fetch(&f->refs, 1, __ATOMIC_ACQ_REL);
	old = __atomic_exchange_n(&kvfs_fds[to], f, __ATOMIC_ACQ_REL);
	kvfs_fdflags[to] = 0;
	if (old)
		kvfs_desc_put(old);
	return to;
}

/* F_SETFL: O_APPEND and O_NONBLOCK change, the rest of arg is ignored (POSIX); a node with
 * a setfl op (a socket) hears of it first and may refuse. */
static int kvfs_setfl(struct kvfs_file *f, int arg)
{
	int mask = KVFS_O_APPEND | KVFS_O_NONBLOCK, flags = (f->flags & ~mask) | (arg & mask);
	int rc;

	if (f->node->ops->setfl && (rc = f->node->ops->setfl(f->node, flags)) < 0)
		return rc;
	f->flags = flags;
	return 0;
}

int kvfs_fcntl(int fd, int cmd, int arg)
{
	struct kvfs_file *f = kvfs_file(fd);

	if (!f)
		return -EBADF;
	switch (cmd) {
	case KVFS_F_DUPFD:
		return kvfs_dup_from(fd, arg, 0);
	case KVFS_F_DUPFD_CLOEXEC:
		return kvfs_dup_from(fd, arg, KVFS_FD_CLOEXEC);
	case KVFS_F_GETFD:
		return kvfs_fdflags[fd];
	case KVFS_F_SETFD:
		kvfs_fdflags[fd] = arg & KVFS_FD_CLOEXEC;
		return 0;
	case KVFS_F_GETFL:
		return f->flags & (KVFS_O_ACCMODE | KVFS_O_APPEND | KVFS_O_NONBLOCK);
	case KVFS_F_SETFL:
		return kvfs_setfl(f, arg);
	default:
		return -EINVAL;
	}
}

int kvfs_poll(int fd, int events)
{
	struct kvfs_file *f = kvfs_file(fd);

	if (!f)
		return -EBADF;
	if (!f->node->ops->poll)
		return events & (KVFS_POLLIN | KVFS_POLLOUT);
	return f->node->ops->poll(f->node, events);
}

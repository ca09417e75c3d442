/*
 * The calls on file descriptors: open, read, write, lseek, fstat, ftruncate, isatty,
 * readdir. Each finds the open file description behind the descriptor (the table is fd.c's)
 * and moves its offset; 0, 1 and 2 are the console from boot (src/dev.c).
 */
#include <stddef.h>
#include <stdint.h>
#include "vfs_int.h"

void kvfs_node_check(struct kvfs_node *n)
{
	if (n && n->links == 0 && n->opens == 0 && n->ops->release)
		n->ops->release(n);
}

void kvfs_fill_stat(const struct kvfs_node *n, struct kvfs_stat *st)
{
	*st = (struct kvfs_stat){
		.ino = n->ino, .size = n->size, .mode = n->mode, .nlink = n->links
	};
}

/* Devices and sockets are streams: no offset to move (POSIX lseek: ESPIPE). */
static int kvfs_seekable(const struct kvfs_node *n)
{
	uint32_t type = n->mode & KVFS_S_IFMT;

	return type != KVFS_S_IFCHR && type != KVFS_S_IFSOCK;
}

/* The node open, or created, for open(path, flags, mode). */
static int kvfs_open_node(const char *path, int flags, uint32_t mode, struct kvfs_node **out)
{
	struct kvfs_path p;
	int rc = kvfs_resolve(path, &p);

	if (rc < 0)
		return rc;
	if (p.node && (flags & KVFS_O_CREAT) && (flags & KVFS_O_EXCL))
		return -EEXIST;
	if (!p.node && !(flags & KVFS_O_CREAT))
		return -ENOENT;
	if (!p.node) {
		if (flags & KVFS_O_DIRECTORY)
			return -ENOENT;
		rc = p.dir->ops->create(p.dir, p.name, p.len, KVFS_S_IFREG | (mode & 07777),
					&p.node);
		if (rc < 0)
			return rc;
	}
	if ((flags & KVFS_O_DIRECTORY) && !kvfs_is_dir(p.node))
		return -ENOTDIR;
	if (kvfs_is_dir(p.node) && (flags & KVFS_O_ACCMODE) != KVFS_O_RDONLY)
		return -EISDIR;
	*out = p.node;
	return 0;
}

int kvfs_open(const char *path, int flags, uint32_t mode)
{
	struct kvfs_node *n;
	int rc;

	if (kvfs_table_full()) /* before O_CREAT makes a file nobody will have open */
		return -EMFILE;
	if ((rc = kvfs_open_node(path, flags, mode, &n)) < 0)
		return rc;
	if ((flags & KVFS_O_TRUNC) && (flags & KVFS_O_ACCMODE) != KVFS_O_RDONLY &&
	    n->ops->truncate && (rc = n->ops->truncate(n, 0)) < 0)
		return rc;
	return kvfs_fd_install(n, flags);
}

long kvfs_read(int fd, void *buf, size_t len)
{
	struct kvfs_file *f = kvfs_file(fd);
	long got;

	if (!f || (f->flags & KVFS_O_ACCMODE) == KVFS_O_WRONLY)
		return -EBADF;
	if (kvfs_is_dir(f->node))
		return -EISDIR;
	got = f->node->ops->read(f->node, buf, len, f->off);
	if (got > 0)
		f->off += (uint64_t)got;
	return got;
}

long kvfs_write(int fd, const void *buf, size_t len)
{
	struct kvfs_file *f = kvfs_file(fd);
	long put;

	if (!f || (f->flags & KVFS_O_ACCMODE) == KVFS_O_RDONLY)
		return -EBADF;
	if (f->flags & KVFS_O_APPEND)
		f->off = f->node->size;
	put = f->node->ops->write(f->node, buf, len, f->off);
	if (put > 0)
		f->off += (uint64_t)put;
	return put;
}

int64_t kvfs_lseek(int fd, int64_t off, int whence)
{
	struct kvfs_file *f = kvfs_file(fd);
	int64_t base;

	if (!f)
		return -EBADF;
	if (!kvfs_seekable(f->node))
		return -ESPIPE;
	if (whence == KVFS_SEEK_SET)
		base = 0;
	else if (whence == KVFS_SEEK_CUR)
		base = (int64_t)f->off;
	else if (whence == KVFS_SEEK_END)
		base = (int64_t)f->node->size;
	else
		return -EINVAL;
	if ((off < 0 && base + off < 0) || (off > 0 && base > INT64_MAX - off))
		return -EINVAL;
	f->off = (uint64_t)(base + off);
	return base + off;
}

int kvfs_fstat(int fd, struct kvfs_stat *st)
{
	struct kvfs_file *f = kvfs_file(fd);

	if (!f)
		return -EBADF;
	kvfs_fill_stat(f->node, st);
	return 0;
}

int kvfs_ftruncate(int fd, uint64_t size)
{
	struct kvfs_file *f = kvfs_file(fd);

	if (!f || (f->flags & KVFS_O_ACCMODE) == KVFS_O_RDONLY)
		return -EBADF;
	if (!f->node->ops->truncate)
		return -EINVAL;
	return f->node->ops->truncate(f->node, size);
}

int kvfs_isatty(int fd)
{
	struct kvfs_file *f = kvfs_file(fd);

	if (!f)
		return -EBADF;
	return (f->node->mode & KVFS_S_IFMT) == KVFS_S_IFCHR;
}

/* The offset of a directory descriptor counts entries. */
int kvfs_readdir(int fd, struct kvfs_dirent *out)
{
	struct kvfs_file *f = kvfs_file(fd);
	int rc;

	if (!f)
		return -EBADF;
	if (!kvfs_is_dir(f->node))
		return -ENOTDIR;
	rc = f->node->ops->readdir(f->node, (size_t)f->off, out);
	if (rc > 0)
		f->off++;
	return rc;
}

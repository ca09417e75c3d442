/*
 * newlib's file calls on kiln's VFS (kiln/vfs.h), used when the vfs library is in the image:
 * each translates newlib's flags and structures to the VFS's and its negative errno results
 * to errno and -1. Descriptors 0, 1 and 2 are the VFS's console; stderr's output is flushed
 * at once, as a terminal's would be. dup, dup2 and fcntl (descriptor flags, O_NONBLOCK) are
 * the VFS's table calls. rename() is here rather than newlib's link-then-unlink
 * (reent/renamer.c, not compiled), which cannot replace an existing file as POSIX says.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <kiln/console.h>
#include <kiln/vfs.h>

/* A VFS result: errno and -1 for an error, else the value itself. */
static long nl_ret(long rc)
{
	if (rc >= 0)
		return rc;
	errno = (int)-rc;
	return -1;
}

static int nl_flags(int flags)
{
	int f = flags & O_ACCMODE; /* O_RDONLY, O_WRONLY, O_RDWR are the VFS's 0, 1, 2 */

	f |= flags & O_CREAT ? KVFS_O_CREAT : 0;
	f |= flags & O_EXCL ? KVFS_O_EXCL : 0;
	f |= flags & O_TRUNC ? KVFS_O_TRUNC : 0;
	f |= flags & O_APPEND ? KVFS_O_APPEND : 0;
	f |= flags & O_DIRECTORY ? KVFS_O_DIRECTORY : 0;
	f |= flags & O_NONBLOCK ? KVFS_O_NONBLOCK : 0;
	return f;
}

/* The status flags F_GETFL gives, in newlib's values. */
static int nl_oflags(int f)
{
	return (f & KVFS_O_ACCMODE) | (f & KVFS_O_APPEND ? O_APPEND : 0) |
	       (f & KVFS_O_NONBLOCK ? O_NONBLOCK : 0);
}

static void nl_stat(const struct kvfs_stat *k, struct stat *st)
{
	*st = (struct stat){ .st_ino = (ino_t)k->ino,
			     .st_mode = (mode_t)k->mode,
			     .st_nlink = (nlink_t)k->nlink,
			     .st_size = (off_t)k->size,
			     .st_blksize = S_ISCHR(k->mode) ? 0 : 512,
			     .st_blocks = (blkcnt_t)((k->size + 511) / 512) };
}

int _open(const char *path, int flags, int mode)
{
	return (int)nl_ret(kvfs_open(path, nl_flags(flags), (uint32_t)mode));
}

int _close(int fd)
{
	return (int)nl_ret(kvfs_close(fd));
}

int _read(int fd, void *buf, size_t len)
{
	return (int)nl_ret(kvfs_read(fd, buf, len));
}

int _write(int fd, const void *buf, size_t len)
{
	long rc = kvfs_write(fd, buf, len);

	if (fd == 2)
		kcon_flush();
	return (int)nl_ret(rc);
}

off_t _lseek(int fd, off_t off, int whence)
{
	return (off_t)nl_ret((long)kvfs_lseek(fd, off, whence)); /* SEEK_* are the VFS's */
}

int _fstat(int fd, struct stat *st)
{
	struct kvfs_stat k;
	int rc = kvfs_fstat(fd, &k);

	if (rc == 0)
		nl_stat(&k, st);
	return (int)nl_ret(rc);
}

int _stat(const char *path, struct stat *st)
{
	struct kvfs_stat k;
	int rc = kvfs_stat(path, &k);

	if (rc == 0)
		nl_stat(&k, st);
	return (int)nl_ret(rc);
}

int _isatty(int fd)
{
	int rc = kvfs_isatty(fd);

	if (rc == 0)
		errno = ENOTTY;
	return rc > 0 ? 1 : (nl_ret(rc), 0);
}

int dup(int fd)
{
	return (int)nl_ret(kvfs_dup(fd));
}

int dup2(int fd, int to)
{
	return (int)nl_ret(kvfs_dup2(fd, to));
}

/* newlib's F_ command as the VFS's, and its argument translated; -1 for one the VFS lacks. */
static int nl_fcntl_cmd(int cmd, int *arg)
{
	switch (cmd) {
	case F_DUPFD:
		return KVFS_F_DUPFD;
	case F_DUPFD_CLOEXEC:
		return KVFS_F_DUPFD_CLOEXEC;
	case F_GETFD:
		return KVFS_F_GETFD;
	case F_SETFD:
		*arg = *arg & FD_CLOEXEC ? KVFS_FD_CLOEXEC : 0;
		return KVFS_F_SETFD;
	case F_GETFL:
		return KVFS_F_GETFL;
	case F_SETFL:
		*arg = nl_flags(*arg);
		return KVFS_F_SETFL;
	default:
		return -1;
	}
}

/* fcntl's descriptor commands (kvfs_fcntl); record locks and owners are EINVAL. */
int fcntl(int fd, int cmd, ...)
{
	va_list ap;
	int arg = 0, kcmd;
	long rc;

	if (cmd != F_GETFD && cmd != F_GETFL) { /* those two are called without an argument */
		va_start(ap, cmd);
		arg = va_arg(ap, int);
		va_end(ap);
	}
	if ((kcmd = nl_fcntl_cmd(cmd, &arg)) < 0) {
		errno = kvfs_fd_node(fd) ? EINVAL : EBADF;
		return -1;
	}
	if ((rc = nl_ret(kvfs_fcntl(fd, kcmd, arg))) < 0)
		return -1;
	if (cmd == F_GETFL)
		return nl_oflags((int)rc);
	if (cmd == F_GETFD)
		return rc & KVFS_FD_CLOEXEC ? FD_CLOEXEC : 0;
	return (int)rc;
}

int _unlink(const char *path)
{
	return (int)nl_ret(kvfs_unlink(path));
}

int _link(const char *old, const char *new)
{
	return (int)nl_ret(kvfs_link(old, new));
}

int _mkdir(const char *path, int mode)
{
	return (int)nl_ret(kvfs_mkdir(path, (uint32_t)mode));
}

int rmdir(const char *path)
{
	return (int)nl_ret(kvfs_rmdir(path));
}

int ftruncate(int fd, off_t size)
{
	return size < 0 ? (errno = EINVAL, -1) : (int)nl_ret(kvfs_ftruncate(fd, (uint64_t)size));
}

int _rename_r(struct _reent *r, const char *old, const char *new)
{
	int rc = kvfs_rename(old, new);

	if (rc < 0)
		r->_errno = -rc;
	return rc < 0 ? -1 : 0;
}

DIR *opendir(const char *path)
{
	int fd = kvfs_open(path, KVFS_O_RDONLY | KVFS_O_DIRECTORY, 0);
	DIR *d;

	if (fd < 0)
		return nl_ret(fd), NULL;
	if (!(d = calloc(1, sizeof(*d)))) {
		kvfs_close(fd);
		errno = ENOMEM;
		return NULL;
	}
	d->dd_fd = fd;
	return d;
}

struct dirent *readdir(DIR *d)
{
	struct kvfs_dirent k;
	int rc = kvfs_readdir(d->dd_fd, &k);

	if (rc <= 0)
		return nl_ret(rc), NULL; /* 0: the end, errno untouched */
	d->dd_entry.d_ino = (ino_t)k.ino;
	d->dd_entry.d_type = S_ISDIR(k.mode) ? DT_DIR : S_ISREG(k.mode) ? DT_REG : DT_CHR;
	strcpy(d->dd_entry.d_name, k.name);
	return &d->dd_entry;
}

int closedir(DIR *d)
{
	int rc = kvfs_close(d->dd_fd);

	free(d);
	return (int)nl_ret(rc);
}

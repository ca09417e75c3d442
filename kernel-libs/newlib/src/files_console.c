/*
 * newlib's file calls without a filesystem (the vfs library is not in the image): file
 * descriptors 0, 1 and 2 are the console (output through the console library, which keeps
 * lines whole; stderr flushed at once; input through its line discipline, kcon_read), and
 * every path fails with ENOENT, every other descriptor with EBADF.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <kiln/console.h>

int _write(int fd, const void *buf, size_t len)
{
	if (fd != 1 && fd != 2) {
		errno = EBADF;
		return -1;
	}
	kcon_write(buf, len);
	if (fd == 2)
		kcon_flush();
	return (int)len;
}

int _read(int fd, void *buf, size_t len)
{
	if (fd != 0) {
		errno = EBADF;
		return -1;
	}
	return (int)kcon_read(buf, len);
}

int _close(int fd)
{
	if (fd >= 0 && fd <= 2)
		return 0;
	errno = EBADF;
	return -1;
}

/* The console is a character device: newlib then line-buffers stdout. */
int _fstat(int fd, struct stat *st)
{
	if (fd < 0 || fd > 2) {
		errno = EBADF;
		return -1;
	}
	*st = (struct stat){ .st_mode = S_IFCHR | 0620, .st_blksize = 0 };
	return 0;
}

int _isatty(int fd)
{
	if (fd >= 0 && fd <= 2)
		return 1;
	errno = EBADF;
	return 0;
}

off_t _lseek(int fd, off_t off, int whence)
{
	(void)off;
	(void)whence;
	errno = fd >= 0 && fd <= 2 ? ESPIPE : EBADF;
	return -1;
}

int _open(const char *path, int flags, int mode)
{
	(void)path;
	(void)flags;
	(void)mode;
	errno = ENOENT;
	return -1;
}

int _stat(const char *path, struct stat *st)
{
	(void)path;
	(void)st;
	errno = ENOENT;
	return -1;
}

int _unlink(const char *path)
{
	(void)path;
	errno = ENOENT;
	return -1;
}

int _link(const char *old, const char *new)
{
	(void)old;
	(void)new;
	errno = EMLINK;
	return -1;
}

int _mkdir(const char *path, int mode)
{
	(void)path;
	(void)mode;
	errno = ENOENT;
	return -1;
}

int rmdir(const char *path)
{
	(void)path;
	errno = ENOENT;
	return -1;
}

int _rename_r(struct _reent *r, const char *old, const char *new)
{
	(void)old;
	(void)new;
	r->_errno = ENOENT;
	return -1;
}

DIR *opendir(const char *path)
{
	(void)path;
	errno = ENOENT;
	return NULL;
}

struct dirent *readdir(DIR *d)
{
	(void)d;
	errno = EBADF;
	return NULL;
}

int closedir(DIR *d)
{
	(void)d;
	errno = EBADF;
	return -1;
}

/*
 * The POSIX names of the file calls (open, read, write, close, lseek, stat, fstat, isatty,
 * unlink, link, mkdir), which newlib builds from libc/syscalls/ only for targets that have
 * no system call layer of their own: here each is the underscored call that
 * files_vfs.c or files_console.c defines, as newlib's own wrappers would be.
 */
#include <fcntl.h>
#include <stdarg.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

int _open(const char *path, int flags, int mode);
int _close(int fd);
int _read(int fd, void *buf, size_t len);
int _write(int fd, const void *buf, size_t len);
off_t _lseek(int fd, off_t off, int whence);
int _fstat(int fd, struct stat *st);
int _stat(const char *path, struct stat *st);
int _isatty(int fd);
int _unlink(const char *path);
int _link(const char *old, const char *new);
int _mkdir(const char *path, int mode);

int open(const char *path, int flags, ...)
{
	va_list ap;
	int mode = 0;

	if (flags & O_CREAT) {
		va_start(ap, flags);
		mode = va_arg(ap, int);
		va_end(ap);
	}
	return _open(path, flags, mode);
}

int close(int fd)
{
	return _close(fd);
}

_READ_WRITE_RETURN_TYPE read(int fd, void *buf, size_t len)
{
	return _read(fd, buf, len);
}

_READ_WRITE_RETURN_TYPE write(int fd, const void *buf, size_t len)
{
	return _write(fd, buf, len);
}

off_t lseek(int fd, off_t off, int whence)
{
	return _lseek(fd, off, whence);
}

int fstat(int fd, struct stat *st)
{
	return _fstat(fd, st);
}

int stat(const char *path, struct stat *st)
{
	return _stat(path, st);
}

int isatty(int fd)
{
	return _isatty(fd);
}

int unlink(const char *path)
{
	return _unlink(path);
}

int link(const char *old, const char *new)
{
	return _link(old, new);
}

int mkdir(const char *path, mode_t mode)
{
	return _mkdir(path, (int)mode);
}

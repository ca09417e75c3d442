/*
 * Error numbers of the minimal libc: Linux's values (asm-generic/errno-base.h, errno.h), so
 * that libraries returning -EXXX (the VFS, kiln/vfs.h) build on either libc. newlib brings
 * its own <errno.h>, with its own values; each library uses the libc's names, never numbers.
 */
#ifndef NOLIBC_ERRNO_H
#define NOLIBC_ERRNO_H

#define EPERM	     1
#define ENOENT	     2
#define EIO	     5
#define EBADF	     9
#define ENOMEM	     12
#define EACCES	     13
#define EBUSY	     16
#define EEXIST	     17
#define EXDEV	     18
#define ENOTDIR	     20
#define EISDIR	     21
#define EINVAL	     22
#define EMFILE	     24
#define ENOSPC	     28
#define ESPIPE	     29
#define EROFS	     30
#define EMLINK	     31
#define ERANGE	     34
#define ENAMETOOLONG 36
#define ENOSYS	     38
#define ENOTEMPTY    39
#define ELOOP	     40

#endif

/*
 * kiln's <sys/dirent.h> for newlib, whose generic one is an #error ("<dirent.h> not
 * supported"): newlib's <dirent.h> includes this for DIR and struct dirent. opendir,
 * readdir and closedir are kiln's glue (src/files_vfs.c, on the VFS's directory
 * descriptors). This folder is before newlib's own include folder on every command line.
 */
#ifndef _SYS_DIRENT_H
#define _SYS_DIRENT_H

#include <sys/types.h>

#define DT_UNKNOWN 0
#define DT_CHR	   2
#define DT_DIR	   4
#define DT_REG	   8

struct dirent {
	ino_t d_ino;
	unsigned char d_type;
	char d_name[256];
};

typedef struct {
	int dd_fd;		/* the directory's descriptor */
	struct dirent dd_entry; /* what readdir returned last */
} DIR;

#endif

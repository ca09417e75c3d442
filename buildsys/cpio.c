/*
 * buildsys/cpio.c — `kiln run --initrd DIR`: packs a folder into a cpio archive in the
 * "newc" format (the initrd library unpacks it in the guest, kernel-libs/initrd/). Each
 * member: "070701", thirteen 8-digit hex fields (ino, mode, uid, gid, nlink, mtime,
 * filesize, devmajor, devminor, rdevmajor, rdevminor, namesize, check), the name with its
 * NUL padded to 4 bytes counting the header, the data padded to 4; "TRAILER!!!" ends it.
 * Members come in name order, each folder before what it holds, with owner 0 and time 0, so
 * the same folder always gives the same bytes. Only folders and regular files are packed
 * (a symbolic link is followed); anything else is refused, naming it.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <kiln/build.h>

struct cpio_out {
	FILE *f;
	unsigned long ino;
};

static void cpio_pad(FILE *f, long n)
{
	while (n++ % 4)
		fputc(0, f);
}

static void cpio_header(struct cpio_out *o, const char *name, mode_t mode, uint64_t size)
{
	size_t namesize = strlen(name) + 1;

	fprintf(o->f, "070701%08lX%08X%08X%08X%08X%08X%08lX%08X%08X%08X%08X%08zX%08X", ++o->ino,
		(unsigned)mode, 0u, 0u, S_ISDIR(mode) ? 2u : 1u, 0u, (unsigned long)size, 0u, 0u,
		0u, 0u, namesize, 0u);
	fwrite(name, 1, namesize, o->f);
	cpio_pad(o->f, 110 + (long)namesize);
}

/* Copies the file at path into the archive as name. */
static int cpio_file(struct cpio_out *o, const char *path, const char *name, const struct stat *st)
{
	FILE *in = fopen(path, "rb");
	char buf[65536];
	size_t n, total = 0;

	if (!in) {
		fprintf(stderr, "kiln: --initrd: %s: %s\n", path, strerror(errno));
		return -1;
	}
	cpio_header(o, name, st->st_mode & (S_IFMT | 07777), (uint64_t)st->st_size);
	while ((n = fread(buf, 1, sizeof(buf), in)) > 0 && total + n <= (size_t)st->st_size) {
		fwrite(buf, 1, n, o->f);
		total += n;
	}
	fclose(in);
	if (total != (size_t)st->st_size) {
		fprintf(stderr, "kiln: --initrd: %s changed while it was packed\n", path);
		return -1;
	}
	cpio_pad(o->f, (long)total);
	return 0;
}

static int cpio_tree(struct cpio_out *o, const char *path, const char *name);

/* The entries of folder path, in name order, under name. */
static int cpio_dir(struct cpio_out *o, const char *path, const char *name)
{
	struct dirent **ents;
	int n = scandir(path, &ents, NULL, alphasort), rc = 0;

	if (n < 0) {
		fprintf(stderr, "kiln: --initrd: %s: %s\n", path, strerror(errno));
		return -1;
	}
	for (int i = 0; i < n; i++) {
		const char *e = ents[i]->d_name;
		char sub[PATH_MAX], subname[PATH_MAX];

		if (rc == 0 && strcmp(e, ".") && strcmp(e, "..")) {
			if (snprintf(sub, sizeof(sub), "%s/%s", path, e) >= (int)sizeof(sub) ||
			    snprintf(subname, sizeof(subname), "%s%s%s", name, *name ? "/" : "",
				     e) >= (int)sizeof(subname)) {
				fprintf(stderr, "kiln: --initrd: %s/%s: name too long\n", path, e);
				rc = -1;
			} else {
				rc = cpio_tree(o, sub, subname);
			}
		}
		free(ents[i]);
	}
	free(ents);
	return rc;
}

static int cpio_tree(struct cpio_out *o, const char *path, const char *name)
{
	struct stat st;

	if (stat(path, &st) < 0) {
		fprintf(stderr, "kiln: --initrd: %s: %s\n", path, strerror(errno));
		return -1;
	}
	if (S_ISDIR(st.st_mode)) {
		if (*name)
			cpio_header(o, name, st.st_mode & (S_IFMT | 07777), 0);
		return cpio_dir(o, path, name);
	}
	if (!S_ISREG(st.st_mode)) {
		fprintf(stderr, "kiln: --initrd: %s: not a file or a folder\n", path);
		return -1;
	}
	if ((uint64_t)st.st_size > UINT32_MAX) {
		fprintf(stderr, "kiln: --initrd: %s: over 4 GiB, more than cpio newc holds\n",
			path);
		return -1;
	}
	return cpio_file(o, path, name, &st);
}

int drv_pack_cpio(const char *dir, const char *out)
{
	char tmp[PATH_MAX];
	struct cpio_out o = { 0 };
	int rc;

	if (snprintf(tmp, sizeof(tmp), "%s.tmp", out) >= (int)sizeof(tmp) ||
	    !(o.f = fopen(tmp, "wb"))) {
		fprintf(stderr, "kiln: --initrd: cannot write %s: %s\n", out, strerror(errno));
		return -1;
	}
	rc = cpio_tree(&o, dir, "");
	if (rc == 0)
		cpio_header(&o, "TRAILER!!!", 0, 0);
	if (fclose(o.f) != 0 && rc == 0) {
		fprintf(stderr, "kiln: --initrd: cannot write %s: %s\n", out, strerror(errno));
		rc = -1;
	}
	if (rc == 0 && rename(tmp, out) < 0) {
		fprintf(stderr, "kiln: --initrd: cannot write %s: %s\n", out, strerror(errno));
		rc = -1;
	}
	if (rc < 0)
		remove(tmp);
	return rc;
}

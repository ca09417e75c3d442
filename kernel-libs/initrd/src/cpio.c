/*
 * The initrd: a cpio archive in the "newc" format (the one Linux's initramfs uses, and
 * `cpio -H newc` or `kiln run --initrd` write) unpacked into the VFS at boot. Each member
 * is a 110-byte ASCII header ("070701" and thirteen 8-digit hex fields: ino, mode, uid,
 * gid, nlink, mtime, filesize, devmajor, devminor, rdevmajor, rdevminor, namesize, check),
 * the name (namesize bytes with its NUL) padded to 4 bytes counting the header, then the
 * data padded to 4; the member named "TRAILER!!!" ends it. Directories and regular files are
 * made; other kinds (links, devices) are skipped, said once each.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <kiln/boot.h>
#include <kiln/printk.h>
#include <kiln/vfs.h>

#define CPIO_HDR     110
#define CPIO_F_MODE  1
#define CPIO_F_SIZE  6
#define CPIO_F_NAMES 11
#define CPIO_PATH    1024

struct cpio_member {
	const char *name; /* NUL-terminated inside the archive */
	const uint8_t *data;
	uint32_t mode;
	uint32_t size;
};

static uint32_t cpio_field(const uint8_t *hdr, int i, int *bad)
{
	uint32_t v = 0;

	for (const uint8_t *c = hdr + 6 + 8 * i; c < hdr + 14 + 8 * i; c++) {
		int d = *c >= '0' && *c <= '9'	 ? *c - '0'
			: *c >= 'a' && *c <= 'f' ? *c - 'a' + 10
			: *c >= 'A' && *c <= 'F' ? *c - 'A' + 10
						 : -1;
		if (d < 0)
			*bad = 1;
		v = v << 4 | (uint32_t)(d & 15);
	}
	return v;
}

static size_t cpio_pad4(size_t n)
{
	return (n + 3) & ~(size_t)3;
}

/* Parses the member at off; returns the offset of the next, or 0 when malformed. */
static size_t cpio_member(const uint8_t *a, size_t len, size_t off, struct cpio_member *m)
{
	const uint8_t *h = a + off;
	int bad = 0;
	uint32_t namesize;
	size_t data;

	if (len - off < CPIO_HDR || memcmp(h, "070701", 6))
		return 0;
	m->mode = cpio_field(h, CPIO_F_MODE, &bad);
	m->size = cpio_field(h, CPIO_F_SIZE, &bad);
	namesize = cpio_field(h, CPIO_F_NAMES, &bad);
	if (bad || namesize == 0 || namesize > len - off - CPIO_HDR || h[CPIO_HDR + namesize - 1])
		return 0;
	m->name = (const char *)h + CPIO_HDR;
	data = off + cpio_pad4(CPIO_HDR + namesize);
	if (data > len || m->size > len - data)
		return 0;
	m->data = a + data;
	return cpio_pad4(data + m->size) < len ? cpio_pad4(data + m->size) : len;
}

/* The member's path in the VFS: "/" and its name less any leading "./" or "/". */
static int cpio_path(const char *name, char *path)
{
	while (name[0] == '.' && name[1] == '/')
		name += 2;
	while (*name == '/')
		name++;
	if (strlen(name) + 2 > CPIO_PATH)
		return -1;
	path[0] = '/';
	strcpy(path + 1, name);
	return 0;
}

/* Makes every directory above path (mkdir -p of its parent). */
static void cpio_parents(char *path)
{
	for (char *s = path + 1; *s; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		kvfs_mkdir(path, 0755);
		*s = '/';
	}
}

static int cpio_file(const char *path, const struct cpio_member *m)
{
	int fd = kvfs_open(path, KVFS_O_WRONLY | KVFS_O_CREAT | KVFS_O_TRUNC, m->mode & 07777);
	long put;

	if (fd < 0)
		return fd;
	put = kvfs_write(fd, m->data, m->size);
	kvfs_close(fd);
	return put < 0 ? (int)put : 0;
}

static int cpio_make(const struct cpio_member *m, unsigned *files)
{
	static char path[CPIO_PATH];
	int rc = 0;

	if (cpio_path(m->name, path) < 0)
		return -1;
	if (!strcmp(path, "/"))
		return 0;
	cpio_parents(path);
	if ((m->mode & KVFS_S_IFMT) == KVFS_S_IFDIR) {
		rc = kvfs_mkdir(path, m->mode & 07777);
		return rc == 0 || kvfs_stat(path, &(struct kvfs_stat){ 0 }) == 0 ? 0 : rc;
	}
	if ((m->mode & KVFS_S_IFMT) != KVFS_S_IFREG) {
		printk(PRINTK_WARN, "initrd: %s skipped: not a file or directory (mode %o)\n", path,
		       (unsigned)m->mode);
		return 0;
	}
	if ((rc = cpio_file(path, m)) == 0)
		(*files)++;
	return rc;
}

/* Unpacks the archive a[0, len) into the VFS; -1 when it is not a newc archive. */
static int kinitrd_unpack(const uint8_t *a, size_t len)
{
	struct cpio_member m;
	unsigned files = 0;
	size_t off = 0, next;

	while (off < len) {
		if (!(next = cpio_member(a, len, off, &m))) {
			printk(PRINTK_ERR, "initrd: not a cpio newc archive at byte %lu%s\n",
			       (unsigned long)off,
			       len > 1 && a[0] == 0x1f && a[1] == 0x8b ? " (gzip: unpack it first)"
								       : "");
			return -1;
		}
		if (!strcmp(m.name, "TRAILER!!!"))
			break;
		if (cpio_make(&m, &files) < 0)
			printk(PRINTK_WARN, "initrd: %s could not be made\n", m.name);
		off = next;
	}
	printk(PRINTK_DEBUG, "initrd: %u files\n", files);
	return 0;
}

static int kinitrd_boot(void)
{
	const struct plat_bootinfo *bi = kboot_info();

	if (!bi->initrd_len)
		return 0;
	kinitrd_unpack((const uint8_t *)(uintptr_t)bi->initrd_base, (size_t)bi->initrd_len);
	return 0; /* a bad initrd is said, and the app runs without its files */
}
KBOOT_INIT(kinitrd_boot, 55);

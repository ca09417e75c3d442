/*
 * The VFS at boot: a root from the rootfs provider, the devices /dev/console (reads through
 * the console library's line discipline, writes into its line buffer, as printk's do, so
 * the two keep their order) and /dev/null (reads end at once, writes vanish), and
 * descriptors 0, 1 and 2 open on the console.
 */
#include <kiln/boot.h>
#include <kiln/console.h>
#include "vfs_int.h"

static long kvfs_console_read(struct kvfs_node *n, void *buf, size_t len, uint64_t off)
{
	(void)n;
	(void)off;
	return kcon_read(buf, len);
}

static long kvfs_console_write(struct kvfs_node *n, const void *buf, size_t len, uint64_t off)
{
	(void)n;
	(void)off;
	kcon_write(buf, len);
	return (long)len;
}

static long kvfs_null_read(struct kvfs_node *n, void *buf, size_t len, uint64_t off)
{
	(void)n;
	(void)buf;
	(void)len;
	(void)off;
	return 0;
}

static long kvfs_null_write(struct kvfs_node *n, const void *buf, size_t len, uint64_t off)
{
	(void)n;
	(void)buf;
	(void)off;
	return (long)len;
}

static const struct kvfs_ops kvfs_console_ops = { .read = kvfs_console_read,
						  .write = kvfs_console_write };
static const struct kvfs_ops kvfs_null_ops = { .read = kvfs_null_read, .write = kvfs_null_write };

/* Devices live forever: a link that can never drop to 0 by the VFS's own counting. */
static struct kvfs_node kvfs_console = {
	.ops = &kvfs_console_ops, .mode = KVFS_S_IFCHR | 0620, .ino = 1000, .links = 1
};
static struct kvfs_node kvfs_null = {
	.ops = &kvfs_null_ops, .mode = KVFS_S_IFCHR | 0666, .ino = 1001, .links = 1
};

static int kvfs_boot(void)
{
	kvfs_root = kvfs_rootfs_new();
	if (!kvfs_root || kvfs_mkdir("/dev", 0755) < 0 ||
	    kvfs_mknod("/dev/console", &kvfs_console) < 0 ||
	    kvfs_mknod("/dev/null", &kvfs_null) < 0)
		return -1;
	for (int fd = 0; fd < 3; fd++)
		if (kvfs_open("/dev/console", KVFS_O_RDWR, 0) != fd)
			return -1;
	return 0;
}
KBOOT_INIT(kvfs_boot, KBOOT_LEVEL_LIB);

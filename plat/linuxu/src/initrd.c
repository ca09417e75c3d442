/*
 * linuxu's initrd: a file named by the process's first two arguments, "--initrd FILE"
 * (kiln run --initrd puts them there), mapped read-only and reported as the boot info's
 * initrd, as QEMU's -initrd is on KVM. The two arguments are not kernel words: the command
 * line is built from the ones after them.
 */
#include <stddef.h>
#include <stdint.h>
#include <kiln/plat.h>
#include <kiln/printk.h>
#include "linuxu.h"

#define LINUXU_SYS_OPEN	 2
#define LINUXU_SYS_CLOSE 3
#define LINUXU_SYS_LSEEK 8
#define LINUXU_O_RDONLY	 0
#define LINUXU_SEEK_END	 2
#define LINUXU_PROT_READ 1
#define LINUXU_MAP_PRIV	 0x02

static const char linuxu_initrd_opt[] = "--initrd";

static int linuxu_is_initrd_opt(const char *s)
{
	for (size_t i = 0; i < sizeof(linuxu_initrd_opt); i++)
		if (s[i] != linuxu_initrd_opt[i])
			return 0;
	return 1;
}

int linuxu_initrd(int argc, char **argv, struct plat_bootinfo *bi)
{
	long fd, len, map;

	if (argc < 2 || !linuxu_is_initrd_opt(argv[1]))
		return 0;
	if (argc < 3)
		printk_panic("plat-linuxu: --initrd needs a file");
	fd = linuxu_syscall3(LINUXU_SYS_OPEN, (long)argv[2], LINUXU_O_RDONLY, 0);
	if (fd < 0)
		printk_panic("plat-linuxu: --initrd %s: cannot open it (errno %ld)", argv[2], -fd);
	len = linuxu_syscall3(LINUXU_SYS_LSEEK, fd, 0, LINUXU_SEEK_END);
	map = len > 0 ? linuxu_syscall6(LINUXU_SYS_MMAP, 0, len, LINUXU_PROT_READ, LINUXU_MAP_PRIV,
					fd, 0)
		      : 0;
	linuxu_syscall3(LINUXU_SYS_CLOSE, fd, 0, 0);
	if (len < 0 || (map < 0 && map > -4096))
		printk_panic("plat-linuxu: --initrd %s: cannot map it", argv[2]);
	bi->initrd_base = (uint64_t)map;
	bi->initrd_len = (uint64_t)(len > 0 ? len : 0);
	return 2;
}

/*
 * buildsys/run.c — the run behind `kiln run` (cli/run.c): build a profile
 * (buildsys/driver.c), then boot its KVM image in QEMU, or its Xen image with
 * plat/xen/run.sh (which runs `xl create -c` on a Xen dom0 and returns the same
 * statuses), and hand the guest's exit status back.
 *
 * Exit status (the guest writes isa-debug-exit, see plat/kvm/src/shutdown.c; QEMU then
 * exits with (v << 1) | 1):
 *   0-125  the app's exit status, exactly (the guest writes v = status + 1; statuses
 *          outside 0-125 are clamped to 125 by the guest)
 *   255    the guest crashed (fatal exception or panic: v = 127)
 *   254    the guest stopped without a status (reset, triple fault, power-off)
 *   253    QEMU itself failed (it exits 1 on bad options) or was killed
 * and any failure of kiln before QEMU starts (QEMU missing too) exits 1 with a "kiln: ..."
 * line; bad usage exits 2.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <ctype.h>
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <kiln/build.h>

#define DRV_XEN_RUN		"plat/xen/run.sh"
#define DRV_KVM_GET_API_VERSION 0xae00 /* _IO(0xAE, 0): Linux's KVM ioctl, API version 12 */
#define DRV_DEBUG_EXIT		"isa-debug-exit,iobase=0xf4,iosize=0x04" /* the exit status device */
#define DRV_QEMU_ARGS		32

/* "auto": KVM when /dev/kvm answers the KVM API and is not the PVM flavour. */
static const char *drv_pick_accel(const char *want, const char **why)
{
	if (strcmp(want, "auto")) {
		*why = "asked for";
		return want;
	}
	int fd = open("/dev/kvm", O_RDWR | O_CLOEXEC);
	int api = fd >= 0 ? ioctl(fd, DRV_KVM_GET_API_VERSION, 0) : -1;

	if (fd >= 0)
		close(fd);
	if (api != 12) {
		*why = "auto: /dev/kvm is missing or not usable";
		return "tcg";
	}
	if (access("/sys/module/kvm_pvm", F_OK) == 0) {
		*why = "auto: /dev/kvm is PVM (an instruction emulator, slower than TCG)";
		return "tcg";
	}
	*why = "auto: /dev/kvm works";
	return "kvm";
}

/* Appends word to the command line, escaping what the guest's splitter treats specially. */
static void drv_append_word(char *buf, size_t size, const char *word)
{
	size_t n = strlen(buf);

	if (n && n + 1 < size)
		buf[n++] = ' ';
	for (; *word && n + 2 < size; word++) {
		if (strchr(" \t\n\r'\"\\", *word))
			buf[n++] = '\\';
		buf[n++] = *word;
	}
	buf[n] = '\0';
}

/* Prints argv as one shell-quoted line on stderr. */
static void drv_print_cmd(char **argv)
{
	fprintf(stderr, "kiln: run:");
	for (int i = 0; argv[i]; i++) {
		if (strpbrk(argv[i], " \t'\"\\$`;&|<>()*?!") || !argv[i][0]) {
			fputs(" '", stderr);
			for (const char *c = argv[i]; *c; c++)
				*c == '\'' ? fputs("'\\''", stderr) : fputc(*c, stderr);
			fputc('\'', stderr);
		} else {
			fprintf(stderr, " %s", argv[i]);
		}
	}
	fputc('\n', stderr);
}

/* QEMU's exit status -> kiln run's (see the header of this file). */
static int drv_map_status(int status)
{
	if (!WIFEXITED(status)) {
		fprintf(stderr, "kiln: run: qemu was killed by signal %d\n", WTERMSIG(status));
		return DRV_EXIT_QEMU_FAILED;
	}
	int h = WEXITSTATUS(status);
	if (h == 0) {
		fprintf(stderr, "kiln: run: the guest stopped without an exit status\n");
		return DRV_EXIT_NO_STATUS;
	}
	if (h == 1 || !(h & 1)) {
		fprintf(stderr, "kiln: run: qemu failed (exit status %d)\n", h);
		return DRV_EXIT_QEMU_FAILED;
	}
	if (h >> 1 == 127) {
		fprintf(stderr, "kiln: run: the guest crashed\n");
		return DRV_EXIT_CRASH;
	}
	return (h >> 1) - 1;
}

/* The app's part of the kernel command line: "-- ARGS" from the command line or the
 * profile, or "" when there are none. */
static void drv_app_cmdline(const struct drv_opts *o, const struct drv_resolved *r, char *buf,
			    size_t size)
{
	buf[0] = '\0';
	if (o->app_args || r->nargs) {
		drv_append_word(buf, size, "--");
		for (int i = 0; o->app_args ? i < o->napp_args : i < (int)r->nargs; i++)
			drv_append_word(buf, size, o->app_args ? o->app_args[i] : r->args[i]);
	}
}

/* build/<name>/<target>/<app>.<target>.<ext>: the image (elf) or its run configuration (cfg). */
static void drv_target_file(const struct drv_resolved *r, const char *target, const char *ext,
			    char *buf, size_t size)
{
	snprintf(buf, size, "%s/%s/%s.%s.%s", r->outdir, target, r->app, target, ext);
}

/* The Xen image: plat/xen/run.sh boots its xl config on a Xen dom0, or explains that this
 * is not one. Its exit status already follows kiln run's (see the top of this file). */
static int drv_run_xen(const struct drv_opts *o, const struct drv_resolved *r)
{
	char cfg[4096], cmdline[4096];
	char *argv[] = { DRV_XEN_RUN, cfg, cmdline, NULL };
	int status;

	drv_target_file(r, DRV_XEN_TARGET, "cfg", cfg, sizeof(cfg));
	drv_app_cmdline(o, r, cmdline, sizeof(cmdline));
	if (!o->app_args)
		argv[2] = NULL; /* the config's own cmdline already holds the profile's args */
	drv_print_cmd(argv);
	if (o->dry_run)
		return 0;
	if (drv_spawn(argv, 0, &status) < 0)
		return 1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : DRV_EXIT_QEMU_FAILED;
}

/* Appends option opt, and its value unless that is NULL, to argv at *n. */
static void drv_arg(char **argv, int *n, const char *opt, const char *value)
{
	argv[(*n)++] = (char *)opt;
	if (value)
		argv[(*n)++] = (char *)value;
}

/* The QEMU command that boots image (argv needs DRV_QEMU_ARGS slots); cmdline may be "". */
static void drv_qemu_argv(const struct drv_opts *o, const char *accel, char *image, char *cmdline,
			  char **argv)
{
	const char *qemu = getenv("KILN_QEMU") ? getenv("KILN_QEMU") : "qemu-system-x86_64";
	int n = 0;

	drv_arg(argv, &n, qemu, NULL);
	drv_arg(argv, &n, "-M", o->machine);
	drv_arg(argv, &n, "-accel", accel);
	drv_arg(argv, &n, "-m", o->mem);
	drv_arg(argv, &n, "-nodefaults", NULL);
	drv_arg(argv, &n, "-display", "none");
	drv_arg(argv, &n, "-no-reboot", NULL);
	drv_arg(argv, &n, "-serial", "stdio");
	drv_arg(argv, &n, "-device", DRV_DEBUG_EXIT);
	drv_arg(argv, &n, "-kernel", image);
	/* PVM's CPUID lacks SSE3, which QEMU's default model asks for. */
	if (!strcmp(accel, "kvm") && access("/sys/module/kvm_pvm", F_OK) == 0)
		drv_arg(argv, &n, "-cpu", "qemu64,-pni");
	if (cmdline[0])
		drv_arg(argv, &n, "-append", cmdline);
	argv[n] = NULL;
}

/* Bytes in a QEMU -m SIZE (a whole number, M unless a K, M, G or T suffix says otherwise);
 * 0 when it does not parse, which is left for QEMU to report. */
static unsigned long long drv_mem_bytes(const char *size)
{
	char *end;
	unsigned long long n = strtoull(size, &end, 10);
	const char *units = "KMGT", *u = *end ? strchr(units, toupper(*end)) : units + 1;

	if (end == size || !u || !*u || (*end && end[1] && strcmp(end + 1, "B") != 0))
		return 0;
	return n << (10 * (u - units + 1));
}

/* The highest physical address the image's loadable segments reach (the ELF64 program
 * headers QEMU's loaders read), or 0 when the file does not say. */
static unsigned long long drv_image_end(const char *image)
{
	FILE *f = fopen(image, "rb");
	Elf64_Ehdr eh;
	Elf64_Phdr ph;
	unsigned long long end = 0;

	if (!f)
		return 0;
	if (fread(&eh, sizeof(eh), 1, f) == 1 && !memcmp(eh.e_ident, ELFMAG, SELFMAG) &&
	    eh.e_ident[EI_CLASS] == ELFCLASS64 && eh.e_phentsize == sizeof(ph)) {
		for (int i = 0; i < eh.e_phnum; i++) {
			if (fseek(f, (long)(eh.e_phoff + (Elf64_Off)i * sizeof(ph)), SEEK_SET) ||
			    fread(&ph, sizeof(ph), 1, f) != 1)
				break;
			if (ph.p_type == PT_LOAD && ph.p_paddr + ph.p_memsz > end)
				end = ph.p_paddr + ph.p_memsz;
		}
	}
	fclose(f);
	return end;
}

/* With too little memory QEMU loads the image partly into nothing and the guest hangs
 * without a word: say so instead. */
static int drv_check_mem(const struct drv_opts *o, const char *image)
{
	unsigned long long mem = drv_mem_bytes(o->mem), end = drv_image_end(image);

	if (!mem || mem >= end)
		return 0;
	fprintf(stderr,
		"kiln: run: -m %s is too small: the image reaches address 0x%llx, "
		"so it needs at least %lluK\n",
		o->mem, end, (end + 1023) / 1024);
	return -1;
}

static int drv_boot(const struct drv_opts *o, const struct drv_resolved *r)
{
	char image[4096], cmdline[4096];
	const char *why, *accel = drv_pick_accel(o->accel, &why);
	char *argv[DRV_QEMU_ARGS];
	int status;

	drv_target_file(r, DRV_KVM_TARGET, "elf", image, sizeof(image));
	drv_app_cmdline(o, r, cmdline, sizeof(cmdline));
	drv_qemu_argv(o, accel, image, cmdline, argv);
	fprintf(stderr, "kiln: run: accelerator %s (%s)\n", accel, why);
	drv_print_cmd(argv);
	if (o->dry_run)
		return 0;
	if (access(image, R_OK) != 0) {
		fprintf(stderr, "kiln: run: %s: %s\n", image, strerror(errno));
		return 1;
	}
	if (drv_check_mem(o, image) < 0)
		return 1;
	if (drv_spawn(argv, 0, &status) < 0)
		return 1; /* QEMU never started */
	return drv_map_status(status);
}

/* The run proper, once the options are known and the profile resolved. */
int drv_run(const struct drv_opts *o, const struct drv_resolved *r)
{
	int xen = o->xen || (!r->has_kvm && r->has_xen);

	if (xen ? !r->has_xen : !r->has_kvm) {
		fprintf(stderr, "kiln: run: %s has no %s target\n", o->profile,
			xen ? DRV_XEN_TARGET : DRV_KVM_TARGET);
		return 1;
	}
	if (!o->no_build && !o->dry_run && drv_make(o, r->outdir, 1) < 0)
		return 1;
	return xen ? drv_run_xen(o, r) : drv_boot(o, r);
}

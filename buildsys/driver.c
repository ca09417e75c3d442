/*
 * buildsys/driver.c — `kiln build` and `kiln run`: resolve a profile, write its resolved
 * configuration to build/<name>/, run the Make backend (buildsys/image.mk) over it, and for
 * run, boot the KVM image in QEMU (or the Xen image with plat/xen/run.sh, which runs
 * `xl create -c` on a Xen dom0 and returns the same statuses) and hand the guest's exit
 * status back.
 *
 *   kiln build [-j N] [-v] PROFILE
 *   kiln run [--machine microvm|pc] [--accel auto|kvm|tcg] [-m SIZE] [--no-build]
 *            [--dry-run] [--xen] PROFILE [-- APP ARGS...]
 *
 * Exit status of `kiln run` (the guest writes isa-debug-exit, see plat/kvm/src/shutdown.c;
 * QEMU then exits with (v << 1) | 1):
 *   0-125  the app's exit status, exactly (the guest writes v = status + 1; statuses
 *          outside 0-125 are clamped to 125 by the guest)
 *   255    the guest crashed (fatal exception or panic: v = 127)
 *   254    the guest stopped without a status (reset, triple fault, power-off)
 *   253    QEMU itself failed (it exits 1 on bad options) or was killed
 * and any failure of kiln before QEMU starts exits 1 with a "kiln: ..." line.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <kiln/cat.h>
#include "driver.h"

#define DRV_BUILD_ROOT		"build"
#define DRV_KVM_TARGET		"kvm-x86_64"
#define DRV_XEN_TARGET		"xen-x86_64"
#define DRV_XEN_RUN		"plat/xen/run.sh"
#define DRV_KVM_GET_API_VERSION 0xae00 /* _IO(0xAE, 0): Linux's KVM ioctl, API version 12 */
#define DRV_EXIT_CRASH		255
#define DRV_EXIT_NO_STATUS	254
#define DRV_EXIT_QEMU_FAILED	253
#define DRV_DEBUG_EXIT		"isa-debug-exit,iobase=0xf4,iosize=0x04" /* the exit status device */
#define DRV_QEMU_ARGS		32

struct drv_opts {
	const char *profile;
	const char *jobs;
	int verbose;
	const char *machine;
	const char *accel;
	const char *mem;
	int no_build, dry_run;
	int xen;	 /* --xen: run the Xen image (the default when there is no KVM target) */
	char **app_args; /* after "--"; NULL: the profile's args */
	int napp_args;
};

/* What a resolved profile tells the run: output folder and the app's library name. */
struct drv_resolved {
	char *outdir;
	char *app;
	int has_kvm, has_xen;
	const char *targets; /* space-separated, for messages */
	char target_buf[256];
	char **args; /* the profile's default args (copies) */
	size_t nargs;
};

static void drv_print_errs(const struct cat_err *err)
{
	char line[1024];

	for (size_t i = 0; i < err->n; i++) {
		cat_diag_str(&err->v[i], line, sizeof(line));
		fprintf(stderr, "%s\n", line);
	}
}

static void drv_resolved_free(struct drv_resolved *r)
{
	for (size_t i = 0; i < r->nargs; i++)
		free(r->args[i]);
	free(r->args);
	free(r->outdir);
	free(r->app);
}

/* Name of the app library that is on in the result, or NULL. */
static const char *drv_app_name(const struct cat_result *res)
{
	const struct cat_catalog *cat = cat_result_catalog(res);

	for (size_t i = 0; i < cat_nlibs(cat); i++) {
		const struct cat_lib *l = cat_lib_at(cat, i);

		if (l->kind == CAT_APP && cat_result_lib(res, i)->on)
			return l->name;
	}
	return NULL;
}

static int drv_fill_resolved(const struct cat_profile *p, const struct cat_result *res,
			     struct drv_resolved *out)
{
	char *name = cat_profile_outname(p);
	const char *app = drv_app_name(res);

	if (!name || !app || asprintf(&out->outdir, "%s/%s", DRV_BUILD_ROOT, name) < 0) {
		fprintf(stderr, "kiln: %s: the profile resolves to no app\n", p->file);
		free(name);
		return -1;
	}
	free(name);
	for (size_t i = 0; i < p->ntargets; i++) {
		size_t n = strlen(out->target_buf);

		out->has_kvm |= !strcmp(p->targets[i], DRV_KVM_TARGET);
		out->has_xen |= !strcmp(p->targets[i], DRV_XEN_TARGET);
		snprintf(out->target_buf + n, sizeof(out->target_buf) - n, "%s%s", n ? " " : "",
			 p->targets[i]);
	}
	out->targets = out->target_buf;
	out->app = strdup(app);
	out->args = calloc(p->nargs + 1, sizeof(char *));
	if (!out->app || !out->args)
		goto oom;
	for (size_t i = 0; i < p->nargs; i++, out->nargs++)
		if (!(out->args[i] = strdup(p->args[i])))
			goto oom;
	return 0;
oom:
	fprintf(stderr, "kiln: %s: out of memory\n", p->file);
	return -1;
}

/* Profile -> catalog (with an out-of-tree app's folder) -> solve -> build/<name>/config.*. */
static int drv_resolve(const char *profile, struct drv_resolved *out)
{
	struct cat_err err;
	struct cat_catalog *cat = NULL;
	struct cat_solver *s = NULL;
	struct cat_result *res = NULL;
	int rc = -1;

	cat_err_init(&err);
	memset(out, 0, sizeof(*out));
	struct cat_profile *p = cat_profile_load(profile, &err);
	if (p) {
		const char *dirs[1] = {p->app_dir};
		cat = cat_load(".", dirs, p->app_dir ? 1 : 0, &err);
	}
	if (cat)
		s = cat_solver_new(cat, &err);
	if (s && cat_solve(s, p, &res, &err) == 0 && drv_fill_resolved(p, res, out) == 0 &&
	    cat_write_config(res, out->outdir, &err) == 0)
		rc = 0;
	drv_print_errs(&err);
	if (rc != 0 && !err.n && !out->outdir)
		fprintf(stderr, "kiln: %s: cannot resolve\n", profile);
	if (rc != 0)
		drv_resolved_free(out); /* the caller frees only what resolved */
	cat_result_free(res);
	cat_solver_free(s);
	cat_free(cat);
	cat_profile_free(p);
	cat_err_free(&err);
	return rc;
}

/* Forks, runs argv, waits; stdout_to_stderr keeps the caller's stdout for the guest. */
static int drv_spawn(char **argv, int stdout_to_stderr, int *status)
{
	fflush(NULL);
	pid_t pid = fork();

	if (pid < 0) {
		fprintf(stderr, "kiln: fork: %s\n", strerror(errno));
		return -1;
	}
	if (pid == 0) {
		if (stdout_to_stderr)
			dup2(2, 1);
		execvp(argv[0], argv);
		fprintf(stderr, "kiln: cannot run %s: %s\n", argv[0], strerror(errno));
		_exit(127);
	}
	while (waitpid(pid, status, 0) < 0)
		if (errno != EINTR) {
			fprintf(stderr, "kiln: waitpid: %s\n", strerror(errno));
			return -1;
		}
	return 0;
}

/* Runs the Make backend; inherits make's jobserver when called from make, else -j<cpus>. */
static int drv_make(const struct drv_opts *o, const char *outdir, int stdout_to_stderr)
{
	char dir_arg[4096], jobs_arg[32];
	char *argv[8];
	int n = 0, status;
	const char *mf = getenv("MAKEFLAGS");

	snprintf(dir_arg, sizeof(dir_arg), "KILN_DIR=%s", outdir);
	argv[n++] = "make";
	argv[n++] = "--no-print-directory";
	argv[n++] = "-f";
	argv[n++] = "buildsys/image.mk";
	argv[n++] = dir_arg;
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);
	if (o->jobs)
		snprintf(jobs_arg, sizeof(jobs_arg), "-j%s", o->jobs);
	else if (!mf || !strstr(mf, "jobserver"))
		snprintf(jobs_arg, sizeof(jobs_arg), "-j%ld", cpus > 0 ? cpus : 1);
	else
		jobs_arg[0] = '\0'; /* make's jobserver, passed down through MAKEFLAGS */
	if (jobs_arg[0])
		argv[n++] = jobs_arg;
	if (o->verbose)
		argv[n++] = "V=1";
	argv[n] = NULL;
	if (drv_spawn(argv, stdout_to_stderr, &status) < 0)
		return -1;
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		fprintf(stderr, "kiln: build: make failed for %s\n", outdir);
		return -1;
	}
	return 0;
}

/* kiln runs from the repository root; when started elsewhere, go there from build/bin/. */
static int drv_chdir_root(void)
{
	char exe[4096];
	ssize_t n;

	if (access("buildsys/image.mk", R_OK) == 0)
		return 0;
	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n > 0) {
		exe[n] = '\0';
		for (int up = 0; up < 3; up++) { /* .../build/bin/kiln -> ... */
			char *slash = strrchr(exe, '/');

			if (slash)
				*slash = '\0';
		}
		if (chdir(exe) == 0 && access("buildsys/image.mk", R_OK) == 0)
			return 0;
	}
	fprintf(stderr, "kiln: cannot find buildsys/image.mk: run kiln from the kiln tree\n");
	return -1;
}

static int drv_usage(const char *cmd)
{
	if (!strcmp(cmd, "build"))
		fprintf(stderr, "usage: kiln build [-j N] [-v] PROFILE\n");
	else
		fprintf(stderr,
			"usage: kiln run [--machine microvm|pc] [--accel auto|kvm|tcg] "
			"[-m SIZE] [--no-build] [--dry-run] [--xen] PROFILE [-- ARGS...]\n");
	return 2;
}

/* Parses the options both commands share plus run's; returns -1 on a bad one. */
static int drv_parse(const char *cmd, int argc, char **argv, struct drv_opts *o)
{
	int run = !strcmp(cmd, "run");

	*o = (struct drv_opts){.machine = "microvm", .accel = "auto", .mem = "64M"};
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		const char *next = i + 1 < argc ? argv[i + 1] : NULL;

		if (!strcmp(a, "--")) {
			o->app_args = argv + i + 1;
			o->napp_args = argc - i - 1;
			break;
		} else if (!strcmp(a, "-v") || !strcmp(a, "--verbose")) {
			o->verbose = 1;
		} else if (!strcmp(a, "-j") && next) {
			o->jobs = argv[++i];
		} else if (run && (!strcmp(a, "--machine") || !strcmp(a, "-M")) && next) {
			o->machine = argv[++i];
		} else if (run && !strcmp(a, "--accel") && next) {
			o->accel = argv[++i];
		} else if (run && !strcmp(a, "-m") && next) {
			o->mem = argv[++i];
		} else if (run && !strcmp(a, "--no-build")) {
			o->no_build = 1;
		} else if (run && !strcmp(a, "--dry-run")) {
			o->dry_run = 1;
		} else if (run && !strcmp(a, "--xen")) {
			o->xen = 1;
		} else if (a[0] != '-' && !o->profile) {
			o->profile = a;
		} else {
			fprintf(stderr, "kiln: %s: unknown or incomplete option: %s\n", cmd, a);
			return -1;
		}
	}
	if (!o->profile) {
		fprintf(stderr, "kiln: %s: no profile given\n", cmd);
		return -1;
	}
	return 0;
}

int kiln_cmd_build(int argc, char **argv)
{
	struct drv_opts o;
	struct drv_resolved r;

	if (drv_parse("build", argc, argv, &o) < 0)
		return drv_usage("build");
	if (drv_chdir_root() < 0 || drv_resolve(o.profile, &r) < 0)
		return 1;
	int rc = drv_make(&o, r.outdir, 0) < 0 ? 1 : 0;
	for (const char *t = r.targets; rc == 0 && *t;) {
		int len = (int)strcspn(t, " ");

		printf("kiln: built %s/%.*s/%s.%.*s.elf\n", r.outdir, len, t, r.app, len, t);
		t += len + (t[len] == ' ');
	}
	drv_resolved_free(&r);
	return rc;
}

/* ---- run ----------------------------------------------------------------------------------- */

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
		*why =
		    "auto: /dev/kvm is the PVM flavour (an instruction emulator, slower than TCG)";
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
	char *argv[] = {DRV_XEN_RUN, cfg, cmdline, NULL};
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
	if (drv_spawn(argv, 0, &status) < 0)
		return DRV_EXIT_QEMU_FAILED;
	return drv_map_status(status);
}

int kiln_cmd_run(int argc, char **argv)
{
	struct drv_opts o;
	struct drv_resolved r;
	int rc;

	if (drv_parse("run", argc, argv, &o) < 0)
		return drv_usage("run");
	if (strcmp(o.machine, "microvm") && strcmp(o.machine, "pc")) {
		fprintf(stderr, "kiln: run: --machine must be microvm or pc, not %s\n", o.machine);
		return 1;
	}
	if (strcmp(o.accel, "auto") && strcmp(o.accel, "kvm") && strcmp(o.accel, "tcg")) {
		fprintf(stderr, "kiln: run: --accel must be auto, kvm or tcg, not %s\n", o.accel);
		return 1;
	}
	if (drv_chdir_root() < 0 || drv_resolve(o.profile, &r) < 0)
		return 1;
	int xen = o.xen || (!r.has_kvm && r.has_xen);
	if (xen ? !r.has_xen : !r.has_kvm) {
		fprintf(stderr, "kiln: run: %s has no %s target\n", o.profile,
			xen ? DRV_XEN_TARGET : DRV_KVM_TARGET);
		rc = 1;
	} else if (!o.no_build && !o.dry_run && drv_make(&o, r.outdir, 1) < 0) {
		rc = 1;
	} else {
		rc = xen ? drv_run_xen(&o, &r) : drv_boot(&o, &r);
	}
	drv_resolved_free(&r);
	return rc;
}

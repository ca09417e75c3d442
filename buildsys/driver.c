/*
 * buildsys/driver.c — `kiln build`, and the steps `kiln run` (buildsys/run.c) shares with
 * it: parse the options, resolve a profile, write its resolved configuration to
 * build/<name>/, and run the Make backend (buildsys/image.mk) over it.
 *
 *   kiln build [-j N] [-v] [-L DIR]... PROFILE
 *
 * Like the other subcommands, build and run read extra library folders from -L and
 * KILN_LIBPATH, and find the kiln tree through KILN_ROOT, the current folder or the
 * binary's place (profile and folders given relative to where kiln started still work).
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <kiln/cat.h>
#include "driver.h"
#include "driver_int.h"

static void drv_print_errs(const struct cat_err *err)
{
	char line[1024];

	for (size_t i = 0; i < err->n; i++) {
		cat_diag_str(&err->v[i], line, sizeof(line));
		fprintf(stderr, "%s\n", line);
	}
}

void drv_resolved_free(struct drv_resolved *r)
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

		if (cat_kind_is_app(l->kind) && cat_result_lib(res, i)->on)
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

/* Profile -> catalog (with the extra folders and an out-of-tree app's folder) -> solve ->
 * build/<name>/config.*. */
int drv_resolve(struct drv_opts *o, struct drv_resolved *out)
{
	const char *profile = o->profile;
	struct cat_err err;
	struct cat_catalog *cat = NULL;
	struct cat_solver *s = NULL;
	struct cat_result *res = NULL;
	int rc = -1;

	cat_err_init(&err);
	memset(out, 0, sizeof(*out));
	struct cat_profile *p = cat_profile_load(profile, &err);
	if (p) {
		int n = o->ndirs;

		if (p->app_dir)
			o->dirs[n++] = p->app_dir; /* slot DRV_MAX_DIRS is kept for it */
		cat = cat_load(".", (const char *const *)o->dirs, (size_t)n, &err);
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

/* Forks, runs argv, waits; stdout_to_stderr keeps the caller's stdout for the guest.
 * Returns -1 when argv[0] could not even start (said on stderr): a close-on-exec pipe
 * carries the child's errno back, as any exit status could also be the program's own. */
int drv_spawn(char **argv, int stdout_to_stderr, int *status)
{
	int fds[2], child_errno = 0;

	fflush(NULL);
	if (pipe2(fds, O_CLOEXEC) < 0) {
		fprintf(stderr, "kiln: pipe: %s\n", strerror(errno));
		return -1;
	}
	pid_t pid = fork();
	if (pid < 0) {
		fprintf(stderr, "kiln: fork: %s\n", strerror(errno));
		close(fds[0]);
		close(fds[1]);
		return -1;
	}
	if (pid == 0) {
		if (stdout_to_stderr)
			dup2(2, 1);
		execvp(argv[0], argv);
		child_errno = errno;
		(void)!write(fds[1], &child_errno, sizeof(child_errno));
		_exit(127);
	}
	close(fds[1]);
	ssize_t got = read(fds[0], &child_errno, sizeof(child_errno));
	close(fds[0]);
	while (waitpid(pid, status, 0) < 0)
		if (errno != EINTR) {
			fprintf(stderr, "kiln: waitpid: %s\n", strerror(errno));
			return -1;
		}
	if (got == (ssize_t)sizeof(child_errno)) {
		fprintf(stderr, "kiln: cannot run %s: %s%s\n", argv[0], strerror(child_errno),
			child_errno == ENOENT ? " (make deps installs what kiln needs)" : "");
		return -1;
	}
	return 0;
}

/* Runs the Make backend; inherits make's jobserver when called from make, else -j<cpus>. */
int drv_make(const struct drv_opts *o, const char *outdir, int stdout_to_stderr)
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

/* Changes to the first folder at or above dir (a path of size PATH_MAX, cut in place)
 * that holds buildsys/image.mk; -1 when there is none. */
static int drv_chdir_up(char *dir)
{
	for (;;) {
		if (chdir(dir) == 0 && access("buildsys/image.mk", R_OK) == 0)
			return 0;
		char *slash = strrchr(dir, '/');

		if (!slash || slash == dir)
			return -1;
		*slash = '\0';
	}
}

/* kiln runs from the repository root: KILN_ROOT when set, else the tree the current
 * folder is in, else the tree the binary is in (.../build/bin/kiln). */
static int drv_chdir_root(void)
{
	const char *env = getenv("KILN_ROOT");
	char dir[PATH_MAX];
	ssize_t n;

	if (env && *env) {
		if (chdir(env) == 0 && access("buildsys/image.mk", R_OK) == 0)
			return 0;
		fprintf(stderr, "kiln: KILN_ROOT=%s: not a kiln tree (no buildsys/image.mk)\n",
			env);
		return -1;
	}
	if (getcwd(dir, sizeof(dir)) && drv_chdir_up(dir) == 0)
		return 0;
	n = readlink("/proc/self/exe", dir, sizeof(dir) - 1);
	if (n > 0) {
		dir[n] = '\0';
		if (drv_chdir_up(dir) == 0)
			return 0;
	}
	fprintf(stderr, "kiln: cannot find buildsys/image.mk: run kiln from the kiln tree\n");
	return -1;
}

/* Paths given relative to where kiln was started must survive drv_chdir_root(). */
static char *drv_abspath(const char *what, const char *path)
{
	char *abs = realpath(path, NULL);

	if (!abs)
		fprintf(stderr, "kiln: %s %s: %s\n", what, path, strerror(errno));
	return abs;
}

/* Adds a library folder (what: "-L" or "KILN_LIBPATH") as an absolute path. */
static int drv_add_dir(struct drv_opts *o, const char *what, const char *dir)
{
	if (o->ndirs == DRV_MAX_DIRS) {
		fprintf(stderr, "kiln: more than %d library folders\n", DRV_MAX_DIRS);
		return -1;
	}
	if (!(o->dirs[o->ndirs] = drv_abspath(what, dir)))
		return -1;
	o->ndirs++;
	return 0;
}

/* Before the change of folder: KILN_LIBPATH's folders, and the profile as an absolute path
 * when it is not a file of the tree's root folder (its messages then name it as given). */
int drv_prepare(struct drv_opts *o)
{
	const char *lp = getenv("KILN_LIBPATH");

	if (lp && *lp) {
		char *copy = strdup(lp), *save = NULL;
		int rc = copy ? 0 : -1;

		for (char *d = copy ? strtok_r(copy, ":", &save) : NULL; d && !rc;
		     d = strtok_r(NULL, ":", &save))
			rc = drv_add_dir(o, "KILN_LIBPATH folder", d);
		free(copy);
		if (rc < 0)
			return -1;
	}
	if (o->profile[0] != '/' && access("buildsys/image.mk", R_OK) != 0) {
		if (!(o->profile_abs = drv_abspath("cannot read profile", o->profile)))
			return -1;
		o->profile = o->profile_abs;
	}
	return drv_chdir_root();
}

void drv_opts_free(struct drv_opts *o)
{
	for (int i = 0; i < o->ndirs; i++)
		free(o->dirs[i]);
	free(o->profile_abs);
}

static const char drv_build_help[] = "usage: kiln build [-j N] [-v] [-L DIR]... PROFILE\n";
static const char drv_build_more[] =
	"\nResolves PROFILE into build/<name>/ and builds one image per target:\n"
	"build/<name>/<target>/<app>.<target>.elf (and an xl config beside a Xen image).\n"
	"  -j N    parallel jobs (default: make's jobserver, else one per CPU)\n"
	"  -v      print the full commands (V=1)\n"
	"  -L DIR  also read the libraries in DIR (KILN_LIBPATH too)\n";
static const char drv_run_help[] =
	"usage: kiln run [--machine microvm|pc] [--accel auto|kvm|tcg] [-m SIZE] [--no-build]\n"
	"                [--dry-run] [--xen] [-j N] [-v] [-L DIR]... PROFILE [-- ARGS...]\n";
static const char drv_run_more[] =
	"\nBuilds PROFILE, boots its KVM image in QEMU (or its Xen image with xl create -c on a\n"
	"Xen dom0) and exits with the app's status.\n"
	"  --machine M   QEMU machine, microvm (default) or pc\n"
	"  --accel A     auto (default: KVM when /dev/kvm is real hardware virtualisation,\n"
	"                else TCG), kvm or tcg\n"
	"  -m SIZE       guest memory (default 64M)\n"
	"  --no-build    boot the image as it is\n"
	"  --dry-run     print the command, run nothing\n"
	"  --xen         the Xen image (the default when the profile has no KVM target)\n"
	"  -- ARGS       the app's arguments, instead of the profile's\n"
	"Exit status: 0-125 the app's, 255 the guest crashed, 254 it stopped without a\n"
	"status, 253 QEMU failed, 1 kiln failed before booting, 2 bad usage.\n";

/* Usage on stderr (exit 2), or with -h/--help the whole help on stdout (exit 0). */
int drv_usage(const char *cmd, int full)
{
	int build = !strcmp(cmd, "build");
	FILE *f = full ? stdout : stderr;

	fputs(build ? drv_build_help : drv_run_help, f);
	if (full)
		fputs(build ? drv_build_more : drv_run_more, f);
	return full ? 0 : 2;
}

/* Parses the options both commands share plus run's; returns -1 on a bad one. */
int drv_parse(const char *cmd, int argc, char **argv, struct drv_opts *o)
{
	int run = !strcmp(cmd, "run");

	*o = (struct drv_opts){ .machine = "microvm", .accel = "auto", .mem = "64M" };
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		const char *next = i + 1 < argc ? argv[i + 1] : NULL;

		if (!strcmp(a, "--")) {
			o->app_args = argv + i + 1;
			o->napp_args = argc - i - 1;
			break;
		} else if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			o->help = 1;
			return 0;
		} else if (!strcmp(a, "-v") || !strcmp(a, "--verbose")) {
			o->verbose = 1;
		} else if (!strcmp(a, "-j") && next) {
			o->jobs = argv[++i];
		} else if (!strcmp(a, "-L") && next) {
			if (drv_add_dir(o, "-L folder", argv[++i]) < 0)
				return -1;
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
	int rc = 1;

	if (drv_parse("build", argc, argv, &o) < 0 || o.help) {
		drv_opts_free(&o);
		return drv_usage("build", o.help);
	}
	if (drv_prepare(&o) == 0 && drv_resolve(&o, &r) == 0) {
		rc = drv_make(&o, r.outdir, 0) < 0 ? 1 : 0;
		for (const char *t = r.targets; rc == 0 && *t;) {
			int len = (int)strcspn(t, " ");

			printf("kiln: built %s/%.*s/%s.%.*s.elf\n", r.outdir, len, t, r.app, len,
			       t);
			t += len + (t[len] == ' ');
		}
		drv_resolved_free(&r);
	}
	drv_opts_free(&o);
	return rc;
}

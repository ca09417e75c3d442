/*
 * What buildsys/driver.c (`kiln build`, the shared steps) and buildsys/run.c (`kiln run`)
 * share: the parsed options, the resolved profile, and the steps both commands take.
 */
#ifndef KILN_DRIVER_INT_H
#define KILN_DRIVER_INT_H

#include <stddef.h>

#define DRV_BUILD_ROOT "build"
#define DRV_KVM_TARGET "kvm-x86_64"
#define DRV_XEN_TARGET "xen-x86_64"
#define DRV_MAX_DIRS   16 /* extra library folders (-L, KILN_LIBPATH) */

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
	int help;
	char *dirs[DRV_MAX_DIRS + 1]; /* absolute: -L folders, KILN_LIBPATH's, the app's */
	int ndirs;
	char *profile_abs; /* the profile's path made absolute before kiln changes folder */
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

/* Options of cmd ("build" or "run"); -1 on a bad one (said on stderr). */
int drv_parse(const char *cmd, int argc, char **argv, struct drv_opts *o);
/* Usage on stderr (returns 2), or with full the whole help on stdout (returns 0). */
int drv_usage(const char *cmd, int full);
/* KILN_LIBPATH, paths made absolute, then into the kiln tree; -1 on failure (said). */
int drv_prepare(struct drv_opts *o);
void drv_opts_free(struct drv_opts *o);
/* Resolves o->profile into build/<name>/; on failure -1 and nothing to free. */
int drv_resolve(struct drv_opts *o, struct drv_resolved *out);
void drv_resolved_free(struct drv_resolved *r);
/* Runs argv and waits; -1 when it could not start (said on stderr). */
int drv_spawn(char **argv, int stdout_to_stderr, int *status);
/* The Make backend over outdir; -1 when it failed (said on stderr). */
int drv_make(const struct drv_opts *o, const char *outdir, int stdout_to_stderr);

#endif

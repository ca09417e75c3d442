/*
 * buildsys as a library: the build/run driver that the kiln tool (cli/build.c,
 * cli/run.c) and the menu call. It resolves a profile into build/<name>/ (the catalog's
 * config.h and config.json plus this library's config.mk), runs the Make backend
 * (buildsys/image.mk) over it, and boots an image. Functions print their own one-line
 * errors on stderr ("kiln: what: why") and return -1; nothing here parses a command line.
 */
#ifndef KILN_BUILD_H
#define KILN_BUILD_H

#include <stddef.h>

#include <kiln/cat.h>

#define DRV_BUILD_ROOT "build"
/* In every output folder: the lock its writers take (buildsys/lock.c). */
#define DRV_LOCK_FILE ".kiln-lock"
/* In every output folder: the run configuration's values, NUL-ended KEY=VALUE records. */
#define DRV_RUN_VARS "run.vars"

/* Exit statuses of a run (buildsys/README.md): 0-125 are the app's. */
enum {
	DRV_EXIT_KILN_FAILED = 1,
	DRV_EXIT_USAGE = 2, /* an option the platform does not offer */
	DRV_EXIT_QEMU_FAILED = 253,
	DRV_EXIT_NO_STATUS = 254,
	DRV_EXIT_CRASH = 255,
};

/* What a build or run is asked to do (the kiln tool fills it from its command line). */
struct drv_opts {
	const char *profile;
	const char *jobs; /* digits, or NULL: make's jobserver, else one per CPU */
	int verbose;
	const char *machine; /* NULL: the platform's first */
	const char *accel;   /* NULL: auto */
	const char *mem;     /* NULL: the platform's default */
	int no_build, dry_run;
	int no_wait; /* refuse, rather than wait, when another kiln writes the build folder */
	int force;   /* --force: take over a build folder another profile owns */
	struct cat_strv ports; /* -p HOST:GUEST, checked */
	const char *tap;       /* --net tap:NAME: NAME; NULL: none */
	const char *target;    /* the target to run; NULL: the profile's first */
	const char *initrd;    /* --initrd: a file, or a folder to pack; NULL: none */
	char **app_args;       /* after "--"; NULL: the profile's args */
	int napp_args;
	struct cat_strv dirs; /* absolute: KILN_LIBPATH's, then -L's */
	char *root;	      /* the kiln tree, absolute (drv_prepare) */
	char *profile_abs;    /* the profile's path made absolute before kiln changes folder */
	char *initrd_abs;     /* the same for initrd */
};

/* What a resolved profile tells the run: output folder, the app's library name, the
 * targets, and the catalog (whose platform libraries say how their images run). */
struct drv_resolved {
	char *outdir;
	char *app;
	struct cat_strv targets;
	char **args; /* the profile's default args (copies) */
	size_t nargs;
	struct cat_catalog *cat;
	int lock_fd;	/* the build folder's lock (drv_lock), held until the build is done */
	int takes_args; /* CAT_ARGS_LIB is on: the app receives arguments */
};

/* -p HOST:GUEST (two port numbers 1-65535), --net tap:NAME (an interface name); -1 when
 * malformed (said). */
int drv_add_port(struct drv_opts *o, const char *spec);
int drv_set_net(struct drv_opts *o, const char *spec);
/* @PORTS@: the run's port template once per HOST:GUEST of ports (caller frees). */
char *drv_ports_value(const struct cat_run *run, const struct cat_strv *ports);
/* A "machine_vars" token's value for machine, NULL when it has none. */
const char *drv_machine_var(const struct cat_run *run, const char *machine, const char *name,
			    size_t len);
/* Adds -L DIR to o (made absolute); -1 when it is no folder (said). */
int drv_add_dir(struct drv_opts *o, const char *dir);
/* KILN_LIBPATH, the profile made absolute, then into the kiln tree; -1 on failure (said). */
int drv_prepare(struct drv_opts *o);
void drv_opts_free(struct drv_opts *o);
/* Resolves o->profile into build/<name>/; on failure -1 and nothing to free. */
int drv_resolve(struct drv_opts *o, struct drv_resolved *out);
void drv_resolved_free(struct drv_resolved *r);
/* Writes the whole resolved configuration: the catalog's files and config.mk. */
int drv_write_config(const struct cat_result *r, const char *outdir, struct cat_err *err);
/* mkdir -p; -1 with errno set. */
int drv_mkdirs(const char *path);
/* Makes outdir the profile's (build/<name>/owner holds its absolute path); -1 when another
 * profile that still names this folder owns it, unless force. */
int drv_claim_outdir(const char *outdir, const char *profile, int force, struct cat_err *err);
/* build/<profile>/opt/CONFIG_X: one file per symbol, rewritten when its value changes. */
int drv_write_stamps(const struct cat_result *r, const char *outdir, struct cat_err *err);
/* config.mk's text for a result whose output folder Make knows as cfgdir; caller frees. */
char *drv_config_mk(const struct cat_result *r, const char *cfgdir);
/* run.vars (buildsys/runvars.c), for buildsys/template.sh. */
int drv_write_run_vars(const struct cat_result *r, const char *outdir, struct cat_err *err);
/* The args as one kernel command line, each word backslash-escaped the way the guest's
 * splitter reads them (kiln/args.h); caller frees; NULL when out of memory. */
char *drv_join_args(char *const *args, size_t n);
/* Packs folder dir into a cpio "newc" archive at out (buildsys/cpio.c); -1 (said). */
int drv_pack_cpio(const char *dir, const char *out);
/* Runs argv and waits; -1 when it could not start (said on stderr). */
int drv_spawn(char **argv, int stdout_to_stderr, int *status);
/* The Make backend over outdir; -1 when it failed (said on stderr). */
int drv_make(const struct drv_opts *o, const char *outdir, int stdout_to_stderr);
/* Builds (unless asked not to) and boots; returns the run's exit status (see enum). */
int drv_run(const struct drv_opts *o, struct drv_resolved *r);
/* Locks outdir for writing (created when missing): waits with a message while another
 * kiln holds it, or fails at once when no_wait. Returns the lock's fd, or -1 (said). */
int drv_lock(const char *outdir, int no_wait);
void drv_unlock(int *fd); /* releases it; *fd becomes -1 */

#endif

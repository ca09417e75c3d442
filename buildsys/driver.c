/*
 * buildsys/driver.c — the steps `kiln build` and `kiln run` share: find the tree, resolve a
 * profile, write its resolved configuration to build/<name>/, and run the Make backend
 * (buildsys/image.mk) over it. The command lines themselves are parsed by the kiln tool
 * (cli/build.c, cli/run.c).
 *
 * Make runs from the tree's root, so the driver changes folder there; every path the user
 * gave (profile, -L, KILN_LIBPATH) is made absolute before it does.
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

#include <kiln/build.h>

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
	drv_unlock(&r->lock_fd);
	free(r->outdir);
	free(r->app);
	cat_strv_free(&r->targets);
	cat_free(r->cat);
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
	long args_lib = cat_find_lib(cat_result_catalog(res), CAT_ARGS_LIB);
	out->takes_args = args_lib >= 0 && cat_result_lib(res, (size_t)args_lib)->on;
	for (size_t i = 0; i < p->ntargets; i++)
		cat_add_word(&out->targets, p->targets[i]);
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
	out->lock_fd = -1;
	struct cat_profile *p = cat_profile_load(profile, &err);
	if (p) {
		struct cat_strv dirs = o->dirs;
		const char **v = calloc(dirs.n + 1, sizeof(*v));

		for (size_t i = 0; v && i < dirs.n; i++)
			v[i] = dirs.v[i];
		if (v && p->app_dir)
			v[dirs.n++] = p->app_dir;
		cat = v ? cat_load(".", v, dirs.n, &err) : NULL;
		free(v);
	}
	if (cat)
		s = cat_solver_new(cat, &err);
	/* A refused folder gets nothing, not even the lock or the owner file: checked first,
	 * and again under the lock by the writer. */
	if (s && cat_solve(s, p, &res, &err) == 0 && drv_fill_resolved(p, res, out) == 0 &&
	    cat_check_outdir(out->outdir, &err) == 0 &&
	    (out->lock_fd = drv_lock(out->outdir, o->no_wait)) >= 0 &&
	    drv_claim_outdir(out->outdir, profile, o->force, &err) == 0 &&
	    drv_write_config(res, out->outdir, &err) == 0)
		rc = 0;
	drv_print_errs(&err);
	if (rc != 0 && !err.n && !out->outdir)
		fprintf(stderr, "kiln: %s: cannot resolve\n", profile);
	if (rc != 0)
		drv_resolved_free(out); /* the caller frees only what resolved */
	else
		out->cat = cat; /* the run reads the platforms' run descriptions */
	cat_result_free(res);
	cat_solver_free(s);
	if (rc != 0)
		cat_free(cat);
	cat_profile_free(p);
	cat_err_free(&err);
	return rc;
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

static void drv_print_cat_errs(struct cat_err *err)
{
	drv_print_errs(err);
	cat_err_free(err);
}

int drv_add_dir(struct drv_opts *o, const char *dir)
{
	struct cat_err err;
	int rc;

	cat_err_init(&err);
	rc = cat_add_libdir(&o->dirs, dir, "-L folder", &err);
	drv_print_cat_errs(&err);
	return rc;
}

/* Before the change of folder: KILN_LIBPATH's folders, and the profile as an absolute path
 * when it is not a file of the tree's root folder (its messages then name it as given). */
int drv_prepare(struct drv_opts *o)
{
	struct cat_err err;
	int rc = -1;

	cat_err_init(&err);
	if (cat_libpath(&o->dirs, &err) == 0 && (o->root = cat_find_root(NULL, &err))) {
		rc = 0;
		if (o->profile[0] != '/' && !cat_is_root(".")) {
			o->profile_abs = realpath(o->profile, NULL);
			if (!o->profile_abs) {
				cat_err_add(&err, NULL, 0, 0, "cannot read profile %s: %s",
					    o->profile, strerror(errno));
				rc = -1;
			}
			o->profile = o->profile_abs;
		}
	}
	if (rc == 0 && o->initrd) {
		o->initrd_abs = realpath(o->initrd, NULL);
		if (!o->initrd_abs) {
			cat_err_add(&err, NULL, 0, 0, "--initrd %s: %s", o->initrd,
				    strerror(errno));
			rc = -1;
		}
		o->initrd = o->initrd_abs;
	}
	if (rc == 0 && chdir(o->root) < 0) {
		cat_err_add(&err, NULL, 0, 0, "%s: %s", o->root, strerror(errno));
		rc = -1;
	}
	if (rc == 0 && access("buildsys/image.mk", R_OK) != 0) {
		cat_err_add(&err, NULL, 0, 0, "%s: no buildsys/image.mk: not a whole kiln tree",
			    o->root);
		rc = -1;
	}
	drv_print_cat_errs(&err);
	return rc;
}

void drv_opts_free(struct drv_opts *o)
{
	cat_strv_free(&o->dirs);
	cat_strv_free(&o->ports);
	free(o->root);
	free(o->profile_abs);
	free(o->initrd_abs);
}

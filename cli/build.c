/*
 * kiln build, and the command line `kiln run` (cli/run.c) shares with it:
 *
 *   kiln build [-j N] [-v] [-L DIR]... PROFILE
 *
 * Options are read with getopt_long, like every other subcommand's; everything after "--"
 * belongs to the app. The work itself is buildsys's (kiln/build.h).
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <kiln/build.h>
#include "cli.h"

static const char build_usage[] =
	"kiln build [-j N] [-v] [--no-wait] [--force] [-L DIR]... PROFILE";
static const char build_help[] =
	"Resolves PROFILE into build/<name>/ and builds one image per target:\n"
	"build/<name>/<target>/<app>.<target>.elf (and <app>.<target>.cfg beside it when the\n"
	"platform has a run configuration).\n"
	"  -j N    parallel jobs (default: make's jobserver, else one per CPU)\n"
	"  -v      print the full commands (V=1)\n"
	"  -L DIR  also read the libraries in DIR (KILN_LIBPATH too)\n"
	"  --no-wait  fail at once when another kiln is writing build/<name>/ (default: wait)\n"
	"  --force build even when another profile of the same name owns build/<name>/\n";

enum {
	OPT_NO_WAIT = 256,
	OPT_MACHINE,
	OPT_ACCEL,
	OPT_NO_BUILD,
	OPT_DRY_RUN,
	OPT_TARGET,
	OPT_FORCE,
	OPT_NET,
	OPT_INITRD
};

static const struct option drive_longopts[] = {
	{ "help", no_argument, NULL, 'h' },
	{ "verbose", no_argument, NULL, 'v' },
	{ "jobs", required_argument, NULL, 'j' },
	{ "no-wait", no_argument, NULL, OPT_NO_WAIT },
	{ "machine", required_argument, NULL, OPT_MACHINE },
	{ "accel", required_argument, NULL, OPT_ACCEL },
	{ "no-build", no_argument, NULL, OPT_NO_BUILD },
	{ "dry-run", no_argument, NULL, OPT_DRY_RUN },
	{ "target", required_argument, NULL, OPT_TARGET },
	{ "force", no_argument, NULL, OPT_FORCE },
	{ "port", required_argument, NULL, 'p' },
	{ "net", required_argument, NULL, OPT_NET },
	{ "initrd", required_argument, NULL, OPT_INITRD },
	{ NULL, 0, NULL, 0 },
};

/* -j's value: a whole number from 1 to 1024. */
static int jobs_ok(const char *s)
{
	char *end;
	long n = strtol(s, &end, 10);

	return s[0] >= '0' && s[0] <= '9' && !*end && n >= 1 && n <= 1024;
}

/* One option of build or run (run: the command takes run's own options too). */
static int drive_opt(int ch, int run, struct drv_opts *o)
{
	switch (ch) {
	case 'v':
		o->verbose = 1;
		return 0;
	case 'j':
		if (!jobs_ok(optarg)) {
			fprintf(stderr, "kiln: -j %s: expected a number of jobs from 1 to 1024\n",
				optarg);
			return -1;
		}
		o->jobs = optarg;
		return 0;
	case 'L':
		return drv_add_dir(o, optarg);
	case OPT_NO_WAIT:
		o->no_wait = 1;
		return 0;
	case OPT_FORCE:
		o->force = 1;
		return 0;
	}
	if (!run)
		return -1;
	switch (ch) {
	case 'M':
	case OPT_MACHINE:
		o->machine = optarg;
		return 0;
	case OPT_ACCEL:
		o->accel = strcmp(optarg, "auto") ? optarg : NULL;
		return 0;
	case 'm':
		o->mem = optarg;
		return 0;
	case OPT_NO_BUILD:
		o->no_build = 1;
		return 0;
	case OPT_DRY_RUN:
		o->dry_run = 1;
		return 0;
	case 't':
	case OPT_TARGET:
		o->target = optarg;
		return 0;
	case 'p':
		return drv_add_port(o, optarg);
	case OPT_NET:
		return drv_set_net(o, optarg);
	case OPT_INITRD:
		o->initrd = optarg;
		return 0;
	}
	return -1;
}

/* The part before "--" holds options and PROFILE; the rest are the app's arguments. */
int cli_drive_parse(const char *cmd, int argc, char **argv, struct drv_opts *o, int *help)
{
	int run = !strcmp(cmd, "run"), n = argc, ch;

	*o = (struct drv_opts){ 0 };
	*help = 0;
	for (int i = 1; i < argc; i++)
		if (!strcmp(argv[i], "--")) {
			o->app_args = argv + i + 1;
			o->napp_args = argc - i - 1;
			n = i;
			break;
		}
	opterr = 0;
	optind = 0; /* 0, not 1: glibc then forgets a half-read word of an earlier parse */
	for (;;) {
		ch = getopt_long(n, argv, run ? "+hvj:L:M:m:t:p:" : "+hvj:L:", drive_longopts,
				 NULL);
		if (ch == -1 && optind < n && !o->profile) {
			o->profile = argv[optind++]; /* options may follow PROFILE */
			continue;
		}
		if (ch == -1)
			break;
		if (ch == 'h') {
			*help = 1;
			return 0;
		}
		if (ch == '?' || ch == ':' || (!run && ch >= OPT_MACHINE && ch != OPT_FORCE)) {
			fprintf(stderr, "kiln: %s: unknown or incomplete option: %s\n", cmd,
				argv[optind - 1]);
			return -1;
		}
		if (drive_opt(ch, run, o) < 0)
			return -1;
	}
	if (optind < n) {
		fprintf(stderr,
			"kiln: %s: one PROFILE only, then \"--\" before the app's "
			"arguments: %s\n",
			cmd, argv[optind]);
		return -1;
	}
	if (!o->profile) {
		fprintf(stderr, "kiln: %s: no profile given\n", cmd);
		return -1;
	}
	return 0;
}

int cmd_build(int argc, char **argv)
{
	struct drv_opts o;
	struct drv_resolved r;
	int help, rc = KILN_EUSER;

	if (cli_drive_parse("build", argc, argv, &o, &help) < 0 || help) {
		drv_opts_free(&o);
		return cli_help(build_usage, build_help, help);
	}
	if (drv_prepare(&o) == 0 && drv_resolve(&o, &r) == 0) {
		rc = drv_make(&o, r.outdir, 0) < 0 ? KILN_EUSER : KILN_OK;
		for (size_t i = 0; rc == KILN_OK && i < r.targets.n; i++)
			printf("kiln: built %s/%s/%s.%s.elf\n", r.outdir, r.targets.v[i], r.app,
			       r.targets.v[i]);
		drv_resolved_free(&r);
	}
	drv_opts_free(&o);
	return rc;
}

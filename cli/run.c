/*
 * kiln run: build a profile and boot one of its images (buildsys/run.c), exiting with the
 * app's status. The command line is build's plus run's own options (cli/build.c).
 */
#include <stdio.h>
#include <string.h>

#include <kiln/build.h>
#include "cli.h"

static const char run_usage[] =
	"kiln run [--machine microvm|pc] [--accel auto|kvm|tcg] [-m SIZE] [--no-build]\n"
	"                [--dry-run] [--xen] [-j N] [-v] [-L DIR]... PROFILE [-- ARGS...]";
static const char run_help[] =
	"Builds PROFILE, boots its KVM image in QEMU (or its Xen image with xl create -c on a\n"
	"Xen dom0) and exits with the app's status.\n"
	"  --machine M   QEMU machine, microvm (default) or pc\n"
	"  --accel A     auto (default: KVM when /dev/kvm is real hardware virtualisation,\n"
	"                else TCG), kvm or tcg\n"
	"  -m SIZE       guest memory (default 64M)\n"
	"  --no-build    boot the image as it is\n"
	"  --dry-run     print the command, run nothing\n"
	"  --xen         the Xen image (the default when the profile has no KVM target)\n"
	"  -j N, -v, -L DIR   as for kiln build\n"
	"  -- ARGS       the app's arguments, instead of the profile's\n"
	"Exit status: 0-125 the app's, 255 the guest crashed, 254 it stopped without a\n"
	"status, 253 QEMU failed, 1 kiln failed before booting, 2 bad usage.\n";

/* A value that must be one of a few words; says which otherwise. */
static int one_of(const char *what, const char *v, const char *const *words)
{
	for (size_t i = 0; words[i]; i++)
		if (!strcmp(v, words[i]))
			return 0;
	fprintf(stderr, "kiln: run: %s must be", what);
	for (size_t i = 0; words[i]; i++)
		fprintf(stderr, "%s %s", i ? (words[i + 1] ? "," : " or") : "", words[i]);
	fprintf(stderr, ", not %s\n", v);
	return -1;
}

int cmd_run(int argc, char **argv)
{
	static const char *const machines[] = { "microvm", "pc", NULL };
	static const char *const accels[] = { "auto", "kvm", "tcg", NULL };
	struct drv_opts o;
	struct drv_resolved r;
	int help, rc = KILN_EUSER;

	if (cli_drive_parse("run", argc, argv, &o, &help) < 0 || help ||
	    one_of("--machine", o.machine, machines) < 0 ||
	    one_of("--accel", o.accel, accels) < 0) {
		drv_opts_free(&o);
		return cli_help(run_usage, run_help, help);
	}
	if (drv_prepare(&o) == 0 && drv_resolve(&o, &r) == 0) {
		rc = drv_run(&o, &r);
		drv_resolved_free(&r);
	}
	drv_opts_free(&o);
	return rc;
}

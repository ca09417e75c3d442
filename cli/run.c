/*
 * kiln run: build a profile and boot one of its images (buildsys/run.c), exiting with the
 * app's status. The command line is build's plus run's own options (cli/build.c).
 */
#include <stdio.h>

#include <kiln/build.h>
#include "cli.h"

static const char run_usage[] =
	"kiln run [-t TARGET] [--machine M] [--accel A] [-m SIZE] [--initrd DIR|FILE]\n"
	"                [-p HOST:GUEST]... [--net tap:NAME] [--no-build] [--dry-run] [-j N]\n"
	"                [-v] [--no-wait] [--force] [-L DIR]... PROFILE [-- ARGS...]";
static const char run_help[] =
	"Builds PROFILE, boots one of its images the way its platform's lib.json says (\"run\")\n"
	"and exits with the app's status.\n"
	"  -t, --target T  the target to boot (default: the profile's first)\n"
	"  --machine M   a machine the platform offers (default: its first; kiln show\n"
	"                plat-<platform> lists them)\n"
	"  --accel A     auto (default: the platform's first accelerator that works here),\n"
	"                or one it offers\n"
	"  -m SIZE       guest memory (default: the platform's)\n"
	"  -p, --port HOST:GUEST  a network for the guest, with TCP port HOST of 127.0.0.1\n"
	"                forwarded to the guest's port GUEST (several allowed)\n"
	"  --net tap:NAME  a network through the existing tap device NAME instead\n"
	"  --initrd DIR|FILE  the guest's initial files: a cpio \"newc\" archive, or a\n"
	"                folder kiln packs into one (build/<name>/<target>/initrd.cpio)\n"
	"  --no-build    boot the image as it is\n"
	"  --dry-run     print the command, run nothing\n"
	"  -j N, -v, -L DIR, --no-wait, --force   as for kiln build\n"
	"  -- ARGS       the app's arguments, instead of the profile's\n"
	"Exit status: 0-125 the app's, 255 the guest crashed, 254 it stopped without a\n"
	"status, 253 the runner failed, 1 kiln failed before booting, 2 bad usage.\n";

int cmd_run(int argc, char **argv)
{
	struct drv_opts o;
	struct drv_resolved r;
	int help, rc = KILN_EUSER;

	if (cli_drive_parse("run", argc, argv, &o, &help) < 0 || help) {
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

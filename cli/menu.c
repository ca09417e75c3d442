/*
 * kiln menu: opens the menu (tui/, built as kiln-menu beside the kiln binary) on a
 * profile. kiln itself links no ncurses, so the menu is a separate program that this
 * command execs, passing the tree it found (--root) and itself (--kiln) so the menu's
 * build and run use the same kiln.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

static const char menu_usage[] = "kiln menu [-L DIR]... [PROFILE]";
static const char menu_help[] =
	"Opens the menu (kiln-menu, beside this kiln) on PROFILE: browse the libraries,\n"
	"with -L's folders and $KILN_LIBPATH's in the catalog as for every command, \n"
	"change decisions, ask why, save, build and run. PROFILE defaults to $KILN_PROFILE,\n"
	"else the helloworld example's first profile in the kiln tree.\n";

/* The folder holding this kiln binary, where the build puts kiln-menu too. */
static int self_path(char *buf, size_t len)
{
	ssize_t n = readlink("/proc/self/exe", buf, len - 1);

	if (n <= 0)
		return -1;
	buf[n] = 0;
	return 0;
}

/* kiln-menu beside this kiln into menu (PATH_MAX + 16), this kiln into self (PATH_MAX). */
static int find_menu(char *self, char *menu)
{
	char dir[PATH_MAX];

	if (self_path(self, PATH_MAX) < 0) {
		fprintf(stderr, "kiln: menu: cannot tell where this kiln is\n");
		return -1;
	}
	snprintf(dir, sizeof(dir), "%s", self);
	*strrchr(dir, '/') = 0; /* readlink gives an absolute path: there is a slash */
	snprintf(menu, PATH_MAX + 16, "%s/kiln-menu", dir);
	if (access(menu, X_OK) != 0) {
		fprintf(stderr, "kiln: menu: build/bin/kiln-menu not found: "
				"run make menuconfig or make kiln-menu\n");
		return -1;
	}
	return 0;
}

/* kiln-menu's arguments: --root, --kiln, each -L folder (absolute), the profile. */
static void exec_menu(const char *menu, struct cli_env *env, const char *self, char *profile)
{
	const char *args[64];
	size_t n = 0;

	args[n++] = "kiln-menu";
	args[n++] = "--root";
	args[n++] = env->root;
	args[n++] = "--kiln";
	args[n++] = self;
	for (size_t i = 0; i < env->dirs.n && n < 60; i++) {
		args[n++] = "-L";
		args[n++] = env->dirs.v[i];
	}
	args[n++] = profile;
	args[n] = NULL;
	execv(menu, (char *const *)args);
	perror("kiln: menu: exec kiln-menu");
}

int cmd_menu(int argc, char **argv)
{
	struct cli_env env;
	char self[PATH_MAX], menu[PATH_MAX + 16];
	const char *dirs[16];
	const char *given = NULL;
	char *profile;
	size_t ndirs = 0;

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			printf("usage: %s\n\n%s", menu_usage, menu_help);
			return KILN_OK;
		}
		if (!strcmp(argv[i], "-L") && i + 1 < argc && ndirs < 16)
			dirs[ndirs++] = argv[++i];
		else if (argv[i][0] == '-')
			return cli_usage(menu_usage, "menu: unknown option '%s'", argv[i]);
		else if (given)
			return cli_usage(menu_usage, "menu: expected at most one PROFILE");
		else
			given = argv[i];
	}
	if (find_menu(self, menu) < 0 || cli_setup(&env, argv[0]) < 0)
		return KILN_EUSER;
	/* kiln-menu reads KILN_LIBPATH itself: pass only the -L folders, made absolute */
	cat_strv_free(&env.dirs);
	memset(&env.dirs, 0, sizeof(env.dirs));
	for (size_t i = 0; i < ndirs; i++)
		if (cli_add_dir(&env, dirs[i]) < 0) {
			cli_done(&env);
			return KILN_EUSER;
		}
	profile = cli_default_profile(&env, given);
	if (profile)
		exec_menu(menu, &env, self, profile);
	free(profile);
	cli_done(&env);
	return KILN_EUSER;
}

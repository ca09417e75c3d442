/*
 * The environment from the command line: every kernel word (before "--", kiln/args.h)
 * of the form NAME=value becomes a variable of environ, in order, for getenv and friends.
 * The app's own words (after "--") stay its argv. Set at the library boot level, after
 * argparse has split the command line and before constructors and main.
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <kiln/args.h>
#include <kiln/boot.h>

extern char **environ;

static char *newlib_env[CONFIG_ARGPARSE_MAX_ARGS + 1];

static int newlib_environ_init(void)
{
	char *const *w = kargs_kernel_argv();
	int n = 0;

	for (int i = 0; i < kargs_kernel_argc(); i++)
		if (strchr(w[i], '=') && w[i][0] != '=')
			newlib_env[n++] = w[i];
	newlib_env[n] = NULL;
	environ = newlib_env;
	return 0;
}
KBOOT_INIT(newlib_environ_init, KBOOT_LEVEL_LIB);

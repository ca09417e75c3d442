/*
 * kiln: the command-line tool over the catalog library (catalog/) and the build driver
 * (buildsys/). main() and the table of subcommands live here; each subcommand is a
 * function in its own file of cli/.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"

struct subcommand {
	const char *name;
	int (*fn)(int argc, char **argv);
	const char *summary;
};

static const struct subcommand cmds[] = {
	{ "new", cmd_new, "write a new app of your own, ready to build and run" },
	{ "list", cmd_list, "list the libraries by category" },
	{ "show", cmd_show, "show a library, option or interface" },
	{ "resolve", cmd_resolve, "resolve a profile into build/<name>/config.{mk,h,json}" },
	{ "why", cmd_why, "explain the value of a library or option" },
	{ "why-not", cmd_why_not, "explain why a value is ruled out, and the smallest fixes" },
	{ "fix", cmd_fix, "change a profile's decisions so that it allows a value" },
	{ "check", cmd_check, "check the catalog: dead options, constraints that never hold" },
	{ "genconfig", cmd_genconfig, "write an all-yes, all-no or seeded random valid profile" },
	{ "build", cmd_build, "build a profile's images" },
	{ "run", cmd_run, "boot a profile's image" },
	{ "menu", cmd_menu, "open the menu on a profile" },
};

static int help(FILE *f)
{
	fprintf(f, "usage: kiln COMMAND [ARGS]\n\n"
		   "Builds unikernels from micro-libraries described by lib.json files.\n\n"
		   "commands:\n");
	for (size_t i = 0; i < sizeof(cmds) / sizeof(*cmds); i++)
		fprintf(f, "  %-9s %s\n", cmds[i].name, cmds[i].summary);
	fprintf(f, "\n'kiln COMMAND --help' tells more. Environment: KILN_ROOT (the tree),\n"
		   "KILN_LIBPATH (extra library folders, separated by ':').\n"
		   "Exit status: 0 done, 1 bad input (catalog, profile, conflict), 2 bad usage.\n");
	return f == stdout ? 0 : 2;
}

int main(int argc, char **argv)
{
	if (argc < 2)
		return help(stderr);
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help"))
		return help(stdout);
	for (size_t i = 0; i < sizeof(cmds) / sizeof(*cmds); i++)
		if (!strcmp(argv[1], cmds[i].name))
			return cmds[i].fn(argc - 1, argv + 1);
	fprintf(stderr, "kiln: unknown command '%s'\n", argv[1]);
	return help(stderr);
}

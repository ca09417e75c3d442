/*
 * The build/run driver behind `kiln build` (buildsys/driver.c) and `kiln run`
 * (buildsys/run.c). The kiln tool's subcommand table (catalog/cli/kiln.c) calls these;
 * argv[0] is the subcommand's name. Return the process exit code (0 done, 1 user error, 2 usage).
 */
#ifndef KILN_DRIVER_H
#define KILN_DRIVER_H

int kiln_cmd_build(int argc, char **argv);
int kiln_cmd_run(int argc, char **argv);

#endif

/*
 * The boot sequence. The platform calls kiln_boot() (kiln/plat.h); it runs every init
 * function registered with KBOOT_INIT in level order, then the C constructors, then the
 * app's main(argc, argv), then every KBOOT_EXIT hook, then plat_shutdown() with main's
 * status. Libraries register themselves at link time: an entry is a function pointer in
 * section ".kiln_init.<level>", gathered by kiln-tables.lds; there is no central list.
 */
#ifndef KILN_BOOT_H
#define KILN_BOOT_H

#include <kiln/compiler.h>
#include <kiln/plat.h>

/* The app's name, main()'s argv[0]; the Make backend passes the profile's app. */
#ifndef KILN_APP_NAME
#define KILN_APP_NAME "app"
#endif

/* Init levels: lower runs first. Two digits each, so section names sort numerically. */
#define KBOOT_LEVEL_EARLY 10 /* console and other output paths */
#define KBOOT_LEVEL_ARGS  20 /* command line: sets the app's argc/argv */
#define KBOOT_LEVEL_LIB	  50 /* libraries */
#define KBOOT_LEVEL_LATE  90 /* things that want every library up */

typedef int (*kboot_init_fn)(void);
typedef void (*kboot_exit_fn)(int status);

/* Registers fn (int fn(void), non-zero = boot fails) to run at the given level. */
#define KBOOT_INIT(fn, level)                                                                      \
	static const kboot_init_fn kboot_init_entry_##fn __kiln_used __kiln_section(               \
		".kiln_init." KILN_STR(level)) = fn

/* Registers fn (void fn(int status)) to run before shutdown; lower levels run first. */
#define KBOOT_EXIT(fn, level)                                                                      \
	static const kboot_exit_fn kboot_exit_entry_##fn __kiln_used __kiln_section(               \
		".kiln_exit." KILN_STR(level)) = fn

/* The boot information the platform passed to kiln_boot(). */
const struct plat_bootinfo *kboot_info(void);

/* Sets the arguments main() receives (argv[argc] must be NULL); the default is the app name. */
void kboot_set_args(int argc, char **argv);

/* Runs the exit hooks and stops the machine with this status. */
__kiln_noreturn void kboot_exit(int status);

/* The app's entry point. */
int main(int argc, char **argv);

#endif

/*
 * kiln_boot(): the platform-neutral boot sequence (see kiln/boot.h). Runs on the platform's
 * boot stack with interrupts off and no allocator, so it allocates nothing.
 */
#include <stdint.h>
#include <kiln/boot.h>
#include <kiln/compiler.h>
#include <kiln/plat.h>
/* The report needs printk, whose header exists only when printk is on (the option depends
 * on it): hence #if here rather than IS_ENABLED() in C. */
#if IS_ENABLED(CONFIG_BOOT_REPORT_CYCLES)
#include <kiln/printk.h>
#endif

typedef void (*kboot_ctor_fn)(void);

extern const kboot_init_fn __kiln_init_start[], __kiln_init_end[];
extern const kboot_exit_fn __kiln_exit_start[], __kiln_exit_end[];
extern const kboot_ctor_fn __kiln_ctors_start[], __kiln_ctors_end[];

static const struct plat_bootinfo *kboot_bootinfo;
static char *kboot_default_argv[] = { KILN_APP_NAME, 0 };
static int kboot_argc = 1;
static char **kboot_argv = kboot_default_argv;
static const char kboot_init_failed[] = "kiln: boot: an init function failed\n";

const struct plat_bootinfo *kboot_info(void)
{
	return kboot_bootinfo;
}

void kboot_set_args(int argc, char **argv)
{
	kboot_argc = argc;
	kboot_argv = argv;
}

void kboot_exit(int status)
{
	for (const kboot_exit_fn *f = __kiln_exit_start; f < __kiln_exit_end; f++)
		(*f)(status);
	plat_shutdown(status);
}

static void kboot_report_cycles(void)
{
#if IS_ENABLED(CONFIG_BOOT_REPORT_CYCLES)
	printk(PRINTK_INFO, "boot: %lu cycles from first instruction to main\n",
	       (unsigned long)(plat_cycles() - kboot_bootinfo->cycles_at_entry));
#endif
}

void kiln_boot(const struct plat_bootinfo *bi)
{
	kboot_bootinfo = bi;
	for (const kboot_init_fn *f = __kiln_init_start; f < __kiln_init_end; f++) {
		if ((*f)() != 0) {
			plat_console_write(kboot_init_failed, sizeof(kboot_init_failed) - 1);
			plat_crash();
		}
	}
	for (const kboot_ctor_fn *c = __kiln_ctors_start; c < __kiln_ctors_end; c++)
		(*c)();
	kboot_report_cycles();
	kboot_exit(main(kboot_argc, kboot_argv));
}

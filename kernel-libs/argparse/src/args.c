/*
 * At the ARGS boot level: copies the platform's command line, splits it, keeps the kernel's
 * words and hands the app's words to main() through kboot_set_args().
 */
#include <stddef.h>
#include <string.h>
#include <kiln/args.h>
#include <kiln/boot.h>
#include <kiln/printk.h>

static char kargs_buf[CONFIG_ARGPARSE_CMDLINE_MAX];
/* One slot for argv[0] = the app's name, one for the terminating NULL. */
static char *kargs_words[CONFIG_ARGPARSE_MAX_ARGS + 2];
static int kargs_nkernel;

int kargs_kernel_argc(void)
{
	return kargs_nkernel;
}

char *const *kargs_kernel_argv(void)
{
	return kargs_words + 1;
}

const char *kargs_kernel_get(const char *key)
{
	size_t len = strlen(key);

	for (int i = 1; i <= kargs_nkernel; i++)
		if (!strncmp(kargs_words[i], key, len) && kargs_words[i][len] == '=')
			return kargs_words[i] + len + 1;
	return NULL;
}

static int kargs_init(void)
{
	const char *cmdline = kboot_info()->cmdline;

	if (strlcpy(kargs_buf, cmdline, sizeof(kargs_buf)) >= sizeof(kargs_buf))
		printk(PRINTK_WARN, "argparse: command line cut to %zu bytes\n",
		       sizeof(kargs_buf) - 1);
	int n = kargs_split(kargs_buf, kargs_words + 1, CONFIG_ARGPARSE_MAX_ARGS);
	if (n < 0) {
		printk(PRINTK_WARN, "argparse: more than %d words, the rest dropped\n",
		       CONFIG_ARGPARSE_MAX_ARGS);
		n = CONFIG_ARGPARSE_MAX_ARGS;
	}
	int dash = 1;
	while (dash <= n && strcmp(kargs_words[dash], "--"))
		dash++;
	kargs_nkernel = dash - 1;
	if (dash > n) /* no "--": main() keeps the boot library's argv, the app's name alone */
		return 0;
	/* argv[0] takes the slot of "--", the app's words follow. */
	kargs_words[dash] = KILN_APP_NAME;
	kboot_set_args(n - dash + 1, kargs_words + dash);
	return 0;
}
KBOOT_INIT(kargs_init, KBOOT_LEVEL_ARGS);

/*
 * The kernel command line split into words. Words before a lone "--" are the kernel's;
 * words after it are the app's and become main()'s argv[1..] (argv[0] is the app's name).
 * Quoting follows the shell's basics: '...' keeps everything, "..." keeps everything but
 * \" and \\, a backslash outside quotes escapes the next character.
 */
#ifndef KILN_ARGS_H
#define KILN_ARGS_H

/*
 * Splits buf in place into at most max words (argv[max] must exist for the NULL); returns
 * the number of words, or -1 when there were more than max.
 */
int kargs_split(char *buf, char **argv, int max);

/* Kernel words (before "--"), valid after the ARGS boot level. */
int kargs_kernel_argc(void);
char *const *kargs_kernel_argv(void);

/* The value of "key=value" among the kernel words, or NULL. */
const char *kargs_kernel_get(const char *key);

#endif

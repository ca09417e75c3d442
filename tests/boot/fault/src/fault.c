/*
 * A test app that breaks on purpose, so the boot tests can check what a fatal fault looks
 * like: argv[1] picks the fault. "pf": a read from 1 GiB, above the identity map (#PF, CR2
 * names the address); "ud": an undefined instruction (#UD); "de": a division by zero (#DE);
 * "panic": printk_panic(); anything else: exit status 3.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <kiln/printk.h>

#define FAULT_UNMAPPED 0x40000000ul

static int fault_divide(volatile int d)
{
	volatile int n = 7; /* GCC turns 1 / d into a compare: divide something else */

	return n / d;
}

int main(int argc, char *argv[])
{
	const char *what = argc > 1 ? argv[1] : "";

	printf("fault: %s\n", what);
	if (!strcmp(what, "pf"))
		return *(volatile int *)FAULT_UNMAPPED;
	if (!strcmp(what, "ud"))
		__asm__ volatile("ud2");
	if (!strcmp(what, "de"))
		return fault_divide(0);
	if (!strcmp(what, "panic"))
		printk_panic("fault app: asked to panic (%d)", 42);
	return 3;
}

/*
 * A test app that breaks on purpose, so the boot tests can check what a fatal fault looks
 * like: argv[1] picks the fault. "pf": a read from 1 GiB, above the identity map (#PF, CR2
 * names the address); "ud": an undefined instruction (#UD); "de": a division by zero (#DE);
 * "panic": printk_panic(); "stackoverflow": unbounded recursion into the boot stack's guard
 * page (#DF, as delivering the #PF needs the stack that is gone); "nested": a fault whose
 * handler faults, the stack moved to FAULT_NESTED_ROOM bytes above the boot stack's guard
 * page before an undefined instruction, so the handler runs out of stack inside its report
 * (x86 only: elsewhere it ends with status 3); anything else: status 3.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <kiln/printk.h>

#define FAULT_UNMAPPED	  0x40000000ul
#define FAULT_NESTED_ROOM 512 /* the CPU's frame and the stub's fit, the report does not */

/* plat/x86's guard page below the boot stack (start32.S); weak: 0 on other platforms. */
extern char x86_stack_guard[] __attribute__((weak));

static int fault_divide(volatile int d)
{
	volatile int n = 7; /* GCC turns 1 / d into a compare: divide something else */

	return n / d;
}

/* Never equal to a depth, but the compiler cannot know: no -Winfinite-recursion. */
static volatile unsigned long fault_depth_limit = ~0ul;

/* Each call keeps 64 bytes live across the next, so no tail call or loop replaces it. */
static unsigned long fault_recurse(unsigned long depth)
{
	volatile char pad[64];

	pad[0] = (char)depth;
	if (depth == fault_depth_limit)
		return 0;
	return fault_recurse(depth + 1) + pad[0];
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
	if (!strcmp(what, "stackoverflow"))
		return (int)fault_recurse(0);
	if (!strcmp(what, "nested") && x86_stack_guard) {
		char *top = x86_stack_guard + 4096 + FAULT_NESTED_ROOM;

		__asm__ volatile("mov %0, %%rsp; ud2" : : "r"(top) : "memory");
	}
	if (!strcmp(what, "panic"))
		printk_panic("fault app: asked to panic (%d)", 42);
	return 3;
}

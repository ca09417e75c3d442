/*
 * guest-overflow: a thread that recurses through its 16 KiB stack into the guard page below
 * it, as soon as main runs, with no argument to ask for it (sched-tests does the same when
 * booted with "overflow"). The image must stop with the crash status and the line
 * "kiln: thread overflower: stack overflow" (tests/guest/overflow.sh); returning from main
 * means the overflow went unnoticed.
 */
#include <stdio.h>
#include <kiln/sched.h>

#define OVERFLOW_STACK 16384

/* Each frame keeps 1 KiB live, so the compiler can neither drop nor flatten the recursion;
 * the limit is far beyond any stack, and only there to make the recursion finite. */
static unsigned long overflow_dive(unsigned long depth)
{
	volatile char frame[1024];

	frame[0] = (char)depth;
	if (depth > (1ul << 30))
		return 0;
	return depth + overflow_dive(depth + 1) + frame[0];
}

static void *overflow_thread(void *arg)
{
	(void)arg;
	printf("guest-overflow: overflowing a %d-byte stack\n", OVERFLOW_STACK);
	return (void *)overflow_dive(0);
}

int main(void)
{
	struct kthread *t = kthread_create("overflower", overflow_thread, 0, OVERFLOW_STACK);

	kthread_join(t, 0);
	printf("guest-overflow: the overflow went unnoticed\n");
	return 1;
}

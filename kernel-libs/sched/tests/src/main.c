/*
 * main of sched-tests: every ktest suite; or, with the argument "overflow", a thread that
 * recurses through its stack into the guard page. That run must end with the crash status
 * and the line "kiln: thread overflower: stack overflow" (tests/guest/run.sh checks both).
 */
#include <stdio.h>
#include <string.h>
#include <kiln/sched.h>
#include <kiln/test.h>

/* Each frame keeps 1 KiB live, so the compiler can neither drop nor flatten the recursion;
 * the limit is far beyond any stack, and only there to make the recursion finite. */
static unsigned long sched_test_dive(unsigned long depth)
{
	volatile char frame[1024];

	frame[0] = (char)depth;
	if (depth > (1ul << 30))
		return 0;
	return depth + sched_test_dive(depth + 1) + frame[0];
}

static void *sched_test_overflow(void *arg)
{
	(void)arg;
	printf("sched-tests: overflowing a %d-byte stack\n", 16384);
	return (void *)sched_test_dive(0);
}

int main(int argc, char **argv)
{
	if (argc > 1 && !strcmp(argv[1], "overflow")) {
		struct kthread *t = kthread_create("overflower", sched_test_overflow, 0, 16384);

		kthread_join(t, 0);
		printf("sched-tests: the overflow went unnoticed\n");
		return 1;
	}
	int failed = ktest_run((const char *const *)argv + 1, argc - 1);
	return failed > 125 ? 125 : failed;
}

/*
 * bench-switch: thread switches per second. Two threads pass a token ROUNDS times:
 *   - "yield": each waits for its turn by yielding (one switch per hand-over);
 *   - "mutex+condvar": the same hand-over the host peer does with pthreads (a mutex, a
 *     condition variable, a turn variable), each hand-over a wait and a signal.
 * Prints one line per method: "switch: METHOD N switches in T ns: R per second".
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <kiln/mutex.h>
#include <kiln/plat.h>
#include <kiln/sched.h>

static long rounds = 1000000;
static volatile int turn;
static struct kmutex lock = KMUTEX_INIT;
static struct kcond changed = KCOND_INIT;

static void *by_yield(void *arg)
{
	int me = (int)(long)arg;

	for (long i = 0; i < rounds; i++) {
		while (turn != me)
			kthread_yield();
		turn = !me;
	}
	return 0;
}

static void *by_condvar(void *arg)
{
	int me = (int)(long)arg;

	for (long i = 0; i < rounds; i++) {
		kmutex_lock(&lock);
		while (turn != me)
			kcond_wait(&changed, &lock);
		turn = !me;
		kcond_signal(&changed);
		kmutex_unlock(&lock);
	}
	return 0;
}

static void measure(const char *name, kthread_fn fn)
{
	struct ksched_stats a, b;

	turn = 0;
	ksched_stats(&a);
	uint64_t t0 = plat_time_ns();
	struct kthread *t0h = kthread_create("ping", fn, (void *)0l, 0);
	struct kthread *t1h = kthread_create("pong", fn, (void *)1l, 0);
	kthread_join(t0h, 0);
	kthread_join(t1h, 0);
	uint64_t ns = plat_time_ns() - t0;
	ksched_stats(&b);
	uint64_t n = b.switches - a.switches;
	printf("switch: %s %lu switches in %lu ns: %lu per second (%lu hand-overs)\n", name,
	       (unsigned long)n, (unsigned long)ns, (unsigned long)(n * 1000000000ull / ns),
	       (unsigned long)(2 * rounds));
}

int main(int argc, char **argv)
{
	if (argc > 1)
		rounds = atoi(argv[1]);
	printf("switch: %s scheduler, %ld rounds\n", ksched_info()->name, rounds);
	measure("yield", by_yield);
	measure("mutex+condvar", by_condvar);
	return 0;
}

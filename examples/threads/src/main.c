/*
 * threads: sleeping workers, and a producer and a consumer sharing a one-slot mailbox
 * through a mutex and a condition variable. The output is the same on every run and every
 * platform (ticks are printed in deadline order, which sleep guarantees), so it doubles as
 * a boot test.
 */
#include <stdint.h>
#include <stdio.h>
#include <kiln/mutex.h>
#include <kiln/sched.h>
#include <kiln/time.h>

#define TICKS 3
#define ITEMS 5

static struct kmutex box_lock = KMUTEX_INIT;
static struct kcond box_changed = KCOND_INIT;
static int box = -1;

static void *worker(void *arg)
{
	long n = (long)arg;

	for (int i = 1; i <= TICKS; i++) {
		kthread_sleep_ns((uint64_t)n * 10000000);
		printf("worker %ld: tick %d\n", n, i);
		kthread_sleep_ns((uint64_t)(CONFIG_THREADS_WORKERS + 1 - n) * 10000000);
	}
	return (void *)n;
}

static void *producer(void *arg)
{
	(void)arg;
	for (int i = 1; i <= ITEMS; i++) {
		kmutex_lock(&box_lock);
		while (box >= 0)
			kcond_wait(&box_changed, &box_lock);
		box = i * i;
		kcond_broadcast(&box_changed);
		kmutex_unlock(&box_lock);
	}
	return 0;
}

static void *consumer(void *arg)
{
	long sum = 0;

	(void)arg;
	for (int i = 0; i < ITEMS; i++) {
		kmutex_lock(&box_lock);
		while (box < 0)
			kcond_wait(&box_changed, &box_lock);
		sum += box;
		box = -1;
		kcond_broadcast(&box_changed);
		kmutex_unlock(&box_lock);
	}
	return (void *)sum;
}

int main(void)
{
	struct kthread *w[CONFIG_THREADS_WORKERS];
	uint64_t t0 = ktime_now_ns();
	void *sum = 0;

	printf("threads: %d workers, %s scheduler\n", CONFIG_THREADS_WORKERS, ksched_info()->name);
	struct kthread *c = kthread_create("consumer", consumer, 0, 0);
	struct kthread *p = kthread_create("producer", producer, 0, 0);
	for (long n = 0; n < CONFIG_THREADS_WORKERS; n++)
		w[n] = kthread_create("worker", worker, (void *)(n + 1), 0);
	kthread_join(p, 0);
	kthread_join(c, &sum);
	printf("consumer: the squares of 1..%d add up to %ld\n", ITEMS, (long)sum);
	for (int n = 0; n < CONFIG_THREADS_WORKERS; n++)
		kthread_join(w[n], 0);
	printf("threads: all joined after %lu ms\n",
	       (unsigned long)((ktime_now_ns() - t0) / 1000000));
	return 0;
}

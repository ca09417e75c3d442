/*
 * Preemption: threads that never yield still share the CPU, and locks stay correct when a
 * time slice ends while a thread holds one (each critical section below spins for longer
 * than a millisecond, so slices of SCHED_RR_SLICE_US end inside them many times).
 */
#include <stdint.h>
#include <kiln/mutex.h>
#include <kiln/sched.h>
#include <kiln/test.h>
#include <kiln/time.h>

static __thread unsigned long tls_mine = 3;
static volatile int preempt_stop;
static volatile unsigned long preempt_spins[2];

static void *preempt_spinner(void *arg)
{
	long id = (long)arg;

	while (!preempt_stop)
		preempt_spins[id]++;
	return 0;
}

KTEST_SUITE(rr_preempt, NULL);

KTEST_CASE(rr_preempt, threads_that_never_yield_all_run)
{
	struct ksched_stats a, b;
	struct kthread *t[2];

	KTEST_STREQ(ksched_info()->name, "round-robin");
	KTEST_EQ(tls_mine, 3);
	ksched_stats(&a);
	for (long i = 0; i < 2; i++)
		t[i] = kthread_create("spinner", preempt_spinner, (void *)i, 0);
	/* main never yields either: it waits for both spinners to have run, by the clock */
	uint64_t end = ktime_now_ns() + 3000000000ull;
	while ((!preempt_spins[0] || !preempt_spins[1]) && ktime_now_ns() < end)
		;
	preempt_stop = 1;
	for (int i = 0; i < 2; i++)
		kthread_join(t[i], 0);
	ksched_stats(&b);
	KTEST_TRUE(preempt_spins[0] > 0);
	KTEST_TRUE(preempt_spins[1] > 0);
	KTEST_TRUE(b.preemptions >= a.preemptions + 2);
}

#define LOCKED_WORKERS 3
#define LOCKED_ROUNDS  8

static struct kmutex locked_m = KMUTEX_INIT;
static unsigned long locked_counter;
static int locked_inside, locked_overlaps;

static void spin_for(uint64_t ns)
{
	uint64_t end = ktime_now_ns() + ns;

	while (ktime_now_ns() < end)
		;
}

static void *locked_worker(void *arg)
{
	(void)arg;
	for (int i = 0; i < LOCKED_ROUNDS; i++) {
		kmutex_lock(&locked_m);
		locked_overlaps += locked_inside++;
		unsigned long seen = locked_counter;
		spin_for(1500000); /* 1.5 ms: slices end in here */
		locked_counter = seen + 1;
		locked_inside--;
		kmutex_unlock(&locked_m);
	}
	return 0;
}

/* Always ready, never locking: a slice that ends inside a critical section has someone
 * to hand the CPU to (the other workers wait on the mutex, so they are not ready). */
static volatile int locked_done;

/* Gives up after 5 s, so that without preemption (it would never let the workers run) the
 * case fails rather than hangs the image. */
static void *locked_bystander(void *arg)
{
	uint64_t give_up = ktime_now_ns() + 5000000000ull;

	(void)arg;
	while (!locked_done && ktime_now_ns() < give_up)
		;
	return 0;
}

KTEST_CASE(rr_preempt, a_mutex_excludes_when_slices_end_inside_it)
{
	struct ksched_stats a, b;
	struct kthread *t[LOCKED_WORKERS];

	ksched_stats(&a);
	struct kthread *by = kthread_create("bystander", locked_bystander, 0, 0);
	for (int i = 0; i < LOCKED_WORKERS; i++)
		t[i] = kthread_create("locked", locked_worker, 0, 0);
	for (int i = 0; i < LOCKED_WORKERS; i++)
		kthread_join(t[i], 0);
	locked_done = 1;
	kthread_join(by, 0);
	ksched_stats(&b);
	KTEST_EQ(locked_counter, LOCKED_WORKERS * LOCKED_ROUNDS);
	KTEST_EQ(locked_overlaps, 0);
	KTEST_TRUE(b.preemptions > a.preemptions);
}

static struct kmutex pc_m = KMUTEX_INIT;
static struct kcond pc_cond = KCOND_INIT;
static volatile int pc_slot = -1;

static void *pc_consumer(void *arg)
{
	long bad = 0;

	(void)arg;
	for (int i = 0; i < 50; i++) {
		kmutex_lock(&pc_m);
		while (pc_slot < 0)
			kcond_wait(&pc_cond, &pc_m);
		bad += pc_slot != i;
		pc_slot = -1;
		kcond_broadcast(&pc_cond);
		kmutex_unlock(&pc_m);
	}
	return (void *)bad;
}

KTEST_CASE(rr_preempt, condition_variables_lose_no_signal)
{
	void *bad = (void *)1;
	struct kthread *c = kthread_create("consumer", pc_consumer, 0, 0);

	for (int i = 0; i < 50; i++) {
		kmutex_lock(&pc_m);
		while (pc_slot >= 0)
			kcond_wait(&pc_cond, &pc_m);
		pc_slot = i;
		kcond_broadcast(&pc_cond);
		kmutex_unlock(&pc_m);
		if (i % 10 == 0)
			spin_for(12000000); /* more than a slice: preempted with the slot full */
	}
	kthread_join(c, &bad);
	KTEST_EQ((long)bad, 0);
}

static void *tls_spinner(void *arg)
{
	unsigned long id = (unsigned long)arg, bad = 0;
	uint64_t end = ktime_now_ns() + 40000000; /* 40 ms: several slices */

	tls_mine = id;
	while (ktime_now_ns() < end)
		bad += tls_mine != id;
	return (void *)bad;
}

KTEST_CASE(rr_preempt, tls_survives_preemption)
{
	struct kthread *t[3];
	void *bad;

	KTEST_EQ(tls_mine, 3);

	for (unsigned long i = 0; i < 3; i++)
		t[i] = kthread_create("tls", tls_spinner, (void *)(i + 10), 0);
	for (int i = 0; i < 3; i++) {
		kthread_join(t[i], &bad);
		KTEST_EQ((long)bad, 0);
	}
	KTEST_EQ(tls_mine, 3);
}

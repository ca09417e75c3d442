/*
 * Run order, join, detach and wait queues under the default scheduler. Threads record
 * what they do in a log, and the cases compare it with the order the scheduler promises:
 * FIFO, a yield going to the back of the queue, a woken thread after those already ready.
 */
#include <string.h>
#include <kiln/sched.h>
#include <kiln/test.h>
#include <kiln/wait.h>

static char order_log[64];
static int order_len;

static void order_note(char c)
{
	if (order_len < (int)sizeof(order_log) - 1)
		order_log[order_len++] = c;
	order_log[order_len] = '\0';
}

static void order_reset(void)
{
	order_len = 0;
	order_log[0] = '\0';
}

static void *order_yielder(void *arg)
{
	for (int i = 0; i < 3; i++) {
		order_note(*(const char *)arg);
		kthread_yield();
	}
	return 0;
}

KTEST_SUITE(sched_order, NULL);

KTEST_CASE(sched_order, yield_goes_round_robin_in_creation_order)
{
	struct kthread *t[3];

	order_reset();
	t[0] = kthread_create("a", order_yielder, "a", 0);
	t[1] = kthread_create("b", order_yielder, "b", 0);
	t[2] = kthread_create("c", order_yielder, "c", 0);
	order_note('m');
	for (int i = 0; i < 3; i++)
		KTEST_EQ(kthread_join(t[i], 0), 0);
	KTEST_STREQ(order_log, "mabcabcabc");
}

KTEST_CASE(sched_order, a_new_thread_waits_until_its_creator_yields)
{
	struct kthread *t;

	order_reset();
	t = kthread_create("x", order_yielder, "x", 0);
	order_note('m');
	kthread_yield();
	order_note('m');
	kthread_join(t, 0);
	KTEST_STREQ(order_log, "mxmxx");
}

static void *order_answer(void *arg)
{
	return (char *)arg + 1;
}

KTEST_SUITE(sched_join, NULL);

KTEST_CASE(sched_join, returns_the_threads_value)
{
	static char buf[2];
	void *ret = 0;
	struct kthread *t = kthread_create("answer", order_answer, buf, 0);

	KTEST_TRUE(t != 0);
	KTEST_EQ(kthread_join(t, &ret), 0);
	KTEST_TRUE(ret == buf + 1);
}

KTEST_CASE(sched_join, of_a_thread_that_ended_already)
{
	void *ret = 0;
	struct kthread *t = kthread_create("early", order_answer, 0, 0);

	kthread_yield(); /* t runs and ends */
	KTEST_EQ(kthread_join(t, &ret), 0);
	KTEST_TRUE(ret == (char *)0 + 1);
}

KTEST_CASE(sched_join, refuses_oneself_and_detached_threads)
{
	struct kthread *t = kthread_create("detached", order_answer, 0, 0);

	KTEST_EQ(kthread_join(kthread_self(), 0), KTHREAD_EINVAL);
	KTEST_EQ(kthread_detach(t), 0);
	KTEST_EQ(kthread_join(t, 0), KTHREAD_EINVAL);
	KTEST_EQ(kthread_detach(t), KTHREAD_EINVAL);
	kthread_yield();
}

static void order_exit_deeper(void *arg)
{
	kthread_exit(arg);
}

static void *order_exiter(void *arg)
{
	order_exit_deeper(arg);
	return 0;
}

KTEST_CASE(sched_join, exit_from_deep_inside_is_a_return)
{
	void *ret = 0;
	struct kthread *t = kthread_create("exiter", order_exiter, (void *)7, 0);

	KTEST_EQ(kthread_join(t, &ret), 0);
	KTEST_EQ((long)ret, 7);
}

static void *order_detached(void *arg)
{
	(*(int *)arg)++;
	kthread_yield();
	(*(int *)arg)++;
	return 0;
}

KTEST_SUITE(sched_detach, NULL);

KTEST_CASE(sched_detach, threads_run_and_are_freed)
{
	struct ksched_stats before, after;
	int runs = 0;

	ksched_stats(&before);
	for (int i = 0; i < 40; i++) {
		struct kthread *t = kthread_create("detached", order_detached, &runs, 0);

		if (!KTEST_TRUE(t != 0))
			return;
		kthread_detach(t);
		kthread_yield();
		kthread_yield();
	}
	kthread_yield();
	ksched_stats(&after);
	KTEST_EQ(runs, 80);
	KTEST_EQ(after.threads, before.threads);
}

static struct kwait_queue order_queue;

static void *order_waiter(void *arg)
{
	unsigned long s = ksched_lock();

	kwait_block(&order_queue);
	ksched_unlock(s);
	order_note(*(const char *)arg);
	return 0;
}

KTEST_SUITE(sched_wait, NULL);

KTEST_CASE(sched_wait, wakes_in_the_order_of_waiting)
{
	struct kthread *t[3] = {
		kthread_create("p", order_waiter, "p", 0),
		kthread_create("q", order_waiter, "q", 0),
		kthread_create("r", order_waiter, "r", 0),
	};
	unsigned long s;

	order_reset();
	kthread_yield(); /* all three block */
	s = ksched_lock();
	KTEST_TRUE(kwait_wake_one(&order_queue) == t[0]);
	KTEST_EQ(kwait_wake_all(&order_queue), 2);
	KTEST_TRUE(kwait_wake_one(&order_queue) == 0);
	ksched_unlock(s);
	for (int i = 0; i < 3; i++)
		kthread_join(t[i], 0);
	KTEST_STREQ(order_log, "pqr");
}

static void *order_deep(void *arg)
{
	(void)arg;
	volatile char big[12 * 1024];

	memset((char *)big, 0x5a, sizeof(big));
	return (void *)(long)(big[0] + big[sizeof(big) - 1]);
}

KTEST_CASE(sched_wait, a_stack_holds_what_it_was_asked_for)
{
	void *ret = 0;
	struct kthread *t = kthread_create("deep", order_deep, 0, 16384);

	KTEST_EQ(kthread_join(t, &ret), 0);
	KTEST_EQ((long)ret, 0xb4);
}

KTEST_CASE(sched_wait, counts_switches_and_names_threads)
{
	struct ksched_stats a, b;
	struct kthread *t = kthread_create("named", order_answer, 0, 0);

	KTEST_STREQ(kthread_name(kthread_self()), "main");
	KTEST_STREQ(kthread_name(t), "named");
	ksched_stats(&a);
	kthread_join(t, 0);
	ksched_stats(&b);
	KTEST_TRUE(b.switches >= a.switches + 2);
}

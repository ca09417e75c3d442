/*
 * Sleep: never early, and late by at most KSLEEP_TOLERANCE_NS (100 ms, generous because
 * TCG on a shared 2-core host stalls guests for tens of milliseconds); sleepers wake in
 * deadline order whatever order they went to sleep in; while every thread sleeps, the idle
 * thread halts the CPU instead of spinning.
 */
#include <stdint.h>
#include <kiln/sched.h>
#include <kiln/test.h>
#include <kiln/time.h>
#include <kiln/timer.h>

#define KSLEEP_TOLERANCE_NS 100000000ull

KTEST_SUITE(rr_sleep, NULL);

KTEST_CASE(rr_sleep, is_never_early_and_late_within_tolerance)
{
	static const uint64_t asks[] = { 1000000, 5000000, 20000000, 3000000 };

	for (unsigned int i = 0; i < sizeof(asks) / sizeof(asks[0]); i++) {
		uint64_t t0 = ktime_now_ns();

		kthread_sleep_ns(asks[i]);
		uint64_t slept = ktime_now_ns() - t0;
		KTEST_TRUE(slept >= asks[i]);
		KTEST_TRUE(slept < asks[i] + KSLEEP_TOLERANCE_NS);
	}
}

static char sleep_log[8];
static int sleep_n;

static void *sleeper(void *arg)
{
	kthread_sleep_ns((uint64_t)(uintptr_t)arg * 10000000);
	sleep_log[sleep_n++] = (char)('0' + (uintptr_t)arg);
	return 0;
}

KTEST_CASE(rr_sleep, sleepers_wake_in_deadline_order_while_idle_halts)
{
	struct ksched_stats a, b;
	struct kthread *t[3];
	uintptr_t order[3] = { 3, 1, 2 };

	ksched_stats(&a);
	for (int i = 0; i < 3; i++)
		t[i] = kthread_create("sleeper", sleeper, (void *)order[i], 0);
	for (int i = 0; i < 3; i++)
		kthread_join(t[i], 0);
	ksched_stats(&b);
	KTEST_STREQ(sleep_log, "123");
	KTEST_TRUE(b.idle_halts > a.idle_halts);
}

KTEST_CASE(rr_sleep, the_timer_librarys_sleep_blocks_only_the_caller)
{
	uint64_t t0 = ktime_now_ns();
	struct ksched_stats a, b;

	ksched_stats(&a);
	ktimer_sleep_ns(2000000);
	ksched_stats(&b);
	KTEST_TRUE(ktime_now_ns() - t0 >= 2000000);
	KTEST_TRUE(b.switches > a.switches); /* it went through the scheduler */
}

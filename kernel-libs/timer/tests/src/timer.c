/*
 * In-guest tests of the one-shot timers over each platform's timer interrupt: firing at or
 * after the deadline, order, cancel, re-arm from a callback, sleep, and tickless idling.
 * Waits are bounded by the monotonic clock so a timer that never fires fails its case
 * instead of hanging the guest.
 */
#include <stdint.h>
#include <kiln/test.h>
#include <kiln/time.h>
#include <kiln/timer.h>

#define MS	KTIME_NS_PER_MS
#define WAIT_NS (2000 * MS)

static volatile uint64_t fired_at[8];
static volatile int order[8];
static volatile int norder;

static void record(void *arg)
{
	int i = (int)(uintptr_t)arg;

	fired_at[i] = ktime_now_ns();
	order[norder++] = i;
}

static void reset(void)
{
	for (int i = 0; i < 8; i++) {
		fired_at[i] = 0;
		order[i] = -1;
	}
	norder = 0;
}

/* Halts (interrupts on) until n callbacks ran or WAIT_NS passed. */
static int wait_fired(int n)
{
	uint64_t end = ktime_now_ns() + WAIT_NS;

	while (norder < n && ktime_now_ns() < end)
		ktimer_sleep_ns(MS);
	return norder >= n;
}

KTEST_SUITE(timer, NULL);

KTEST_CASE(timer, fires_once_at_or_after_its_deadline)
{
	struct ktimer t = KTIMER_INIT;

	reset();
	uint64_t deadline = ktime_now_ns() + 50 * MS; /* room for a descheduled vCPU */
	ktimer_arm(&t, deadline, record, (void *)0);
	KTEST_EQ(ktimer_armed(&t), 1);
	KTEST_TRUE(wait_fired(1));
	KTEST_TRUE(fired_at[0] >= deadline);
	KTEST_EQ(ktimer_armed(&t), 0);
	ktimer_sleep_ns(5 * MS);
	KTEST_EQ(norder, 1);
}

KTEST_CASE(timer, several_fire_in_deadline_order)
{
	static const int ms[5] = { 12, 4, 20, 8, 16 }; /* armed out of order */
	struct ktimer t[5] = { KTIMER_INIT, KTIMER_INIT, KTIMER_INIT, KTIMER_INIT, KTIMER_INIT };

	reset();
	uint64_t now = ktime_now_ns();
	for (int i = 0; i < 5; i++)
		ktimer_arm(&t[i], now + ms[i] * MS, record, (void *)(uintptr_t)i);
	KTEST_TRUE(wait_fired(5));
	KTEST_EQ(order[0], 1);
	KTEST_EQ(order[1], 3);
	KTEST_EQ(order[2], 0);
	KTEST_EQ(order[3], 4);
	KTEST_EQ(order[4], 2);
	for (int i = 0; i < 5; i++)
		KTEST_TRUE(fired_at[i] >= now + ms[i] * MS);
}

KTEST_CASE(timer, equal_deadlines_fire_in_arming_order)
{
	struct ktimer t[3] = { KTIMER_INIT, KTIMER_INIT, KTIMER_INIT };

	reset();
	uint64_t deadline = ktime_now_ns() + 5 * MS;
	ktimer_arm(&t[2], deadline, record, (void *)2);
	ktimer_arm(&t[0], deadline, record, (void *)0);
	ktimer_arm(&t[1], deadline, record, (void *)1);
	KTEST_TRUE(wait_fired(3));
	KTEST_EQ(order[0], 2);
	KTEST_EQ(order[1], 0);
	KTEST_EQ(order[2], 1);
}

KTEST_CASE(timer, cancelled_timer_never_fires)
{
	struct ktimer t[3] = { KTIMER_INIT, KTIMER_INIT, KTIMER_INIT };

	reset();
	uint64_t now = ktime_now_ns();
	ktimer_arm(&t[0], now + 40 * MS, record, (void *)0);
	ktimer_arm(&t[1], now + 60 * MS, record, (void *)1);
	ktimer_arm(&t[2], now + 80 * MS, record, (void *)2);
	KTEST_EQ(ktimer_cancel(&t[0]), 1); /* the head: the hardware is re-armed for t[1] */
	KTEST_EQ(ktimer_cancel(&t[2]), 1);
	KTEST_EQ(ktimer_cancel(&t[2]), 0);
	KTEST_TRUE(wait_fired(1));
	ktimer_sleep_ns(40 * MS);
	KTEST_EQ(norder, 1);
	KTEST_EQ(order[0], 1);
	KTEST_EQ(ktimer_cancel(&t[1]), 0); /* it fired */
}

static struct ktimer periodic = KTIMER_INIT;
static volatile int periodic_runs;

static void rearm(void *arg)
{
	(void)arg;
	if (++periodic_runs < 4)
		ktimer_arm(&periodic, ktime_now_ns() + 2 * MS, rearm, 0);
}

KTEST_CASE(timer, callback_may_rearm_its_timer)
{
	periodic_runs = 0;
	ktimer_arm(&periodic, ktime_now_ns() + 2 * MS, rearm, 0);
	uint64_t end = ktime_now_ns() + WAIT_NS;
	while (periodic_runs < 4 && ktime_now_ns() < end)
		ktimer_sleep_ns(MS);
	KTEST_EQ(periodic_runs, 4);
	ktimer_sleep_ns(6 * MS);
	KTEST_EQ(periodic_runs, 4);
	KTEST_EQ(ktimer_armed(&periodic), 0);
}

KTEST_CASE(timer, moving_an_armed_timer_later)
{
	struct ktimer t = KTIMER_INIT;

	reset();
	uint64_t now = ktime_now_ns();
	ktimer_arm(&t, now + 30 * MS, record, (void *)0);
	ktimer_arm(&t, now + 60 * MS, record, (void *)0);
	KTEST_TRUE(wait_fired(1));
	KTEST_TRUE(fired_at[0] >= now + 60 * MS);
	KTEST_EQ(norder, 1);
}

KTEST_CASE(timer, sleep_never_wakes_early)
{
	for (int i = 0; i < 10; i++) {
		uint64_t ask = (uint64_t)(i + 1) * 500 * KTIME_NS_PER_US;
		uint64_t t0 = ktime_now_ns();

		ktimer_sleep_ns(ask);
		KTEST_TRUE(ktime_now_ns() - t0 >= ask);
	}
}

KTEST_CASE(timer, idle_sleep_takes_no_tick)
{
	struct ktimer_stats before, after;

	KTEST_EQ(ktimer_next_deadline(), UINT64_MAX);
	ktimer_stats(&before);
	ktimer_sleep_ns(50 * MS);
	ktimer_stats(&after);
	/* one interrupt for the one deadline (plus one if the clock lagged the hardware) */
	KTEST_TRUE(after.interrupts - before.interrupts >= 1);
	KTEST_TRUE(after.interrupts - before.interrupts <= 2);
	KTEST_TRUE(after.early - before.early <= 1);
	KTEST_EQ(after.armed_now, 0);
}

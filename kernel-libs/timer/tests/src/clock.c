/*
 * In-guest tests of the clocks (kiln/time.h): the monotonic clock never goes backwards and
 * advances; the wall clock is a date after this code was written and before 2100, and it
 * advances with the monotonic clock.
 */
#include <stdint.h>
#include <kiln/test.h>
#include <kiln/time.h>
#include <kiln/timer.h>

#define WALL_2025 1735689600ull /* 2025-01-01 00:00 UTC, in s */
#define WALL_2100 4102444800ull

KTEST_SUITE(clock, NULL);

KTEST_CASE(clock, monotonic_never_goes_backwards)
{
	uint64_t prev = ktime_now_ns(), first = prev;
	int backwards = 0;

	for (int i = 0; i < 20000; i++) {
		uint64_t now = ktime_now_ns();

		backwards += now < prev;
		prev = now;
	}
	KTEST_EQ(backwards, 0);
	KTEST_TRUE(prev > first);
}

KTEST_CASE(clock, wall_clock_is_a_plausible_date)
{
	uint64_t wall = ktime_wall_ns();

	KTEST_TRUE(wall / KTIME_NS_PER_SEC > WALL_2025);
	KTEST_TRUE(wall / KTIME_NS_PER_SEC < WALL_2100);
}

KTEST_CASE(clock, wall_clock_advances_with_the_monotonic_one)
{
	uint64_t w0 = ktime_wall_ns(), m0 = ktime_now_ns();

	ktimer_sleep_ns(50 * KTIME_NS_PER_MS);
	uint64_t w1 = ktime_wall_ns(), m1 = ktime_now_ns();
	int64_t drift = (int64_t)(w1 - w0) - (int64_t)(m1 - m0);

	KTEST_TRUE(w1 > w0);
	/* within 5 ms over 50 ms: on linuxu the two clocks are two system calls apart */
	KTEST_TRUE(drift < 5000000 && drift > -5000000);
}

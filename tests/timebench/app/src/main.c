/*
 * timebench: sleep accuracy. For each asked duration, sleeps ROUNDS times with
 * ktimer_sleep_ns() and records how late each wake-up came (woken - asked, in ns on the
 * monotonic clock); prints the median and the 99th percentile per duration as
 *   "timebench: sleep ASKEDus rounds N p50 Xns p99 Yns max Zns early E"
 * (early counts wake-ups before the asked time: it must stay 0). tests/timebench/bench.sh
 * reads these lines. A small insertion sort: ROUNDS is small and there is no allocator.
 */
#include <stdint.h>
#include <stdio.h>
#include <kiln/time.h>
#include <kiln/timer.h>

#define ROUNDS 101

static const uint64_t asked_us[] = { 100, 1000, 10000 };
static uint64_t late[ROUNDS];

static void sort(uint64_t *v, int n)
{
	for (int i = 1; i < n; i++) {
		uint64_t x = v[i];
		int j = i;

		for (; j > 0 && v[j - 1] > x; j--)
			v[j] = v[j - 1];
		v[j] = x;
	}
}

static void bench(uint64_t us)
{
	uint64_t ask = us * KTIME_NS_PER_US;
	int early = 0;

	ktimer_sleep_ns(ask); /* warm up: first touches, first interrupt */
	for (int i = 0; i < ROUNDS; i++) {
		uint64_t t0 = ktime_now_ns();

		ktimer_sleep_ns(ask);
		uint64_t took = ktime_now_ns() - t0;
		early += took < ask;
		late[i] = took > ask ? took - ask : 0;
	}
	sort(late, ROUNDS);
	printf("timebench: sleep %luus rounds %d p50 %luns p99 %luns max %luns early %d\n",
	       (unsigned long)us, ROUNDS, (unsigned long)late[ROUNDS / 2],
	       (unsigned long)late[ROUNDS * 99 / 100], (unsigned long)late[ROUNDS - 1], early);
}

int main(void)
{
	for (unsigned int i = 0; i < sizeof(asked_us) / sizeof(asked_us[0]); i++)
		bench(asked_us[i]);
	return 0;
}

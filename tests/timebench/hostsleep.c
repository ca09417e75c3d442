/*
 * The peer of timebench (tests/timebench/app): the same measurement on the host, with
 * clock_nanosleep on CLOCK_MONOTONIC, printing the same lines, so bench.sh sets the guests'
 * figures beside what a Linux process gets on this machine in the same run.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#define ROUNDS 101

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static int cmp(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return (x > y) - (x < y);
}

static void bench(uint64_t us)
{
	uint64_t ask = us * 1000, late[ROUNDS];
	struct timespec ts = { (time_t)(ask / 1000000000u), (long)(ask % 1000000000u) };
	int early = 0;

	clock_nanosleep(CLOCK_MONOTONIC, 0, &ts, NULL);
	for (int i = 0; i < ROUNDS; i++) {
		uint64_t t0 = now_ns();

		clock_nanosleep(CLOCK_MONOTONIC, 0, &ts, NULL);
		uint64_t took = now_ns() - t0;
		early += took < ask;
		late[i] = took > ask ? took - ask : 0;
	}
	qsort(late, ROUNDS, sizeof(late[0]), cmp);
	printf("timebench: sleep %luus rounds %d p50 %luns p99 %luns max %luns early %d\n",
	       (unsigned long)us, ROUNDS, (unsigned long)late[ROUNDS / 2],
	       (unsigned long)late[ROUNDS * 99 / 100], (unsigned long)late[ROUNDS - 1], early);
}

int main(void)
{
	static const uint64_t asked_us[] = { 100, 1000, 10000 };

	for (size_t i = 0; i < sizeof(asked_us) / sizeof(asked_us[0]); i++)
		bench(asked_us[i]);
	return 0;
}

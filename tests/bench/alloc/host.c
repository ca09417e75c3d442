/*
 * The host peer of the allocator bench: mix.h's workload through glibc's malloc and free,
 * in the same process run as the guest figures (bench.sh), printing the same line:
 *   alloc-bench: glibc MIX PAIRS pairs NS ns
 * Arguments: small|mixed PAIRS.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "mix.h"

static uint32_t sizes[MIX_SIZES];
static void *slots[MIX_SLOTS];

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

int main(int argc, char **argv)
{
	const char *mix = argc > 1 ? argv[1] : "small";
	uint64_t pairs = argc > 2 ? strtoull(argv[2], NULL, 10) : 1000000;
	uint64_t t0, t1;

	mix_sizes(sizes, strcmp(mix, "mixed") == 0 ? 8192 : 512);
	t0 = now_ns();
	if (mix_run(pairs, sizes, slots, malloc, free) < 0) {
		fprintf(stderr, "alloc-bench: glibc: out of memory\n");
		return 1;
	}
	t1 = now_ns();
	printf("alloc-bench: glibc %s %llu pairs %llu ns\n", mix, (unsigned long long)pairs,
	       (unsigned long long)(t1 - t0));
	return 0;
}

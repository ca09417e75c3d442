/*
 * The guest side of the allocator bench: runs mix.h's workload through nolibc's malloc and
 * free (so through the allocator the profile chose) and prints one line for bench.sh:
 *   alloc-bench: ALLOCATOR MIX PAIRS pairs NS ns
 * Arguments: small|mixed PAIRS.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <kiln/alloc.h>
#include <kiln/plat.h>
#include "../mix.h"

static uint32_t sizes[MIX_SIZES];
static void *slots[MIX_SLOTS];

int main(int argc, char **argv)
{
	const char *mix = argc > 1 ? argv[1] : "small";
	uint64_t pairs = argc > 2 ? strtoul(argv[2], NULL, 10) : 1000000;
	uint64_t t0, t1;

	mix_sizes(sizes, strcmp(mix, "mixed") == 0 ? 8192 : 512);
	t0 = plat_time_ns();
	if (mix_run(pairs, sizes, slots, malloc, free) < 0) {
		printf("alloc-bench: %s: out of memory\n", kalloc_info()->name);
		return 1;
	}
	t1 = plat_time_ns();
	printf("alloc-bench: %s %s %lu pairs %lu ns\n", kalloc_info()->name, mix,
	       (unsigned long)pairs, (unsigned long)(t1 - t0));
	return 0;
}

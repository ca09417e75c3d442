/*
 * The workload of the allocator bench, shared word for word by the guest app (src/main.c,
 * over nolibc's malloc and the chosen kiln allocator) and the host peer (host.c, over
 * glibc's malloc), so both run the same sizes in the same order. Plain C over malloc and
 * free: no header of either side.
 *
 * MIX_SLOTS live blocks in a ring; each step frees the oldest and allocates a new one (one
 * malloc/free pair), writing its first byte as a program would. Sizes come from a table
 * filled by xorshift64 with a fixed seed: "small" is 1..512 bytes, "mixed" 1..8192.
 */
#ifndef KILN_BENCH_MIX_H
#define KILN_BENCH_MIX_H

#include <stddef.h>
#include <stdint.h>

#define MIX_SLOTS 256
#define MIX_SIZES 4096

static inline void mix_sizes(uint32_t *sizes, uint32_t max)
{
	uint64_t s = 0x2545f4914f6cdd1dull;

	for (int i = 0; i < MIX_SIZES; i++) {
		s ^= s << 13;
		s ^= s >> 7;
		s ^= s << 17;
		sizes[i] = 1 + (uint32_t)(s % max);
	}
}

/* pairs malloc/free pairs; returns 0, or -1 when a malloc failed. */
static inline int mix_run(uint64_t pairs, const uint32_t *sizes, void **slots,
			  void *(*alloc)(size_t), void (*release)(void *))
{
	for (uint64_t i = 0; i < pairs; i++) {
		void **slot = &slots[i & (MIX_SLOTS - 1)];

		release(*slot);
		*slot = alloc(sizes[i & (MIX_SIZES - 1)]);
		if (!*slot)
			return -1;
		*(volatile char *)*slot = (char)i;
	}
	for (int i = 0; i < MIX_SLOTS; i++) {
		release(slots[i]);
		slots[i] = NULL;
	}
	return 0;
}

#endif

/*
 * Time on plat/linuxu: CLOCK_MONOTONIC from the clock_gettime system call (no vDSO: kiln
 * does not parse the auxiliary vector), counted from the first reading at boot; processor
 * time as CLOCK_PROCESS_CPUTIME_ID (the host's count of this process's CPU time); and the
 * TSC as the cycle counter, which Linux lets user space read (unless a process turned
 * PR_SET_TSC off, which a fresh process inherits only from a parent that asked for it).
 */
#include <stdint.h>
#include <kiln/plat.h>
#include "linuxu.h"

#define LINUXU_CLOCK_MONOTONIC		1
#define LINUXU_CLOCK_PROCESS_CPUTIME_ID 2

struct linuxu_timespec {
	int64_t sec, nsec;
};

static uint64_t linuxu_time_base;

static uint64_t linuxu_clock_ns(long id)
{
	struct linuxu_timespec ts = { 0, 0 };

	linuxu_syscall3(LINUXU_SYS_CLOCK_GETTIME, id, (long)&ts, 0);
	return (uint64_t)ts.sec * 1000000000u + (uint64_t)ts.nsec;
}

static uint64_t linuxu_monotonic_ns(void)
{
	return linuxu_clock_ns(LINUXU_CLOCK_MONOTONIC);
}

uint64_t plat_cpu_time_ns(void)
{
	return linuxu_clock_ns(LINUXU_CLOCK_PROCESS_CPUTIME_ID);
}

void linuxu_time_init(void)
{
	linuxu_time_base = linuxu_monotonic_ns();
}

uint64_t plat_time_ns(void)
{
	return linuxu_monotonic_ns() - linuxu_time_base;
}

uint64_t plat_cycles(void)
{
	uint32_t lo, hi;

	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return (uint64_t)hi << 32 | lo;
}

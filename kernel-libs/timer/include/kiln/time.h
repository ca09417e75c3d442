/*
 * Clocks: monotonic time since boot and the wall clock, in nanoseconds. The monotonic clock
 * is the platform's (the TSC calibrated at boot on KVM, Xen's vcpu system time, the
 * CLOCK_MONOTONIC system clock on linuxu); the wall clock is read from the CMOS RTC on KVM,
 * the shared info page on Xen and CLOCK_REALTIME on linuxu, then carried forward by the
 * monotonic clock. Both are callable from any context, interrupts on or off.
 */
#ifndef KILN_TIME_H
#define KILN_TIME_H

#include <stdint.h>

#define KTIME_NS_PER_US	 1000ull
#define KTIME_NS_PER_MS	 1000000ull
#define KTIME_NS_PER_SEC 1000000000ull

/* Monotonic ns since boot; never goes backwards. */
uint64_t ktime_now_ns(void);

/* Wall clock: ns since 1970-01-01 00:00 UTC; 0 when the platform cannot tell. */
uint64_t ktime_wall_ns(void);

#endif

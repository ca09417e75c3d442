/*
 * Time for newlib on the platform clock (plat_time_ns: nanoseconds since boot). There is
 * no battery clock yet, so the calendar starts at the Epoch when the machine boots:
 * time() and gettimeofday() count from 1970-01-01, clock_gettime's MONOTONIC and
 * REALTIME agree, and nanosleep polls the clock (no timer interrupt to wait for yet).
 * clock() is processor time: the time the CPU ran rather than waited halted for an
 * interrupt (the process's CPU time on linuxu), so a prompt waiting for a line by interrupt
 * does not count; a polling wait (nanosleep, a console without interrupts) does.
 */
#include <errno.h>
#include <time.h>
#include <sys/time.h>
#include <sys/times.h>
#include <kiln/plat.h>

int _gettimeofday(struct timeval *tv, void *tz)
{
	uint64_t ns = plat_time_ns();

	(void)tz;
	if (tv) {
		tv->tv_sec = (time_t)(ns / 1000000000u);
		tv->tv_usec = (suseconds_t)(ns % 1000000000u / 1000u);
	}
	return 0;
}

/* times(): the elapsed time as its value, processor time (plat_cpu_time_ns) as the user
 * time, which newlib's clock() adds up. */
clock_t _times(struct tms *t)
{
	const uint64_t tick = 1000000000u / CLOCKS_PER_SEC;

	if (t)
		*t = (struct tms){ .tms_utime = (clock_t)(plat_cpu_time_ns() / tick) };
	return (clock_t)(plat_time_ns() / tick);
}

int clock_gettime(clockid_t id, struct timespec *ts)
{
	uint64_t ns = plat_time_ns();

	if (id != CLOCK_REALTIME && id != CLOCK_MONOTONIC) {
		errno = EINVAL;
		return -1;
	}
	ts->tv_sec = (time_t)(ns / 1000000000u);
	ts->tv_nsec = (long)(ns % 1000000000u);
	return 0;
}

int nanosleep(const struct timespec *req, struct timespec *rem)
{
	uint64_t end;

	if (req->tv_nsec < 0 || req->tv_nsec >= 1000000000 || req->tv_sec < 0) {
		errno = EINVAL;
		return -1;
	}
	end = plat_time_ns() + (uint64_t)req->tv_sec * 1000000000u + (uint64_t)req->tv_nsec;
	while (plat_time_ns() < end)
		; /* no timer interrupt to wait for yet: the platform clock is polled */
	if (rem)
		*rem = (struct timespec){ 0 };
	return 0;
}

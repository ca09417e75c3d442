/*
 * One-shot timers and sleep. A struct ktimer is a timer the caller owns (no allocation;
 * zero it, or KTIMER_INIT, before first use): ktimer_arm() sets its callback for an absolute
 * deadline on the monotonic clock (kiln/time.h), and the callback runs once, in interrupt
 * context (interrupts off, short work only), at or after the deadline. Timers with equal
 * deadlines fire in the order they were armed. There is no periodic tick: the hardware is
 * armed for the earliest deadline only, so an idle image with nothing armed takes no timer
 * interrupt (tickless).
 *
 * Sleeping: without a scheduler ktimer_sleep_until() halts the CPU until its deadline (other
 * interrupts are taken meanwhile). A scheduler makes sleep block the calling thread instead
 * by registering a sleeper (ktimer_set_sleeper), which typically arms a ktimer whose
 * callback wakes the thread, then switches away; its idle thread calls ktimer_idle().
 */
#ifndef KILN_TIMER_H
#define KILN_TIMER_H

#include <stdint.h>
#include <kiln/time.h>

typedef void (*ktimer_cb)(void *arg);

struct ktimer {
	uint64_t deadline; /* ns, ktime_now_ns() scale */
	ktimer_cb cb;
	void *arg;
	struct ktimer *next;
	int armed;
};

#define KTIMER_INIT                                                                                \
	{                                                                                          \
		0, 0, 0, 0, 0                                                                      \
	}

/* Arms t to call cb(arg) at deadline_ns (absolute, ktime_now_ns() scale); re-arming an
 * armed timer moves it. A deadline already past fires at the next interrupt. Any context. */
void ktimer_arm(struct ktimer *t, uint64_t deadline_ns, ktimer_cb cb, void *arg);

/* Disarms t. 1 when it was armed (its callback will not run), 0 when it had fired or was
 * never armed. Any context; from t's own callback it returns 0. */
int ktimer_cancel(struct ktimer *t);

/* Whether t waits to fire. */
int ktimer_armed(const struct ktimer *t);

/* The earliest armed deadline, UINT64_MAX when none is. */
uint64_t ktimer_next_deadline(void);

/* Sleeps until the deadline / for ns: never returns earlier. Thread context. */
void ktimer_sleep_until(uint64_t deadline_ns);
void ktimer_sleep_ns(uint64_t ns);

/* Idles: halts the CPU until the next interrupt, which is at the latest the earliest armed
 * deadline's (no tick in between). Returns after that interrupt's handler ran. For a
 * scheduler's idle thread; call with interrupts off after finding nothing to run, so a
 * wake-up cannot slip in between the check and the halt (interrupts are off again on
 * return). */
void ktimer_idle(void);

/* A scheduler's sleep: called by ktimer_sleep_until() with the deadline, from thread
 * context with interrupts in the caller's state; must return at or after the deadline.
 * NULL restores the default (halting the CPU). */
typedef void (*ktimer_sleeper)(uint64_t deadline_ns);
void ktimer_set_sleeper(ktimer_sleeper fn);

struct ktimer_stats {
	uint64_t interrupts; /* timer interrupts taken */
	uint64_t fired;	     /* callbacks run */
	uint64_t early;	     /* interrupts that found no timer due (a deadline beyond the
				hardware counter's reach, or a clock slightly ahead) */
	uint64_t armed_now;  /* timers armed at the moment */
};

void ktimer_stats(struct ktimer_stats *s);

#endif

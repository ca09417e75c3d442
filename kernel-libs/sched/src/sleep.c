/*
 * Sleep (option SCHED_SLEEP): a sleeping thread blocks, and a one-shot timer of the timer
 * library, kept in its record, makes it ready again at the deadline; meanwhile other threads
 * run, or the idle thread halts the CPU until that timer's interrupt. The scheduler also
 * registers itself as the timer library's sleeper, so ktimer_sleep_ns() blocks only the
 * calling thread.
 */
#include <stdint.h>
#include <kiln/boot.h>
#include <kiln/timer.h>
#include "thread.h"

/* Interrupt context: the deadline came. */
static void ksleep_wake(void *arg)
{
	struct kthread *t = arg;

	if (t->state == KTHREAD_BLOCKED)
		ksched_make_ready(t);
}

void kthread_sleep_until(uint64_t deadline_ns)
{
	struct kthread *self = ksched_current;
	unsigned long s = ksched_lock();

	while (ktime_now_ns() < deadline_ns) {
		ktimer_arm(&self->sleep_timer, deadline_ns, ksleep_wake, self);
		self->state = KTHREAD_BLOCKED;
		ksched_reschedule();
	}
	ksched_unlock(s);
}

void kthread_sleep_ns(uint64_t ns)
{
	kthread_sleep_until(ktime_now_ns() + ns);
}

/* After the scheduler's init (level 40). */
static int ksleep_init(void)
{
	ktimer_set_sleeper(kthread_sleep_until);
	return 0;
}
KBOOT_INIT(ksleep_init, 41);

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

static void ksleep_wake(struct ktimer *timer)
{
	struct kthread *t = timer->arg;

	if (t->state == KTHREAD_BLOCKED)
		ksched_make_ready(t);
}

void kthread_sleep_until(uint64_t deadline_ns)
{
	struct kthread *self = ksched_current;
	unsigned long s = ksched_lock();

	while (ktimer_now_ns() < deadline_ns) {
		ktimer_setup(&self->sleep_timer, ksleep_wake, self);
		ktimer_arm(&self->sleep_timer, deadline_ns);
		self->state = KTHREAD_BLOCKED;
		ksched_reschedule();
	}
	ksched_unlock(s);
}

void kthread_sleep_ns(uint64_t ns)
{
	kthread_sleep_until(ktimer_now_ns() + ns);
}

static int ksleep_init(void)
{
	ktimer_set_sleeper(kthread_sleep_until);
	return 0;
}
KBOOT_INIT(ksleep_init, 41);

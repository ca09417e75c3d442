/*
 * The preemptive round-robin scheduler: the sched library's FIFO run queue, plus a time
 * slice. Each switch arms a one-shot timer for the end of the incoming thread's turn (the
 * idle thread gets none, so an idle image takes no interrupt for it). The timer's callback
 * runs inside the interrupt handler, where switching would leave the interrupt unacknowledged
 * (the local APIC blocks its priority class until the EOI), so it only marks the slice
 * expired; the irq library's exit hook, run after the acknowledgement, does the switch.
 */
#include <stdint.h>
#include <kiln/boot.h>
#include <kiln/irq.h>
#include <kiln/sched.h>
#include <kiln/timer.h>

#define KRR_SLICE_NS ((uint64_t)CONFIG_SCHED_RR_SLICE_US * 1000)

static const struct ksched_info krr_info = { "round-robin", 1 };
static struct ktimer krr_slice;
static int krr_expired;

const struct ksched_info *ksched_info(void)
{
	return &krr_info;
}

/* Interrupt context: the running thread's turn is over. */
static void krr_slice_end(void *arg)
{
	(void)arg;
	krr_expired = 1;
}

/* After the interrupt was acknowledged, interrupts off: the lock is as good as held. */
static void krr_interrupt_exit(void)
{
	if (!krr_expired)
		return;
	krr_expired = 0;
	ksched_preempt();
	/* Nobody else was ready: a new turn, so a thread woken later gets the CPU in time. */
	if (!ktimer_armed(&krr_slice) && !kthread_is_idle(kthread_self()))
		ktimer_arm(&krr_slice, ktime_now_ns() + KRR_SLICE_NS, krr_slice_end, 0);
}

void ksched_provider_switched(struct kthread *next)
{
	krr_expired = 0;
	if (kthread_is_idle(next))
		ktimer_cancel(&krr_slice);
	else
		ktimer_arm(&krr_slice, ktime_now_ns() + KRR_SLICE_NS, krr_slice_end, 0);
}

void ksched_provider_init(void)
{
	kirq_set_exit_hook(krr_interrupt_exit);
}

/* The first slice, for the thread running main(): once the timer's interrupt is wired (the
 * timer library's init, level 55), not at the scheduler's (level 40). */
static int krr_start(void)
{
	ksched_provider_switched(kthread_self());
	return 0;
}
KBOOT_INIT(krr_start, 60);

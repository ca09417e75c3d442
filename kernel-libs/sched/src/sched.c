/*
 * The run queue and the switch between threads: FIFO order for every provider (the
 * providers differ in when a thread loses the CPU, not in who gets it next), yield, the idle
 * thread, and the scheduler's start-up, which turns the boot context running main() into the
 * thread "main".
 *
 * The idle thread is never queued: it runs when nothing else is ready, and halts the CPU
 * until an interrupt (a timer for a sleeper, a device) makes a thread ready. Without
 * interrupts in the image, nothing could ever wake a thread then, so it reports the
 * deadlock instead of halting for ever.
 */
#include <stdint.h>
#include <kiln/boot.h>
#include <kiln/plat.h>
#include <kiln/printk.h>
#include <kiln/sched.h>
#include "thread.h"
#if IS_ENABLED(CONFIG_SCHED_SLEEP)
#include <kiln/timer.h>
#endif

#define KSCHED_IDLE_STACK 16384

struct kthread *ksched_current;
static struct kthread *ksched_runq_head, *ksched_runq_tail;
static struct kthread ksched_main = { .name = "main", .state = KTHREAD_RUNNING };
static struct kthread *ksched_idle;
static struct ksched_stats ksched_counts;

void ksched_make_ready(struct kthread *t)
{
	t->state = KTHREAD_READY;
	t->next = 0;
	if (ksched_runq_tail)
		ksched_runq_tail->next = t;
	else
		ksched_runq_head = t;
	ksched_runq_tail = t;
}

static struct kthread *ksched_runq_pop(void)
{
	struct kthread *t = ksched_runq_head;

	if (t) {
		ksched_runq_head = t->next;
		if (!ksched_runq_head)
			ksched_runq_tail = 0;
		t->next = 0;
	}
	return t;
}

static void ksched_switch_to(struct kthread *next)
{
	struct kthread *prev = ksched_current;

	next->state = KTHREAD_RUNNING;
	ksched_provider_switched(next);
	if (next == prev)
		return;
	ksched_counts.switches++;
	ktls_switch(next);
	ksched_current = next;
	if (ksched_thread_switched)
		ksched_thread_switched();
	ksched_switch(&prev->sp, next->sp, KSCHED_FPU(prev), KSCHED_FPU(next));
	ksched_reap();
}

void ksched_reschedule(void)
{
	struct kthread *next = ksched_runq_pop();

	if (!next) {
		if (!ksched_idle)
			printk_panic("sched: thread %s blocked before the scheduler started",
				     ksched_current->name);
		next = ksched_idle;
	}
	ksched_switch_to(next);
}

void kthread_yield(void)
{
	unsigned long s = ksched_lock();

	if (ksched_runq_head) {
		ksched_make_ready(ksched_current);
		ksched_reschedule();
	}
	ksched_unlock(s);
}

int kthread_is_idle(const struct kthread *t)
{
	return t == ksched_idle;
}

void ksched_preempt(void)
{
	if (!ksched_runq_head || ksched_current == ksched_idle)
		return;
	ksched_counts.preemptions++;
	ksched_make_ready(ksched_current);
	ksched_reschedule();
}

/* Halts until an interrupt, interrupts off again on return. With the timer library, its
 * idle knows the next deadline is armed (SCHED_SLEEP brings it in); otherwise any
 * interrupt will do. */
static void ksched_halt(void)
{
#if IS_ENABLED(CONFIG_SCHED_SLEEP)
	ktimer_idle();
#else
	plat_halt_until_irq(); /* returns with interrupts on */
	plat_irq_disable();
#endif
}

static void *ksched_idle_loop(void *unused)
{
	(void)unused;
	ksched_lock();
	for (;;) {
		while (!ksched_runq_head) {
			if (!IS_ENABLED(CONFIG_LIBIRQ))
				printk_panic("sched: every thread is blocked and no interrupt "
					     "can wake one (deadlock)");
			ksched_counts.idle_halts++;
			ksched_halt();
		}
		ksched_reschedule();
	}
	return 0;
}

void ksched_stats(struct ksched_stats *s)
{
	unsigned long st = ksched_lock();

	*s = ksched_counts;
	ksched_unlock(st);
}

void ksched_count_thread(int delta)
{
	ksched_counts.threads += (unsigned int)delta;
}

/* Before libraries that may create threads; after the allocator, which gives the stacks. */
static int ksched_init(void)
{
	ksched_current = &ksched_main;
	kthread_track(&ksched_main);
	if (ktls_size()) {
		void *mem = ksched_pages((ktls_size() + 4095) / 4096); /* main's lives for ever */

		if (!mem)
			return -1;
		ksched_main.tp = ktls_setup(mem);
		ktls_switch(&ksched_main);
	}
	ksched_idle = kthread_create("idle", ksched_idle_loop, 0, KSCHED_IDLE_STACK);
	if (!ksched_idle)
		return -1;
	/* kthread_create queued it: idle only ever runs when the queue is empty. */
	ksched_runq_pop();
	ksched_provider_init();
	return 0;
}
KBOOT_INIT(ksched_init, 40);

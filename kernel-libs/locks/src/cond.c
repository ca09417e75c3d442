/*
 * Condition variables (kiln/mutex.h). kcond_wait releases the mutex and joins the wait
 * queue in one step under the scheduler lock, so a signal sent by the thread that takes the
 * mutex next cannot fall between the two and be lost.
 */
#include <kiln/mutex.h>

void kmutex_release(struct kmutex *m); /* mutex.c */

void kcond_init(struct kcond *c)
{
	kwait_init(&c->waiters);
}

int kcond_wait(struct kcond *c, struct kmutex *m)
{
	unsigned long s = ksched_lock();

	if (m->owner != kthread_self() || m->depth != 1) {
		ksched_unlock(s);
		return KLOCK_EPERM;
	}
	kmutex_release(m);
	kwait_block(&c->waiters);
	ksched_unlock(s);
	return kmutex_lock(m);
}

void kcond_signal(struct kcond *c)
{
	unsigned long s = ksched_lock();

	kwait_wake_one(&c->waiters);
	ksched_unlock(s);
}

void kcond_broadcast(struct kcond *c)
{
	unsigned long s = ksched_lock();

	kwait_wake_all(&c->waiters);
	ksched_unlock(s);
}

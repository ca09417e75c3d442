/*
 * Mutexes (kiln/mutex.h). Unlocking with waiters hands ownership straight to the first one
 * before waking it: the mutex never looks free while someone waits, which is what makes it
 * fair (FIFO) and leaves nothing for a woken thread to re-check.
 */
#include <kiln/mutex.h>

int kmutex_init(struct kmutex *m, int recursive)
{
	if (recursive && !IS_ENABLED(CONFIG_LOCKS_RECURSIVE))
		return KLOCK_EPERM;
	*m = (struct kmutex){ 0, 0, recursive, KWAIT_QUEUE_INIT };
	return 0;
}

/* Lock held. 1 when the caller now holds m (recursion counted), 0 when another does. */
static int kmutex_take(struct kmutex *m, struct kthread *self, int *err)
{
	*err = 0;
	if (!m->owner) {
		m->owner = self;
		m->depth = 1;
		return 1;
	}
	if (m->owner != self)
		return 0;
	if (IS_ENABLED(CONFIG_LOCKS_RECURSIVE) && m->recursive)
		m->depth++;
	else
		*err = KLOCK_EDEADLK;
	return 1;
}

int kmutex_lock(struct kmutex *m)
{
	struct kthread *self = kthread_self();
	unsigned long s = ksched_lock();
	int err;

	if (!kmutex_take(m, self, &err))
		kwait_block(&m->waiters); /* returns owning m: kmutex_release handed it over */
	ksched_unlock(s);
	return err;
}

int kmutex_trylock(struct kmutex *m)
{
	unsigned long s = ksched_lock();
	int err, got = kmutex_take(m, kthread_self(), &err);

	ksched_unlock(s);
	return !got ? KLOCK_EBUSY : err ? KLOCK_EBUSY : 0;
}

/* Lock held, m held by the caller: one level off; at the last, to the first waiter. */
void kmutex_release(struct kmutex *m)
{
	if (--m->depth)
		return;
	m->owner = kwait_wake_one(&m->waiters);
	if (m->owner)
		m->depth = 1;
}

int kmutex_unlock(struct kmutex *m)
{
	unsigned long s = ksched_lock();
	int err = 0;

	if (m->owner != kthread_self())
		err = KLOCK_EPERM;
	else
		kmutex_release(m);
	ksched_unlock(s);
	return err;
}

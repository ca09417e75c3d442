/*
 * Counting semaphores (kiln/mutex.h). ksem_up with waiters gives its unit to the first of
 * them rather than to the count, so a later ksem_down cannot take it first (FIFO).
 */
#include <kiln/mutex.h>

void ksem_init(struct ksem *s, unsigned long count)
{
	*s = (struct ksem){ count, KWAIT_QUEUE_INIT };
}

void ksem_down(struct ksem *s)
{
	unsigned long st = ksched_lock();

	if (s->count)
		s->count--;
	else
		kwait_block(&s->waiters); /* woken by ksem_up, which gave us its unit */
	ksched_unlock(st);
}

int ksem_trydown(struct ksem *s)
{
	unsigned long st = ksched_lock();
	int r = s->count ? 0 : KLOCK_EBUSY;

	if (s->count)
		s->count--;
	ksched_unlock(st);
	return r;
}

void ksem_up(struct ksem *s)
{
	unsigned long st = ksched_lock();

	if (!kwait_wake_one(&s->waiters))
		s->count++;
	ksched_unlock(st);
}

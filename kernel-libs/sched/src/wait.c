/*
 * Wait queues (kiln/wait.h): a FIFO of blocked threads linked through their records, so
 * blocking allocates nothing. A thread is on at most one queue at a time (the run queue or
 * one wait queue), which is why one link field serves both.
 */
#include <kiln/wait.h>
#include "thread.h"

void kwait_block(struct kwait_queue *q)
{
	struct kthread *self = ksched_current;

	self->state = KTHREAD_BLOCKED;
	self->next = 0;
	if (q->tail)
		q->tail->next = self;
	else
		q->head = self;
	q->tail = self;
	ksched_reschedule();
}

struct kthread *kwait_wake_one(struct kwait_queue *q)
{
	struct kthread *t = q->head;

	if (!t)
		return 0;
	q->head = t->next;
	if (!q->head)
		q->tail = 0;
	ksched_make_ready(t);
	return t;
}

unsigned int kwait_wake_all(struct kwait_queue *q)
{
	unsigned int n = 0;

	while (kwait_wake_one(q))
		n++;
	return n;
}

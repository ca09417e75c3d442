/*
 * Wait queues: threads blocked until someone wakes them, in FIFO order. The building block
 * of the locks library (mutex, semaphore, condition variable) and of join. Every call is
 * made with ksched_lock() held (kiln/sched.h); waking is allowed from interrupt context,
 * where interrupts are off already.
 */
#ifndef KILN_WAIT_H
#define KILN_WAIT_H

#include <kiln/sched.h>

struct kwait_queue {
	struct kthread *head, *tail;
};

#define KWAIT_QUEUE_INIT                                                                           \
	{                                                                                          \
		0, 0                                                                               \
	}

static inline void kwait_init(struct kwait_queue *q)
{
	q->head = q->tail = 0;
}

static inline int kwait_empty(const struct kwait_queue *q)
{
	return !q->head;
}

/* Puts the caller at the back of q and runs other threads until it is woken. */
void kwait_block(struct kwait_queue *q);

/* Makes the first waiter ready (returns it), or returns NULL when q is empty. */
struct kthread *kwait_wake_one(struct kwait_queue *q);

/* Makes every waiter ready; returns how many there were. */
unsigned int kwait_wake_all(struct kwait_queue *q);

#endif

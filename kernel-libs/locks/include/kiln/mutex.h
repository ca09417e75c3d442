/*
 * Mutexes, semaphores and condition variables for threads (kiln/sched.h), over wait queues
 * (kiln/wait.h). All three are fair: a waiter is served in the order it began to wait, and
 * a released mutex or semaphore is handed directly to the first waiter, so a thread that
 * releases and at once re-acquires cannot overtake one that was waiting. They hold under
 * both schedulers: every state change is made under ksched_lock(), which keeps the time
 * slice's interrupt out. Zero-initialised objects are ready to use, as are the _INIT macros.
 */
#ifndef KILN_MUTEX_H
#define KILN_MUTEX_H

#include <kiln/sched.h>
#include <kiln/wait.h>

#define KLOCK_EPERM   -1  /* unlocking a mutex the caller does not hold */
#define KLOCK_EBUSY   -16 /* trylock: held by another thread */
#define KLOCK_EDEADLK -35 /* locking a non-recursive mutex the caller holds already */

struct kmutex {
	struct kthread *owner;
	unsigned int depth; /* times the owner locked it (recursive mutexes) */
	int recursive;
	struct kwait_queue waiters;
};

#define KMUTEX_INIT                                                                                \
	{                                                                                          \
		0, 0, 0, KWAIT_QUEUE_INIT                                                          \
	}
#define KMUTEX_RECURSIVE_INIT                                                                      \
	{                                                                                          \
		0, 0, 1, KWAIT_QUEUE_INIT                                                          \
	}

/* recursive: the owner may lock again, and must unlock as many times (option
 * LOCKS_RECURSIVE; without it, such a mutex is refused at init with KLOCK_EPERM). */
int kmutex_init(struct kmutex *m, int recursive);
/* 0, or KLOCK_EDEADLK (a non-recursive mutex the caller holds). */
int kmutex_lock(struct kmutex *m);
/* 0, or KLOCK_EBUSY. */
int kmutex_trylock(struct kmutex *m);
/* 0, or KLOCK_EPERM. */
int kmutex_unlock(struct kmutex *m);

struct ksem {
	unsigned long count;
	struct kwait_queue waiters;
};

#define KSEM_INIT(n)                                                                               \
	{                                                                                          \
		(n), KWAIT_QUEUE_INIT                                                              \
	}

void ksem_init(struct ksem *s, unsigned long count);
/* Takes one unit, waiting while there is none. */
void ksem_down(struct ksem *s);
/* 0 when it took one, KLOCK_EBUSY when there was none. */
int ksem_trydown(struct ksem *s);
/* Gives one unit back: to the first waiter, if any. */
void ksem_up(struct ksem *s);

struct kcond {
	struct kwait_queue waiters;
};

#define KCOND_INIT                                                                                 \
	{                                                                                          \
		KWAIT_QUEUE_INIT                                                                   \
	}

void kcond_init(struct kcond *c);
/* Releases m (held once by the caller), waits for a signal, locks m again. As with POSIX,
 * the caller re-checks its predicate in a loop. 0, or KLOCK_EPERM when m is not held. */
int kcond_wait(struct kcond *c, struct kmutex *m);
/* Wakes the longest waiter / every waiter. */
void kcond_signal(struct kcond *c);
void kcond_broadcast(struct kcond *c);

#endif

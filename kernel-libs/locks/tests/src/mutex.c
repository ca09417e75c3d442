/*
 * Mutexes and semaphores under contention: workers that yield while holding the lock (so
 * the others pile up waiting) must never overlap, and must be served in FIFO order, so
 * each gets exactly its share; recursion and the error codes of misuse.
 */
#include <kiln/mutex.h>
#include <kiln/sched.h>
#include <kiln/test.h>

#define MUTEX_WORKERS 4
#define MUTEX_ROUNDS  25

static struct kmutex mutex_m = KMUTEX_INIT;
static int mutex_inside, mutex_overlaps;
static int mutex_turns[MUTEX_WORKERS];
static int mutex_order[MUTEX_WORKERS * MUTEX_ROUNDS], mutex_norder;

static void *mutex_worker(void *arg)
{
	long id = (long)arg;

	for (int i = 0; i < MUTEX_ROUNDS; i++) {
		kmutex_lock(&mutex_m);
		mutex_overlaps += mutex_inside++;
		mutex_order[mutex_norder++] = (int)id;
		kthread_yield(); /* the others queue up on the mutex meanwhile */
		mutex_turns[id]++;
		mutex_inside--;
		kmutex_unlock(&mutex_m);
	}
	return 0;
}

KTEST_SUITE(locks_mutex, NULL);

KTEST_CASE(locks_mutex, excludes_and_serves_waiters_in_fifo_order)
{
	struct kthread *t[MUTEX_WORKERS];

	for (long i = 0; i < MUTEX_WORKERS; i++)
		t[i] = kthread_create("locker", mutex_worker, (void *)i, 0);
	for (int i = 0; i < MUTEX_WORKERS; i++)
		kthread_join(t[i], 0);
	KTEST_EQ(mutex_overlaps, 0);
	for (int i = 0; i < MUTEX_WORKERS; i++)
		KTEST_EQ(mutex_turns[i], MUTEX_ROUNDS);
	/* Handed over in FIFO order: the owners go round 0 1 2 3 0 1 2 3 ... */
	for (int i = 0; i < mutex_norder; i++)
		if (!KTEST_EQ(mutex_order[i], i % MUTEX_WORKERS))
			break;
}

KTEST_CASE(locks_mutex, recursive_counts_and_plain_refuses)
{
	struct kmutex r, p;

	KTEST_EQ(kmutex_init(&r, 1), 0);
	KTEST_EQ(kmutex_init(&p, 0), 0);
	KTEST_EQ(kmutex_lock(&r), 0);
	KTEST_EQ(kmutex_lock(&r), 0);
	KTEST_EQ(kmutex_unlock(&r), 0);
	KTEST_TRUE(r.owner == kthread_self());
	KTEST_EQ(kmutex_unlock(&r), 0);
	KTEST_TRUE(r.owner == 0);
	KTEST_EQ(kmutex_unlock(&r), KLOCK_EPERM);
	KTEST_EQ(kmutex_lock(&p), 0);
	KTEST_EQ(kmutex_lock(&p), KLOCK_EDEADLK);
	KTEST_EQ(kmutex_trylock(&p), KLOCK_EBUSY);
	KTEST_EQ(kmutex_unlock(&p), 0);
	KTEST_EQ(kmutex_trylock(&p), 0);
	KTEST_EQ(kmutex_unlock(&p), 0);
}

static struct kmutex mutex_held = KMUTEX_INIT;

static void *mutex_try_other(void *arg)
{
	(void)arg;
	return (void *)(long)kmutex_trylock(&mutex_held);
}

KTEST_CASE(locks_mutex, trylock_fails_while_another_holds_it)
{
	void *ret = 0;

	kmutex_lock(&mutex_held);
	kthread_join(kthread_create("try", mutex_try_other, 0, 0), &ret);
	KTEST_EQ((long)ret, KLOCK_EBUSY);
	KTEST_EQ(kmutex_unlock(&mutex_held), 0);
}

static struct ksem sem_s = KSEM_INIT(2);
static int sem_inside, sem_most;

static void *sem_worker(void *arg)
{
	(void)arg;
	for (int i = 0; i < 10; i++) {
		ksem_down(&sem_s);
		if (++sem_inside > sem_most)
			sem_most = sem_inside;
		kthread_yield();
		sem_inside--;
		ksem_up(&sem_s);
	}
	return 0;
}

KTEST_SUITE(locks_sem, NULL);

KTEST_CASE(locks_sem, lets_in_at_most_its_count)
{
	struct kthread *t[5];

	for (int i = 0; i < 5; i++)
		t[i] = kthread_create("sem", sem_worker, 0, 0);
	for (int i = 0; i < 5; i++)
		kthread_join(t[i], 0);
	KTEST_EQ(sem_most, 2);
	KTEST_EQ(sem_s.count, 2);
	KTEST_EQ(ksem_trydown(&sem_s), 0);
	KTEST_EQ(ksem_trydown(&sem_s), 0);
	KTEST_EQ(ksem_trydown(&sem_s), KLOCK_EBUSY);
	ksem_up(&sem_s);
	ksem_up(&sem_s);
}

/*
 * Condition variables: producers and consumers over a small ring, where both sides must
 * wait (ring full, ring empty); every item arrives once and in order, and broadcast wakes
 * every waiter while signal wakes one.
 */
#include <kiln/mutex.h>
#include <kiln/sched.h>
#include <kiln/test.h>

#define COND_RING  4
#define COND_ITEMS 200

static struct kmutex cond_m = KMUTEX_INIT;
static struct kcond cond_not_full = KCOND_INIT, cond_not_empty = KCOND_INIT;
static int cond_ring[COND_RING], cond_head, cond_count;

static void *cond_producer(void *arg)
{
	(void)arg;
	for (int i = 0; i < COND_ITEMS; i++) {
		kmutex_lock(&cond_m);
		while (cond_count == COND_RING)
			kcond_wait(&cond_not_full, &cond_m);
		cond_ring[(cond_head + cond_count++) % COND_RING] = i;
		kcond_signal(&cond_not_empty);
		kmutex_unlock(&cond_m);
	}
	return 0;
}

static void *cond_consumer(void *arg)
{
	long bad = 0;

	(void)arg;
	for (int i = 0; i < COND_ITEMS; i++) {
		kmutex_lock(&cond_m);
		while (cond_count == 0)
			kcond_wait(&cond_not_empty, &cond_m);
		bad += cond_ring[cond_head] != i;
		cond_head = (cond_head + 1) % COND_RING;
		cond_count--;
		kcond_signal(&cond_not_full);
		kmutex_unlock(&cond_m);
	}
	return (void *)bad;
}

KTEST_SUITE(locks_cond, NULL);

KTEST_CASE(locks_cond, producer_and_consumer_hand_over_every_item_in_order)
{
	void *bad = (void *)1;
	struct kthread *c = kthread_create("consumer", cond_consumer, 0, 0);
	struct kthread *p = kthread_create("producer", cond_producer, 0, 0);

	kthread_join(p, 0);
	kthread_join(c, &bad);
	KTEST_EQ((long)bad, 0);
	KTEST_EQ(cond_count, 0);
}

static struct kcond cond_go = KCOND_INIT;
static int cond_started, cond_woken;

static void *cond_waiter(void *arg)
{
	(void)arg;
	kmutex_lock(&cond_m);
	cond_started++;
	kcond_wait(&cond_go, &cond_m);
	cond_woken++;
	kmutex_unlock(&cond_m);
	return 0;
}

KTEST_CASE(locks_cond, signal_wakes_one_broadcast_wakes_all)
{
	struct kthread *t[3];

	for (int i = 0; i < 3; i++)
		t[i] = kthread_create("waiter", cond_waiter, 0, 0);
	while (cond_started < 3)
		kthread_yield();
	kcond_signal(&cond_go);
	kthread_yield();
	kthread_yield();
	KTEST_EQ(cond_woken, 1);
	kcond_broadcast(&cond_go);
	for (int i = 0; i < 3; i++)
		kthread_join(t[i], 0);
	KTEST_EQ(cond_woken, 3);
}

KTEST_CASE(locks_cond, wait_refuses_a_mutex_not_held)
{
	struct kmutex m = KMUTEX_INIT;

	KTEST_EQ(kcond_wait(&cond_go, &m), KLOCK_EPERM);
}

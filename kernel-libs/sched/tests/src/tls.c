/*
 * Thread-local storage: each thread sees its own copy of every `__thread` variable,
 * initialised from the image's template (.tdata) or zeroed (.tbss), whatever other threads
 * did to theirs, across switches.
 */
#include <stdint.h>
#include <kiln/sched.h>
#include <kiln/test.h>

static __thread long tls_counter = 1000;
static __thread char tls_zeroed[200];
static __thread uint64_t tls_aligned __attribute__((aligned(64))) = 0xfeed;

static void *tls_worker(void *arg)
{
	long id = (long)arg, bad = 0;

	if (tls_counter != 1000 || tls_zeroed[0] || tls_zeroed[199] || tls_aligned != 0xfeed)
		return (void *)-1l;
	for (int i = 0; i < 5; i++) {
		tls_counter += id;
		tls_zeroed[i] = (char)id;
		kthread_yield();
	}
	bad += tls_counter != 1000 + 5 * id;
	for (int i = 0; i < 5; i++)
		bad += tls_zeroed[i] != (char)id;
	bad += ((uintptr_t)&tls_aligned & 63) != 0;
	return (void *)bad;
}

KTEST_SUITE(sched_tls, NULL);

KTEST_CASE(sched_tls, each_thread_has_its_own_copy)
{
	struct kthread *t[4];
	void *ret;

	KTEST_EQ(tls_aligned, 0xfeed); /* main's own block came from the template too */
	KTEST_EQ(((uintptr_t)&tls_aligned) & 63, 0);
	tls_counter = 1;
	for (long i = 0; i < 4; i++)
		t[i] = kthread_create("tls", tls_worker, (void *)(i + 1), 0);
	kthread_yield();
	KTEST_EQ(tls_counter, 1);
	for (int i = 0; i < 4; i++) {
		KTEST_EQ(kthread_join(t[i], &ret), 0);
		KTEST_EQ((long)ret, 0);
	}
	KTEST_EQ(tls_counter, 1);
}

static void *tls_address(void *arg)
{
	(void)arg;
	return &tls_counter;
}

KTEST_CASE(sched_tls, addresses_differ_between_threads)
{
	void *a = 0, *b = 0;
	struct kthread *t = kthread_create("tls-a", tls_address, 0, 0);
	struct kthread *u = kthread_create("tls-b", tls_address, 0, 0);

	kthread_join(t, &a);
	kthread_join(u, &b);
	KTEST_TRUE(a != b);
	KTEST_TRUE(a != &tls_counter);
}

/*
 * Floating point across preemption: two threads run the same SSE computation from
 * different seeds, each many times over while time slices end in the middle of it, and
 * every run must give what the same code gave with nobody else running. Without the
 * switch's fxsave/fxrstor (SCHED_FPU) one thread's XMM registers leak into the other's
 * loop and the sums differ. Built with SSE (this entry's cflags); on KVM and Xen it turns
 * PLAT_X86_SSE on.
 */
#include <stdint.h>
#include <kiln/sched.h>
#include <kiln/test.h>
#include <kiln/time.h>

#define FPU_STEPS 200000

static volatile int fpu_stop;
static double fpu_want[2];
static volatile unsigned long fpu_runs[2], fpu_bad[2];

/* Keeps its state in XMM registers for the whole loop. noipa: else the compiler sees a pure
 * function of a constant and calls it once, before the worker's loop (no float work left
 * for a time slice to interrupt). */
static __attribute__((noipa)) double fpu_series(double seed)
{
	double x = seed, sum = 0.0, scale = 1.0000001;

	for (int i = 0; i < FPU_STEPS; i++) {
		x = x * scale + 0.5 / (i + 1);
		sum += x / (1.0 + x * 1e-9);
	}
	return sum;
}

static void *fpu_worker(void *arg)
{
	long id = (long)arg;

	while (!fpu_stop) {
		if (fpu_series(id ? 3.25 : 1.75) != fpu_want[id])
			fpu_bad[id]++;
		fpu_runs[id]++;
	}
	return 0;
}

KTEST_SUITE(rr_fpu, NULL);

KTEST_CASE(rr_fpu, preempted_float_work_keeps_its_registers)
{
	struct ksched_stats a, b;
	struct kthread *t[2];

	fpu_want[0] = fpu_series(1.75);
	fpu_want[1] = fpu_series(3.25);
	KTEST_TRUE(fpu_want[0] != fpu_want[1]);
	ksched_stats(&a);
	for (long i = 0; i < 2; i++)
		t[i] = kthread_create("fpu", fpu_worker, (void *)i, 0);
	uint64_t end = ktime_now_ns() + 3000000000ull;
	do {
		kthread_sleep_ns(10000000);
		ksched_stats(&b);
	} while (ktime_now_ns() < end &&
		 (fpu_runs[0] < 10 || fpu_runs[1] < 10 || b.preemptions < a.preemptions + 20));
	fpu_stop = 1;
	for (int i = 0; i < 2; i++)
		kthread_join(t[i], 0);
	ksched_stats(&b);
	KTEST_TRUE(fpu_runs[0] > 0 && fpu_runs[1] > 0);
	KTEST_TRUE(b.preemptions >= a.preemptions + 20);
	KTEST_EQ(fpu_bad[0], 0);
	KTEST_EQ(fpu_bad[1], 0);
}

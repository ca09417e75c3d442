/*
 * Processor time (plat_cpu_time_ns, what newlib's clock() reports): it stands still while
 * every thread sleeps and the idle thread halts, and it keeps counting the work of a thread
 * that a time slice switched to while another thread was halted. The platform counts a
 * halt up to the first interrupt entry after it: counted up to the halting thread's return
 * instead, the slices other threads ran in between would pass for halted time.
 */
#include <stdint.h>
#include <kiln/plat.h>
#include <kiln/sched.h>
#include <kiln/test.h>

#define CPUTIME_WAIT_NS 200000000ull
#define CPUTIME_BUSY_NS 300000000ull

KTEST_SUITE(rr_cputime, NULL);

KTEST_CASE(rr_cputime, stands_still_while_everyone_sleeps)
{
	uint64_t t0 = plat_time_ns(), c0 = plat_cpu_time_ns();

	kthread_sleep_ns(CPUTIME_WAIT_NS);
	uint64_t cpu = plat_cpu_time_ns() - c0; /* read inside the wall clock's interval */
	uint64_t wall = plat_time_ns() - t0;
	KTEST_TRUE(wall >= CPUTIME_WAIT_NS);
	KTEST_TRUE(cpu < wall / 2);
}

static volatile int halter_stop;
static volatile unsigned long halter_halts;

/* Halts again and again (interrupts off between its look at the flag and the halt, so that
 * the flag cannot be set in between and leave it halted with nothing to wake it). */
static void *halter(void *unused)
{
	(void)unused;
	for (;;) {
		plat_irq_disable();
		if (halter_stop)
			break;
		plat_halt_until_irq();
		halter_halts++;
	}
	plat_irq_enable();
	return 0;
}

KTEST_CASE(rr_cputime, counts_work_while_another_thread_halts)
{
	struct kthread *t = kthread_create("halter", halter, NULL, 0);
	uint64_t t0 = plat_time_ns(), c0 = plat_cpu_time_ns();

	while (plat_time_ns() - t0 < CPUTIME_BUSY_NS)
		; /* busy: the halter gets every other slice and halts through it */
	uint64_t cpu = plat_cpu_time_ns() - c0; /* read inside the wall clock's interval */
	uint64_t wall = plat_time_ns() - t0;
	halter_stop = 1;
	kthread_join(t, 0);
	KTEST_TRUE(halter_halts > 0);
	/* About half the time is the busy loop's; counted as halted, it would be near 0. */
	KTEST_TRUE(cpu > wall / 8);
	KTEST_TRUE(cpu <= wall);
}

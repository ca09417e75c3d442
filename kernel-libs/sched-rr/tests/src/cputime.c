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
#define CPUTIME_WORK_NS 100000000ull

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

static volatile unsigned long spin_sink;

static void spin(unsigned long n)
{
	for (unsigned long i = 0; i < n; i++)
		spin_sink++;
}

/* The processor time of a fixed amount of work, done alone and then beside a thread that
 * halts through every slice it gets: the same work, so about the same processor time,
 * however loaded the host (linuxu's CPU time is the host's share). Its halts counted up to
 * its own return instead, the busy slices between would pass for halted time: near 0. */
KTEST_CASE(rr_cputime, counts_work_while_another_thread_halts)
{
	unsigned long n = 1ul << 14;
	uint64_t c0, alone;

	for (;;) { /* as much work as CPUTIME_WORK_NS of processor time alone */
		c0 = plat_cpu_time_ns();
		spin(n);
		alone = plat_cpu_time_ns() - c0;
		if (alone >= CPUTIME_WORK_NS)
			break;
		n *= 2;
	}
	struct kthread *t = kthread_create("halter", halter, NULL, 0);
	uint64_t t0 = plat_time_ns();
	c0 = plat_cpu_time_ns();
	spin(n);
	uint64_t cpu = plat_cpu_time_ns() - c0; /* read inside the wall clock's interval */
	uint64_t wall = plat_time_ns() - t0;
	halter_stop = 1;
	kthread_join(t, 0);
	KTEST_TRUE(halter_halts > 0);
	KTEST_TRUE(cpu > alone / 4);
	KTEST_TRUE(cpu <= wall);
}

/*
 * Interrupt sources and the one-shot timer on plat/linuxu, compiled only with the irq
 * library: a source is a signal number. PLAT_IRQ_TIMER is SIGALRM, raised by a POSIX timer
 * on CLOCK_MONOTONIC armed at an absolute time (timer_create, timer_settime with
 * TIMER_ABSTIME), so a deadline needs no conversion to a delay that would drift. SIGUSR1,
 * SIGUSR2 and SIGIO are the sources plat_irq_alloc_soft hands out, raised with kill() to
 * this process. Each handler runs with every interrupt signal blocked, as an interrupt gate
 * clears RFLAGS.IF; the kernel restores the mask at sigreturn. Masking a source is the irq
 * library's business (it holds what arrives while masked): a blocked or ignored signal here
 * would be lost or would block every source at once.
 */
#include <stdint.h>
#include <kiln/plat.h>
#include "linuxu.h"

#define LINUXU_SYS_GETPID	 39
#define LINUXU_SYS_KILL		 62
#define LINUXU_SYS_TIMER_CREATE	 222
#define LINUXU_SYS_TIMER_SETTIME 223
#define LINUXU_SA_RESTORER	 0x04000000ul
#define LINUXU_SA_RESTART	 0x10000000ul
#define LINUXU_SIGALRM		 14
#define LINUXU_SIGEV_SIGNAL	 0
#define LINUXU_CLOCK_MONOTONIC	 1
#define LINUXU_CLOCK_REALTIME	 0
#define LINUXU_TIMER_ABSTIME	 1
#define LINUXU_SIG_BIT(n)	 (1ull << ((n)-1))
#define LINUXU_NS		 1000000000ull

struct linuxu_irq_sigaction {
	void (*handler)(int);
	unsigned long flags;
	void (*restorer)(void);
	uint64_t mask;
};

struct linuxu_sigevent { /* Linux's struct sigevent, padded to its 64 bytes */
	uint64_t value;
	int signo, notify;
	int pad[12];
};

struct linuxu_itimerspec {
	int64_t interval_sec, interval_nsec, value_sec, value_nsec;
};

static const int linuxu_soft_signals[] = { 10, 12, 29 }; /* SIGUSR1 SIGUSR2 SIGIO */
static unsigned int linuxu_soft_used;
static int linuxu_timer_id = -1;
static uint64_t linuxu_mono_base; /* CLOCK_MONOTONIC at plat_time_ns() == 0 */
static uint64_t linuxu_spurious;
static int linuxu_timer_armed;

static uint64_t linuxu_clock(int clock)
{
	int64_t ts[2] = { 0, 0 };

	linuxu_syscall3(LINUXU_SYS_CLOCK_GETTIME, clock, (long)ts, 0);
	return (uint64_t)ts[0] * LINUXU_NS + (uint64_t)ts[1];
}

static void linuxu_irq_signal(int sig)
{
	if (sig != LINUXU_SIGALRM) {
		kirq_handle((unsigned int)sig);
	} else if (!linuxu_timer_armed) { /* it fired as it was being disarmed */
		linuxu_spurious++;
		return;
	} else {
		linuxu_timer_armed = 0;
		kirq_handle(PLAT_IRQ_TIMER);
	}
	kirq_exit(); /* a switch from here leaves with the signal frame on this thread's stack */
}

static int linuxu_irq_catch(int sig)
{
	struct linuxu_irq_sigaction sa = {
		.handler = linuxu_irq_signal,
		.flags = LINUXU_SA_RESTORER | LINUXU_SA_RESTART,
		.restorer = linuxu_sigreturn,
		.mask = LINUXU_SIG_BIT(10) | LINUXU_SIG_BIT(12) | LINUXU_SIG_BIT(14) |
			LINUXU_SIG_BIT(29),
	};

	return (int)linuxu_syscall6(LINUXU_SYS_RT_SIGACTION, sig, (long)&sa, 0, sizeof(sa.mask), 0,
				    0);
}

int plat_irq_init(void)
{
	struct linuxu_sigevent ev = { .signo = LINUXU_SIGALRM, .notify = LINUXU_SIGEV_SIGNAL };

	linuxu_mono_base = linuxu_clock(LINUXU_CLOCK_MONOTONIC) - plat_time_ns();
	if (linuxu_syscall3(LINUXU_SYS_TIMER_CREATE, LINUXU_CLOCK_MONOTONIC, (long)&ev,
			    (long)&linuxu_timer_id) != 0)
		return -1;
	if (linuxu_irq_catch(LINUXU_SIGALRM) != 0)
		return -1;
	for (unsigned int i = 0; i < sizeof(linuxu_soft_signals) / sizeof(int); i++)
		if (linuxu_irq_catch(linuxu_soft_signals[i]) != 0)
			return -1;
	return 0;
}

void plat_irq_set_masked(unsigned int irq, int masked)
{
	(void)irq;
	(void)masked;
}

int plat_irq_raise(unsigned int irq)
{
	for (unsigned int i = 0; i < linuxu_soft_used; i++) {
		if ((unsigned int)linuxu_soft_signals[i] == irq) {
			long pid = linuxu_syscall3(LINUXU_SYS_GETPID, 0, 0, 0);

			return linuxu_syscall3(LINUXU_SYS_KILL, pid, (long)irq, 0) == 0 ? 0 : -1;
		}
	}
	return -1;
}

int plat_irq_alloc_soft(void)
{
	if (linuxu_soft_used >= sizeof(linuxu_soft_signals) / sizeof(int))
		return -1;
	return linuxu_soft_signals[linuxu_soft_used++];
}

void plat_irq_raise_spurious(void)
{
	long pid = linuxu_syscall3(LINUXU_SYS_GETPID, 0, 0, 0);

	if (!linuxu_timer_armed) /* else it would pass for the timer's */
		linuxu_syscall3(LINUXU_SYS_KILL, pid, LINUXU_SIGALRM, 0);
}

uint64_t plat_irq_spurious(void)
{
	return linuxu_spurious;
}

int plat_timer_set(uint64_t deadline_ns)
{
	struct linuxu_itimerspec its = { 0, 0, 0, 0 }; /* all zero disarms */

	if (deadline_ns != UINT64_MAX) {
		uint64_t abs = linuxu_mono_base + deadline_ns;

		its.value_sec = (int64_t)(abs / LINUXU_NS);
		its.value_nsec = (int64_t)(abs % LINUXU_NS);
		if (!its.value_sec && !its.value_nsec)
			its.value_nsec = 1;
	}
	linuxu_timer_armed = deadline_ns != UINT64_MAX;
	return linuxu_syscall6(LINUXU_SYS_TIMER_SETTIME, linuxu_timer_id, LINUXU_TIMER_ABSTIME,
			       (long)&its, 0, 0, 0) == 0
		       ? 0
		       : -1;
}

uint64_t plat_wall_ns(void)
{
	return linuxu_clock(LINUXU_CLOCK_REALTIME);
}

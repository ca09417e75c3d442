/*
 * Interrupts on plat/linuxu are signals. "Interrupts off" blocks the signals that stand for
 * devices and timers (SIGALRM, SIGIO, SIGUSR1, SIGUSR2), never the fatal faults, nor
 * SIGINT or SIGTERM: Ctrl-C must still stop a unikernel that runs with interrupts off.
 * Waiting for an interrupt is rt_sigsuspend with nothing blocked, which returns once a
 * handler ran (at once when a signal was pending), as hlt with interrupts on returns after
 * the interrupt's handler.
 */
#include <stdint.h>
#include <kiln/plat.h>
#include "linuxu.h"

#define LINUXU_SIG_BLOCK   0
#define LINUXU_SIG_UNBLOCK 1
#define LINUXU_SIG_BIT(n)  (1ull << ((n)-1))
#define LINUXU_IRQ_SIGNALS                                                                         \
	(LINUXU_SIG_BIT(10) | LINUXU_SIG_BIT(12) | LINUXU_SIG_BIT(14) | LINUXU_SIG_BIT(29))

static void linuxu_irq_mask(int how)
{
	uint64_t set = LINUXU_IRQ_SIGNALS;

	linuxu_syscall6(LINUXU_SYS_RT_SIGPROCMASK, how, (long)&set, 0, sizeof(set), 0, 0);
}

void plat_irq_enable(void)
{
	linuxu_irq_mask(LINUXU_SIG_UNBLOCK);
}

void plat_irq_disable(void)
{
	linuxu_irq_mask(LINUXU_SIG_BLOCK);
}

/* On while none of the interrupt signals is blocked (the query leaves the mask as it is). */
int plat_irq_enabled(void)
{
	uint64_t now = 0;

	linuxu_syscall6(LINUXU_SYS_RT_SIGPROCMASK, LINUXU_SIG_BLOCK, 0, (long)&now, sizeof(now), 0,
			0);
	return !(now & LINUXU_IRQ_SIGNALS);
}

void plat_halt_until_irq(void)
{
	uint64_t none = 0;

	linuxu_syscall3(LINUXU_SYS_RT_SIGSUSPEND, (long)&none, sizeof(none), 0);
}

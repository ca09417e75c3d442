/*
 * Stopping the domain. SCHEDOP_shutdown (sched.h) carries only a reason, poweroff or
 * crash, so the app's exit status also leaves by two other ways (tests/xen/README.md): a
 * last console line "kiln: exit status N", and, for a domU, the xenstore key
 * data/exit-status, which a toolstack can read before it destroys the dead domain. The
 * console is drained first: once the domain is gone, xenconsoled can no longer read it.
 */
#include <stdint.h>
#include <kiln/plat.h>
#include <x86/cpu.h>
#include <xen/sched.h>
#include <kxen/hypercall.h>
#include <kxen/xenstore.h>
#include "xen.h"

static const char kxen_status_line[] = "kiln: exit status ";

/* Decimal text of v into buf (at least 12 bytes); returns its length. */
static int kxen_itoa(int v, char *buf)
{
	char tmp[12];
	int n = 0, len = 0;
	unsigned int u = v < 0 ? 0u - (unsigned int)v : (unsigned int)v;

	do {
		tmp[n++] = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	if (v < 0)
		buf[len++] = '-';
	while (n)
		buf[len++] = tmp[--n];
	buf[len] = '\0';
	return len;
}

static __attribute__((noreturn)) void kxen_stop(unsigned int reason)
{
	struct sched_shutdown sd = { .reason = reason };

	kxen_console_flush();
	KXEN_HC(sched_op, SCHEDOP_shutdown, &sd);
	x86_halt_forever(); /* Xen does not come back to a vcpu it shut down */
}

void plat_shutdown(int status)
{
	char num[12];
	int len = kxen_itoa(status, num);

	num[len] = '\n';
	plat_console_write(kxen_status_line, sizeof(kxen_status_line) - 1);
	plat_console_write(num, (size_t)len + 1);
	num[len] = '\0';
	if (kxen_xs_available())
		kxen_xs_write("data/exit-status", num);
	kxen_stop(SHUTDOWN_poweroff);
}

void plat_crash(void)
{
	kxen_stop(SHUTDOWN_crash);
}

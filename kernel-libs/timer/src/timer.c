/*
 * One-shot timers over the platform's one-shot timer interrupt (plat_timer_set, delivered as
 * PLAT_IRQ_TIMER through the irq library): a singly linked list sorted by deadline, with the
 * hardware armed for the head only. No periodic tick: an idle image with no timer armed takes
 * no timer interrupts (tickless). The list is touched with interrupts off, the state the
 * interrupt handler runs in, so handler and callers never see it half changed.
 */
#include <stdint.h>
#include <kiln/boot.h>
#include <kiln/irq.h>
#include <kiln/plat.h>
#include <kiln/time.h>
#include <kiln/timer.h>

static struct ktimer *ktimer_head;
static struct ktimer_stats ktimer_counts;
static ktimer_sleeper ktimer_sleep_hook;

uint64_t ktime_now_ns(void)
{
	return plat_time_ns();
}

uint64_t ktime_wall_ns(void)
{
	return plat_wall_ns();
}

static void ktimer_program(void)
{
	plat_timer_set(ktimer_head ? ktimer_head->deadline : UINT64_MAX);
}

/* Unlinks t if armed; interrupts off. Returns whether it was. */
static int ktimer_unlink(struct ktimer *t)
{
	if (!t->armed)
		return 0;
	for (struct ktimer **p = &ktimer_head; *p; p = &(*p)->next) {
		if (*p == t) {
			*p = t->next;
			break;
		}
	}
	t->armed = 0;
	t->next = 0;
	ktimer_counts.armed_now--;
	return 1;
}

void ktimer_arm(struct ktimer *t, uint64_t deadline_ns, ktimer_cb cb, void *arg)
{
	int on = plat_irq_enabled();
	struct ktimer **p = &ktimer_head;

	plat_irq_disable();
	int was_head = ktimer_head == t;
	ktimer_unlink(t);
	while (*p && (*p)->deadline <= deadline_ns)
		p = &(*p)->next;
	t->deadline = deadline_ns;
	t->cb = cb;
	t->arg = arg;
	t->next = *p;
	t->armed = 1;
	*p = t;
	ktimer_counts.armed_now++;
	if (ktimer_head == t || was_head)
		ktimer_program();
	if (on)
		plat_irq_enable();
}

int ktimer_cancel(struct ktimer *t)
{
	int on = plat_irq_enabled();

	plat_irq_disable();
	int was_head = ktimer_head == t;
	int armed = ktimer_unlink(t);
	if (was_head)
		ktimer_program();
	if (on)
		plat_irq_enable();
	return armed;
}

/* PLAT_IRQ_TIMER: runs every callback due, then arms the hardware for the next deadline. */
static void ktimer_irq(unsigned int irq, void *arg)
{
	uint64_t fired = ktimer_counts.fired;

	(void)irq;
	(void)arg;
	ktimer_counts.interrupts++;
	while (ktimer_head && ktimer_head->deadline <= plat_time_ns()) {
		struct ktimer *t = ktimer_head;

		ktimer_unlink(t);
		ktimer_counts.fired++;
		t->cb(t->arg); /* may re-arm its timer or arm others */
	}
	if (ktimer_counts.fired == fired)
		ktimer_counts.early++;
	ktimer_program();
}

static void ktimer_wake(void *done)
{
	*(volatile int *)done = 1;
}

void ktimer_sleep_until(uint64_t deadline_ns)
{
	volatile int done = 0;
	struct ktimer t = KTIMER_INIT;

	if (ktimer_sleep_hook) {
		ktimer_sleep_hook(deadline_ns);
		return;
	}
	int on = plat_irq_enabled();
	plat_irq_disable();
	ktimer_arm(&t, deadline_ns, ktimer_wake, (void *)&done);
	/* Checked with interrupts off: the wake cannot slip in between the test and the halt,
	 * which re-enables them atomically with waiting (sti; hlt, rt_sigsuspend). */
	while (!done)
		ktimer_idle();
	if (on)
		plat_irq_enable();
}

void ktimer_sleep_ns(uint64_t ns)
{
	ktimer_sleep_until(ktime_now_ns() + ns);
}

void ktimer_idle(void)
{
	plat_halt_until_irq();
	plat_irq_disable();
}

int ktimer_armed(const struct ktimer *t)
{
	return t->armed;
}

uint64_t ktimer_next_deadline(void)
{
	int on = plat_irq_enabled();

	plat_irq_disable();
	uint64_t d = ktimer_head ? ktimer_head->deadline : UINT64_MAX;
	if (on)
		plat_irq_enable();
	return d;
}

void ktimer_set_sleeper(ktimer_sleeper fn)
{
	ktimer_sleep_hook = fn;
}

void ktimer_stats(struct ktimer_stats *s)
{
	int on = plat_irq_enabled();

	plat_irq_disable();
	*s = ktimer_counts;
	if (on)
		plat_irq_enable();
}

static int ktimer_boot(void)
{
	return kirq_register(PLAT_IRQ_TIMER, ktimer_irq, 0) == 0 ? 0 : -1;
}

/* After the irq library's init (KBOOT_LEVEL_LIB), which sets up the controllers. */
KBOOT_INIT(ktimer_boot, 55);

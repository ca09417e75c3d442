/*
 * The interrupt handler table: the platform's entry calls kirq_handle() with interrupts off
 * for each source that fired; this file runs the source's handler, or holds the interrupt
 * when the source is masked (run at unmask, as a controller's pending bit would), and counts
 * everything. Masks are kept here as well as at the controller, so that a software raise or
 * an interrupt already in flight when the mask was set cannot reach a masked handler.
 * Interrupts go on at the end of this library's init.
 */
#include <stdint.h>
#include <kiln/boot.h>
#include <kiln/irq.h>
#include <kiln/plat.h>

struct kirq_slot {
	kirq_handler fn;
	void *arg;
	uint64_t count;
	uint8_t masked;
	uint8_t held;
};

static struct kirq_slot kirq_slots[PLAT_IRQ_MAX];
static struct kirq_stats kirq_counts;
static unsigned int kirq_nesting;
static void (*kirq_exit_hook)(void);

static void kirq_run(unsigned int irq)
{
	struct kirq_slot *s = &kirq_slots[irq];

	s->count++;
	kirq_counts.handled++;
	s->fn(irq, s->arg);
}

void kirq_handle(unsigned int irq)
{
	if (irq >= PLAT_IRQ_MAX)
		return;
	if (++kirq_nesting > 1)
		kirq_counts.nested++;
	if (kirq_nesting > kirq_counts.max_depth)
		kirq_counts.max_depth = kirq_nesting;
	struct kirq_slot *s = &kirq_slots[irq];
	if (!s->fn)
		kirq_counts.unhandled++;
	else if (s->masked)
		s->held = 1;
	else
		kirq_run(irq);
	kirq_nesting--;
}

/* Interrupts off around a table change; returns whether they were on before. */
static int kirq_lock(void)
{
	int on = plat_irq_enabled();

	plat_irq_disable();
	return on;
}

static void kirq_unlock(int was_on)
{
	if (was_on)
		plat_irq_enable();
}

int kirq_register(unsigned int irq, kirq_handler fn, void *arg)
{
	if (irq >= PLAT_IRQ_MAX || !fn)
		return KIRQ_EINVAL;
	int on = kirq_lock();
	if (kirq_slots[irq].fn) {
		kirq_unlock(on);
		return KIRQ_EBUSY;
	}
	kirq_slots[irq] = (struct kirq_slot){ fn, arg, 0, 0, 0 };
	kirq_unlock(on);
	plat_irq_set_masked(irq, 0);
	return 0;
}

void kirq_unregister(unsigned int irq)
{
	if (irq >= PLAT_IRQ_MAX)
		return;
	plat_irq_set_masked(irq, 1);
	int on = kirq_lock();
	kirq_slots[irq].fn = 0;
	kirq_slots[irq].held = 0;
	kirq_unlock(on);
}

void kirq_mask(unsigned int irq)
{
	if (irq >= PLAT_IRQ_MAX)
		return;
	kirq_slots[irq].masked = 1;
	plat_irq_set_masked(irq, 1);
}

void kirq_unmask(unsigned int irq)
{
	if (irq >= PLAT_IRQ_MAX)
		return;
	int on = kirq_lock();
	struct kirq_slot *s = &kirq_slots[irq];
	s->masked = 0;
	if (s->held && s->fn) {
		s->held = 0;
		kirq_counts.held++;
		kirq_handle(irq);
	}
	kirq_unlock(on);
	plat_irq_set_masked(irq, 0);
}

int kirq_alloc_soft(void)
{
	return plat_irq_alloc_soft();
}

int kirq_raise(unsigned int irq)
{
	return irq < PLAT_IRQ_MAX ? plat_irq_raise(irq) : -1;
}

void kirq_stats(struct kirq_stats *s)
{
	*s = kirq_counts;
	s->spurious = plat_irq_spurious();
}

uint64_t kirq_count(unsigned int irq)
{
	return irq < PLAT_IRQ_MAX ? kirq_slots[irq].count : 0;
}

void kirq_set_exit_hook(void (*fn)(void))
{
	kirq_exit_hook = fn;
}

void kirq_exit(void)
{
	if (!kirq_nesting && kirq_exit_hook)
		kirq_exit_hook();
}

unsigned int kirq_depth(void)
{
	return kirq_nesting;
}

static int kirq_init(void)
{
	if (plat_irq_init() != 0)
		return -1;
	plat_irq_enable();
	return 0;
}

KBOOT_INIT(kirq_init, KBOOT_LEVEL_LIB);

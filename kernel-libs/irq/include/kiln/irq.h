/*
 * Interrupts: one handler per source, masks, software raise and counters, over the
 * platform's controllers (kiln/plat.h, plat_irq_*). A source number is the platform's
 * (PLAT_IRQ_MAX of them); PLAT_IRQ_TIMER is the one-shot timer, which the timer library
 * owns. Handlers run with interrupts off, on the interrupted stack, and must be short.
 * The platform acknowledges the interrupt (EOI) after the handler returns.
 */
#ifndef KILN_IRQ_H
#define KILN_IRQ_H

#include <stdint.h>
#include <kiln/plat.h>

typedef void (*kirq_handler)(unsigned int irq, void *arg);

#define KIRQ_EINVAL -1 /* no such source */
#define KIRQ_EBUSY  -2 /* a handler is already there */

/* Sets irq's handler and unmasks it. 0, KIRQ_EINVAL or KIRQ_EBUSY. */
int kirq_register(unsigned int irq, kirq_handler fn, void *arg);

/* Masks irq and forgets its handler. */
void kirq_unregister(unsigned int irq);

/*
 * Masks and unmasks one source. An interrupt that arrives while its source is masked is
 * held (one, like a controller's pending bit) and its handler runs at unmask.
 */
void kirq_mask(unsigned int irq);
void kirq_unmask(unsigned int irq);

/* A source for kirq_raise that no device drives (plat_irq_alloc_soft); -1 when none left. */
int kirq_alloc_soft(void);

/* Raises irq from software; its handler runs when interrupts are on and it is unmasked. */
int kirq_raise(unsigned int irq);

struct kirq_stats {
	uint64_t handled;   /* handlers run */
	uint64_t spurious;  /* interrupts with no source (the platform's count) */
	uint64_t unhandled; /* a source fired with no handler registered */
	uint64_t held;	    /* arrived while masked, run at unmask */
	uint64_t nested;    /* arrived while another handler ran */
	unsigned int max_depth;
};

/* Counters since boot. */
void kirq_stats(struct kirq_stats *s);

/* Handlers run for irq since boot. */
uint64_t kirq_count(unsigned int irq);

/* Nesting depth now: 0 outside interrupt handlers. */
unsigned int kirq_depth(void);

/*
 * Work for the end of an interrupt: fn runs after the platform acknowledged it (the local
 * APIC's EOI), interrupts still off, on the interrupted stack, when no other handler is
 * running below it. A preemptive scheduler switches threads there: switching inside a
 * handler would leave the interrupt unacknowledged, and later ones blocked, until the
 * interrupted thread ran again. One hook; NULL removes it.
 */
void kirq_set_exit_hook(void (*fn)(void));

#endif

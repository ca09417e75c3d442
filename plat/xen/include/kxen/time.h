/*
 * Xen time: plat_time_ns() (kiln/plat.h) reads vcpu 0's time info in the shared info page;
 * the one-shot timer below raises VIRQ_TIMER, which wakes plat_halt_until_irq().
 */
#ifndef KXEN_TIME_H
#define KXEN_TIME_H

#include <stdint.h>

/* Arms vcpu 0's one-shot timer for deadline_ns (plat_time_ns() scale); replaces any
 * earlier one. A deadline in the past fires at once. Returns Xen's result. */
int kxen_timer_set(uint64_t deadline_ns);

/* Timer interrupts taken since boot. */
uint64_t kxen_timer_fired(void);

#endif

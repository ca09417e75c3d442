/*
 * Event channels (xen/event_channel.h): Xen's interrupts. A port is bound to a handler here;
 * when Xen marks it pending in the shared info page, the upcall vector interrupts vcpu 0
 * and the handler runs with interrupts off. Handlers must be short.
 */
#ifndef KXEN_EVENTS_H
#define KXEN_EVENTS_H

#include <stdint.h>
#include <kxen/xen.h>
#include <xen/event_channel.h>

typedef void (*kxen_evtchn_handler)(evtchn_port_t port, void *arg);

/* Ports this platform can bind (the 2-level ABI has more; kiln's guests need few). */
#define KXEN_EVTCHN_MAX 256

/* Sets port's handler and unmasks it. Returns 0, or -1 for a port out of range. */
int kxen_evtchn_bind(evtchn_port_t port, kxen_evtchn_handler fn, void *arg);

/* Masks the port and forgets its handler. */
void kxen_evtchn_unbind(evtchn_port_t port);

/* Notifies the other end. Returns Xen's result (0 or -errno). */
int kxen_evtchn_send(evtchn_port_t port);

/* A new port that domain remote may connect to (EVTCHNOP_alloc_unbound). */
int kxen_evtchn_alloc_unbound(domid_t remote, evtchn_port_t *port);

/* Connects to remote's port rport; *port is the local end (EVTCHNOP_bind_interdomain). */
int kxen_evtchn_bind_interdomain(domid_t remote, evtchn_port_t rport, evtchn_port_t *port);

/* A port for a virtual IRQ (VIRQ_TIMER, …) on vcpu 0 (EVTCHNOP_bind_virq). */
int kxen_evtchn_bind_virq(uint32_t virq, evtchn_port_t *port);

/* Blocks the vcpu until port is pending or plat_time_ns() reaches deadline_ns
 * (SCHEDOP_poll: works with interrupts off and on a masked port), then clears its pending
 * bit. A port already pending returns at once. */
void kxen_evtchn_poll(evtchn_port_t port, uint64_t deadline_ns);

/* Upcalls taken since boot (for tests and statistics). */
uint64_t kxen_evtchn_upcalls(void);

#endif

/*
 * Threads and the scheduler interface. Exactly one provider of "scheduler" is in an image
 * (sched-coop, the default, or sched-rr); like the allocator interface, its functions are
 * bound at link time, and everything else (threads, stacks with guard pages, thread-local
 * storage, wait queues, the idle thread, sleep) is generic and lives in this library.
 *
 * One CPU. Shared scheduler state is guarded by ksched_lock(), which turns interrupts off
 * when the image has any (the irq library), and is free otherwise: without interrupts
 * nothing runs between two instructions of a thread but that thread.
 *
 * The thread that runs main() is a thread like the others ("main"), on the platform's boot
 * stack. main() returning ends the image whatever other threads are doing.
 */
#ifndef KILN_SCHED_H
#define KILN_SCHED_H

#include <stddef.h>
#include <stdint.h>
#include <kiln/compiler.h>
#include <kiln/plat.h>

struct kthread;
typedef void *(*kthread_fn)(void *arg);

#define KTHREAD_EINVAL -22 /* not joinable: detached, joined already, or oneself */
#define KTHREAD_ENOMEM -12

/* A new thread running fn(arg), ready to run; its stack holds stack_size bytes (0: the
 * option SCHED_STACK_SIZE) above a guard page. NULL when memory is out. name is kept, not
 * copied. */
struct kthread *kthread_create(const char *name, kthread_fn fn, void *arg, size_t stack_size);

/* Ends the calling thread; ret is what kthread_join() returns. Returning from fn is the same. */
__kiln_noreturn void kthread_exit(void *ret);

/* Waits for t to end, stores its return value in *ret (unless NULL) and frees it. 0, or
 * KTHREAD_EINVAL. */
int kthread_join(struct kthread *t, void **ret);

/* Nobody will join t: it is freed as soon as it ends. 0, or KTHREAD_EINVAL. */
int kthread_detach(struct kthread *t);

/* Lets every other ready thread run once before the caller runs again. */
void kthread_yield(void);

struct kthread *kthread_self(void);
const char *kthread_name(const struct kthread *t);

/* Sleeps at least ns (SCHED_SLEEP, which brings in the timer library); other threads run. */
void kthread_sleep_ns(uint64_t ns);
void kthread_sleep_until(uint64_t deadline_ns);

/* Counters since boot. */
struct ksched_stats {
	uint64_t switches;    /* context switches */
	uint64_t preemptions; /* of them, forced by the time slice */
	uint64_t idle_halts;  /* times the idle thread halted the CPU */
	unsigned int threads; /* alive now (main and idle included) */
};
void ksched_stats(struct ksched_stats *s);

/* The scheduler's critical section (see above): returns the state to restore. */
static inline unsigned long ksched_lock(void)
{
#if IS_ENABLED(CONFIG_LIBIRQ)
	unsigned long on = (unsigned long)plat_irq_enabled();

	plat_irq_disable();
	return on;
#else
	return 0;
#endif
}

static inline void ksched_unlock(unsigned long state)
{
#if IS_ENABLED(CONFIG_LIBIRQ)
	if (state)
		plat_irq_enable();
#else
	(void)state;
#endif
}

/* --- implemented by the provider (sched-coop, sched-rr) ----------------------------------------
 */

struct ksched_info {
	const char *name; /* "cooperative", "round-robin" */
	int preemptive;
};
const struct ksched_info *ksched_info(void);

/* Called once, by the scheduler's init, with the main thread running. */
void ksched_provider_init(void);

/* Called with the lock held each time a thread starts or resumes its turn on the CPU. */
void ksched_provider_switched(struct kthread *next);

/* Optional: defined by a library keeping per-thread state outside TLS (newlib's _impure_ptr),
 * called with the lock held each time another thread starts or resumes its turn, once the
 * incoming thread's TLS is the one __thread variables reach. Weak: without it, no call. */
void ksched_thread_switched(void) __attribute__((weak));

/* --- for providers ------------------------------------------------------------------------------
 */

/* Whether t is the idle thread, which runs only when no other thread is ready. */
int kthread_is_idle(const struct kthread *t);

/* With the lock held and interrupts' work done (the platform's interrupt exit): the running
 * thread goes to the back of the run queue and the next one runs, as if it had yielded. */
void ksched_preempt(void);

#endif

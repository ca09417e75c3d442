/*
 * Threads: create, exit, join, detach, and naming the thread whose guard page a fault hit.
 * A thread's memory is one run of pages (thread.h): its guard page at the bottom, so that
 * running off the end of the stack faults instead of overwriting whatever lies below, the
 * stack, the TLS block and the record at the top. A thread that ends cannot free the stack
 * it is still running on: the one that joins it frees it, or, when it was detached, the next
 * thread to run does (ksched_reap).
 */
#include <stdint.h>
#include <kiln/printk.h>
#include <kiln/sched.h>
#include "thread.h"

#define KTHREAD_PAGE 4096ul

static struct kthread *kthread_all;
static struct kthread *kthread_zombie; /* a detached thread that ended, to free */

void kthread_track(struct kthread *t)
{
	t->all = kthread_all;
	kthread_all = t;
	ksched_count_thread(1);
}

void kthread_untrack(struct kthread *t)
{
	for (struct kthread **p = &kthread_all; *p; p = &(*p)->all)
		if (*p == t) {
			*p = t->all;
			ksched_count_thread(-1);
			return;
		}
}

static void kthread_free(struct kthread *t)
{
	kthread_untrack(t);
	if (t->guard)
		ksched_guard(t->guard, 0);
	if (t->mem)
		ksched_free_pages(t->mem, t->npages);
}

/* Frees the detached thread that ended last, now that nobody runs on its stack. Lock held. */
void ksched_reap(void)
{
	struct kthread *z = kthread_zombie;

	if (z && z != ksched_current) {
		kthread_zombie = 0;
		kthread_free(z);
	}
}

/* The record and TLS block at the top of mem; returns the record, with the stack's top. */
static struct kthread *kthread_layout(void *mem, size_t npages, uintptr_t *stack_top)
{
	uintptr_t end = (uintptr_t)mem + npages * KTHREAD_PAGE;
	struct kthread *t = (struct kthread *)((end - sizeof(*t)) & ~(uintptr_t)63);
	uintptr_t tls = ((uintptr_t)t - ktls_size()) & ~(uintptr_t)(ktls_align() - 1);

	*t = (struct kthread){ 0 };
	if (ktls_size())
		t->tp = ktls_setup((void *)tls);
	*stack_top = tls & ~(uintptr_t)15;
	return t;
}

/* A first frame for switch.S: six callee-saved registers (zero: RBP 0 ends backtraces),
 * then ksched_thread_entry as the return address, leaving RSP 16-byte aligned there. */
static uintptr_t kthread_first_frame(uintptr_t top)
{
	uintptr_t *sp = (uintptr_t *)(top - 16);

	*--sp = (uintptr_t)ksched_thread_entry;
	for (int i = 0; i < 6; i++)
		*--sp = 0;
	return (uintptr_t)sp;
}

struct kthread *kthread_create(const char *name, kthread_fn fn, void *arg, size_t stack_size)
{
	size_t extra = sizeof(struct kthread) + 64 + ktls_size() + ktls_align();
	size_t npages, stack = stack_size ? stack_size : CONFIG_SCHED_STACK_SIZE;
	uintptr_t top;

	npages = 1 + (stack + extra + KTHREAD_PAGE - 1) / KTHREAD_PAGE;
	void *mem = ksched_pages(npages);
	if (!mem)
		return 0;
	struct kthread *t = kthread_layout(mem, npages, &top);
	t->name = name ? name : "thread";
	t->fn = fn;
	t->arg = arg;
	t->mem = mem;
	t->npages = npages;
	if (ksched_guard((uintptr_t)mem, 1) == 0)
		t->guard = (uintptr_t)mem;
	t->sp = kthread_first_frame(top);
#if IS_ENABLED(CONFIG_SCHED_FPU)
	__asm__ volatile("fxsave %0" : "=m"(t->fpu)); /* the creator's control words */
#endif
	unsigned long s = ksched_lock();
	kthread_track(t);
	ksched_make_ready(t);
	ksched_unlock(s);
	return t;
}

void ksched_thread_start(void)
{
	struct kthread *self = ksched_current;

	ksched_reap();
	ksched_unlock(1);
	kthread_exit(self->fn(self->arg));
}

void kthread_exit(void *ret)
{
	struct kthread *self = ksched_current;

	ksched_lock();
	self->ret = ret;
	self->state = KTHREAD_EXITED;
	kwait_wake_all(&self->joiners);
	if (self->detached) {
		ksched_reap(); /* at most one zombie waits */
		kthread_zombie = self;
	}
	ksched_reschedule();
	printk_panic("sched: thread %s ran after its exit", self->name);
}

int kthread_join(struct kthread *t, void **ret)
{
	unsigned long s = ksched_lock();

	if (t == ksched_current || t->detached || t->joined) {
		ksched_unlock(s);
		return KTHREAD_EINVAL;
	}
	t->joined = 1;
	while (t->state != KTHREAD_EXITED)
		kwait_block(&t->joiners);
	if (ret)
		*ret = t->ret;
	kthread_free(t);
	ksched_reap();
	ksched_unlock(s);
	return 0;
}

int kthread_detach(struct kthread *t)
{
	unsigned long s = ksched_lock();
	int r = 0;

	if (t->detached || t->joined) {
		r = KTHREAD_EINVAL;
	} else if (t->state == KTHREAD_EXITED) {
		if (t != ksched_current)
			kthread_free(t);
	} else {
		t->detached = 1;
	}
	ksched_unlock(s);
	return r;
}

struct kthread *kthread_self(void)
{
	return ksched_current;
}

const char *kthread_name(const struct kthread *t)
{
	return t->name;
}

/* Called by the platform's fault handler (kiln/plat.h) with the faulting address. */
void ksched_fault_hint(uint64_t addr)
{
	for (struct kthread *t = kthread_all; t; t = t->all)
		if (t->guard && addr - t->guard < KTHREAD_PAGE)
			printk(PRINTK_ERR, "kiln: thread %s: stack overflow (guard page %#lx)\n",
			       t->name, (unsigned long)t->guard);
}

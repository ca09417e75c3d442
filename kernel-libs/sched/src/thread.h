/*
 * Private to the sched library: the thread record and what the files of this library share.
 * A thread's memory is one run of pages from the stack source (stack.c): the guard page at
 * the bottom, the stack above it, then the thread's TLS block and this record at the top.
 */
#ifndef SCHED_THREAD_H
#define SCHED_THREAD_H

#include <stddef.h>
#include <stdint.h>
#include <kiln/sched.h>
#include <kiln/wait.h>
#if IS_ENABLED(CONFIG_SCHED_SLEEP)
#include <kiln/timer.h>
#endif

enum kthread_state {
	KTHREAD_READY,
	KTHREAD_RUNNING,
	KTHREAD_BLOCKED,
	KTHREAD_EXITED,
};

struct kthread {
	uintptr_t sp;	      /* saved stack pointer while switched out (switch.S) */
	uintptr_t tp;	      /* thread pointer: the FS base, end of the TLS block */
	struct kthread *next; /* link on the run queue or one wait queue */
	const char *name;
	enum kthread_state state;
	int detached;
	int joined;
	kthread_fn fn;
	void *arg;
	void *ret;
	struct kwait_queue joiners;
	uintptr_t guard; /* the guard page's address, 0 for a thread without one (main) */
	void *mem;	 /* the pages of stack.c, NULL for main and idle's static ones */
	size_t npages;
	struct kthread *all; /* the list of live threads, for the fault handler's names */
#if IS_ENABLED(CONFIG_SCHED_SLEEP)
	struct ktimer sleep_timer;
#endif
#if IS_ENABLED(CONFIG_SCHED_FPU)
	/* fxsave's area (Intel SDM vol. 1 §10.5.1: 512 bytes, 16-byte aligned) */
	uint8_t fpu[512] __attribute__((aligned(16)));
#endif
};

#if IS_ENABLED(CONFIG_SCHED_FPU)
#define KSCHED_FPU(t) ((void *)(t)->fpu)
#else
#define KSCHED_FPU(t) ((void *)0)
#endif

/* The running thread. */
extern struct kthread *ksched_current;

/* Makes t ready (back of the run queue). Lock held. */
void ksched_make_ready(struct kthread *t);

/* The caller has set its own state (blocked, exited, or ready and queued): runs the next
 * ready thread, or idle. Returns when the caller runs again. Lock held. */
void ksched_reschedule(void);

/* Pages for a thread: n pages, page-aligned; NULL when out (stack.c). */
void *ksched_pages(size_t n);
void ksched_free_pages(void *p, size_t n);
/* Makes the page at addr a guard (1) or plain memory again (0). 0, or -1. */
int ksched_guard(uintptr_t addr, int on);

/* TLS (tls.c): bytes a thread's TLS block takes (0 when the image has no TLS variables);
 * ktls_setup() fills a block within ktls_size() bytes at mem and returns its thread pointer;
 * ktls_switch() makes next's block the one __thread variables reach. */
size_t ktls_size(void);
size_t ktls_align(void);
uintptr_t ktls_setup(void *mem);
void ktls_switch(const struct kthread *next);

/* Live threads, for ksched_stats (sched.c). */
void ksched_count_thread(int delta);

/* Frees a detached thread that ended, once nobody runs on its stack (thread.c). */
void ksched_reap(void);

/* The list of live threads (thread.c). */
void kthread_track(struct kthread *t);
void kthread_untrack(struct kthread *t);

/* switch.S: saves the callee-saved registers on the current stack and its pointer in
 * *save_sp, then continues on new_sp, where an earlier call left its registers. */
/* switch.S: with SCHED_FPU, also fxsave into save_fpu and fxrstor from new_fpu. */
void ksched_switch(uintptr_t *save_sp, uintptr_t new_sp, void *save_fpu, void *new_fpu);
/* The first "return address" of a new thread: calls ksched_thread_start(). */
void ksched_thread_entry(void);
__kiln_noreturn void ksched_thread_start(void);

#endif

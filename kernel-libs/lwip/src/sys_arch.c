/*
 * lwIP's operating system layer (lwIP doc/sys_arch.txt) on kiln: threads are kthreads,
 * mutexes kmutexes, and semaphores and mailboxes are wait queues under ksched_lock() with
 * a ktimer for the timeouts lwIP asks for (the tcpip thread waits for its next message no
 * longer than its next protocol timer). A timeout wakes every waiter of that queue; each
 * re-checks its own condition and deadline, so a wake-up is never lost and none returns
 * early. SYS_ARCH_PROTECT is ksched_lock(): interrupts off, which also keeps threads out
 * under either scheduler.
 */
#include <stdarg.h>
#include <string.h>
#include <kiln/alloc.h>
#include <kiln/plat.h>
#include <kiln/printk.h>
#include <kiln/timer.h>
#include "lwip/sys.h"

#if !IS_ENABLED(CONFIG_LIBNEWLIB)
int errno; /* LWIP_PROVIDE_ERRNO: nolibc has none */
#endif

void sys_init(void)
{
}

u32_t sys_now(void)
{
	return (u32_t)(ktime_now_ns() / KTIME_NS_PER_MS);
}

sys_prot_t sys_arch_protect(void)
{
	return ksched_lock();
}

void sys_arch_unprotect(sys_prot_t pval)
{
	ksched_unlock(pval);
}

uint32_t kiln_lwip_rand(void)
{
	static uint64_t x;

	if (!x)
		x = plat_cycles() | 1;
	x ^= x << 13; /* xorshift64 */
	x ^= x >> 7;
	x ^= x << 17;
	return (uint32_t)(x >> 16);
}

void kiln_lwip_diag(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vprintk(PRINTK_DEBUG, fmt, ap);
	va_end(ap);
}

/* --- waiting with a deadline ---------------------------------------------------------- */

static void wake_all_cb(void *q)
{
	kwait_wake_all(q);
}

/* With the lock held: blocks on q until woken or until deadline (0: none). Returns 0 when
 * woken, -1 at the deadline. */
static int block_until(struct kwait_queue *q, uint64_t deadline, struct ktimer *t)
{
	if (deadline && ktime_now_ns() >= deadline)
		return -1;
	if (deadline && !ktimer_armed(t))
		ktimer_arm(t, deadline, wake_all_cb, q);
	kwait_block(q);
	return 0;
}

static uint64_t deadline_of(u32_t timeout_ms)
{
	return timeout_ms ? ktime_now_ns() + (uint64_t)timeout_ms * KTIME_NS_PER_MS : 0;
}

static u32_t waited_ms(uint64_t start)
{
	u32_t ms = (u32_t)((ktime_now_ns() - start) / KTIME_NS_PER_MS);

	return ms == SYS_ARCH_TIMEOUT ? ms - 1 : ms;
}

/* --- semaphores ------------------------------------------------------------------------ */

err_t sys_sem_new(sys_sem_t *sem, u8_t count)
{
	*sem = (sys_sem_t){ count, KWAIT_QUEUE_INIT, 1 };
	return ERR_OK;
}

void sys_sem_free(sys_sem_t *sem)
{
	sem->valid = 0;
}

int sys_sem_valid(sys_sem_t *sem)
{
	return sem->valid;
}

void sys_sem_set_invalid(sys_sem_t *sem)
{
	sem->valid = 0;
}

void sys_sem_signal(sys_sem_t *sem)
{
	unsigned long s = ksched_lock();

	sem->count++;
	kwait_wake_one(&sem->waiters);
	ksched_unlock(s);
}

u32_t sys_arch_sem_wait(sys_sem_t *sem, u32_t timeout)
{
	uint64_t start = ktime_now_ns(), deadline = deadline_of(timeout);
	struct ktimer t = KTIMER_INIT;
	unsigned long s = ksched_lock();
	u32_t r = 0;

	while (!sem->count && r != SYS_ARCH_TIMEOUT)
		if (block_until(&sem->waiters, deadline, &t))
			r = SYS_ARCH_TIMEOUT;
	if (r != SYS_ARCH_TIMEOUT) {
		sem->count--;
		/* Woken by a timeout meant for another waiter, or left a unit: pass it on. */
		if (sem->count)
			kwait_wake_one(&sem->waiters);
		r = waited_ms(start);
	}
	ktimer_cancel(&t);
	ksched_unlock(s);
	return r;
}

/* --- mutexes ------------------------------------------------------------------------------ */

err_t sys_mutex_new(sys_mutex_t *m)
{
	kmutex_init(&m->m, 0);
	m->valid = 1;
	return ERR_OK;
}

void sys_mutex_lock(sys_mutex_t *m)
{
	kmutex_lock(&m->m);
}

void sys_mutex_unlock(sys_mutex_t *m)
{
	kmutex_unlock(&m->m);
}

void sys_mutex_free(sys_mutex_t *m)
{
	m->valid = 0;
}

int sys_mutex_valid(sys_mutex_t *m)
{
	return m->valid;
}

void sys_mutex_set_invalid(sys_mutex_t *m)
{
	m->valid = 0;
}

/* --- mailboxes ---------------------------------------------------------------------------- */

err_t sys_mbox_new(sys_mbox_t *mb, int size)
{
	if (size <= 0)
		size = 32;
	*mb = (sys_mbox_t){ 0 };
	mb->slots = kalloc_calloc((size_t)size, sizeof(void *));
	if (!mb->slots)
		return ERR_MEM;
	mb->size = (unsigned int)size;
	mb->valid = 1;
	return ERR_OK;
}

void sys_mbox_free(sys_mbox_t *mb)
{
	kalloc_free(mb->slots);
	mb->slots = 0;
	mb->valid = 0;
}

int sys_mbox_valid(sys_mbox_t *mb)
{
	return mb->valid;
}

void sys_mbox_set_invalid(sys_mbox_t *mb)
{
	mb->valid = 0;
}

/* With the lock held and room in mb. */
static void mbox_put(sys_mbox_t *mb, void *msg)
{
	mb->slots[(mb->head + mb->count) % mb->size] = msg;
	mb->count++;
	kwait_wake_one(&mb->not_empty);
}

void sys_mbox_post(sys_mbox_t *mb, void *msg)
{
	unsigned long s = ksched_lock();

	while (mb->count == mb->size)
		kwait_block(&mb->not_full);
	mbox_put(mb, msg);
	ksched_unlock(s);
}

err_t sys_mbox_trypost(sys_mbox_t *mb, void *msg)
{
	unsigned long s = ksched_lock();
	err_t r = ERR_MEM;

	if (mb->count < mb->size) {
		mbox_put(mb, msg);
		r = ERR_OK;
	}
	ksched_unlock(s);
	return r;
}

err_t sys_mbox_trypost_fromisr(sys_mbox_t *mb, void *msg)
{
	return sys_mbox_trypost(mb, msg);
}

/* With the lock held and a message in mb. */
static void *mbox_take(sys_mbox_t *mb)
{
	void *msg = mb->slots[mb->head];

	mb->head = (mb->head + 1) % mb->size;
	mb->count--;
	kwait_wake_one(&mb->not_full);
	if (mb->count) /* a waiter a timeout woke may have left its turn to us */
		kwait_wake_one(&mb->not_empty);
	return msg;
}

u32_t sys_arch_mbox_fetch(sys_mbox_t *mb, void **msg, u32_t timeout)
{
	uint64_t start = ktime_now_ns(), deadline = deadline_of(timeout);
	struct ktimer t = KTIMER_INIT;
	unsigned long s = ksched_lock();
	u32_t r = 0;

	while (!mb->count && r != SYS_ARCH_TIMEOUT)
		if (block_until(&mb->not_empty, deadline, &t))
			r = SYS_ARCH_TIMEOUT;
	if (r != SYS_ARCH_TIMEOUT) {
		void *m = mbox_take(mb);
		if (msg)
			*msg = m;
		r = waited_ms(start);
	}
	ktimer_cancel(&t);
	ksched_unlock(s);
	return r;
}

u32_t sys_arch_mbox_tryfetch(sys_mbox_t *mb, void **msg)
{
	unsigned long s = ksched_lock();
	u32_t r = SYS_MBOX_EMPTY;

	if (mb->count) {
		void *m = mbox_take(mb);
		if (msg)
			*msg = m;
		r = 0;
	}
	ksched_unlock(s);
	return r;
}

/* --- threads ------------------------------------------------------------------------------ */

struct thread_start {
	lwip_thread_fn fn;
	void *arg;
};

static void *thread_entry(void *p)
{
	struct thread_start st = *(struct thread_start *)p;

	kalloc_free(p);
	st.fn(st.arg);
	return 0;
}

sys_thread_t sys_thread_new(const char *name, lwip_thread_fn fn, void *arg, int stacksize, int prio)
{
	struct thread_start *st = kalloc_malloc(sizeof(*st));

	(void)prio;
	if (!st)
		printk_panic("lwip: no memory for thread %s", name);
	st->fn = fn;
	st->arg = arg;
	struct kthread *t =
		kthread_create(name, thread_entry, st, stacksize > 0 ? (size_t)stacksize : 0);
	if (!t)
		printk_panic("lwip: cannot create thread %s", name);
	kthread_detach(t);
	return t;
}

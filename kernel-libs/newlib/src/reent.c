/*
 * errno and the rest of newlib's per-thread state (option NEWLIB_REENT, with the sched
 * library): newlib reaches it through _impure_ptr, a plain global (it is built without
 * __DYNAMIC_REENT__, so no __getreent() call on every errno). Each thread gets its own
 * struct _reent in its TLS block, and the scheduler's switch hook points _impure_ptr at
 * the incoming thread's. The main thread keeps newlib's global one, so exit() and stdio's
 * cleanup see what main did. stdin, stdout and stderr are shared: a thread's reent names
 * the global FILEs (whose locks, NEWLIB_LOCKS, keep threads' lines whole) instead of its
 * own three.
 */
#include <reent.h>
#include <string.h>
#include <kiln/boot.h>
#include <kiln/sched.h>

void __sinit(struct _reent *s);

static __thread struct _reent newlib_thread_reent;
static __thread struct _reent *newlib_reent; /* NULL until the thread first runs */

static struct _reent *newlib_reent_make(void)
{
	struct _reent *r = &newlib_thread_reent;

	_REENT_INIT_PTR(r);
	r->_stdin = _GLOBAL_REENT->_stdin;
	r->_stdout = _GLOBAL_REENT->_stdout;
	r->_stderr = _GLOBAL_REENT->_stderr;
	r->__sdidinit = 1; /* its streams are the global ones, set up at boot */
	return r;
}

/* The scheduler's hook (kiln/sched.h): the incoming thread's TLS is in place. */
void ksched_thread_switched(void)
{
	if (!newlib_reent)
		newlib_reent = newlib_reent_make();
	_impure_ptr = newlib_reent;
}

/* Right after the scheduler's init (40): main keeps the global reent, whose streams are
 * set up now, before any thread can name them. */
static int newlib_reent_init(void)
{
	__sinit(_GLOBAL_REENT);
	newlib_reent = _GLOBAL_REENT;
	return 0;
}
KBOOT_INIT(newlib_reent_init, 41);

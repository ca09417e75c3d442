/*
 * newlib's locks on the scheduler (option NEWLIB_LOCKS): newlib is built with
 * _RETARGETABLE_LOCKING, so stdio's per-FILE locks, malloc's, atexit's, the environment's and
 * the others call __retarget_lock_* and name the static __lock___*_mutex objects declared by
 * its sys/lock.h. Here they are kmutexes (kiln/mutex.h); newlib's no-op misc/lock.c is left
 * out of the image. Before the scheduler is up (no thread yet) there is only one flow of
 * control and a lock is a no-op, as newlib's own would be.
 */
#include <stdlib.h>
#include <sys/lock.h>
#include <kiln/mutex.h>

struct __lock {
	struct kmutex m;
};

#define NEWLIB_LOCK(name)     struct __lock __lock___##name = { KMUTEX_INIT }
#define NEWLIB_LOCK_REC(name) struct __lock __lock___##name = { KMUTEX_RECURSIVE_INIT }

NEWLIB_LOCK_REC(sinit_recursive_mutex);
NEWLIB_LOCK_REC(sfp_recursive_mutex);
NEWLIB_LOCK_REC(atexit_recursive_mutex);
NEWLIB_LOCK(at_quick_exit_mutex);
NEWLIB_LOCK_REC(malloc_recursive_mutex);
NEWLIB_LOCK_REC(env_recursive_mutex);
NEWLIB_LOCK(tz_mutex);
NEWLIB_LOCK(dd_hash_mutex);
NEWLIB_LOCK(arc4random_mutex);

static void newlib_lock_new(_LOCK_T *lock, int recursive)
{
	struct __lock *l = malloc(sizeof(*l));

	if (l)
		kmutex_init(&l->m, recursive);
	*lock = l;
}

void __retarget_lock_init(_LOCK_T *lock)
{
	newlib_lock_new(lock, 0);
}

void __retarget_lock_init_recursive(_LOCK_T *lock)
{
	newlib_lock_new(lock, 1);
}

void __retarget_lock_close(_LOCK_T lock)
{
	free(lock);
}

void __retarget_lock_close_recursive(_LOCK_T lock)
{
	free(lock);
}

/* No lock (out of memory at init), or no thread yet: nothing to exclude. */
static int newlib_lock_idle(_LOCK_T lock)
{
	return !lock || !kthread_self();
}

void __retarget_lock_acquire(_LOCK_T lock)
{
	if (!newlib_lock_idle(lock))
		kmutex_lock(&lock->m);
}

/* The mutex knows whether it is recursive: the recursive forms are the same calls. */
void __retarget_lock_acquire_recursive(_LOCK_T lock)
{
	__retarget_lock_acquire(lock);
}

/* newlib's convention: nonzero when taken. */
int __retarget_lock_try_acquire(_LOCK_T lock)
{
	return newlib_lock_idle(lock) || kmutex_trylock(&lock->m) == 0;
}

int __retarget_lock_try_acquire_recursive(_LOCK_T lock)
{
	return __retarget_lock_try_acquire(lock);
}

void __retarget_lock_release(_LOCK_T lock)
{
	if (!newlib_lock_idle(lock))
		kmutex_unlock(&lock->m);
}

void __retarget_lock_release_recursive(_LOCK_T lock)
{
	__retarget_lock_release(lock);
}

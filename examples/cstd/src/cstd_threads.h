/*
 * A tiny thread shim for cstd, so the same source runs on kiln and, for the reference
 * output, on the host's glibc: threads and mutexes on kiln's sched and locks libraries
 * (kiln/sched.h, kiln/mutex.h) when they are there, on POSIX threads otherwise.
 */
#ifndef CSTD_THREADS_H
#define CSTD_THREADS_H

#if __has_include(<kiln/sched.h>)
#include <kiln/mutex.h>
#include <kiln/sched.h>

typedef struct kthread *cstd_thread;
typedef struct kmutex cstd_mutex;
#define CSTD_MUTEX_INIT KMUTEX_INIT

static inline int cstd_thread_start(cstd_thread *t, void *(*fn)(void *), void *arg)
{
	*t = kthread_create("cstd", fn, arg, 0);
	return *t ? 0 : -1;
}

static inline int cstd_thread_join(cstd_thread t, void **ret)
{
	return kthread_join(t, ret);
}

#define cstd_mutex_lock(m)   kmutex_lock(m)
#define cstd_mutex_unlock(m) kmutex_unlock(m)
#define cstd_yield()	     kthread_yield()
#else
#include <pthread.h>
#include <sched.h>

typedef pthread_t cstd_thread;
typedef pthread_mutex_t cstd_mutex;
#define CSTD_MUTEX_INIT PTHREAD_MUTEX_INITIALIZER

static inline int cstd_thread_start(cstd_thread *t, void *(*fn)(void *), void *arg)
{
	return pthread_create(t, NULL, fn, arg);
}

static inline int cstd_thread_join(cstd_thread t, void **ret)
{
	return pthread_join(t, ret);
}

#define cstd_mutex_lock(m)   pthread_mutex_lock(m)
#define cstd_mutex_unlock(m) pthread_mutex_unlock(m)
#define cstd_yield()	     sched_yield()
#endif

#endif

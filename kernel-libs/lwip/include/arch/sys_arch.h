/*
 * lwIP's operating system types (doc/sys_arch.txt) on kiln's threads: semaphores with a
 * timeout, mutexes, mailboxes (bounded queues of pointers) and threads. The functions are
 * in src/sys_arch.c.
 */
#ifndef KILN_LWIP_ARCH_SYS_ARCH_H
#define KILN_LWIP_ARCH_SYS_ARCH_H

#include <kiln/mutex.h>
#include <kiln/sched.h>
#include <kiln/wait.h>

struct kiln_lwip_sem {
	unsigned long count;
	struct kwait_queue waiters;
	int valid;
};

struct kiln_lwip_mbox {
	void **slots;
	unsigned int size, head, count;
	struct kwait_queue not_empty, not_full;
	int valid;
};

struct kiln_lwip_mutex {
	struct kmutex m;
	int valid;
};

typedef struct kiln_lwip_sem sys_sem_t;
typedef struct kiln_lwip_mutex sys_mutex_t;
typedef struct kiln_lwip_mbox sys_mbox_t;
typedef struct kthread *sys_thread_t;
typedef unsigned long sys_prot_t;

#endif

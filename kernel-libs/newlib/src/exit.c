/*
 * Leaving the program with newlib: exit() runs the atexit functions and closes stdio,
 * then calls _exit, which hands the status to the boot library (its exit hooks, then the
 * platform's shutdown with the status). When main returns, the boot library exits without
 * newlib's exit(), so the exit hook here does what exit() would: atexit functions and
 * stdio flushed, in that order (C11 §7.22.4.4).
 */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <reent.h>
#include <kiln/boot.h>
#include <kiln/console.h>

void __call_exitprocs(int code, void *d);

void _exit(int status)
{
	kboot_exit(status);
}

static void newlib_exit_hook(int status)
{
	__call_exitprocs(status, NULL);
	if (_GLOBAL_REENT->__cleanup)
		_GLOBAL_REENT->__cleanup(_GLOBAL_REENT);
	kcon_flush();
}
KBOOT_EXIT(newlib_exit_hook, 10);

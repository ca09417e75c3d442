/*
 * The process calls newlib's reentrant wrappers (libc/reent/) end in, on kiln: one process,
 * no fork or exec; they fail with the errno POSIX gives. The file calls are in files_vfs.c
 * (through the VFS, when the vfs library is in the image) or files_console.c (descriptors
 * 0, 1 and 2 on the console, nothing else).
 */
#include <errno.h>
#include <sys/types.h>
#include <kiln/plat.h>

/* One process, which signals can only end (raise(SIGABRT) from abort()). */
int _getpid(void)
{
	return 1;
}

int _kill(int pid, int sig)
{
	if (pid == 1)
		plat_crash();
	(void)sig;
	errno = ESRCH;
	return -1;
}

int _fork(void)
{
	errno = ENOSYS;
	return -1;
}

int _execve(const char *path, char *const argv[], char *const envp[])
{
	(void)path;
	(void)argv;
	(void)envp;
	errno = ENOSYS;
	return -1;
}

int _wait(int *status)
{
	(void)status;
	errno = ECHILD;
	return -1;
}

/*
 * buildsys/child.c — running kiln's children (make and through it the compiler, QEMU, xl,
 * a platform's run script) so that none outlives kiln, however kiln ends:
 *
 *  - each child leads a process group of its own, so that kiln can signal the child and
 *    everything it started (make's compilers, a run script's QEMU) in one kill(-pgid);
 *  - SIGTERM, SIGHUP and SIGINT sent to kiln alone are forwarded to that group; a group that
 *    has not ended half a second later gets SIGKILL; kiln then dies of the same signal;
 *  - PR_SET_PDEATHSIG (prctl(2)) ends the direct child when kiln is killed outright
 *    (SIGKILL cannot be caught);
 *  - when kiln owns the terminal (it is its foreground group), the child's group becomes the
 *    foreground for the child's lifetime (tcsetpgrp(3), as a shell does for a job), so that
 *    QEMU may read the console and Ctrl-C reaches the child; kiln takes the terminal back and,
 *    when the child died of that Ctrl-C, dies of it too.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <kiln/build.h>

static const int drv_fwd_sigs[] = { SIGTERM, SIGHUP, SIGINT };
#define DRV_NSIGS (sizeof(drv_fwd_sigs) / sizeof(*drv_fwd_sigs))

static volatile sig_atomic_t drv_child_pgid; /* the running child's group, or 0 */
static volatile sig_atomic_t drv_got_sig;    /* the signal kiln got while it ran */

static void drv_on_signal(int sig)
{
	drv_got_sig = sig;
	if (drv_child_pgid > 0)
		kill(-(pid_t)drv_child_pgid, sig);
}

static void drv_catch(struct sigaction old[DRV_NSIGS])
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = drv_on_signal;
	sigemptyset(&sa.sa_mask);
	for (size_t i = 0; i < DRV_NSIGS; i++)
		sigaction(drv_fwd_sigs[i], &sa, &old[i]);
}

static void drv_uncatch(const struct sigaction old[DRV_NSIGS])
{
	for (size_t i = 0; i < DRV_NSIGS; i++)
		sigaction(drv_fwd_sigs[i], &old[i], NULL);
}

/* Gives the terminal on fd 0 to group pg (SIGTTOU ignored: kiln may be in the background
 * by then, taking it back). */
static void drv_give_tty(pid_t pg)
{
	struct sigaction ign, old;

	memset(&ign, 0, sizeof(ign));
	ign.sa_handler = SIG_IGN;
	sigemptyset(&ign.sa_mask);
	sigaction(SIGTTOU, &ign, &old);
	tcsetpgrp(0, pg);
	sigaction(SIGTTOU, &old, NULL);
}

/* In the child, before exec: its own group, the terminal when kiln had it, death with kiln. */
static void drv_child_setup(pid_t parent, int fg, int stdout_to_stderr)
{
	static const int dfl[] = { SIGTERM, SIGHUP, SIGINT, SIGTTOU, SIGTTIN, SIGPIPE };

	setpgid(0, 0);
	if (fg)
		drv_give_tty(getpid());
	for (size_t i = 0; i < sizeof(dfl) / sizeof(*dfl); i++)
		signal(dfl[i], SIG_DFL);
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	if (getppid() != parent) /* kiln died before prctl */
		_exit(127);
	if (stdout_to_stderr)
		dup2(2, 1);
}

static long drv_ms_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

/* Waits for pid; after a forwarded signal, SIGKILLs the group when it lingers 500 ms. */
static int drv_wait(pid_t pid, int *status)
{
	long since = 0;

	for (;;) {
		pid_t got = waitpid(pid, status, drv_got_sig ? WNOHANG : 0);

		if (got == pid)
			return 0;
		if (got < 0 && errno != EINTR) {
			fprintf(stderr, "kiln: waitpid: %s\n", strerror(errno));
			return -1;
		}
		if (!drv_got_sig)
			continue;
		if (!since)
			since = drv_ms_now();
		if (drv_ms_now() - since > 500)
			kill(-pid, SIGKILL);
		usleep(10000);
	}
}

/* kiln was asked to end: it ends the way it was asked, now its children are gone. */
static void drv_die_of(int sig)
{
	signal(sig, SIG_DFL);
	raise(sig);
	_exit(128 + sig);
}

/* Forks, runs argv, waits; stdout_to_stderr keeps the caller's stdout for the guest.
 * Returns -1 when argv[0] could not even start (said on stderr): a close-on-exec pipe
 * carries the child's errno back, as any exit status could also be the program's own. */
int drv_spawn(char **argv, int stdout_to_stderr, int *status)
{
	int fds[2], child_errno = 0, rc;
	int fg = isatty(0) && tcgetpgrp(0) == getpgrp();
	pid_t parent = getpid();
	struct sigaction old[DRV_NSIGS];

	fflush(NULL);
	if (pipe2(fds, O_CLOEXEC) < 0) {
		fprintf(stderr, "kiln: pipe: %s\n", strerror(errno));
		return -1;
	}
	drv_got_sig = 0;
	drv_catch(old);
	pid_t pid = fork();
	if (pid < 0) {
		fprintf(stderr, "kiln: fork: %s\n", strerror(errno));
		drv_uncatch(old);
		close(fds[0]);
		close(fds[1]);
		return -1;
	}
	if (pid == 0) {
		drv_child_setup(parent, fg, stdout_to_stderr);
		execvp(argv[0], argv);
		child_errno = errno;
		(void)!write(fds[1], &child_errno, sizeof(child_errno));
		_exit(127);
	}
	setpgid(pid, pid); /* also here: no signal may miss the group in between */
	drv_child_pgid = pid;
	if (drv_got_sig) /* it came before the group existed */
		kill(-pid, drv_got_sig);
	if (fg)
		drv_give_tty(pid);
	close(fds[1]);
	ssize_t got;
	while ((got = read(fds[0], &child_errno, sizeof(child_errno))) < 0 && errno == EINTR)
		;
	close(fds[0]);
	rc = drv_wait(pid, status);
	kill(-pid, SIGKILL); /* whatever the child left in its group */
	drv_child_pgid = 0;
	if (fg)
		drv_give_tty(getpgrp());
	drv_uncatch(old);
	if (drv_got_sig)
		drv_die_of(drv_got_sig);
	if (rc == 0 && fg && WIFSIGNALED(*status) && WTERMSIG(*status) == SIGINT)
		drv_die_of(SIGINT); /* Ctrl-C at the terminal was meant for kiln too */
	if (rc == 0 && got == (ssize_t)sizeof(child_errno)) {
		fprintf(stderr, "kiln: cannot run %s: %s%s\n", argv[0], strerror(child_errno),
			child_errno == ENOENT ? " (make deps installs what kiln needs)" : "");
		return -1;
	}
	return rc;
}

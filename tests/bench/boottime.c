/*
 * tests/bench/boottime.c — times a boot: starts a command (QEMU), reads its standard output
 * and reports the milliseconds from the start to the first appearance of a marker string,
 * plus the command's exit status. The bench script runs it in a loop and takes medians.
 *
 *   boottime MARKER COMMAND [ARGS...]   prints "MS STATUS", MS = -1 when never seen
 *   boottime --tsc-khz                  prints this host's TSC rate in kHz
 *   boottime --grep PREFIX COMMAND...   prints the first output line starting with PREFIX
 *
 * The guest's serial output is QEMU's stdout; it is read unbuffered, so the time is that
 * of the byte reaching the host, not of a buffered flush.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define BT_OUT_MAX 65536

static double bt_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static uint64_t bt_rdtsc(void)
{
	uint32_t lo, hi;

	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return ((uint64_t)hi << 32) | lo;
}

/* TSC ticks over 200 ms of the monotonic clock. */
static int bt_tsc_khz(void)
{
	struct timespec pause = { 0, 200 * 1000 * 1000 };
	double t0 = bt_now_ms();
	uint64_t c0 = bt_rdtsc();

	nanosleep(&pause, NULL);
	uint64_t c1 = bt_rdtsc();
	double t1 = bt_now_ms();
	printf("%.0f\n", (double)(c1 - c0) / (t1 - t0));
	return 0;
}

/* Starts argv with its stdout on a pipe; returns the read end, or -1. */
static int bt_start(char **argv, pid_t *pid)
{
	int fds[2];

	if (pipe(fds) < 0)
		return -1;
	*pid = fork();
	if (*pid < 0)
		return -1;
	if (*pid == 0) {
		dup2(fds[1], 1);
		close(fds[0]);
		close(fds[1]);
		execvp(argv[0], argv);
		fprintf(stderr, "boottime: cannot run %s: %s\n", argv[0], strerror(errno));
		_exit(127);
	}
	close(fds[1]);
	return fds[0];
}

/* Reads everything into out (NUL-terminated); *seen_ms: time the marker first appeared. */
static size_t bt_collect(int fd, const char *marker, double t0, double *seen_ms, char *out)
{
	size_t used = 0;
	ssize_t n;

	*seen_ms = -1;
	while ((n = read(fd, out + used, BT_OUT_MAX - 1 - used)) != 0) {
		if (n < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		used += (size_t)n;
		out[used] = '\0';
		if (*seen_ms < 0 && marker && strstr(out, marker))
			*seen_ms = bt_now_ms() - t0;
		if (used == BT_OUT_MAX - 1)
			used = 0; /* keep reading so the child never blocks; the marker was checked
				   */
	}
	return used;
}

static int bt_run(const char *marker, const char *grep, char **argv)
{
	static char out[BT_OUT_MAX];
	double seen;
	pid_t pid;
	int status;
	double t0 = bt_now_ms();
	int fd = bt_start(argv, &pid);

	if (fd < 0) {
		fprintf(stderr, "boottime: cannot start %s: %s\n", argv[0], strerror(errno));
		return 1;
	}
	bt_collect(fd, marker, t0, &seen, out);
	close(fd);
	waitpid(pid, &status, 0);
	if (grep) {
		for (char *line = strtok(out, "\r\n"); line; line = strtok(NULL, "\r\n"))
			if (!strncmp(line, grep, strlen(grep))) {
				printf("%s\n", line);
				return 0;
			}
		return 1;
	}
	printf("%.2f %d\n", seen, WIFEXITED(status) ? WEXITSTATUS(status) : -1);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc == 2 && !strcmp(argv[1], "--tsc-khz"))
		return bt_tsc_khz();
	if (argc >= 4 && !strcmp(argv[1], "--grep"))
		return bt_run(NULL, argv[2], argv + 3);
	if (argc >= 3 && argv[1][0] != '-')
		return bt_run(argv[1], NULL, argv + 2);
	fprintf(stderr, "usage: boottime MARKER COMMAND...\n"
			"       boottime --grep PREFIX COMMAND...\n"
			"       boottime --tsc-khz\n");
	return 2;
}

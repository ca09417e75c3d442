/*
 * newlib with threads under sched-rr. Two threads fprintf long lines into one shared,
 * unbuffered stream (a cookie stream checking each line as it comes) for a second, so that many
 * time slices end inside vfprintf: with the FILE's lock on a kmutex (NEWLIB_LOCKS) every line comes
 * out whole, with newlib's no-op locks the two threads' bytes mix. Two threads set errno and read
 * it back across yields and preemption: with a reent per thread (NEWLIB_REENT) each keeps its own
 * value, each thread's errno is at its own address, and main keeps the global state.
 */
#define _GNU_SOURCE /* fopencookie */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <reent.h>
#include <kiln/sched.h>
#include <kiln/test.h>
#include <kiln/time.h>

static FILE *lines_file;

#define LINE_FMT "thread %c line %07d: the quick brown fox jumps over the lazy dog %d\n"
#define LINE_LEN 70 /* what LINE_FMT prints */

/*
 * The shared stream's sink: it takes bytes one at a time into the line being assembled and
 * checks each finished line against the next one its thread should print. Writers run for
 * a whole second whatever the platform's speed (on linuxu a buffer-sized run fits in one
 * time slice), so many slices end inside a write.
 */
static struct {
	char line[LINE_LEN];
	int len, next[2], lines, bad;
} sink;
static volatile int lines_done[2];
static uint64_t lines_end;

static void sink_line(void)
{
	char want[LINE_LEN + 1];
	int id = sink.line[7] == 'b';

	snprintf(want, sizeof(want), LINE_FMT, id ? 'b' : 'a', sink.next[id], 10 + id);
	if (sink.len != LINE_LEN || memcmp(sink.line, want, LINE_LEN)) {
		sink.bad++;
		return;
	}
	sink.next[id]++;
	sink.lines++;
}

static ssize_t sink_write(void *cookie, const char *buf, size_t n)
{
	(void)cookie;
	for (size_t i = 0; i < n; i++) {
		if (sink.len == LINE_LEN) { /* longer than any whole line */
			sink.bad++;
			sink.len = 0;
		}
		sink.line[sink.len++] = buf[i];
		if (buf[i] == '\n') {
			sink_line();
			sink.len = 0;
		}
	}
	return (ssize_t)n;
}

static void *lines_writer(void *arg)
{
	long id = (long)arg;
	int n = 0;

	while (n < 9999999 && ktime_now_ns() < lines_end) /* LINE_FMT's width */
		fprintf(lines_file, LINE_FMT, id ? 'b' : 'a', n++, 10 + (int)id);
	lines_done[id] = n;
	return 0;
}

KTEST_SUITE(newlib_threads, NULL);

KTEST_CASE(newlib_threads, lines_from_two_threads_stay_whole)
{
	cookie_io_functions_t io = { .write = sink_write };
	struct ksched_stats a, b;
	struct kthread *t[2];

	KTEST_EQ(snprintf(0, 0, LINE_FMT, 'a', 0, 10), LINE_LEN);
	lines_file = fopencookie(NULL, "w", io);
	KTEST_TRUE(lines_file != NULL);
	setvbuf(lines_file, NULL, _IONBF, 0);
	ksched_stats(&a);
	lines_end = ktime_now_ns() + 1000000000ull;
	for (long i = 0; i < 2; i++)
		t[i] = kthread_create("lines", lines_writer, (void *)i, 0);
	for (int i = 0; i < 2; i++)
		KTEST_EQ(kthread_join(t[i], NULL), 0);
	ksched_stats(&b);
	fclose(lines_file);
	KTEST_TRUE(b.preemptions > a.preemptions);
	KTEST_TRUE(lines_done[0] > 0 && lines_done[1] > 0);
	KTEST_EQ(sink.bad, 0);
	KTEST_EQ(sink.next[0], lines_done[0]);
	KTEST_EQ(sink.next[1], lines_done[1]);
	KTEST_EQ(sink.lines, lines_done[0] + lines_done[1]);
}

static int *errno_addr[2];
static volatile int errno_bad[2], errno_runs[2];

static void *errno_worker(void *arg)
{
	long id = (long)arg;

	errno_addr[id] = &errno;
	for (int i = 0; i < 200; i++) {
		errno = 1000 * ((int)id + 1) + i;
		kthread_yield();
		for (volatile int spin = 0; spin < 20000; spin++)
			;
		if (errno != 1000 * ((int)id + 1) + i)
			errno_bad[id]++;
		errno_runs[id]++;
	}
	if (strtol("99999999999999999999999", 0, 10) != LONG_MAX || errno != ERANGE)
		errno_bad[id]++;
	return 0;
}

KTEST_CASE(newlib_threads, errno_is_each_threads_own)
{
	struct kthread *t[2];

	errno = 7;
	for (long i = 0; i < 2; i++)
		t[i] = kthread_create("errno", errno_worker, (void *)i, 0);
	for (int i = 0; i < 2; i++)
		KTEST_EQ(kthread_join(t[i], NULL), 0);
	KTEST_EQ(errno, 7);
	KTEST_TRUE(_REENT == _GLOBAL_REENT); /* main keeps newlib's global state (exit's) */
	KTEST_TRUE(errno_addr[0] != errno_addr[1]);
	KTEST_TRUE(errno_addr[0] != &errno);
	KTEST_EQ(errno_runs[0], 200);
	KTEST_EQ(errno_runs[1], 200);
	KTEST_EQ(errno_bad[0], 0);
	KTEST_EQ(errno_bad[1], 0);
}

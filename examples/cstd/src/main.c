/*
 * cstd: the C library at work on kiln, with newlib. Each line prints a value computed by
 * the library (formatted floats, strtod, qsort, snprintf, malloc, setjmp, errno, time),
 * so the test (tests/cstd/) can check them against what glibc prints for the same code.
 * Files: it reads one from the initrd (data/greeting.txt, tests/cstd/initrd/), writes,
 * reads back, seeks, stats, lists, renames and removes others on the RAM filesystem; paths
 * start at $CSTD_ROOT (unset on kiln: "/"; a scratch folder for glibc's run).
 * Ends with exit(3) after an atexit function, to show both reach the platform. With the
 * Threads: four of them add to a total under a mutex (cstd_threads.h: kiln's threads, or
 * POSIX ones on the host). With the
 * argument "read" it reads lines from standard input (the console) until its end instead,
 * numbering them: the test types into it.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <time.h>
#include "cstd_threads.h"

static int cmp_int(const void *a, const void *b)
{
	return *(const int *)a - *(const int *)b;
}

static void floats(void)
{
	char *end;
	double d = strtod("  2.5e3xyz", &end);

	printf("printf: %.3f %e %g %a\n", 3.14159265, 6.02214076e23, 0.0001, 1.0);
	printf("strtod: %.1f rest=%s\n", d, end);
	printf("math: sqrt(2)=%.12f sin(1)=%.9f pow(2,0.5)=%.6f floor(-2.5)=%.0f\n", sqrt(2.0),
	       sin(1.0), pow(2.0, 0.5), floor(-2.5));
	printf("long double: %.4Lf\n", (long double)1 / 3);
}

static void sorting(void)
{
	int v[] = { 42, -7, 19, 0, 3, 88, -1 };
	char buf[64];
	size_t n = sizeof(v) / sizeof(v[0]), at = 0;

	qsort(v, n, sizeof(v[0]), cmp_int);
	for (size_t i = 0; i < n; i++)
		at += (size_t)snprintf(buf + at, sizeof(buf) - at, "%s%d", i ? "," : "", v[i]);
	printf("qsort: %s\n", buf);
}

/* Many blocks of many sizes, each filled and checked after all are out; then too much. */
static void blocks(void)
{
	static char *b[200];
	unsigned long sum = 0;
	void *huge;

	for (int i = 0; i < 200; i++) {
		b[i] = malloc((size_t)i * 37 + 1);
		memset(b[i], i, (size_t)i * 37 + 1);
	}
	for (int i = 0; i < 200; i++) {
		sum += (unsigned char)b[i][i * 37] + (unsigned char)b[i][0];
		free(b[i]);
	}
	errno = 0;
	huge = malloc((size_t)1 << 50);
	printf("malloc: 200 blocks sum=%lu, 1 PiB %s%s\n", sum, huge ? "given" : "refused",
	       errno == ENOMEM ? " with ENOMEM" : "");
	free(huge);
}

static void memory(void)
{
	char *p = malloc(100000);
	char *q = strdup("kiln");

	memset(p, 'x', 100000);
	p = realloc(p, 200000);
	printf("malloc: %s %c %zu\n", q, p[99999], strlen(q));
	free(p);
	free(q);
	blocks();
}

static jmp_buf jump;

static void errors(void)
{
	FILE *f = fopen("/no/such/file", "r");

	printf("fopen: %s errno=%s\n", f ? "opened" : "NULL", strerror(errno));
	if (!setjmp(jump))
		longjmp(jump, 7);
	printf("setjmp: back\n");
}

static void clock_check(void)
{
	struct timespec a, b;

	clock_gettime(CLOCK_MONOTONIC, &a);
	clock_gettime(CLOCK_MONOTONIC, &b);
	printf("time: %s\n", b.tv_sec > a.tv_sec || (b.tv_sec == a.tv_sec && b.tv_nsec >= a.tv_nsec)
				     ? "monotonic"
				     : "backwards");
}

static const char *at(const char *path)
{
	static char buf[2][512];
	static int which;
	const char *root = getenv("CSTD_ROOT");

	which ^= 1;
	snprintf(buf[which], sizeof(buf[which]), "%s%s", root ? root : "", path);
	return buf[which];
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The names in a folder, sorted (a filesystem's own order is its business). */
static void listing(const char *path)
{
	char *names[32];
	int n = 0;
	DIR *d = opendir(at(path));
	struct dirent *e;

	if (!d) {
		printf("opendir %s: %s\n", path, strerror(errno));
		return;
	}
	while ((e = readdir(d)) && n < 32)
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
			names[n++] = strdup(e->d_name);
	closedir(d);
	qsort(names, (size_t)n, sizeof(names[0]), cmp_str);
	printf("readdir %s:", path);
	for (int i = 0; i < n; i++) {
		printf(" %s", names[i]);
		free(names[i]);
	}
	printf("\n");
}

static void show_stat(const char *path)
{
	struct stat st;

	if (stat(at(path), &st) < 0)
		printf("stat %s: %s\n", path, strerror(errno));
	else if (S_ISDIR(st.st_mode))
		printf("stat %s: folder\n", path); /* a folder's size is the filesystem's own */
	else
		printf("stat %s: file, %ld bytes\n", path, (long)st.st_size);
}

static void write_read(void)
{
	char line[64], big[256];
	FILE *f = fopen(at("/tmp/out.txt"), "w");

	if (!f) {
		printf("fopen /tmp/out.txt: %s\n", strerror(errno));
		return;
	}
	for (int i = 1; i <= 3; i++)
		fprintf(f, "line %d: %.2f\n", i, i / 3.0);
	fclose(f);
	int fd = open(at("/tmp/out.txt"), O_WRONLY | O_APPEND); /* writes go to the end */
	printf("append: %ld\n", (long)write(fd, "appended\n", 9));
	close(fd);
	f = fopen(at("/tmp/out.txt"), "r");
	fseek(f, 8, SEEK_SET);
	printf("read back at 8: %s", fgets(line, sizeof(line), f) ? line : "(nothing)\n");
	fd = open(at("/tmp/out.txt"), O_RDONLY); /* stdio would serve this from its buffer */
	lseek(fd, 8, SEEK_SET);
	printf("bytes from 8: %ld\n", (long)read(fd, big, sizeof(big)));
	close(fd);
	rewind(f);
	int lines = 0;
	while (fgets(line, sizeof(line), f))
		lines++;
	printf("lines after append: %d, last: %s", lines, line);
	fclose(f);
}

static void files(void)
{
	char line[128];
	FILE *f = fopen(at("/data/greeting.txt"), "r");

	printf("initrd: %s", f && fgets(line, sizeof(line), f) ? line : "(missing)\n");
	if (f)
		fclose(f);
	f = fopen(at("/data/answer.txt"), "r");
	printf("answer: %s", f && fgets(line, sizeof(line), f) ? line : "(missing)\n");
	if (f)
		fclose(f);
	printf("mkdir /tmp: %s\n", mkdir(at("/tmp"), 0755) == 0 ? "ok" : strerror(errno));
	printf("mkdir /tmp again: %s\n", mkdir(at("/tmp"), 0755) == 0 ? "ok" : strerror(errno));
	write_read();
	show_stat("/tmp/out.txt");
	show_stat("/data");
	show_stat("/data/sub/../answer.txt");
	listing("/data");
	printf("rename: %d\n", rename(at("/tmp/out.txt"), at("/tmp/moved.txt")));
	show_stat("/tmp/out.txt");
	show_stat("/tmp/moved.txt");
	listing("/tmp");
	printf("unlink: %d\n", unlink(at("/tmp/moved.txt")));
	show_stat("/tmp/moved.txt");
	printf("unlink again: %s\n", unlink(at("/tmp/moved.txt")) == 0 ? "ok" : strerror(errno));
	printf("rmdir /data: %s\n", rmdir(at("/data")) == 0 ? "ok" : strerror(errno));
	printf("rmdir /tmp: %s\n", rmdir(at("/tmp")) == 0 ? "ok" : strerror(errno));
	printf("fopen /data/missing: %s\n",
	       fopen(at("/data/missing"), "r") ? "opened" : strerror(errno));
}

/* Threads and a mutex: each adds to a shared total, reading it, yielding, then writing it
 * back (a lost update without the mutex), and keeps its own errno across the yields. */
#define THREADS	    4
#define THREAD_ADDS 500
static cstd_mutex total_lock = CSTD_MUTEX_INIT;
static long total;

static void *adder(void *arg)
{
	long id = (long)arg, kept = 0;

	for (int i = 0; i < THREAD_ADDS; i++) {
		errno = (int)(id * 1000 + i);
		cstd_mutex_lock(&total_lock);
		long seen = total;

		cstd_yield();
		total = seen + id;
		cstd_mutex_unlock(&total_lock);
		kept += errno == (int)(id * 1000 + i);
	}
	return (void *)kept;
}

static void threads(void)
{
	cstd_thread t[THREADS];
	long kept = 0;

	for (long i = 0; i < THREADS; i++)
		if (cstd_thread_start(&t[i], adder, (void *)(i + 1))) {
			printf("threads: cannot start\n");
			return;
		}
	for (int i = 0; i < THREADS; i++) {
		void *r;

		cstd_thread_join(t[i], &r);
		kept += (long)r;
	}
	printf("threads: total %ld (want %d), errno kept %ld/%d\n", total,
	       THREAD_ADDS * THREADS * (THREADS + 1) / 2, kept, THREADS * THREAD_ADDS);
}

static void bye(void)
{
	printf("atexit: ran\n");
}

static int read_lines(void)
{
	char line[128];
	int n = 0;

	printf("read: ready\n"); /* input typed before the console is set up may be lost */
	while (fgets(line, sizeof(line), stdin)) {
		line[strcspn(line, "\n")] = '\0';
		printf("line %d: %s\n", ++n, line);
	}
	printf("lines: %d\n", n);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc > 1 && !strcmp(argv[1], "read"))
		return read_lines();
	printf("cstd: argc=%d", argc);
	for (int i = 1; i < argc; i++)
		printf(" [%s]", argv[i]);
	printf("\n");
	printf("getenv: %s\n", getenv("CSTD_GREETING") ? getenv("CSTD_GREETING") : "(unset)");
	floats();
	sorting();
	memory();
	errors();
	clock_check();
	files();
	threads();
	fprintf(stderr, "stderr: works\n");
	atexit(bye);
	exit(3);
}

/*
 * The host peer of bench-switch: two pthreads hand a token back and forth ROUNDS times
 * through a mutex, a condition variable and a turn variable, exactly as bench-switch's
 * "mutex+condvar" method does inside kiln. Prints hand-overs per second (each hand-over is
 * at least one switch between the two threads, or a wake-up across CPUs).
 *
 *   pingpong [ROUNDS]     (default 200000)
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static long rounds = 200000;
static int turn;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t changed = PTHREAD_COND_INITIALIZER;

static void *player(void *arg)
{
	int me = (int)(long)arg;

	for (long i = 0; i < rounds; i++) {
		pthread_mutex_lock(&lock);
		while (turn != me)
			pthread_cond_wait(&changed, &lock);
		turn = !me;
		pthread_cond_signal(&changed);
		pthread_mutex_unlock(&lock);
	}
	return NULL;
}

int main(int argc, char **argv)
{
	struct timespec a, b;
	pthread_t t[2];

	if (argc > 1)
		rounds = atol(argv[1]);
	clock_gettime(CLOCK_MONOTONIC, &a);
	for (long i = 0; i < 2; i++)
		if (pthread_create(&t[i], NULL, player, (void *)i))
			return 1;
	for (int i = 0; i < 2; i++)
		pthread_join(t[i], NULL);
	clock_gettime(CLOCK_MONOTONIC, &b);
	double s = (double)(b.tv_sec - a.tv_sec) + (double)(b.tv_nsec - a.tv_nsec) / 1e9;
	printf("pingpong: %ld hand-overs in %.0f ns: %.0f per second\n", 2 * rounds, s * 1e9,
	       2 * rounds / s);
	return 0;
}

/*
 * buildsys/lock.c — one writer per build folder. Everything that writes build/<name>/
 * (kiln resolve, kiln build, kiln run's build step, the menu through them) first takes an
 * exclusive flock(2) on build/<name>/.kiln-lock and holds it until the folder is complete,
 * so two builds of one profile, or two profiles with one name resolved at once, take turns
 * instead of mixing one resolution's config.mk with another's config.h. The kernel drops
 * the lock when kiln ends, however it ends: a crashed kiln leaves no stale lock behind.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <kiln/build.h>

/* mkdir -p, for the folder the lock lives in. */
static int drv_lock_mkdirs(char *p)
{
	for (char *s = p + 1; *s; s++)
		if (*s == '/') {
			*s = '\0';
			int bad = mkdir(p, 0777) < 0 && errno != EEXIST;
			*s = '/';
			if (bad)
				return -1;
		}
	return mkdir(p, 0777) < 0 && errno != EEXIST ? -1 : 0;
}

int drv_lock(const char *outdir, int no_wait)
{
	char *dir = strdup(outdir), *path = NULL;
	int fd = -1;

	if (!dir || drv_lock_mkdirs(dir) < 0 || asprintf(&path, "%s/" DRV_LOCK_FILE, outdir) < 0 ||
	    (fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0666)) < 0) {
		fprintf(stderr, "kiln: cannot lock %s: %s\n", outdir, strerror(errno));
		free(dir);
		free(path);
		return -1;
	}
	free(dir);
	free(path);
	if (flock(fd, LOCK_EX | LOCK_NB) == 0)
		return fd;
	if (errno != EWOULDBLOCK || no_wait) {
		fprintf(stderr, "kiln: %s: %s\n", outdir,
			errno == EWOULDBLOCK ? "another kiln is writing this build folder "
					       "(--no-wait given)"
					     : strerror(errno));
		close(fd);
		return -1;
	}
	fprintf(stderr, "kiln: %s: another kiln is writing this build folder; waiting for it\n",
		outdir);
	while (flock(fd, LOCK_EX) < 0)
		if (errno != EINTR) {
			fprintf(stderr, "kiln: cannot lock %s: %s\n", outdir, strerror(errno));
			close(fd);
			return -1;
		}
	return fd;
}

void drv_unlock(int *fd)
{
	if (*fd >= 0)
		close(*fd);
	*fd = -1;
}

/*
 * Where the kiln tree is and which extra library folders to read: the one answer every
 * host program (the kiln tool, the build driver, the menu) uses.
 *
 * A kiln tree is a folder holding kernel-libs/, plat/ and examples/. It is KILN_ROOT when
 * set (and then it must be one), else the first such folder at or above the current one,
 * else the first at or above the running binary (build/bin/kiln lives inside its tree).
 * KILN_LIBPATH lists extra folders separated by ':'; each is made absolute here, so a
 * program may change folder afterwards. With no profile named, the tool and the menu open
 * the helloworld example's first profile (by name).
 */
#include <errno.h>
#include <glob.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cat_int.h"

static int has_dir(const char *root, const char *name)
{
	char *p = fs_join(root, name);
	struct stat st;
	int yes = stat(p, &st) == 0 && S_ISDIR(st.st_mode);

	free(p);
	return yes;
}

int cat_is_root(const char *dir)
{
	return has_dir(dir, "kernel-libs") && has_dir(dir, "plat") && has_dir(dir, "examples");
}

/* The first kiln tree at or above start (made absolute), or NULL. */
static char *root_above(const char *start)
{
	char p[PATH_MAX];

	if (!realpath(start, p))
		return NULL;
	for (;;) {
		if (cat_is_root(p))
			return xstrdup(p);
		char *slash = strrchr(p, '/');

		if (!slash)
			return NULL;
		if (slash == p) {
			if (!p[1])
				return NULL;
			p[1] = '\0'; /* try "/" itself last */
			continue;
		}
		*slash = '\0';
	}
}

char *cat_find_root(const char *given, struct cat_err *err)
{
	const char *env = getenv("KILN_ROOT");
	const char *want = given && *given ? given : env && *env ? env : NULL;
	char exe[PATH_MAX];
	char *r;

	if (want) {
		r = realpath(want, NULL);
		if (r && cat_is_root(r))
			return r;
		cat_err_add(err, NULL, 0, 0, "%s%s: %s", given && *given ? "" : "KILN_ROOT=", want,
			    r ? "not a kiln tree (it needs kernel-libs/, plat/ and examples/)"
			      : strerror(errno));
		free(r);
		return NULL;
	}
	if ((r = root_above(".")))
		return r;
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);

	if (n > 0) {
		exe[n] = '\0';
		*strrchr(exe, '/') = '\0'; /* readlink gives an absolute path */
		if ((r = root_above(exe)))
			return r;
	}
	cat_err_add(err, NULL, 0, 0,
		    "no kiln tree here or above (kernel-libs/, plat/, examples/): "
		    "run kiln inside one or set KILN_ROOT");
	return NULL;
}

int cat_add_libdir(struct cat_strv *dirs, const char *dir, const char *what, struct cat_err *err)
{
	char *abs = realpath(dir, NULL);
	struct stat st;

	if (!abs || stat(abs, &st) < 0 || !S_ISDIR(st.st_mode)) {
		cat_err_add(err, NULL, 0, 0, "%s %s: %s", what, dir,
			    abs ? "not a folder" : strerror(errno));
		free(abs);
		return -1;
	}
	strv_push(dirs, abs);
	free(abs);
	return 0;
}

int cat_libpath(struct cat_strv *dirs, struct cat_err *err)
{
	const char *lp = getenv("KILN_LIBPATH");
	int rc = 0;

	if (!lp)
		return 0;
	for (const char *s = lp; *s;) {
		size_t len = strcspn(s, ":");

		if (len) {
			char *d = xasprintf("%.*s", (int)len, s);

			rc |= cat_add_libdir(dirs, d, "KILN_LIBPATH folder", err);
			free(d);
		}
		s += len + (s[len] == ':');
	}
	return rc ? -1 : 0;
}

char *cat_default_profile(const char *root, struct cat_err *err)
{
	char *pattern = xasprintf("%s/examples/helloworld/*.json", root), *out = NULL;
	glob_t g = { 0 };

	if (glob(pattern, 0, NULL, &g) == 0)
		for (size_t i = 0; !out && i < g.gl_pathc; i++)
			if (strcmp(strrchr(g.gl_pathv[i], '/'), "/lib.json"))
				out = xstrdup(g.gl_pathv[i]);
	globfree(&g);
	free(pattern);
	if (!out)
		cat_err_add(err, NULL, 0, 0,
			    "no profile given, and %s/examples/helloworld has none", root);
	return out;
}

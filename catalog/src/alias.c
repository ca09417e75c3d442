/*
 * Safe names for folders Make cannot carry. Make splits words at blanks and reads '$', '#',
 * ':', '%' and quotes, so a library folder or an output folder whose path holds one (a home
 * folder "Jane Doe/") gets a name of kiln's own: the symbolic link
 * <root>/build/.kiln-paths/<name>-<hash> to it, where <name> is the folder's last part with
 * every unsafe character as '_' and <hash> the FNV-1a hash of its whole real path, so two
 * folders never share a link. Make and the compiler then see only the link's path; messages
 * still name the folder as the user wrote it. Bytes of 0x80 and above (UTF-8 letters) mean
 * nothing to Make or the shell and need no link.
 */
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cat_int.h"

static uint64_t fnv1a(const char *s)
{
	uint64_t h = 14695981039346656037ull;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	return h;
}

/* The link's name: the last part of real, unsafe characters as '_', at most 40 bytes. */
static char *alias_name(const char *real)
{
	const char *base = strrchr(real, '/');
	char part[41];
	size_t n = 0;

	base = base && base[1] ? base + 1 : real;
	for (; *base && n < sizeof(part) - 1; base++, n++) {
		char one[2] = { *base, 0 };

		part[n] = path_is_make_safe(one) && *base != '/' ? *base : '_';
	}
	part[n] = '\0';
	return xasprintf("%s-%016llx", n ? part : "dir", (unsigned long long)fnv1a(real));
}

/* Points link at target, replacing a link that points elsewhere. */
static int alias_link(const char *link, const char *target)
{
	char old[PATH_MAX];
	ssize_t n = readlink(link, old, sizeof(old) - 1);

	if (n >= 0) {
		old[n] = '\0';
		if (!strcmp(old, target))
			return 0;
		if (unlink(link) < 0)
			return -1;
	} else if (errno != ENOENT && errno != EINVAL) {
		return -1;
	}
	/* another kiln may have made the same link meanwhile: that one is as good */
	return symlink(target, link) == 0 || errno == EEXIST ? 0 : -1;
}

char *cat_path_alias(const char *root, const char *real, struct cat_err *err)
{
	char *dir = fs_join(root, CAT_ALIAS_DIR), *name = alias_name(real), *link = NULL;

	if (!path_is_make_safe(root)) {
		cat_err_add(err, NULL, 0, 0,
			    "%s: the kiln tree's own path has characters Make cannot handle "
			    "(blanks, $, #, :, %%, quotes): move the tree",
			    root);
	} else if (fs_mkdirs(dir) < 0 || alias_link(link = fs_join(dir, name), real) < 0) {
		cat_err_add(err, NULL, 0, 0, "%s: cannot give it a name Make can carry (%s): %s",
			    real, dir, strerror(errno));
		free(link);
		link = NULL;
	}
	free(dir);
	free(name);
	return link;
}

/*
 * Path resolution: "/a/b/c" walked from the root one name at a time, each through the
 * directory's own lookup. ".." needs no help from the filesystem: the walk keeps the
 * directories it went through on a stack and steps back one. The last name is not looked up
 * as a directory, so each call (create, unlink, rename) decides what it wants there.
 */
#include <string.h>
#include "vfs_int.h"

struct kvfs_node *kvfs_root;

struct kvfs_walk {
	struct kvfs_node *stack[KVFS_DEPTH_MAX];
	size_t depth;
};

/* Steps into one name from the top of the stack. */
static int kvfs_step(struct kvfs_walk *w, const char *name, size_t len)
{
	struct kvfs_node *dir = w->stack[w->depth - 1], *next;

	if (len == 1 && name[0] == '.')
		return 0;
	if (len == 2 && name[0] == '.' && name[1] == '.') {
		if (w->depth > 1)
			w->depth--;
		return 0;
	}
	if (!kvfs_is_dir(dir))
		return -ENOTDIR;
	next = dir->ops->lookup(dir, name, len);
	if (!next)
		return -ENOENT;
	if (w->depth == KVFS_DEPTH_MAX)
		return -ENAMETOOLONG;
	w->stack[w->depth++] = next;
	return 0;
}

static int kvfs_is_dots(const char *name, size_t len)
{
	return (len == 1 && name[0] == '.') || (len == 2 && name[0] == '.' && name[1] == '.');
}

int kvfs_resolve(const char *path, struct kvfs_path *p)
{
	struct kvfs_walk w = { .stack = { kvfs_root }, .depth = 1 };
	const char *name = NULL;
	size_t len = 0;
	int rc;

	if (!path || !*path)
		return -ENOENT;
	if (!kvfs_root)
		return -ENOENT;
	for (const char *s = path;;) {
		while (*s == '/')
			s++;
		if (!*s)
			break;
		const char *end = s;
		while (*end && *end != '/')
			end++;
		if ((size_t)(end - s) > KVFS_NAME_MAX)
			return -ENAMETOOLONG;
		if (name && (rc = kvfs_step(&w, name, len)) < 0)
			return rc;
		name = s;
		len = (size_t)(end - s);
		s = end;
	}
	if (!name || kvfs_is_dots(name, len)) {
		if (name && (rc = kvfs_step(&w, name, len)) < 0)
			return rc;
		p->node = w.stack[w.depth - 1];
		p->dir = w.depth > 1 ? w.stack[w.depth - 2] : kvfs_root;
		p->name = "";
		p->len = 0;
		return 0;
	}
	p->dir = w.stack[w.depth - 1];
	if (!kvfs_is_dir(p->dir))
		return -ENOTDIR;
	p->name = name;
	p->len = len;
	p->node = p->dir->ops->lookup(p->dir, name, len);
	return 0;
}

/*
 * The calls on names rather than descriptors: stat, mkdir, rmdir, unlink, link, rename,
 * mknod. Each resolves its path (path.c) and asks the parent directory's filesystem; a node
 * no name and no descriptor holds any more is released at once.
 */
#include <string.h>
#include "vfs_int.h"

int kvfs_stat(const char *path, struct kvfs_stat *st)
{
	struct kvfs_path p;
	int rc = kvfs_resolve(path, &p);

	if (rc < 0)
		return rc;
	if (!p.node)
		return -ENOENT;
	kvfs_fill_stat(p.node, st);
	return 0;
}

int kvfs_mkdir(const char *path, uint32_t mode)
{
	struct kvfs_path p;
	struct kvfs_node *n;
	int rc = kvfs_resolve(path, &p);

	if (rc < 0)
		return rc;
	if (p.node)
		return -EEXIST;
	return p.dir->ops->create(p.dir, p.name, p.len, KVFS_S_IFDIR | (mode & 07777), &n);
}

/* Removes the name p leads to, which must (dir 1) or must not (dir 0) be a directory. */
static int kvfs_remove(struct kvfs_path *p, int dir)
{
	struct kvfs_node *n = p->node;
	int rc;

	if (!n)
		return -ENOENT;
	if (p->len == 0)
		return n == kvfs_root ? -EBUSY : -EINVAL;
	if (dir && !kvfs_is_dir(n))
		return -ENOTDIR;
	if (!dir && kvfs_is_dir(n))
		return -EISDIR;
	if ((rc = p->dir->ops->unlink(p->dir, p->name, p->len)) < 0)
		return rc;
	kvfs_node_check(n);
	return 0;
}

int kvfs_unlink(const char *path)
{
	struct kvfs_path p;
	int rc = kvfs_resolve(path, &p);

	return rc < 0 ? rc : kvfs_remove(&p, 0);
}

int kvfs_rmdir(const char *path)
{
	struct kvfs_path p;
	int rc = kvfs_resolve(path, &p);

	return rc < 0 ? rc : kvfs_remove(&p, 1);
}

int kvfs_link(const char *oldpath, const char *newpath)
{
	struct kvfs_path o, n;
	int rc = kvfs_resolve(oldpath, &o);

	if (rc < 0 || (rc = kvfs_resolve(newpath, &n)) < 0)
		return rc;
	if (!o.node)
		return -ENOENT;
	if (kvfs_is_dir(o.node))
		return -EPERM;
	if (n.node)
		return -EEXIST;
	return n.dir->ops->link(n.dir, n.name, n.len, o.node);
}

int kvfs_mknod(const char *path, struct kvfs_node *dev)
{
	struct kvfs_path p;
	int rc = kvfs_resolve(path, &p);

	if (rc < 0)
		return rc;
	if (p.node)
		return -EEXIST;
	return p.dir->ops->link(p.dir, p.name, p.len, dev);
}

/* Whether moving directory from to the path to would put it inside itself. */
static int kvfs_inside(const char *from, const char *to)
{
	size_t n;

	while (*from == '/')
		from++;
	while (*to == '/')
		to++;
	n = strlen(from);
	while (n && from[n - 1] == '/')
		n--;
	return n && !strncmp(from, to, n) && to[n] == '/';
}

/* What rename may replace: a file by a file, an empty directory by a directory. */
static int kvfs_replaceable(struct kvfs_node *src, struct kvfs_path *dst)
{
	if (!dst->node)
		return 0;
	if (kvfs_is_dir(dst->node) && !kvfs_is_dir(src))
		return -EISDIR;
	if (!kvfs_is_dir(dst->node) && kvfs_is_dir(src))
		return -ENOTDIR;
	return kvfs_remove(dst, kvfs_is_dir(src));
}

int kvfs_rename(const char *oldpath, const char *newpath)
{
	struct kvfs_path o, n;
	struct kvfs_node *src;
	int rc = kvfs_resolve(oldpath, &o);

	if (rc < 0 || (rc = kvfs_resolve(newpath, &n)) < 0)
		return rc;
	if (!(src = o.node))
		return -ENOENT;
	if (o.len == 0 || n.len == 0)
		return -EBUSY;
	if (src == n.node)
		return 0;
	if (kvfs_is_dir(src) && kvfs_inside(oldpath, newpath))
		return -EINVAL;
	src->opens++; /* held while it has no name */
	rc = kvfs_replaceable(src, &n);
	if (rc == 0 && (rc = n.dir->ops->link(n.dir, n.name, n.len, src)) == 0)
		rc = o.dir->ops->unlink(o.dir, o.name, o.len);
	src->opens--;
	kvfs_node_check(src);
	return rc;
}

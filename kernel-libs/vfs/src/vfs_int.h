/*
 * Private to the VFS library: the root of the tree, path resolution (path.c), the descriptor
 * table (fd.c) and the node reference rules shared by the descriptor calls (file.c) and the
 * namespace calls (names.c).
 */
#ifndef KVFS_INT_H
#define KVFS_INT_H

#include <errno.h>
#include <kiln/vfs.h>

/* Directories deeper than this below the root cannot be walked (-ENAMETOOLONG). */
#define KVFS_DEPTH_MAX 64

extern struct kvfs_node *kvfs_root;

/* Where a path leads: its last name inside dir, and what that name is now (NULL: nothing).
 * For "/" and paths ending in "." or "..", len is 0 and node is the directory itself. */
struct kvfs_path {
	struct kvfs_node *dir;
	const char *name;
	size_t len;
	struct kvfs_node *node;
};

/* Walks every component but the last; 0 or -ENOENT, -ENOTDIR, -ENAMETOOLONG. */
int kvfs_resolve(const char *path, struct kvfs_path *p);

static inline int kvfs_is_dir(const struct kvfs_node *n)
{
	return (n->mode & KVFS_S_IFMT) == KVFS_S_IFDIR;
}

/* An open file description: what open (or kvfs_fd_install) made, named by one descriptor
 * or more (dup); refs counts them, 0 when the entry is free (fd.c). */
struct kvfs_file {
	struct kvfs_node *node;
	uint64_t off;
	int flags; /* KVFS_O_: the access mode, O_APPEND, O_NONBLOCK */
	uint32_t refs;
};

/* The description open as fd, or NULL when fd is not open. */
struct kvfs_file *kvfs_file(int fd);
/* 1 when no descriptor is free. */
int kvfs_table_full(void);

/* Releases a node nothing names and nothing has open. */
void kvfs_node_check(struct kvfs_node *n);

/* Fills st from a node. */
void kvfs_fill_stat(const struct kvfs_node *n, struct kvfs_stat *st);

#endif

/*
 * ramfs: the VFS's root filesystem (the "rootfs" interface, kiln/vfs.h) kept in memory.
 * A directory is a singly linked list of entries (name, node), newest first; a file is
 * one buffer from the allocator, grown to the next power of two on write, so that appending
 * costs amortised constant time. Nodes of other kinds (the VFS's devices) may be linked in:
 * ramfs frees only nodes it made.
 */
#include <string.h>
#include <kiln/alloc.h>
#include <kiln/vfs.h>
#include <errno.h>

struct ramfs_entry {
	struct ramfs_entry *next;
	struct kvfs_node *node;
	size_t len;
	char name[]; /* len bytes and a NUL */
};

struct ramfs_node {
	struct kvfs_node vn;	     /* first: a kvfs_node * is a ramfs_node * for ramfs's own */
	struct ramfs_entry *entries; /* directories */
	char *data;		     /* files: size bytes used of cap */
	uint64_t cap;
};

static const struct kvfs_ops ramfs_ops;
static uint64_t ramfs_next_ino = 1;

static struct ramfs_node *ramfs_of(struct kvfs_node *n)
{
	return (struct ramfs_node *)n;
}

static struct ramfs_entry **ramfs_find(struct kvfs_node *dir, const char *name, size_t len)
{
	struct ramfs_entry **e = &ramfs_of(dir)->entries;

	for (; *e; e = &(*e)->next)
		if ((*e)->len == len && !memcmp((*e)->name, name, len))
			return e;
	return e;
}

static struct kvfs_node *ramfs_lookup(struct kvfs_node *dir, const char *name, size_t len)
{
	struct ramfs_entry *e = *ramfs_find(dir, name, len);

	return e ? e->node : NULL;
}

static int ramfs_link(struct kvfs_node *dir, const char *name, size_t len, struct kvfs_node *node)
{
	struct ramfs_entry **at = ramfs_find(dir, name, len), *e;

	if (*at)
		return -EEXIST;
	if (!(e = kalloc_malloc(sizeof(*e) + len + 1)))
		return -ENOMEM;
	e->node = node;
	e->len = len;
	memcpy(e->name, name, len);
	e->name[len] = '\0';
	e->next = ramfs_of(dir)->entries;
	ramfs_of(dir)->entries = e;
	node->links++;
	dir->size++;
	return 0;
}

static struct ramfs_node *ramfs_node_new(uint32_t mode)
{
	struct ramfs_node *n = kalloc_calloc(1, sizeof(*n));

	if (n)
		n->vn = (struct kvfs_node){ .ops = &ramfs_ops,
					    .mode = mode,
					    .ino = ramfs_next_ino++ };
	return n;
}

static int ramfs_create(struct kvfs_node *dir, const char *name, size_t len, uint32_t mode,
			struct kvfs_node **out)
{
	struct ramfs_node *n;
	int rc;

	if (*ramfs_find(dir, name, len))
		return -EEXIST;
	if (!(n = ramfs_node_new(mode)))
		return -ENOMEM;
	if ((rc = ramfs_link(dir, name, len, &n->vn)) < 0) {
		kalloc_free(n);
		return rc;
	}
	*out = &n->vn;
	return 0;
}

static int ramfs_unlink(struct kvfs_node *dir, const char *name, size_t len)
{
	struct ramfs_entry **at = ramfs_find(dir, name, len), *e = *at;

	if (!e)
		return -ENOENT;
	if ((e->node->mode & KVFS_S_IFMT) == KVFS_S_IFDIR && e->node->ops == &ramfs_ops &&
	    ramfs_of(e->node)->entries)
		return -ENOTEMPTY;
	*at = e->next;
	e->node->links--;
	dir->size--;
	kalloc_free(e);
	return 0;
}

static int ramfs_readdir(struct kvfs_node *dir, size_t index, struct kvfs_dirent *out)
{
	struct ramfs_entry *e = ramfs_of(dir)->entries;

	while (e && index--)
		e = e->next;
	if (!e)
		return 0;
	out->ino = e->node->ino;
	out->mode = e->node->mode;
	memcpy(out->name, e->name, e->len + 1);
	return 1;
}

static long ramfs_read(struct kvfs_node *node, void *buf, size_t len, uint64_t off)
{
	if (off >= node->size)
		return 0;
	if (len > node->size - off)
		len = (size_t)(node->size - off);
	memcpy(buf, ramfs_of(node)->data + off, len);
	return (long)len;
}

/* Makes room for size bytes, the new ones zero. */
static int ramfs_reserve(struct ramfs_node *n, uint64_t size)
{
	uint64_t cap = n->cap ? n->cap : 64;
	char *data;

	if (size <= n->cap)
		return 0;
	while (cap < size)
		cap *= 2;
	if (cap != (size_t)cap || !(data = kalloc_realloc(n->data, (size_t)cap)))
		return -ENOSPC;
	memset(data + n->cap, 0, (size_t)(cap - n->cap));
	n->data = data;
	n->cap = cap;
	return 0;
}

static long ramfs_write(struct kvfs_node *node, const void *buf, size_t len, uint64_t off)
{
	struct ramfs_node *n = ramfs_of(node);
	int rc;

	if (off + len < off)
		return -EINVAL;
	if ((rc = ramfs_reserve(n, off + len)) < 0)
		return rc;
	memcpy(n->data + off, buf, len);
	if (off + len > node->size)
		node->size = off + len;
	return (long)len;
}

static int ramfs_truncate(struct kvfs_node *node, uint64_t size)
{
	struct ramfs_node *n = ramfs_of(node);
	int rc;

	if ((node->mode & KVFS_S_IFMT) == KVFS_S_IFDIR)
		return -EISDIR;
	if ((rc = ramfs_reserve(n, size)) < 0)
		return rc;
	if (size < node->size)
		memset(n->data + size, 0, (size_t)(node->size - size));
	node->size = size;
	return 0;
}

static void ramfs_release(struct kvfs_node *node)
{
	kalloc_free(ramfs_of(node)->data);
	kalloc_free(node);
}

static const struct kvfs_ops ramfs_ops = {
	.lookup = ramfs_lookup,
	.create = ramfs_create,
	.link = ramfs_link,
	.unlink = ramfs_unlink,
	.readdir = ramfs_readdir,
	.read = ramfs_read,
	.write = ramfs_write,
	.truncate = ramfs_truncate,
	.release = ramfs_release,
};

struct kvfs_node *kvfs_rootfs_new(void)
{
	struct ramfs_node *root = ramfs_node_new(KVFS_S_IFDIR | 0755);

	if (root)
		root->vn.links = 1; /* the root is its own name */
	return root ? &root->vn : NULL;
}

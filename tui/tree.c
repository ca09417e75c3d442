/*
 * tui/tree.c — the tree the menu browses, built once from the model's items.
 *
 * Order, top to bottom: the app and the platform (radio lists), then "Interfaces" with one
 * radio group per interface (allocator, scheduler, libc, …) holding its providers, then the
 * libraries by category ("Kernel/Debugging" is Kernel > Debugging), each library's options
 * under it. Nodes are stored in display (depth-first) order, parents before children, so
 * the visible rows come from one pass. An option whose library is off is hidden; search can
 * reveal it, and `.` shows every hidden item.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui.h"

static int add_node(struct tree *t, int *cap, struct node n)
{
	if (t->nnodes == *cap) {
		int ncap = *cap ? *cap * 2 : 64;
		struct node *nn = realloc(t->nodes, (size_t)ncap * sizeof *nn);
		if (!nn)
			return -1;
		t->nodes = nn;
		*cap = ncap;
	}
	n.depth = n.parent < 0 ? 0 : t->nodes[n.parent].depth + 1;
	t->nodes[t->nnodes] = n;
	return t->nnodes++;
}

static int add_item(struct tree *t, int *cap, size_t item, int parent, bool expanded)
{
	struct node n = { .kind = NODE_ITEM, .item = item, .parent = parent, .expanded = expanded };
	return add_node(t, cap, n);
}

/* The radio values of the app or platform item, as children of its node. */
static int add_radio(struct tree *t, int *cap, const struct tm_model *m, size_t item, bool expanded)
{
	int me = add_item(t, cap, item, -1, expanded);
	const struct tm_item *it = tm_item(m, item);
	for (size_t v = 0; me >= 0 && v < it->nvalues; v++) {
		struct node n = {
			.kind = NODE_VALUE, .item = item, .value = it->values[v], .parent = me
		};
		if (add_node(t, cap, n) < 0)
			return -1;
	}
	return me;
}

/* The option items of each library item, in item order: opt[start[lib] .. start[lib + 1]).
 * Built once, so a catalog of 2,000 libraries and 15,000 options is not scanned per library. */
struct owned {
	size_t *start, *opt;
};

static int owned_build(struct owned *o, const struct tm_model *m)
{
	size_t n = tm_count(m);
	o->start = calloc(n + 2, sizeof *o->start);
	o->opt = malloc((n + 1) * sizeof *o->opt);
	size_t *lib = malloc((n + 1) * sizeof *lib);
	if (!o->start || !o->opt || !lib) {
		free(lib);
		return -1;
	}
	for (size_t i = 0; i < n; i++) {
		const struct tm_item *it = tm_item(m, i);
		lib[i] = it->kind == TM_KIND_OPTION && it->owner ? tm_find(m, it->owner)
								 : (size_t)-1;
		if (lib[i] < n)
			o->start[lib[i] + 2]++;
	}
	for (size_t i = 2; i < n + 2; i++)
		o->start[i] += o->start[i - 1];
	for (size_t i = 0; i < n; i++)
		if (lib[i] < n)
			o->opt[o->start[lib[i] + 1]++] = i;
	free(lib);
	return 0;
}

static void owned_free(struct owned *o)
{
	free(o->start);
	free(o->opt);
}

/* A library node followed by the nodes of its options (items owned by it). */
static int add_library(struct tree *t, int *cap, const struct owned *o, size_t lib, int parent)
{
	int me = add_item(t, cap, lib, parent, true);
	for (size_t k = o->start[lib]; me >= 0 && k < o->start[lib + 1]; k++)
		if (add_item(t, cap, o->opt[k], me, true) < 0)
			return -1;
	return me;
}

static bool in_group(const struct tm_model *m, const struct tm_item *lib)
{
	if (!lib->owner || !lib->owner[0])
		return false;
	size_t g = tm_find(m, lib->owner);
	return g != (size_t)-1 && tm_item(m, g)->kind == TM_KIND_GROUP;
}

static int add_groups(struct tree *t, int *cap, const struct tm_model *m, const struct owned *o)
{
	int top = -1;
	for (size_t g = 0; g < tm_count(m); g++) {
		const struct tm_item *grp = tm_item(m, g);
		if (grp->kind != TM_KIND_GROUP)
			continue;
		if (top < 0) {
			struct node c = { .kind = NODE_CATEGORY,
					  .label = "Interfaces",
					  .parent = -1,
					  .expanded = true };
			if ((top = add_node(t, cap, c)) < 0)
				return -1;
		}
		int gn = add_item(t, cap, g, top, true);
		for (size_t i = 0; gn >= 0 && i < tm_count(m); i++) {
			const struct tm_item *it = tm_item(m, i);
			if (it->kind == TM_KIND_LIBRARY && it->owner &&
			    !strcmp(it->owner, grp->name))
				if (add_library(t, cap, o, i, gn) < 0)
					return -1;
		}
		if (gn < 0)
			return -1;
	}
	return 0;
}

/* Orders categories component by component so "Kernel/Core" sorts inside "Kernel". */
static int cmp_category(const char *a, const char *b)
{
	for (; *a && *a == *b; a++, b++)
		;
	if (*a == '/' && *b)
		return -1;
	if (*b == '/' && *a)
		return 1;
	return (unsigned char)*a - (unsigned char)*b;
}

static int cmp_lib(const void *pa, const void *pb, void *model)
{
	const struct tm_item *a = tm_item(model, *(const size_t *)pa);
	const struct tm_item *b = tm_item(model, *(const size_t *)pb);
	int c = cmp_category(a->category, b->category);
	return c ? c : strcmp(a->name, b->name);
}

/* Category nodes along the path "A/B/C", reusing the ones of the previous library. */
static int category_path(struct tree *t, int *cap, const char *path, int *stack, int *depth)
{
	char part[128];
	int level = 0, parent = -1;
	for (const char *p = path; *p; level++) {
		size_t len = strcspn(p, "/");
		snprintf(part, sizeof part, "%.*s", (int)len, p);
		p += len + (p[len] == '/');
		if (level < *depth && !strcmp(t->nodes[stack[level]].label, part)) {
			parent = stack[level];
			continue;
		}
		*depth = level;
		struct node c = { .kind = NODE_CATEGORY,
				  .label = strdup(part),
				  .parent = parent,
				  .expanded = true };
		if (!c.label || (parent = add_node(t, cap, c)) < 0 || level >= 15)
			return -1;
		stack[(*depth)++] = parent;
	}
	*depth = level;
	return parent;
}

static int add_categories(struct tree *t, int *cap, const struct tm_model *m, const struct owned *o)
{
	size_t n = 0, *libs = malloc((tm_count(m) + 1) * sizeof *libs);
	if (!libs)
		return -1;
	for (size_t i = 0; i < tm_count(m); i++) {
		const struct tm_item *it = tm_item(m, i);
		if (it->kind == TM_KIND_LIBRARY && it->category && !in_group(m, it))
			libs[n++] = i;
	}
	qsort_r(libs, n, sizeof *libs, cmp_lib, (void *)m);
	int stack[16], depth = 0, rc = 0;
	for (size_t k = 0; k < n && rc == 0; k++) {
		const char *cat = tm_item(m, libs[k])->category;
		int parent = category_path(t, cap, cat[0] ? cat : "Other", stack, &depth);
		rc = parent < 0 || add_library(t, cap, o, libs[k], parent) < 0 ? -1 : 0;
	}
	free(libs);
	return rc;
}

int tree_build(struct tree *t, const struct tm_model *m)
{
	int cap = 0;
	memset(t, 0, sizeof *t);
	for (size_t i = 0; i < tm_count(m); i++) {
		enum tm_kind k = tm_item(m, i)->kind;
		if ((k == TM_KIND_APP || k == TM_KIND_PLATFORM) &&
		    add_radio(t, &cap, m, i, k == TM_KIND_PLATFORM) < 0)
			return -1;
	}
	struct owned o;
	if (owned_build(&o, m) < 0) {
		owned_free(&o);
		return -1;
	}
	int bad = add_groups(t, &cap, m, &o) < 0 || add_categories(t, &cap, m, &o) < 0;
	owned_free(&o);
	if (bad)
		return -1;
	t->rows = malloc(((size_t)t->nnodes + 1) * sizeof *t->rows);
	if (!t->rows)
		return -1;
	tree_refresh(t, m);
	return 0;
}

void tree_free(struct tree *t)
{
	for (int i = 0; i < t->nnodes; i++)
		if (t->nodes[i].kind == NODE_CATEGORY && strcmp(t->nodes[i].label, "Interfaces"))
			free((char *)t->nodes[i].label);
	free(t->nodes);
	free(t->rows);
	memset(t, 0, sizeof *t);
}

/* Hidden: an item the resolver says does not exist now (an option of a library that is
 * off), unless search revealed it or the user asked to see everything. */
bool tree_node_hidden(const struct tree *t, const struct tm_model *m, int node)
{
	const struct node *n = &t->nodes[node];
	if (n->kind != NODE_ITEM || t->show_hidden || n->revealed)
		return false;
	return !tm_state(m, n->item)->active;
}

void tree_refresh(struct tree *t, const struct tm_model *m)
{
	bool *shown = calloc((size_t)t->nnodes + 1, sizeof *shown);
	t->nrows = 0;
	if (!shown)
		return;
	for (int i = 0; i < t->nnodes; i++) {
		int p = t->nodes[i].parent;
		shown[i] =
			(p < 0 || (shown[p] && t->nodes[p].expanded)) && !tree_node_hidden(t, m, i);
		if (shown[i])
			t->rows[t->nrows++] = i;
	}
	free(shown);
}

int tree_row_of_node(const struct tree *t, int node)
{
	for (int r = 0; r < t->nrows; r++)
		if (t->rows[r] == node)
			return r;
	return -1;
}

int tree_node_of_item(const struct tree *t, size_t item)
{
	for (int i = 0; i < t->nnodes; i++)
		if (t->nodes[i].kind == NODE_ITEM && t->nodes[i].item == item)
			return i;
	return -1;
}

/* Makes node visible: expands its ancestors and marks hidden ones along the way revealed. */
void tree_reveal(struct tree *t, const struct tm_model *m, int node)
{
	for (int p = node; p >= 0; p = t->nodes[p].parent) {
		if (p != node)
			t->nodes[p].expanded = true;
		if (tree_node_hidden(t, m, p))
			t->nodes[p].revealed = true;
	}
	tree_refresh(t, m);
}

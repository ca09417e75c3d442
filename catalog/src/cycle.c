/*
 * Dependency cycles. A library or option whose depends (or an option whose default)
 * leads back to itself is a mistake Kconfig also refuses ("recursive dependency"); kiln
 * reports each cycle as one line with its path. The same walk gives the options in
 * dependency order, the order in which the resolver prefers their defaults.
 */
#include <stdlib.h>
#include <string.h>

#include "cat_int.h"

#define MAX_CYCLES 20

struct edge {
	size_t from, to;
	const char *field; /* "depends" or "default" */
};

struct graph {
	struct cat_catalog *cat;
	struct edge *e;
	size_t n, cap;
	size_t *first; /* CSR: edges of node u are e[first[u] .. first[u+1]) */
	size_t from;
	const char *field;
};

static size_t node_count(const struct cat_catalog *cat)
{
	return cat->nlibs + cat->nopts;
}

static void add_edge(struct graph *g, size_t to)
{
	vextend(&g->e, &g->cap, g->n, sizeof(*g->e));
	g->e[g->n++] = (struct edge){ g->from, to, g->field };
}

static void edge_to_ref(struct cat_expr *x, void *arg)
{
	struct graph *g = arg;
	const struct cat_catalog *cat = g->cat;

	if (x->ref == REF_LIB)
		add_edge(g, (size_t)x->idx);
	else if (x->ref == REF_OPT)
		add_edge(g, cat->nlibs + (size_t)x->idx);
	else if (x->ref == REF_IFACE)
		for (size_t k = 0; k < cat->ifaces[x->idx].nprov; k++)
			add_edge(g, cat->ifaces[x->idx].prov[k]);
}

static void build(struct graph *g)
{
	struct cat_catalog *cat = g->cat;
	size_t n = node_count(cat);

	for (size_t i = 0; i < cat->nlibs; i++) {
		g->from = i;
		g->field = "depends";
		expr_walk(cat->libs[i].cons.depends, edge_to_ref, g);
	}
	for (size_t i = 0; i < cat->nopts; i++) {
		g->from = cat->nlibs + i;
		g->field = "depends";
		add_edge(g, cat->opts[i].lib);
		expr_walk(cat->opts[i].cons.depends, edge_to_ref, g);
		g->field = "default";
		for (size_t d = 0; d < cat->opts[i].ndefs; d++)
			expr_walk(cat->opts[i].defs[d].cond, edge_to_ref, g);
	}
	/* The edges are made node after node, so they are grouped by from as they are: no
	 * sort before the index. */
	g->first = xcalloc(n + 1, sizeof(*g->first));
	for (size_t i = 0; i < g->n; i++)
		g->first[g->e[i].from + 1]++;
	for (size_t i = 0; i < n; i++)
		g->first[i + 1] += g->first[i];
}

static const char *node_name(const struct cat_catalog *cat, size_t u)
{
	return u < cat->nlibs ? cat->libs[u].name : cat->opts[u - cat->nlibs].name;
}

static void report(struct graph *g, struct cat_err *err, const size_t *stack, size_t from,
		   size_t depth, const struct edge *back)
{
	struct cat_catalog *cat = g->cat;
	struct sbuf path = { 0 };
	size_t u = stack[from];
	size_t lib = u < cat->nlibs ? u : cat->opts[u - cat->nlibs].lib;
	const struct edge *first = back;
	struct jpath jp[3];
	const struct cat_text *t;
	int line = 0, col = 0, d = 0;

	for (size_t i = from; i < depth; i++)
		sb_printf(&path, "%s -> ", node_name(cat, stack[i]));
	sb_puts(&path, node_name(cat, u));
	/* Point at the field of the cycle's first node that leads to the second one. */
	if (from + 1 < depth)
		for (size_t k = g->first[u]; k < g->first[u + 1]; k++)
			if (g->e[k].to == stack[from + 1])
				first = &g->e[k];
	if (u >= cat->nlibs) {
		jp[d++] = (struct jpath){ "options", 0 };
		jp[d++] = (struct jpath){ node_name(cat, u), 0 };
	}
	jp[d++] = (struct jpath){ first->field, 0 };
	if ((t = cat_text(cat, lib)))
		json_locate(t->s, t->n, jp, d, 0, &line, &col);
	if (u >= cat->nlibs)
		cat_err_add(err, cat->libs[lib].file, line, col,
			    "options.%s.%s: dependency cycle: %s", node_name(cat, u), first->field,
			    path.s);
	else
		cat_err_add(err, cat->libs[lib].file, line, col, "%s: dependency cycle: %s",
			    first->field, path.s);
	sb_free(&path);
}

/* Iterative DFS (catalogs have thousands of nodes); colour 1 = on the stack, 2 = done. */
static int dfs(struct graph *g, struct cat_err *err, unsigned char *colour, size_t root,
	       size_t *stack, size_t *pos, long *topo, size_t *ntopo, int *ncycles)
{
	size_t depth = 0;

	stack[depth] = root;
	pos[depth++] = g->first[root];
	colour[root] = 1;
	while (depth) {
		size_t u = stack[depth - 1];

		if (pos[depth - 1] == g->first[u + 1]) {
			colour[u] = 2;
			if (u >= g->cat->nlibs)
				topo[(*ntopo)++] = (long)(u - g->cat->nlibs);
			depth--;
			continue;
		}
		const struct edge *e = &g->e[pos[depth - 1]++];

		if (colour[e->to] == 1 && *ncycles < MAX_CYCLES) {
			size_t from = depth;

			while (stack[from - 1] != e->to)
				from--;
			report(g, err, stack, from - 1, depth, e);
			++*ncycles;
		} else if (colour[e->to] == 0) {
			colour[e->to] = 1;
			stack[depth] = e->to;
			pos[depth++] = g->first[e->to];
		}
	}
	return 0;
}

int check_cycles(struct cat_catalog *cat, struct cat_err *err)
{
	struct graph g = { .cat = cat };
	size_t n = node_count(cat), ntopo = 0;
	unsigned char *colour = xcalloc(n, 1);
	size_t *stack = xmalloc((n + 1) * sizeof(*stack)), *pos = xmalloc((n + 1) * sizeof(*pos));
	int ncycles = 0;

	build(&g);
	cat->topo = xmalloc((cat->nopts + 1) * sizeof(*cat->topo));
	for (size_t u = 0; u < n; u++)
		if (!colour[u])
			dfs(&g, err, colour, u, stack, pos, cat->topo, &ntopo, &ncycles);
	free(colour);
	free(stack);
	free(pos);
	free(g.e);
	free(g.first);
	return ncycles ? -1 : 0;
}

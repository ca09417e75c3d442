/*
 * Whole-catalog checks, once every lib.json is read: unique names, interfaces and their
 * default providers, known platforms, and every name in every expression bound to a
 * library, interface or option of the right type. Each problem is one line naming the file,
 * its position and the field.
 */
#include <stdlib.h>
#include <string.h>

#include "cat_int.h"

struct bind {
	struct cat_catalog *cat;
	struct cat_err *err;
	size_t lib;
	struct jpath path[4];
	int depth;
	int at_key;
};

static void berr(struct bind *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void berr(struct bind *b, const char *fmt, ...)
{
	const struct cat_text *t = cat_text(b->cat, b->lib);
	struct sbuf p = { 0 };
	char msg[512];
	va_list ap;
	int line = 0, col = 0;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (t)
		json_locate(t->s, t->n, b->path, b->depth, b->at_key, &line, &col);
	for (int i = 0; i < b->depth; i++) {
		if (b->path[i].key)
			sb_printf(&p, "%s%s", i ? "." : "", b->path[i].key);
		else
			sb_printf(&p, "[%zu]", b->path[i].index);
	}
	cat_err_add(b->err, b->cat->libs[b->lib].file, line, col, "%s: %s", p.s ? p.s : "", msg);
	sb_free(&p);
}

static void at(struct bind *b, int at_key, const char *k0, const char *k1, const char *k2)
{
	const char *k[3] = { k0, k1, k2 };

	b->depth = 0;
	b->at_key = at_key;
	for (int i = 0; i < 3; i++)
		if (k[i])
			b->path[b->depth++] = (struct jpath){ k[i], 0 };
}

static void bind_opt_ref(struct bind *b, struct cat_expr *e, long o)
{
	const struct cat_opt *opt = &b->cat->opts[o];
	static const char *const tn[] = { "a bool", "an int", "a hex", "a string", "a choice" };

	e->ref = REF_OPT;
	e->idx = o;
	if (e->op == E_NAME && opt->type != CAT_BOOL) {
		if (opt->type == CAT_CHOICE || opt->type == CAT_STRING)
			berr(b, "%s is %s option: compare it, as in %s == \"%s\"", e->name,
			     tn[opt->type], e->name, opt->nvalues ? opt->values[0] : "value");
		else
			berr(b, "%s is %s option and cannot appear in an expression", e->name,
			     tn[opt->type]);
	} else if (e->op != E_NAME && opt->type != CAT_CHOICE && opt->type != CAT_STRING) {
		berr(b, "%s is %s option: only choice and string options compare with ==", e->name,
		     tn[opt->type]);
	} else if (e->op != E_NAME && opt->type == CAT_CHOICE) {
		size_t i;

		for (i = 0; i < opt->nvalues && strcmp(opt->values[i], e->str); i++)
			;
		if (i == opt->nvalues) {
			const char *near = suggest_from(e->str, (const char *const *)opt->values,
							opt->nvalues);

			berr(b, "\"%s\" is not a value of %s%s%s%s", e->str, e->name,
			     near ? " (did you mean \"" : "", near ? near : "", near ? "\"?)" : "");
		}
	} else if (e->op != E_NAME) {
		dom_add(&b->cat->dom[o], e->str);
	}
}

static void bind_name(struct cat_expr *e, void *arg)
{
	struct bind *b = arg;
	const struct cat_catalog *cat = b->cat;
	long i;

	if (name_is_opt(e->name) && (i = cat_find_opt(cat, e->name)) >= 0) {
		bind_opt_ref(b, e, i);
		return;
	}
	if (e->op == E_NAME && (i = cat_find_lib(cat, e->name)) >= 0) {
		e->ref = REF_LIB;
		e->idx = i;
		return;
	}
	if (e->op == E_NAME && (i = iface_find(cat, e->name)) >= 0) {
		e->ref = REF_IFACE;
		e->idx = i;
		return;
	}
	const char *near = cat_suggest(cat, e->name);

	berr(b, "unknown name \"%s\" at column %d%s%s%s", e->name, e->col,
	     near ? " (did you mean " : "", near ? near : "", near ? "?)" : "");
}

static void bind_expr(struct bind *b, struct cat_expr *e)
{
	expr_walk(e, bind_name, b);
}

static void bind_cons(struct bind *b, struct cat_cons *k, const char *k0, const char *k1)
{
	at(b, 0, k0, k1, "depends");
	bind_expr(b, k->depends);
	at(b, 0, k0, k1, "conflicts");
	bind_expr(b, k->conflicts);
	at(b, 0, k0, k1, "selects");
	bind_expr(b, k->selects);
}

static void bind_lib(struct bind *b, size_t li)
{
	struct cat_lib *l = &b->cat->libs[li];

	b->lib = li;
	bind_cons(b, &l->cons, NULL, NULL);
	for (size_t i = 0; i < l->nsrcs; i++) {
		at(b, 0, "sources", NULL, NULL);
		b->path[b->depth++] = (struct jpath){ NULL, i };
		bind_expr(b, l->srcs[i].cond);
	}
	for (size_t i = 0; l->archive && i < l->archive->nsrcs; i++) {
		at(b, 0, "archive", "sources", NULL);
		b->path[b->depth++] = (struct jpath){ NULL, i };
		bind_expr(b, l->archive->srcs[i].cond);
	}
	for (size_t i = 0; i < l->nopts; i++) {
		struct cat_opt *o = &b->cat->opts[l->opt_first + i];

		bind_cons(b, &o->cons, "options", o->name);
		for (size_t d = 0; d < o->ndefs; d++) {
			at(b, 0, "options", o->name, "default");
			b->path[b->depth++] = (struct jpath){ NULL, d };
			bind_expr(b, o->defs[d].cond);
		}
	}
}

/* Libraries and options by name; a second definition is an error at its name. */
static void index_names(struct bind *b)
{
	struct cat_catalog *cat = b->cat;

	map_reserve(&cat->libmap, cat->nlibs);
	map_reserve(&cat->optmap, cat->nopts);
	for (size_t i = 0; i < cat->nlibs; i++) {
		b->lib = i;
		if (i && !strcmp(cat->libs[i].name, cat->libs[i - 1].name)) {
			at(b, 0, "name", NULL, NULL);
			berr(b, "library \"%s\" is already defined in %s", cat->libs[i].name,
			     cat->libs[i - 1].file);
			continue;
		}
		map_put(&cat->libmap, cat->libs[i].name, (long)i);
	}
	for (size_t i = 0; i < cat->nopts; i++) {
		long prev = map_get(&cat->optmap, cat->opts[i].name);

		if (prev >= 0) {
			b->lib = cat->opts[i].lib;
			at(b, 1, "options", cat->opts[i].name, NULL);
			berr(b, "option %s is already defined in %s", cat->opts[i].name,
			     cat->libs[cat->opts[prev].lib].file);
			continue;
		}
		map_put(&cat->optmap, cat->opts[i].name, (long)i);
	}
}

static int iface_get(struct cat_catalog *cat, const char *name)
{
	int k = iface_find(cat, name);

	if (k >= 0)
		return k;
	cat->ifaces = xrealloc(cat->ifaces, (cat->nifaces + 1) * sizeof(*cat->ifaces));
	cat->ifaces[cat->nifaces] = (struct cat_iface){ .name = xstrdup(name), .def = -1 };
	map_put(&cat->ifmap, cat->ifaces[cat->nifaces].name, (long)cat->nifaces);
	return (int)cat->nifaces++;
}

static void set_default_provider(struct bind *b, struct cat_iface *f, size_t li, size_t k)
{
	if (f->def >= 0 && (size_t)f->def != li) {
		b->path[0] = (struct jpath){ "default_for", 0 };
		b->path[1] = (struct jpath){ NULL, k };
		b->depth = 2;
		berr(b, "%s is already the default provider of \"%s\"", b->cat->libs[f->def].name,
		     f->name);
	}
	f->def = (long)li;
}

static void index_ifaces(struct bind *b)
{
	struct cat_catalog *cat = b->cat;

	for (size_t i = 0; i < cat->nlibs; i++) {
		struct cat_lib *l = &cat->libs[i];

		b->lib = i;
		for (size_t k = 0; k < l->provides.n; k++) {
			int fi = iface_get(cat, l->provides.v[k]); /* may move cat->ifaces */
			struct cat_iface *f = &cat->ifaces[fi];

			f->prov = xrealloc(f->prov, (f->nprov + 1) * sizeof(*f->prov));
			f->prov[f->nprov++] = i;
			if (cat_find_lib(cat, f->name) >= 0) {
				b->path[0] = (struct jpath){ "provides", 0 };
				b->path[1] = (struct jpath){ NULL, k };
				b->depth = 2;
				berr(b, "interface \"%s\" has the name of a library", f->name);
			}
		}
		for (size_t k = 0; k < l->default_for.n; k++)
			set_default_provider(b, &cat->ifaces[iface_find(cat, l->default_for.v[k])],
					     i, k);
	}
	for (size_t i = 0; i < cat->nlibs; i++) {
		struct cat_lib *l = &cat->libs[i];

		b->lib = i;
		for (size_t k = 0; k < l->requires.n; k++) {
			if (iface_find(cat, l->requires.v[k]) >= 0)
				continue;
			b->path[0] = (struct jpath){ "requires", 0 };
			b->path[1] = (struct jpath){ NULL, k };
			b->depth = 2;
			berr(b, "no library provides \"%s\"", l->requires.v[k]);
		}
	}
	for (size_t i = 0; i < cat->nifaces; i++)
		if (cat->ifaces[i].def < 0)
			cat->ifaces[i].def = (long)cat->ifaces[i].prov[0]; /* first by name */
}

static void check_platforms(struct bind *b)
{
	struct cat_catalog *cat = b->cat;

	for (size_t i = 0; i < cat->nlibs; i++)
		if (cat->libs[i].kind == CAT_PLATFORM)
			strv_push(&cat->plats, cat->libs[i].platform);
	for (size_t i = 0; i < cat->nlibs; i++) {
		const struct cat_strv *p = &cat->libs[i].platforms;

		b->lib = i;
		for (size_t k = 0; k < p->n; k++) {
			size_t j;

			for (j = 0; j < cat->plats.n && strcmp(cat->plats.v[j], p->v[k]); j++)
				;
			if (j < cat->plats.n)
				continue;
			b->path[0] = (struct jpath){ "platforms", 0 };
			b->path[1] = (struct jpath){ NULL, k };
			b->depth = 2;
			berr(b, "unknown platform \"%s\" (no platform library implements it)",
			     p->v[k]);
		}
	}
}

int dom_slot(const struct cat_domain *d, const char *str)
{
	for (size_t i = 0; i < d->nslots - (size_t)d->other; i++)
		if (!strcmp(d->slots[i], str))
			return (int)i;
	return -1;
}

int dom_add(struct cat_domain *d, const char *str)
{
	int k = d->nslots ? dom_slot(d, str) : -1;

	if (k >= 0)
		return k;
	d->slots = xrealloc(d->slots, (d->nslots + 1) * sizeof(*d->slots));
	d->slots[d->nslots] = xstrdup(str);
	return (int)d->nslots++;
}

/* Choice: its values. Compared string: the literals, its defaults, and "other". */
static void build_domains(struct cat_catalog *cat)
{
	for (size_t i = 0; i < cat->nopts; i++) {
		struct cat_opt *o = &cat->opts[i];
		struct cat_domain *d = &cat->dom[i];

		if (o->type == CAT_CHOICE) {
			for (size_t k = 0; k < o->nvalues; k++)
				dom_add(d, o->values[k]);
		} else if (o->type == CAT_STRING && d->nslots) {
			for (size_t k = 0; k < o->ndefs; k++)
				dom_add(d, o->defs[k].val.str);
			dom_add(d, "");
			d->slots = xrealloc(d->slots, (d->nslots + 1) * sizeof(*d->slots));
			d->slots[d->nslots++] = xstrdup("(other)");
			d->other = 1;
		}
	}
}

static void set_slot(struct cat_expr *e, void *arg)
{
	struct cat_catalog *cat = arg;

	if (e->op != E_NAME && e->ref == REF_OPT)
		e->slot = dom_slot(&cat->dom[e->idx], e->str);
}

static void set_slots_cons(struct cat_catalog *cat, struct cat_cons *k)
{
	expr_walk(k->depends, set_slot, cat);
	expr_walk(k->conflicts, set_slot, cat);
	expr_walk(k->selects, set_slot, cat);
}

static void set_slots(struct cat_catalog *cat)
{
	for (size_t i = 0; i < cat->nlibs; i++) {
		set_slots_cons(cat, &cat->libs[i].cons);
		for (size_t k = 0; k < cat->libs[i].nsrcs; k++)
			expr_walk(cat->libs[i].srcs[k].cond, set_slot, cat);
		for (size_t k = 0; cat->libs[i].archive && k < cat->libs[i].archive->nsrcs; k++)
			expr_walk(cat->libs[i].archive->srcs[k].cond, set_slot, cat);
	}
	for (size_t i = 0; i < cat->nopts; i++) {
		set_slots_cons(cat, &cat->opts[i].cons);
		for (size_t k = 0; k < cat->opts[i].ndefs; k++)
			expr_walk(cat->opts[i].defs[k].cond, set_slot, cat);
	}
}

int check_catalog(struct cat_catalog *cat, struct cat_err *err)
{
	struct bind b = { .cat = cat, .err = err };
	size_t before = err->n;

	cat->dom = xcalloc(cat->nopts, sizeof(*cat->dom));
	index_names(&b);
	index_ifaces(&b);
	check_platforms(&b);
	for (size_t i = 0; i < cat->nlibs; i++)
		bind_lib(&b, i);
	if (err->n > before)
		return -1;
	build_domains(cat);
	set_slots(cat);
	return 0;
}

/*
 * Building a result from the solver's final state: every library on or off, every option
 * with its value, each with its provenance. Values the SAT encoding does not carry (ints,
 * hex, strings never compared) are their user value or their default, evaluated over the
 * final assignment.
 */
#include <stdlib.h>
#include <string.h>

#include "lctx.h"
#include "result_int.h"

int result_var_true(const struct cat_result *r, int var)
{
	return r->model[var] == 1;
}

struct cat_profile *profile_dup(const struct cat_profile *p)
{
	struct cat_profile *c = xcalloc(1, sizeof(*c));

	c->file = p->file ? xstrdup(p->file) : NULL;
	c->name = p->name ? xstrdup(p->name) : NULL;
	c->app = xstrdup(p->app);
	c->app_dir = p->app_dir ? xstrdup(p->app_dir) : NULL;
	c->targets = xcalloc(p->ntargets + 1, sizeof(*c->targets));
	for (size_t i = 0; i < p->ntargets; i++)
		c->targets[c->ntargets++] = xstrdup(p->targets[i]);
	c->decs = xcalloc(p->ndecs + 1, sizeof(*c->decs));
	for (size_t i = 0; i < p->ndecs; i++) {
		c->decs[i] = p->decs[i];
		c->decs[i].name = xstrdup(p->decs[i].name);
		val_copy(&c->decs[i].val, &p->decs[i].val);
	}
	c->ndecs = p->ndecs;
	c->args = xcalloc(p->nargs + 1, sizeof(*c->args));
	for (size_t i = 0; i < p->nargs; i++)
		c->args[c->nargs++] = xstrdup(p->args[i]);
	c->catalog = p->catalog;
	c->app_line = p->app_line;
	c->app_col = p->app_col;
	c->targets_line = p->targets_line;
	c->targets_col = p->targets_col;
	return c;
}

/* The first default whose condition holds (or the last, unconditional one). */
static const struct cat_val *default_of(const struct cat_result *r, const struct cat_opt *o)
{
	for (size_t i = 0; i < o->ndefs; i++)
		if (!o->defs[i].cond || eval_expr(r, o->defs[i].cond))
			return &o->defs[i].val;
	return NULL;
}

static void zero_value(const struct cat_opt *o, struct cat_val *v)
{
	v->num = 0;
	v->str = o->type == CAT_CHOICE	 ? xstrdup(o->values[0])
		 : o->type == CAT_STRING ? xstrdup("")
					 : NULL;
}

static void user_value(const struct cat_opt *o, const struct cat_decision *d, struct cat_val *v)
{
	char why[64];

	if (opt_accepts(o, d->jtype, &d->val, v, why, sizeof(why)) < 0)
		zero_value(o, v);
}

/* int, hex and uncompared strings: not in the encoding, only their "active" variable. */
static void plain_option(struct cat_result *r, size_t oi, struct cat_setting *st)
{
	const struct cat_opt *o = &r->cat->opts[oi];
	const struct cat_decision *d = cat_profile_find(r->prof, o->name);
	const struct cat_val *def;

	if (d) {
		user_value(o, d, &st->val);
		st->prov = CAT_PROV_USER;
		st->decision = d - r->prof->decs;
		st->origin = (struct cat_origin){ o->name, "options", r->prof->file };
		return;
	}
	def = default_of(r, o);
	if (def)
		val_copy(&st->val, def);
	else
		zero_value(o, &st->val);
	st->prov = CAT_PROV_DEFAULT;
	st->origin = (struct cat_origin){ o->name, "default", r->cat->libs[o->lib].file };
}

static void enum_option(struct cat_result *r, size_t oi, struct cat_setting *st)
{
	const struct cat_domain *dom = &r->cat->dom[oi];
	int base = r->s->slot_base[oi];

	for (size_t k = 0; k < dom->nslots; k++) {
		if (!result_var_true(r, base + (int)k))
			continue;
		prov_of(r, base + (int)k, st);
		if (dom->other && k + 1 == dom->nslots) {
			const struct cat_decision *d =
				cat_profile_find(r->prof, r->cat->opts[oi].name);

			st->val.str = xstrdup(d && d->val.str ? d->val.str : "");
		} else {
			st->val.str = xstrdup(dom->slots[k]);
		}
		return;
	}
}

static void set_option(struct cat_result *r, size_t oi)
{
	const struct cat_opt *o = &r->cat->opts[oi];
	struct cat_setting *st = &r->opts[oi];
	int act = r->s->act_var[oi];

	st->decision = -1;
	st->on = result_var_true(r, act);
	if (!st->on) {
		int lib_on = result_var_true(r, r->s->lib_var[o->lib]);

		st->prov = CAT_PROV_INACTIVE;
		st->origin = (struct cat_origin){ lib_on ? o->name : r->cat->libs[o->lib].name,
						  lib_on ? "depends" : "off",
						  r->cat->libs[o->lib].file };
		if (o->type != CAT_BOOL)
			zero_value(o, &st->val);
		return;
	}
	if (o->type == CAT_BOOL) {
		prov_of(r, r->s->opt_var[oi], st);
		st->on = st->val.num = result_var_true(r, r->s->opt_var[oi]);
	} else if (r->cat->dom[oi].nslots) {
		enum_option(r, oi, st);
	} else {
		plain_option(r, oi, st);
	}
}

struct cat_result *result_build(struct cat_solver *s, const struct cat_profile *p)
{
	struct cat_result *r = xcalloc(1, sizeof(*r));
	size_t nv = (size_t)s->nvars + 1;

	r->s = s;
	r->cat = s->cat;
	r->prof = profile_dup(p);
	free(r->prof->name);
	r->prof->name = cat_profile_outname(p);
	r->model = memcpy(xmalloc(nv), s->model, nv);
	r->reason = memcpy(xmalloc(nv * sizeof(*r->reason)), s->reason, nv * sizeof(*r->reason));
	r->dec_of = memcpy(xmalloc(nv * sizeof(*r->dec_of)), s->dec_of, nv * sizeof(*r->dec_of));
	r->decided = xcalloc(nv, 1);
	r->named = xcalloc(s->cat->nlibs + 1, sizeof(*r->named));
	for (size_t i = 0; i < s->decided; i++)
		r->decided[abs(s->trail[i])] = 1;
	r->pos = xmalloc(nv * sizeof(*r->pos));
	for (size_t v = 0; v < nv; v++)
		r->pos[v] = INT32_MAX;
	for (size_t i = 0; i < s->ntrail; i++)
		r->pos[abs(s->trail[i])] = (int32_t)i;
	r->libs = xcalloc(s->cat->nlibs + 1, sizeof(*r->libs));
	r->opts = xcalloc(s->cat->nopts + 1, sizeof(*r->opts));
	for (size_t i = 0; i < s->cat->nlibs; i++) {
		prov_of(r, s->lib_var[i], &r->libs[i]);
		r->libs[i].on = result_var_true(r, s->lib_var[i]);
	}
	for (size_t i = 0; i < s->cat->nopts; i++)
		set_option(r, i);
	return r;
}

void cat_result_free(struct cat_result *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->cat->nopts; i++)
		val_free(&r->opts[i].val);
	cat_profile_free(r->prof);
	free(r->model);
	free(r->reason);
	free(r->dec_of);
	free(r->decided);
	free(r->pos);
	free(r->libs);
	free(r->opts);
	for (size_t i = 0; r->named && i < r->cat->nlibs; i++)
		free(r->named[i].v);
	free(r->named);
	free(r);
}

const struct cat_setting *cat_result_lib(const struct cat_result *r, size_t lib)
{
	return lib < r->cat->nlibs ? &r->libs[lib] : NULL;
}

const struct cat_setting *cat_result_opt(const struct cat_result *r, size_t opt)
{
	return opt < r->cat->nopts ? &r->opts[opt] : NULL;
}

const struct cat_catalog *cat_result_catalog(const struct cat_result *r)
{
	return r->cat;
}

const struct cat_profile *cat_result_profile(const struct cat_result *r)
{
	return r->prof;
}

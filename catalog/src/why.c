/*
 * Provenance: from the propagator's reasons to "user", "default" or "forced by a named
 * constraint", and the chains behind them (kiln why). A reason clause that only defines an
 * auxiliary variable is looked through, back to the lib.json field that caused it.
 */
#include <stdlib.h>
#include <string.h>

#include "profile_int.h"
#include "result_int.h"

#define EXPLAIN_MAX_DEPTH 64

const char *cat_prov_name(enum cat_prov p)
{
	static const char *const names[] = {"user", "default", "forced", "inactive"};

	return p <= CAT_PROV_INACTIVE ? names[p] : "?";
}

static int is_named(enum var_kind k)
{
	return k == V_LIB || k == V_IFACE || k == V_OPT || k == V_SLOT;
}

long explain(const struct cat_solver *s, const int32_t *reason, long c, int skip, int *named,
	     size_t *nnamed, size_t max, int depth)
{
	long found = s->orig[c].kind != O_DEF ? c : -1;

	for (uint32_t i = s->start[c]; i < s->start[c + 1]; i++) {
		int v = abs(s->lits[i]);
		enum var_kind k = (enum var_kind)s->vkind[v];

		if (v == skip)
			continue;
		if (is_named(k) && named) {
			size_t j;

			for (j = 0; j < *nnamed && named[j] != v; j++)
				;
			if (j == *nnamed && *nnamed < max)
				named[(*nnamed)++] = v;
		} else if ((k == V_AUX || k == V_ACT) && reason[v] >= 0 &&
			   depth < EXPLAIN_MAX_DEPTH) {
			long f = explain(s, reason, reason[v], v, named, nnamed, max, depth + 1);

			if (found < 0)
				found = f;
		}
	}
	return found;
}

void origin_of(const struct cat_result *r, long c, struct cat_origin *o)
{
	const struct cat_catalog *cat = r->cat;
	const struct origin *g = &r->s->orig[c];
	static const char *const fields[] = {
	    [O_LIB_DEPENDS] = "depends",	[O_LIB_CONFLICTS] = "conflicts",
	    [O_LIB_SELECTS] = "selects",	[O_LIB_REQUIRES] = "requires",
	    [O_LIB_PLATFORMS] = "platforms",	[O_IFACE_ONE] = "one provider",
	    [O_IFACE_DEF] = "provides",		[O_OPT_LIB] = "library",
	    [O_OPT_DEPENDS] = "depends",	[O_OPT_CONFLICTS] = "conflicts",
	    [O_OPT_SELECTS] = "selects",	[O_OPT_ONE] = "values",
	    [O_PREF_OPT] = "default",		[O_PREF_IFACE] = "default provider",
	    [O_PREF_LIB] = "off unless needed",
	};

	memset(o, 0, sizeof(*o));
	if (g->kind == O_DEF || g->kind == O_TRUE)
		return;
	o->field = fields[g->kind];
	switch (g->kind) {
	case O_IFACE_ONE:
	case O_IFACE_DEF:
	case O_PREF_IFACE:
		o->subject = cat->ifaces[g->subject].name;
		break;
	case O_OPT_LIB:
	case O_OPT_DEPENDS:
	case O_OPT_CONFLICTS:
	case O_OPT_SELECTS:
	case O_OPT_ONE:
	case O_PREF_OPT:
		o->subject = cat->opts[g->subject].name;
		o->file = cat->libs[cat->opts[g->subject].lib].file;
		break;
	default:
		o->subject = cat->libs[g->subject].name;
		o->file = cat->libs[g->subject].file;
	}
}

static void user_origin(const struct cat_result *r, long d, struct cat_origin *o)
{
	const struct cat_profile *p = r->prof;

	o->file = p->file;
	if (d < (long)p->ndecs) {
		o->subject = p->decs[d].name;
		o->field = p->decs[d].kind == CAT_DEC_LIB ? "libraries" : "options";
	} else {
		o->subject = d == (long)p->ndecs ? p->app : "targets";
		o->field = d == (long)p->ndecs ? "app" : "targets";
	}
}

void prov_of(const struct cat_result *r, int var, struct cat_setting *out)
{
	int32_t why = r->reason[var];

	out->decision = -1;
	memset(&out->origin, 0, sizeof(out->origin));
	out->prov = CAT_PROV_FORCED;
	if (why == R_DECISION) {
		out->prov = CAT_PROV_USER;
		out->decision = r->dec_of[var];
		user_origin(r, out->decision, &out->origin);
		if (out->decision >= (long)r->prof->ndecs)
			out->decision = -1;
		return;
	}
	if (r->s->vkind[var] == V_LIB && !result_var_true(r, var) && !r->decided[var] &&
	    r->cat->libs[r->s->vidx[var]].kind == CAT_LIBRARY) {
		/* Off, and the user's decisions alone do not say so: nothing needs it. */
		out->prov = CAT_PROV_DEFAULT;
		out->origin = (struct cat_origin){r->cat->libs[r->s->vidx[var]].name,
						  "off unless needed", NULL};
		return;
	}
	if (why < 0)
		return; /* beyond propagation: the constraints together */
	long c = explain(r->s, r->reason, why, var, NULL, NULL, 0, 0);

	if (c < 0)
		return;
	origin_of(r, c, &out->origin);
	if (r->s->orig[c].kind >= O_PREF_OPT)
		out->prov = CAT_PROV_DEFAULT;
}

/* ---- kiln why ----------------------------------------------------------------------------- */

struct why_walk {
	const struct cat_result *r;
	struct cat_why *steps;
	size_t max, n;
	uint8_t *seen;
};

static const char *var_name(const struct cat_result *r, int v)
{
	uint32_t i = r->s->vidx[v];

	switch (r->s->vkind[v]) {
	case V_LIB:
		return r->cat->libs[i].name;
	case V_IFACE:
		return r->cat->ifaces[i].name;
	default:
		return r->cat->opts[i].name;
	}
}

static void var_value(const struct cat_result *r, int v, char *buf, size_t n)
{
	int on = result_var_true(r, v);

	if (r->s->vkind[v] == V_SLOT) {
		uint32_t oi = r->s->vidx[v];
		const char *slot = r->cat->dom[oi].slots[v - r->s->slot_base[oi]];

		snprintf(buf, n, "%s\"%s\"", on ? "" : "not ", slot);
	} else {
		snprintf(buf, n, "%s", on ? "y" : "n");
	}
}

static void walk(struct why_walk *w, int v, int depth)
{
	const struct cat_result *r = w->r;
	struct cat_setting st;
	int named[16];
	size_t nn = 0;

	if (w->seen[v])
		return;
	w->seen[v] = 1;
	prov_of(r, v, &st);
	if (w->n < w->max) {
		struct cat_why *s = &w->steps[w->n];

		s->depth = depth;
		s->name = var_name(r, v);
		var_value(r, v, s->value, sizeof(s->value));
		s->prov = st.prov;
		s->origin = st.origin;
	}
	w->n++;
	if (r->reason[v] >= 0 &&
	    !(st.origin.field && !strcmp(st.origin.field, "off unless needed")))
		explain(r->s, r->reason, r->reason[v], v, named, &nn, 16, 0);
	for (size_t i = 0; i < nn; i++)
		walk(w, named[i], depth + 1);
}

/* The variable that tells an option's story: its value's, or its library's. */
static int option_var(const struct cat_result *r, long oi)
{
	const struct cat_solver *s = r->s;
	const struct cat_domain *dom = &r->cat->dom[oi];

	if (!r->opts[oi].on || (!s->opt_var[oi] && !dom->nslots))
		return s->lib_var[r->cat->opts[oi].lib];
	if (s->opt_var[oi])
		return s->opt_var[oi];
	for (size_t k = 0; k < dom->nslots; k++)
		if (result_var_true(r, s->slot_base[oi] + (int)k))
			return s->slot_base[oi] + (int)k;
	return s->lib_var[r->cat->opts[oi].lib];
}

long cat_result_why(const struct cat_result *r, const char *name, struct cat_why *steps, size_t max)
{
	struct why_walk w = {r, steps, max, 0, xcalloc((size_t)r->s->nvars + 1, 1)};
	long li = cat_find_lib(r->cat, name), oi = cat_find_opt(r->cat, name);
	int k = iface_find(r->cat, name);

	if (li >= 0) {
		walk(&w, r->s->lib_var[li], 0);
	} else if (k >= 0) {
		walk(&w, r->s->iface_var[k], 0);
	} else if (oi >= 0) {
		int v = option_var(r, oi);
		int own = r->s->opt_var[oi] == v || r->s->vkind[v] == V_SLOT;

		if (!own && max) { /* the option's own line, then its library's story */
			steps[0].depth = 0;
			steps[0].name = r->cat->opts[oi].name;
			cat_value_str(r, -1, oi, steps[0].value, sizeof(steps[0].value));
			steps[0].prov = r->opts[oi].prov;
			steps[0].origin = r->opts[oi].origin;
			w.n = 1;
		}
		walk(&w, v, own ? 0 : 1);
	} else {
		free(w.seen);
		return -1;
	}
	free(w.seen);
	return (long)w.n;
}

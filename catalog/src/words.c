/*
 * Explanations in words: each clause origin (a lib.json field) as a short reason ("hello
 * depends on printk", "only one provider of allocator can be on"), each variable's value
 * as a state ("printk is on", "PRINTK_LEVEL is not \"warn\""), each user decision as what
 * the user did ("you turned net on"), and each constraint as a reference to the field in
 * its lib.json (file, line, column).
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "explain_int.h"
#include "profile_int.h"

static const char *const field_names[] = {
	[O_LIB_DEPENDS] = "depends",	    [O_LIB_CONFLICTS] = "conflicts",
	[O_LIB_SELECTS] = "selects",	    [O_LIB_REQUIRES] = "requires",
	[O_LIB_PLATFORMS] = "platforms",    [O_IFACE_ONE] = "one provider",
	[O_IFACE_DEF] = "provides",	    [O_OPT_LIB] = "library",
	[O_OPT_DEPENDS] = "depends",	    [O_OPT_CONFLICTS] = "conflicts",
	[O_OPT_SELECTS] = "selects",	    [O_OPT_ONE] = "values",
	[O_PREF_OPT] = "default",	    [O_PREF_IFACE] = "default provider",
	[O_PREF_LIB] = "off unless needed",
};

const char *field_name(uint8_t kind)
{
	return kind <= O_PREF_LIB ? field_names[kind] : NULL;
}

const char *var_subject(const struct cat_solver *s, int var)
{
	uint32_t i = s->vidx[var];

	switch (s->vkind[var]) {
	case V_LIB:
		return s->cat->libs[i].name;
	case V_IFACE:
		return s->cat->ifaces[i].name;
	case V_OPT:
	case V_SLOT:
	case V_ACT:
		return s->cat->opts[i].name;
	default:
		return "?";
	}
}

char *value_of(const struct cat_solver *s, int var, int sign)
{
	uint32_t i = s->vidx[var];

	switch (s->vkind[var]) {
	case V_SLOT:
		return xasprintf("%s\"%s\"", sign > 0 ? "" : "not ",
				 s->cat->dom[i].slots[var - s->slot_base[i]]);
	case V_IFACE:
		return xstrdup(sign > 0 ? "provided" : "not provided");
	case V_ACT:
		return xstrdup(sign > 0 ? "available" : "unavailable");
	default:
		return xstrdup(sign > 0 ? "on" : "off");
	}
}

/* "printk is on", "a provider of allocator is on", "PRINTK_LEVEL is not \"warn\"". */
char *state_words(const struct cat_solver *s, int var, int sign)
{
	char *v, *out;

	if (s->vkind[var] == V_IFACE)
		return xasprintf("%s provider of %s is on", sign > 0 ? "a" : "no",
				 var_subject(s, var));
	v = value_of(s, var, sign);
	out = xasprintf("%s is %s", var_subject(s, var), v);
	free(v);
	return out;
}

/* A single name as is, anything longer in parentheses. */
char *expr_words(const char *text)
{
	int plain = isalpha((unsigned char)text[0]) || text[0] == '_';

	for (const char *p = text; *p && plain; p++)
		plain = isalnum((unsigned char)*p) || *p == '_' || *p == '-';
	return plain ? xstrdup(text) : xasprintf("(%s)", text);
}

static void list_words(struct sbuf *b, const char *const *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		sb_printf(b, "%s%s", i ? (i + 1 == n ? " and " : ", ") : "", v[i]);
}

static const struct cat_cons *cons_of(const struct cat_catalog *cat, uint8_t k, uint32_t subj)
{
	return k >= O_OPT_LIB ? &cat->opts[subj].cons : &cat->libs[subj].cons;
}

static const char *cons_text(const struct cat_cons *k, uint8_t kind)
{
	if (kind == O_LIB_DEPENDS || kind == O_OPT_DEPENDS)
		return k->depends_text;
	if (kind == O_LIB_CONFLICTS || kind == O_OPT_CONFLICTS)
		return k->conflicts_text;
	return k->selects_text;
}

static void val_words(struct sbuf *b, const struct cat_opt *o, const struct cat_val *v)
{
	if (o->type == CAT_BOOL)
		sb_puts(b, v->num ? "on" : "off");
	else if (o->type == CAT_INT)
		sb_printf(b, "%lld", v->num);
	else if (o->type == CAT_HEX)
		sb_printf(b, "0x%llx", (unsigned long long)v->num);
	else
		sb_printf(b, "\"%s\"", v->str ? v->str : "");
}

/* "PRINTK_COLOR defaults to on if PRINTK_TIMESTAMPS, else off" */
static char *default_words(const struct cat_opt *o)
{
	struct sbuf b = { 0 };

	sb_printf(&b, "%s defaults to ", o->name);
	for (size_t i = 0; i < o->ndefs; i++) {
		if (i)
			sb_puts(&b, ", else ");
		val_words(&b, o, &o->defs[i].val);
		if (o->defs[i].cond_text)
			sb_printf(&b, " if %s", o->defs[i].cond_text);
	}
	return b.s;
}

/* The first variable of kind k in clause c (other than skip), or 0. */
static int clause_var_of_kind(const struct cat_solver *s, long c, enum var_kind k, int skip)
{
	for (uint32_t i = s->start[c]; i < s->start[c + 1]; i++)
		if (s->vkind[abs(s->lits[i])] == k && abs(s->lits[i]) != skip)
			return abs(s->lits[i]);
	return 0;
}

static char *providers_words(const struct cat_solver *s, uint32_t fi)
{
	const struct cat_iface *f = &s->cat->ifaces[fi];
	const char **names = xmalloc((f->nprov + 1) * sizeof(*names));
	struct sbuf b = { 0 };

	for (size_t k = 0; k < f->nprov; k++)
		names[k] = s->cat->libs[f->prov[k]].name;
	sb_printf(&b, "the provider%s of %s %s ", f->nprov > 1 ? "s" : "", f->name,
		  f->nprov > 1 ? "are" : "is");
	list_words(&b, names, f->nprov);
	free(names);
	return b.s;
}

static const char *subject_name(const struct cat_catalog *cat, uint8_t kind, uint32_t subj)
{
	if (kind == O_IFACE_ONE || kind == O_IFACE_DEF || kind == O_PREF_IFACE)
		return cat->ifaces[subj].name;
	if (kind >= O_OPT_LIB && kind != O_PREF_LIB)
		return cat->opts[subj].name;
	return cat->libs[subj].name;
}

char *phrase_group(const struct cat_solver *s, uint8_t kind, uint32_t subj)
{
	const struct cat_catalog *cat = s->cat;
	const char *name = subject_name(cat, kind, subj);
	static const char *const verbs[] = { "depends on", "conflicts with", "selects" };
	struct sbuf b = { 0 };
	char *e;

	switch (kind) {
	case O_LIB_DEPENDS:
	case O_LIB_CONFLICTS:
	case O_LIB_SELECTS:
	case O_OPT_DEPENDS:
	case O_OPT_CONFLICTS:
	case O_OPT_SELECTS:
		e = expr_words(cons_text(cons_of(cat, kind, subj), kind));
		sb_printf(&b, "%s %s %s", name,
			  verbs[kind - (kind >= O_OPT_DEPENDS ? O_OPT_DEPENDS : O_LIB_DEPENDS)], e);
		free(e);
		return b.s;
	case O_LIB_REQUIRES:
		sb_printf(&b, "%s requires a provider of ", name);
		list_words(&b, (const char *const *)cat->libs[subj].requires.v,
			   cat->libs[subj].requires.n);
		return b.s;
	case O_LIB_PLATFORMS:
		sb_printf(&b, "%s runs only on ", name);
		list_words(&b, (const char *const *)cat->libs[subj].platforms.v,
			   cat->libs[subj].platforms.n);
		return b.s;
	case O_IFACE_ONE:
		return xasprintf("only one provider of %s can be on", cat->ifaces[subj].name);
	case O_IFACE_DEF:
		return providers_words(s, subj);
	case O_OPT_LIB:
		return xasprintf("%s is an option of %s", name,
				 cat->libs[cat->opts[subj].lib].name);
	case O_OPT_ONE:
		return xasprintf("%s takes exactly one value", name);
	case O_PREF_OPT:
		return default_words(&cat->opts[subj]);
	case O_PREF_IFACE:
		return xasprintf("%s is the default provider of %s",
				 cat->libs[cat->ifaces[subj].def].name, cat->ifaces[subj].name);
	case O_PREF_LIB:
		return xasprintf("nothing that is on needs %s", name);
	}
	return xstrdup("the catalog says so");
}

/* "P provides I" is the clause (I || !P); the other one is (!I || P1 || P2 ...). */
static int provider_clause(const struct cat_solver *s, long c)
{
	for (uint32_t i = s->start[c]; i < s->start[c + 1]; i++)
		if (s->vkind[abs(s->lits[i])] == V_IFACE)
			return s->lits[i] > 0;
	return 0;
}

char *phrase_of(const struct cat_solver *s, long c, int var)
{
	const struct origin *g = &s->orig[c];
	int v;

	if (g->kind == O_LIB_REQUIRES && (v = clause_var_of_kind(s, c, V_IFACE, 0)))
		return xasprintf("%s requires a provider of %s", s->cat->libs[g->subject].name,
				 var_subject(s, v));
	if (g->kind == O_IFACE_DEF && s->start[c + 1] - s->start[c] == 2 &&
	    (v = clause_var_of_kind(s, c, V_LIB, 0)) && provider_clause(s, c))
		return xasprintf("%s provides %s", var_subject(s, v),
				 s->cat->ifaces[g->subject].name);
	(void)var;
	return phrase_group(s, g->kind, g->subject);
}

/* ---- references to lib.json fields ------------------------------------------------------ */

void locate(const struct cat_catalog *cat, size_t lib, const char *k0, const char *k1,
	    const char *k2, struct cat_cref *out)
{
	struct jpath path[3];
	const char *k[3] = { k0, k1, k2 };
	const struct cat_text *t;
	int depth = 0;

	out->file = cat->libs[lib].file;
	if (!(t = cat_text(cat, lib)))
		return;
	for (int i = 0; i < 3 && k[i]; i++)
		path[depth++] = (struct jpath){ k[i], 0 };
	json_locate(t->s, t->n, path, depth, k2 == NULL && k1, &out->line, &out->col);
}

void cref_group(const struct cat_solver *s, uint8_t kind, uint32_t subj, struct cat_cref *out)
{
	const struct cat_catalog *cat = s->cat;
	const char *f = field_name(kind);

	memset(out, 0, sizeof(*out));
	out->field = f;
	if (kind == O_IFACE_ONE || kind == O_IFACE_DEF) {
		out->subject = cat->ifaces[subj].name;
	} else if (kind == O_PREF_IFACE) {
		size_t def = (size_t)cat->ifaces[subj].def;

		out->subject = cat->ifaces[subj].name;
		out->expr = cat->libs[def].name;
		locate(cat, def, cat->libs[def].default_for.n ? "default_for" : "provides", NULL,
		       NULL, out);
	} else if (kind >= O_OPT_LIB && kind != O_PREF_LIB) {
		const struct cat_opt *o = &cat->opts[subj];

		out->subject = o->name;
		out->expr = kind == O_OPT_LIB			      ? cat->libs[o->lib].name
			    : kind == O_OPT_ONE || kind == O_PREF_OPT ? NULL
								      : cons_text(&o->cons, kind);
		locate(cat, o->lib, "options", o->name,
		       kind == O_OPT_LIB || kind == O_OPT_ONE ? NULL : f, out);
	} else {
		out->subject = cat->libs[subj].name;
		if (kind <= O_LIB_SELECTS)
			out->expr = cons_text(&cat->libs[subj].cons, kind);
		locate(cat, subj, kind == O_PREF_LIB ? "name" : f, NULL, NULL, out);
	}
}

void cref_of(const struct cat_solver *s, long c, struct cat_cref *out)
{
	const struct origin *g = &s->orig[c];
	int v;

	cref_group(s, g->kind, g->subject, out);
	if (g->kind == O_LIB_REQUIRES && (v = clause_var_of_kind(s, c, V_IFACE, 0)))
		out->expr = var_subject(s, v);
}

/* ---- decisions ---------------------------------------------------------------------------- */

/* The app as a reason names it: an out-of-tree app given as "." or "../app" by the name
 * in its lib.json, not by the path the profile wrote. */
static const char *app_name(const struct cat_profile *p, const struct cat_catalog *cat)
{
	long a = p->app_dir && cat ? profile_app_lib(p, cat) : -1;

	return a >= 0 ? cat->libs[a].name : p->app;
}

char *decision_words(const struct cat_profile *p, const struct cat_catalog *cat, int32_t dec)
{
	const struct cat_decision *d;
	struct sbuf b = { 0 };

	if (dec == (int32_t)p->ndecs)
		return xasprintf("you chose the app %s", app_name(p, cat));
	if (dec == (int32_t)p->ndecs + 1) {
		sb_printf(&b, "your target%s %s ", p->ntargets > 1 ? "s" : "",
			  p->ntargets > 1 ? "are" : "is");
		list_words(&b, (const char *const *)p->targets, p->ntargets);
		return b.s;
	}
	d = &p->decs[dec];
	if (d->jtype == CAT_J_BOOL)
		return xasprintf("you turned %s %s", d->name, d->val.num ? "on" : "off");
	if (d->jtype == CAT_J_INT)
		return xasprintf("you set %s to %lld", d->name, d->val.num);
	return xasprintf("you set %s to \"%s\"", d->name, d->val.str);
}

char *decision_value(const struct cat_profile *p, int32_t dec)
{
	const struct cat_decision *d;
	struct sbuf b = { 0 };

	if (dec == (int32_t)p->ndecs)
		return xstrdup(p->app);
	if (dec == (int32_t)p->ndecs + 1) {
		list_words(&b, (const char *const *)p->targets, p->ntargets);
		return b.s ? b.s : xstrdup("");
	}
	d = &p->decs[dec];
	if (d->jtype == CAT_J_BOOL)
		return xstrdup(d->val.num ? "on" : "off");
	if (d->jtype == CAT_J_INT)
		return xasprintf("%lld", d->val.num);
	return xasprintf("\"%s\"", d->val.str);
}

void decision_place(const struct cat_profile *p, int32_t dec, struct cat_step *st, const char *file)
{
	st->file = file;
	st->decision = dec < (int32_t)p->ndecs ? dec : -1;
	if (dec == (int32_t)p->ndecs) {
		st->dec_kind = CAT_DEC_APP;
		st->line = p->app_line;
		st->col = p->app_col;
	} else if (dec == (int32_t)p->ndecs + 1) {
		st->dec_kind = CAT_DEC_TARGETS;
		st->line = p->targets_line;
		st->col = p->targets_col;
	} else {
		st->dec_kind = p->decs[dec].kind;
		st->line = p->decs[dec].line;
		st->col = p->decs[dec].col;
	}
}

const char *decision_name(const struct cat_solver *s, const struct cat_profile *p, int32_t dec)
{
	long i;

	if (dec >= (int32_t)p->ndecs)
		return dec == (int32_t)p->ndecs ? "app" : "targets";
	if (p->decs[dec].kind == CAT_DEC_LIB && (i = cat_find_lib(s->cat, p->decs[dec].name)) >= 0)
		return s->cat->libs[i].name;
	if ((i = cat_find_opt(s->cat, p->decs[dec].name)) >= 0)
		return s->cat->opts[i].name;
	return "?";
}

char *wish_words(const struct cat_profile *p, const struct cat_catalog *cat, int32_t dec)
{
	if (dec == (int32_t)p->ndecs)
		return xasprintf("you want the app %s", app_name(p, cat));
	if (dec == (int32_t)p->ndecs + 1)
		return xasprintf("you want the target %s", p->ntargets ? p->targets[0] : "");
	const struct cat_decision *d = &p->decs[dec];

	if (d->jtype == CAT_J_BOOL)
		return xasprintf("you want %s %s", d->name, d->val.num ? "on" : "off");
	if (d->jtype == CAT_J_INT)
		return xasprintf("you want %s to be %lld", d->name, d->val.num);
	return xasprintf("you want %s to be \"%s\"", d->name, d->val.str);
}

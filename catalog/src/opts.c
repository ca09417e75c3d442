/*
 * The "options" object of a lib.json: types, ranges, choice values and defaults (a value,
 * or a list of { "if": EXPR, "value": V } tried in order). Values from profiles are checked
 * with the same function as defaults, opt_accepts().
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "lctx.h"

static const char *const opt_keys[] = { "type",	  "title",   "help",	  "default", "min", "max",
					"values", "depends", "conflicts", "selects", NULL };
static const char *const type_names[] = { "bool", "int", "hex", "string", "choice" };

int parse_hex(const char *s, long long *out)
{
	unsigned long long v = 0;
	size_t n = 0;

	if (s[0] != '0' || (s[1] != 'x' && s[1] != 'X') || !s[2])
		return -1;
	for (s += 2; *s; s++, n++) {
		if (!isxdigit((unsigned char)*s) || n >= 16)
			return -1;
		v = v * 16 +
		    (unsigned)(isdigit((unsigned char)*s) ? *s - '0' : (tolower(*s) - 'a' + 10));
	}
	*out = (long long)v;
	return 0;
}

/* Hex values are unsigned 64-bit (addresses), ints are signed. */
static int below(const struct cat_opt *o, long long a, long long b)
{
	return o->type == CAT_HEX ? (unsigned long long)a < (unsigned long long)b : a < b;
}

static int accept_number(const struct cat_opt *o, enum cat_jtype t, const struct cat_val *v,
			 struct cat_val *out, char *why, size_t n)
{
	if (o->type == CAT_HEX && t == CAT_J_STR && parse_hex(v->str, &out->num) == 0) {
		/* parsed */
	} else if (t == CAT_J_INT && (o->type == CAT_INT || v->num >= 0)) {
		out->num = v->num;
	} else {
		snprintf(why, n,
			 o->type == CAT_HEX ? "expected a hex number such as \"0x1000\""
					    : "expected an integer");
		return -1;
	}
	if ((o->has_min && below(o, out->num, o->min)) ||
	    (o->has_max && below(o, o->max, out->num))) {
		if (o->type == CAT_HEX)
			snprintf(why, n, "0x%llx is outside 0x%llx..0x%llx",
				 (unsigned long long)out->num, (unsigned long long)o->min,
				 (unsigned long long)o->max);
		else
			snprintf(why, n, "%lld is outside %lld..%lld", out->num,
				 o->has_min ? o->min : -0x7fffffffffffffffLL - 1,
				 o->has_max ? o->max : 0x7fffffffffffffffLL);
		return -1;
	}
	return 0;
}

static int accept_choice(const struct cat_opt *o, const char *s, char *why, size_t n)
{
	const char *near;

	for (size_t i = 0; i < o->nvalues; i++)
		if (!strcmp(o->values[i], s))
			return 0;
	near = suggest_from(s, (const char *const *)o->values, o->nvalues);
	if (near)
		snprintf(why, n, "\"%s\" is not one of the values of %s (did you mean \"%s\"?)", s,
			 o->name, near);
	else
		snprintf(why, n, "\"%s\" is not one of the values of %s", s, o->name);
	return -1;
}

int opt_accepts(const struct cat_opt *o, enum cat_jtype t, const struct cat_val *v,
		struct cat_val *out, char *why, size_t n)
{
	out->num = 0;
	out->str = NULL;
	switch (o->type) {
	case CAT_BOOL:
		if (t != CAT_J_BOOL) {
			snprintf(why, n, "expected true or false");
			return -1;
		}
		out->num = v->num;
		return 0;
	case CAT_INT:
	case CAT_HEX:
		return accept_number(o, t, v, out, why, n);
	case CAT_STRING:
	case CAT_CHOICE:
		if (t != CAT_J_STR) {
			snprintf(why, n, "expected a string");
			return -1;
		}
		if (!str_is_clean(v->str)) {
			snprintf(why, n,
				 "control characters other than tab and newline are not allowed");
			return -1;
		}
		if (o->type == CAT_CHOICE && accept_choice(o, v->str, why, n) < 0)
			return -1;
		out->str = xstrdup(v->str);
		return 0;
	}
	return -1;
}

static void parse_type(struct lctx *c, json_t *j, struct cat_opt *o)
{
	char *t = NULL;
	unsigned k;

	if (lc_str(c, j, "type", 1, &t) < 0)
		return;
	for (k = 0; k < 5 && strcmp(t, type_names[k]); k++)
		;
	lc_push_key(c, "type");
	if (k == 5)
		lc_err(c, 0, "unknown type \"%s\" (expected bool, int, hex, string or choice)", t);
	o->type = k == 5 ? CAT_BOOL : (enum cat_type)k;
	lc_pop(c);
	free(t);
}

/* CONFIG_<OPT>_<VALUE> macros: two values must not map to the same macro name. */
static void check_values(struct lctx *c, struct cat_opt *o)
{
	lc_push_key(c, "values");
	if (o->type == CAT_CHOICE && !o->nvalues)
		lc_err(c, 0, "a choice needs a non-empty list of values");
	for (size_t i = 0; i < o->nvalues; i++) {
		const char *v = o->values[i];

		lc_push_index(c, i);
		if (!*v || strchr(v, '\n') || strchr(v, '\t'))
			lc_err(c, 0, "choice values must be non-empty single words");
		for (size_t k = 0; k < i; k++) {
			size_t a = 0;

			while (v[a] && o->values[k][a] &&
			       (isalnum((unsigned char)v[a]) ? toupper(v[a]) : '_') ==
				       (isalnum((unsigned char)o->values[k][a])
						? toupper(o->values[k][a])
						: '_'))
				a++;
			if (!v[a] && !o->values[k][a])
				lc_err(c, 0, "\"%s\" and \"%s\" give the same macro name",
				       o->values[k], v);
		}
		lc_pop(c);
	}
	lc_pop(c);
}

static void parse_bound(struct lctx *c, json_t *j, const char *key, struct cat_opt *o,
			long long *out, int *has)
{
	json_t *v = json_object_get(j, key);

	if (!v)
		return;
	lc_push_key(c, key);
	if (o->type != CAT_INT && o->type != CAT_HEX)
		lc_err(c, 1, "only int and hex options have a %s", key);
	else if (o->type == CAT_INT && json_is_integer(v))
		*out = json_integer_value(v), *has = 1;
	else if (o->type == CAT_HEX && json_is_string(v) &&
		 parse_hex(json_string_value(v), out) == 0)
		*has = 1;
	else
		lc_err(c, 0, "expected %s",
		       o->type == CAT_INT ? "an integer" : "a hex string \"0x...\"");
	lc_pop(c);
}

static void zero_default(struct cat_opt *o, struct cat_val *v)
{
	v->num = 0;
	v->str = NULL;
	if ((o->type == CAT_INT || o->type == CAT_HEX) && o->has_min && below(o, 0, o->min))
		v->num = o->min;
	if ((o->type == CAT_INT || o->type == CAT_HEX) && o->has_max && below(o, o->max, v->num))
		v->num = o->max;
	if (o->type == CAT_STRING)
		v->str = xstrdup("");
	if (o->type == CAT_CHOICE)
		v->str = xstrdup(o->nvalues ? o->values[0] : "");
}

static void parse_value(struct lctx *c, json_t *j, struct cat_opt *o, struct cat_val *out)
{
	struct cat_val v;
	enum cat_jtype t;
	char why[256];

	if (json_jval(j, &t, &v) < 0) {
		lc_err(c, 0, "expected a %s value", type_names[o->type]);
		zero_default(o, out);
		return;
	}
	if (opt_accepts(o, t, &v, out, why, sizeof(why)) < 0) {
		lc_err(c, 0, "%s", why);
		zero_default(o, out);
	}
	val_free(&v);
}

static void parse_cond_default(struct lctx *c, json_t *e, struct cat_opt *o, size_t i, size_t n)
{
	static const char *const keys[] = { "if", "value", NULL };
	struct cat_default *d = &o->defs[i];

	zero_default(o, &d->val);
	if (!json_is_object(e)) {
		lc_err(c, 0, "expected { \"if\": EXPR, \"value\": V }");
		return;
	}
	lc_check_keys(c, e, keys);
	lc_expr(c, e, "if", &d->cond, &d->cond_text);
	if (!d->cond_text && i + 1 < n)
		lc_err(c, 0, "only the last entry may leave out \"if\"");
	if (!json_object_get(e, "value")) {
		lc_err(c, 0, "missing required key \"value\"");
		return;
	}
	val_free(&d->val);
	lc_push_key(c, "value");
	parse_value(c, json_object_get(e, "value"), o, &d->val);
	lc_pop(c);
}

static void parse_defaults(struct lctx *c, json_t *j, struct cat_opt *o)
{
	json_t *d = json_object_get(j, "default"), *e;
	size_t i;

	lc_push_key(c, "default");
	if (!d) {
		o->defs = xcalloc(1, sizeof(*o->defs));
		o->ndefs = 1;
		zero_default(o, &o->defs[0].val);
	} else if (json_is_array(d)) {
		o->ndefs = json_array_size(d);
		o->defs = xcalloc(o->ndefs, sizeof(*o->defs));
		if (!o->ndefs)
			lc_err(c, 0, "an empty list of defaults");
		json_array_foreach(d, i, e)
		{
			lc_push_index(c, i);
			parse_cond_default(c, e, o, i, o->ndefs);
			lc_pop(c);
		}
	} else {
		o->defs = xcalloc(1, sizeof(*o->defs));
		o->ndefs = 1;
		parse_value(c, d, o, &o->defs[0].val);
	}
	lc_pop(c);
}

static void parse_cons(struct lctx *c, json_t *j, struct cat_opt *o)
{
	lc_expr(c, j, "depends", &o->cons.depends, &o->cons.depends_text);
	lc_expr(c, j, "conflicts", &o->cons.conflicts, &o->cons.conflicts_text);
	lc_expr(c, j, "selects", &o->cons.selects, &o->cons.selects_text);
	if (o->type != CAT_BOOL && (o->cons.conflicts_text || o->cons.selects_text)) {
		lc_push_key(c, o->cons.conflicts_text ? "conflicts" : "selects");
		lc_err(c, 1, "only bool options have conflicts and selects");
		lc_pop(c);
	}
}

static void parse_one(struct lctx *c, const char *name, json_t *j, size_t lib)
{
	struct cat_catalog *cat = c->cat;
	struct cat_opt *o;
	struct cat_strv values = { 0 };

	vgrow(&cat->opts, &cat->optcap, cat->nopts, sizeof(*cat->opts));
	o = &cat->opts[cat->nopts++];
	memset(o, 0, sizeof(*o));
	o->name = xstrdup(name);
	o->lib = lib;
	if (!name_is_opt(name))
		lc_err(c, 1, "\"%s\" is not a valid option name ([A-Z][A-Z0-9_]*)", name);
	if (!json_is_object(j)) {
		lc_err(c, 0, "expected an object describing the option");
		return;
	}
	lc_check_keys(c, j, opt_keys);
	parse_type(c, j, o);
	lc_str(c, j, "title", 0, &o->title);
	lc_str(c, j, "help", 0, &o->help);
	if (!o->title)
		o->title = xstrdup(name);
	if (json_object_get(j, "values") && o->type != CAT_CHOICE) {
		lc_push_key(c, "values");
		lc_err(c, 1, "only choice options have values");
		lc_pop(c);
	}
	lc_strv(c, j, "values", &values);
	o->values = values.v;
	o->nvalues = values.n;
	check_values(c, o);
	parse_bound(c, j, "min", o, &o->min, &o->has_min);
	parse_bound(c, j, "max", o, &o->max, &o->has_max);
	if (o->has_min && o->has_max && below(o, o->max, o->min))
		lc_err(c, 0, "min is greater than max");
	parse_cons(c, j, o);
	parse_defaults(c, j, o);
}

void opts_parse(struct lctx *c, json_t *opts, size_t lib)
{
	const char *name;
	json_t *j;

	json_object_foreach(opts, name, j)
	{
		lc_push_key(c, name);
		parse_one(c, name, j, lib);
		lc_pop(c);
	}
}

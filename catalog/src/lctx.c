/*
 * Reading helpers for lib.json: typed getters that report wrong types and unknown keys
 * with the file, line, column and dotted field path ("options.X.default[1].value").
 */
#include <stdlib.h>
#include <string.h>

#include "lctx.h"

void lc_push_key(struct lctx *c, const char *key)
{
	if (c->depth < LCTX_MAX_DEPTH)
		c->path[c->depth] = (struct jpath){ key, 0 };
	c->depth++;
}

void lc_push_index(struct lctx *c, size_t i)
{
	if (c->depth < LCTX_MAX_DEPTH)
		c->path[c->depth] = (struct jpath){ NULL, i };
	c->depth++;
}

void lc_pop(struct lctx *c)
{
	c->depth--;
}

static void path_str(const struct lctx *c, struct sbuf *b)
{
	int d = c->depth < LCTX_MAX_DEPTH ? c->depth : LCTX_MAX_DEPTH;

	sb_puts(b, "");
	for (int i = 0; i < d; i++) {
		if (c->path[i].key)
			sb_printf(b, "%s%s", i ? "." : "", c->path[i].key);
		else
			sb_printf(b, "[%zu]", c->path[i].index);
	}
}

void lc_err(struct lctx *c, int at_key, const char *fmt, ...)
{
	struct sbuf b = { 0 };
	char msg[512];
	va_list ap;
	int line, col;
	int d = c->depth < LCTX_MAX_DEPTH ? c->depth : LCTX_MAX_DEPTH;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	json_locate(c->text, c->len, c->path, d, at_key, &line, &col);
	path_str(c, &b);
	if (b.n)
		cat_err_add(c->err, c->file, line, col, "%s: %s", b.s, msg);
	else
		cat_err_add(c->err, c->file, line, col, "%s", msg);
	sb_free(&b);
	c->nerr++;
}

void lc_check_keys(struct lctx *c, json_t *obj, const char *const *allowed)
{
	const char *key;
	json_t *v;

	json_object_foreach(obj, key, v)
	{
		size_t i;

		for (i = 0; allowed[i] && strcmp(allowed[i], key); i++)
			;
		if (allowed[i])
			continue;
		const char *near = suggest_from(key, allowed, i);

		lc_push_key(c, key);
		if (near)
			lc_err(c, 1, "unknown key (did you mean \"%s\"?)", near);
		else
			lc_err(c, 1, "unknown key");
		lc_pop(c);
	}
}

static const char *jtype_name(json_t *j)
{
	switch (json_typeof(j)) {
	case JSON_OBJECT:
		return "an object";
	case JSON_ARRAY:
		return "an array";
	case JSON_STRING:
		return "a string";
	case JSON_INTEGER:
	case JSON_REAL:
		return "a number";
	case JSON_TRUE:
	case JSON_FALSE:
		return "a boolean";
	default:
		return "null";
	}
}

/* Control characters other than tab and newline have no place in a configuration. */
int str_is_clean(const char *s)
{
	for (; *s; s++)
		if (((unsigned char)*s < 0x20 && *s != '\t' && *s != '\n') || *s == 0x7f)
			return 0;
	return 1;
}

int lc_str(struct lctx *c, json_t *obj, const char *key, int required, char **out)
{
	json_t *j = json_object_get(obj, key);
	int rc = 0;

	lc_push_key(c, key);
	if (!j && required) {
		c->depth--;
		lc_err(c, 0, "missing required key \"%s\"", key);
		return -1;
	}
	if (j && !json_is_string(j)) {
		lc_err(c, 0, "expected a string, found %s", jtype_name(j));
		rc = -1;
	} else if (j && !str_is_clean(json_string_value(j))) {
		lc_err(c, 0, "control characters are not allowed here");
		rc = -1;
	} else if (j) {
		*out = xstrdup(json_string_value(j));
	}
	lc_pop(c);
	return rc;
}

int lc_strv(struct lctx *c, json_t *obj, const char *key, struct cat_strv *out)
{
	json_t *j = json_object_get(obj, key), *v;
	size_t i;
	int rc = 0;

	if (!j)
		return 0;
	lc_push_key(c, key);
	if (!json_is_array(j)) {
		lc_err(c, 0, "expected an array of strings, found %s", jtype_name(j));
		lc_pop(c);
		return -1;
	}
	json_array_foreach(j, i, v)
	{
		lc_push_index(c, i);
		if (!json_is_string(v) || !str_is_clean(json_string_value(v))) {
			lc_err(c, 0, "expected a string, found %s", jtype_name(v));
			rc = -1;
		} else {
			strv_push(out, json_string_value(v));
		}
		lc_pop(c);
	}
	lc_pop(c);
	return rc;
}

int lc_expr(struct lctx *c, json_t *obj, const char *key, struct cat_expr **e, char **text)
{
	char msg[160];
	int col;

	*e = NULL;
	*text = NULL;
	if (lc_str(c, obj, key, 0, text) < 0)
		return -1;
	if (!*text)
		return 0;
	*e = cat_expr_parse(*text, &col, msg, sizeof(msg));
	if (!col)
		return 0;
	lc_push_key(c, key);
	lc_err(c, 0, "column %d of the expression: %s", col, msg);
	lc_pop(c);
	return -1;
}

int json_jval(json_t *j, enum cat_jtype *t, struct cat_val *v)
{
	v->str = NULL;
	v->num = 0;
	if (json_is_boolean(j)) {
		*t = CAT_J_BOOL;
		v->num = json_is_true(j);
	} else if (json_is_integer(j)) {
		*t = CAT_J_INT;
		v->num = json_integer_value(j);
	} else if (json_is_string(j)) {
		*t = CAT_J_STR;
		v->str = xstrdup(json_string_value(j));
	} else {
		return -1;
	}
	return 0;
}

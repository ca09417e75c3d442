/*
 * Reading a result: expressions evaluated over the final assignment (conditional sources
 * and defaults) and values formatted for people.
 */
#include <string.h>

#include "result_int.h"

int eval_expr(const struct cat_result *r, const struct cat_expr *e)
{
	const struct cat_solver *s = r->s;

	switch (e->op) {
	case E_CONST:
		return e->value;
	case E_NAME:
		if (e->ref == REF_LIB)
			return result_var_true(r, s->lib_var[e->idx]);
		if (e->ref == REF_IFACE)
			return result_var_true(r, s->iface_var[e->idx]);
		return result_var_true(r, s->opt_var[e->idx]);
	case E_EQ:
		return result_var_true(r, s->slot_base[e->idx] + e->slot);
	case E_NE:
		return !result_var_true(r, s->slot_base[e->idx] + e->slot);
	case E_NOT:
		return !eval_expr(r, e->a);
	case E_AND:
		return eval_expr(r, e->a) && eval_expr(r, e->b);
	case E_OR:
		return eval_expr(r, e->a) || eval_expr(r, e->b);
	}
	return 0;
}

void cat_value_str(const struct cat_result *r, long lib, long opt, char *buf, size_t size)
{
	const struct cat_setting *st;
	const struct cat_opt *o;

	if (lib >= 0) {
		snprintf(buf, size, "%s", r->libs[lib].on ? "y" : "n");
		return;
	}
	st = &r->opts[opt];
	o = &r->cat->opts[opt];
	if (!st->on && o->type != CAT_BOOL) {
		snprintf(buf, size, "(inactive)");
		return;
	}
	switch (o->type) {
	case CAT_BOOL:
		snprintf(buf, size, "%s", st->val.num ? "y" : "n");
		break;
	case CAT_INT:
		snprintf(buf, size, "%lld", st->val.num);
		break;
	case CAT_HEX:
		snprintf(buf, size, "0x%llx", (unsigned long long)st->val.num);
		break;
	default:
		snprintf(buf, size, "\"%s\"", st->val.str ? st->val.str : "");
	}
}

/*
 * Expressions of depends/conflicts/selects/if: a small boolean language over names.
 *
 *   expr := and { "||" and }        and  := not { "&&" not }
 *   not  := "!" not | atom          atom := "(" expr ")" | "true" | "false"
 *                                          | NAME [ ("==" | "!=") STRING ]
 *
 * NAME is [A-Za-z_][A-Za-z0-9_-]*: lower case names a library or an interface, upper case
 * an option. The parser works on a plain buffer and knows no catalog (names are bound in
 * check.c), so it can be fuzzed alone.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "cat_int.h"

#define EXPR_MAX_DEPTH 100

struct parser {
	const char *s;
	size_t pos;
	int depth;
	int err_col;
	char *msg;
	size_t msgsize;
};

static struct cat_expr *parse_or(struct parser *p);

static void fail(struct parser *p, const char *what)
{
	if (p->err_col)
		return;
	p->err_col = (int)p->pos + 1;
	snprintf(p->msg, p->msgsize, "%s", what);
}

static void skip_ws(struct parser *p)
{
	while (p->s[p->pos] == ' ' || p->s[p->pos] == '\t' || p->s[p->pos] == '\n' ||
	       p->s[p->pos] == '\r')
		p->pos++;
}

static int eat(struct parser *p, const char *tok)
{
	size_t n = strlen(tok);

	skip_ws(p);
	if (strncmp(p->s + p->pos, tok, n))
		return 0;
	p->pos += n;
	return 1;
}

static struct cat_expr *node(enum expr_op op, int col)
{
	struct cat_expr *e = xcalloc(1, sizeof(*e));

	e->op = op;
	e->col = col;
	e->idx = -1;
	return e;
}

static struct cat_expr *binary(enum expr_op op, struct cat_expr *a, struct cat_expr *b)
{
	struct cat_expr *e = node(op, a->col);

	e->a = a;
	e->b = b;
	return e;
}

static int is_name_start(char c)
{
	return isalpha((unsigned char)c) || c == '_';
}

static int is_name_char(char c)
{
	return isalnum((unsigned char)c) || c == '_' || c == '-';
}

static char *parse_string(struct parser *p)
{
	struct sbuf b = { 0 };
	size_t start = p->pos;

	p->pos++; /* opening quote */
	sb_puts(&b, "");
	for (;;) {
		char c = p->s[p->pos];

		if (!c) {
			p->pos = start; /* point at the opening quote */
			fail(p, "unterminated string");
			sb_free(&b);
			return NULL;
		}
		p->pos++;
		if (c == '"')
			return b.s;
		if (c == '\\' && (p->s[p->pos] == '"' || p->s[p->pos] == '\\'))
			c = p->s[p->pos++];
		sb_putc(&b, c);
	}
}

static struct cat_expr *parse_name(struct parser *p)
{
	size_t start = p->pos;
	struct cat_expr *e;
	enum expr_op op;

	while (is_name_char(p->s[p->pos]))
		p->pos++;
	if (p->pos - start == 4 && !strncmp(p->s + start, "true", 4)) {
		e = node(E_CONST, (int)start + 1);
		e->value = 1;
		return e;
	}
	if (p->pos - start == 5 && !strncmp(p->s + start, "false", 5))
		return node(E_CONST, (int)start + 1);
	e = node(E_NAME, (int)start + 1);
	e->name = strndup(p->s + start, p->pos - start);
	if (eat(p, "=="))
		op = E_EQ;
	else if (eat(p, "!="))
		op = E_NE;
	else
		return e;
	e->op = op;
	skip_ws(p);
	if (p->s[p->pos] != '"') {
		fail(p, "expected a quoted string after == or !=");
		return e;
	}
	e->str = parse_string(p);
	return e;
}

static struct cat_expr *parse_atom(struct parser *p)
{
	struct cat_expr *e;

	skip_ws(p);
	if (p->s[p->pos] == '(') {
		p->pos++;
		e = parse_or(p);
		if (e && !eat(p, ")")) {
			fail(p, "expected ')'");
		}
		return e;
	}
	if (is_name_start(p->s[p->pos]))
		return parse_name(p);
	if (!p->s[p->pos])
		fail(p, "expression ends too early");
	else
		fail(p, "expected a name, '!', '(' , true or false");
	return NULL;
}

static struct cat_expr *parse_not(struct parser *p)
{
	struct cat_expr *e, *n;
	int col;

	skip_ws(p);
	col = (int)p->pos + 1;
	if (p->s[p->pos] != '!' || p->s[p->pos + 1] == '=')
		return parse_atom(p);
	p->pos++;
	if (++p->depth > EXPR_MAX_DEPTH) {
		fail(p, "expression nested too deeply");
		return NULL;
	}
	e = parse_not(p);
	p->depth--;
	if (!e)
		return NULL;
	n = node(E_NOT, col);
	n->a = e;
	return n;
}

/* Left-associative chain of one operator; depth-limited so hostile input cannot overflow. */
static struct cat_expr *parse_chain(struct parser *p, const char *tok, enum expr_op op,
				    struct cat_expr *(*sub)(struct parser *))
{
	struct cat_expr *e;

	if (++p->depth > EXPR_MAX_DEPTH) {
		fail(p, "expression nested too deeply");
		return NULL;
	}
	e = sub(p);
	while (e && !p->err_col && eat(p, tok)) {
		struct cat_expr *r = sub(p);

		if (!r) {
			cat_expr_free(e);
			e = NULL;
			break;
		}
		e = binary(op, e, r);
	}
	p->depth--;
	return e;
}

static struct cat_expr *parse_and(struct parser *p)
{
	return parse_chain(p, "&&", E_AND, parse_not);
}

static struct cat_expr *parse_or(struct parser *p)
{
	return parse_chain(p, "||", E_OR, parse_and);
}

struct cat_expr *cat_expr_parse(const char *text, int *err_col, char *msg, size_t msgsize)
{
	struct parser p = { .s = text, .msg = msg, .msgsize = msgsize };
	struct cat_expr *e;

	*err_col = 0;
	if (msgsize)
		msg[0] = 0;
	skip_ws(&p);
	if (!text[p.pos])
		return NULL;
	e = parse_or(&p);
	skip_ws(&p);
	if (!p.err_col && text[p.pos])
		fail(&p, text[p.pos] == '&' || text[p.pos] == '|'
				 ? "'&' and '|' are written '&&' and '||'"
				 : "unexpected text after the expression");
	if (p.err_col) {
		cat_expr_free(e);
		*err_col = p.err_col;
		return NULL;
	}
	return e;
}

void cat_expr_free(struct cat_expr *e)
{
	if (!e)
		return;
	cat_expr_free(e->a);
	cat_expr_free(e->b);
	free(e->name);
	free(e->str);
	free(e);
}

void expr_walk(struct cat_expr *e, void (*fn)(struct cat_expr *, void *), void *arg)
{
	if (!e)
		return;
	if (e->op == E_NAME || e->op == E_EQ || e->op == E_NE)
		fn(e, arg);
	expr_walk(e->a, fn, arg);
	expr_walk(e->b, fn, arg);
}

/* Binding strength: || 1, && 2, everything else 3. */
static int prec(enum expr_op op)
{
	return op == E_OR ? 1 : op == E_AND ? 2 : 3;
}

static void expr_sb(const struct cat_expr *e, struct sbuf *b, int outer);

/* A chain of one operator prints flat: "a || b || c". */
static void chain_sb(const struct cat_expr *e, enum expr_op op, struct sbuf *b)
{
	if (e->op != op) {
		expr_sb(e, b, prec(op));
		return;
	}
	chain_sb(e->a, op, b);
	sb_puts(b, op == E_AND ? " && " : " || ");
	chain_sb(e->b, op, b);
}

/*
 * Parentheses only where the reading needs them (an || under an &&, a chain under a !):
 * the input had them too, so what is printed is never nested deeper than what was read,
 * and always reads back (found by fuzz_expr: fully parenthesised chains could not).
 */
static void expr_sb(const struct cat_expr *e, struct sbuf *b, int outer)
{
	switch (e->op) {
	case E_CONST:
		sb_puts(b, e->value ? "true" : "false");
		break;
	case E_NAME:
		sb_puts(b, e->name);
		break;
	case E_EQ:
	case E_NE:
		sb_printf(b, "%s %s \"", e->name, e->op == E_EQ ? "==" : "!=");
		for (const char *s = e->str; *s; s++) {
			if (*s == '"' || *s == '\\')
				sb_putc(b, '\\');
			sb_putc(b, *s);
		}
		sb_putc(b, '"');
		break;
	case E_NOT:
		sb_puts(b, "!");
		expr_sb(e->a, b, 3);
		break;
	case E_AND:
	case E_OR:
		if (prec(e->op) < outer)
			sb_puts(b, "(");
		chain_sb(e, e->op, b);
		if (prec(e->op) < outer)
			sb_puts(b, ")");
		break;
	}
}

void cat_expr_str(const struct cat_expr *e, char *buf, size_t size)
{
	struct sbuf b = { 0 };

	if (e)
		expr_sb(e, &b, 0);
	snprintf(buf, size, "%s", b.s ? b.s : "");
	sb_free(&b);
}

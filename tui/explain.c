/*
 * tui/explain.c — the model adapter's answers to "why is X on", "why can't Y be on" and
 * "what is the smallest change that allows Y", all from the catalog's explanation API
 * (cat_explain_why, cat_explain_why_not, cat_find_fixes in kiln/cat.h).
 *
 * A wish on the app or the platform (a radio row) is asked about the app's or the
 * platform's library: the catalog then holds that app or target fixed and looks for the
 * smallest change of the other decisions (the user's own options and libraries included).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model_int.h"

/* The steps of an explanation as lines: the chain in reading order, indented by depth
 * when the conclusion comes first. */
static void add_steps(struct tm_model *m, const struct cat_expl *e, bool conclusion_first)
{
	for (size_t k = 0; k < e->nsteps; k++) {
		const struct cat_step *s = &e->steps[conclusion_first ? e->nsteps - 1 - k : k];
		int indent = conclusion_first ? 2 * s->depth : 0;
		lines_add(&m->text, "%*s%s", indent, "", s->text ? s->text : s->name);
	}
}

void tm_why(struct tm_model *m, size_t i, struct tm_text *out)
{
	const struct tm_item *it = &m->items[i];
	struct cat_err e;
	cat_err_init(&e);
	lines_reset(&m->text);
	const char *name = it->kind == TM_KIND_GROUP ? m->states[i].value : it->name;
	struct cat_expl *x = NULL;
	if (it->kind == TM_KIND_APP || it->kind == TM_KIND_PLATFORM)
		lines_add(&m->text, "%s = %s: your decision in the profile", it->title,
			  m->states[i].value);
	else if (!name[0])
		lines_add(&m->text, "No provider of %s is on: nothing that is on needs one.",
			  it->name);
	else if ((x = cat_explain_why(m->res, name, &e)))
		add_steps(m, x, true);
	else
		mi_text_err(m, &e, false);
	cat_expl_free(x);
	cat_err_free(&e);
	mi_text_out(m, out);
}

/* ---- wishes ------------------------------------------------------------------------------ */

/* The decision that expresses "item i = value". */
static struct tm_decision wish_of(const struct tm_model *m, size_t i, const char *value)
{
	const struct tm_item *it = &m->items[i];
	if (it->kind == TM_KIND_GROUP)
		return (struct tm_decision){ value, "y" }; /* value is a provider */
	if (it->kind == TM_KIND_LIBRARY && it->owner && it->owner[0] == ':' && !strcmp(value, "y"))
		return (struct tm_decision){ it->owner, it->name }; /* an app or platform row */
	return (struct tm_decision){ it->name, value };
}

/* An app or platform wish as the catalog asks it: the app's or the platform's library,
 * with the target as its value. A list of targets has no single library: NULL. */
static struct tm_decision head_wish(const struct tm_model *m, struct tm_decision w)
{
	if (!strcmp(w.name, TM_APP))
		return (struct tm_decision){ w.value, NULL };
	long l = cat_target_lib(m->cat, w.value);
	if (l < 0 && cat_find_lib(m->cat, w.value) >= 0)
		return (struct tm_decision){ w.value, NULL };
	return (struct tm_decision){ l >= 0 ? cat_lib_at(m->cat, (size_t)l)->name : NULL, w.value };
}

/* The decision the catalog is asked about: the wish, or its app or platform library. */
static struct tm_decision asked(const struct tm_model *m, struct tm_decision w)
{
	return w.name[0] == ':' ? head_wish(m, w) : w;
}

int tm_why_not(struct tm_model *m, size_t i, const char *value, struct tm_text *out)
{
	struct tm_decision w = wish_of(m, i, value);
	struct cat_err e;
	cat_err_init(&e);
	lines_reset(&m->text);
	struct tm_decision q = asked(m, w);
	struct cat_expl *x =
		q.name ? cat_explain_why_not(m->solver, m->prof, q.name, q.value, &e) : NULL;
	int blocked = x ? !x->possible : e.n > 0;
	if (x)
		add_steps(m, x, false);
	else
		mi_text_err(m, &e, false);
	cat_expl_free(x);
	cat_err_free(&e);
	mi_text_out(m, out);
	return blocked;
}

/* ---- fixes ------------------------------------------------------------------------------- */

void mi_fixes_free(struct tm_model *m)
{
	for (size_t i = 0; i < m->nfixes; i++)
		free((void *)m->fixes[i].changes);
	free(m->fixes);
	m->fixes = NULL;
	m->nfixes = 0;
	lines_free(&m->fixstr);
}

/* Keeps a fix: the changes d (names and values copied), then the wish itself. */
static void keep_fix(struct tm_model *m, const char *summary, const struct tm_decision *d, size_t n,
		     struct tm_decision wish)
{
	struct tm_fix *nf = realloc(m->fixes, (m->nfixes + 1) * sizeof *nf);
	struct tm_decision *ch = nf ? malloc((n + 1) * sizeof *ch) : NULL;
	if (nf)
		m->fixes = nf;
	if (!ch)
		return;
	for (size_t k = 0; k <= n; k++) {
		const struct tm_decision *src = k < n ? &d[k] : &wish;
		ch[k] = (struct tm_decision){ lines_push(&m->fixstr, src->name),
					      src->value ? lines_push(&m->fixstr, src->value)
							 : NULL };
	}
	m->fixes[m->nfixes++] = (struct tm_fix){ lines_push(&m->fixstr, summary), ch, n + 1 };
}

/* A catalog change as the menu's decision: forget X, or set the app or the targets. */
static struct tm_decision change_of(const struct cat_change *c)
{
	if (c->kind == CAT_CHANGE_APP)
		return (struct tm_decision){ TM_APP, c->after };
	if (c->kind == CAT_CHANGE_TARGETS)
		return (struct tm_decision){ TM_PLATFORM, c->ntargets ? c->targets[0] : c->after };
	return (struct tm_decision){ c->name, NULL };
}

static void catalog_fixes(struct tm_model *m, struct tm_decision w, size_t max)
{
	struct cat_err e;
	cat_err_init(&e);
	struct tm_decision q = asked(m, w);
	struct cat_fixes *f =
		q.name ? cat_find_fixes(m->solver, m->prof, q.name, q.value, max, &e) : NULL;
	for (size_t k = 0; f && k < f->n; k++) {
		struct tm_decision d[16];
		size_t n = f->v[k].nchanges < 16 ? f->v[k].nchanges : 16;
		for (size_t c = 0; c < n; c++)
			d[c] = change_of(&f->v[k].changes[c]);
		keep_fix(m, f->v[k].text, d, n, w);
	}
	cat_fixes_free(f);
	cat_err_free(&e);
}

size_t tm_fixes(struct tm_model *m, size_t i, const char *value, const struct tm_fix **out,
		size_t max)
{
	struct tm_decision w = wish_of(m, i, value);
	mi_fixes_free(m);
	catalog_fixes(m, w, max);
	*out = m->fixes;
	return m->nfixes;
}

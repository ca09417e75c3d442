/*
 * tui/explain.c — the model adapter's answers to "why is X on", "why can't Y be on" and
 * "what is the smallest change that allows Y", all from the catalog's explanation API
 * (cat_explain_why, cat_explain_why_not, cat_find_fixes in kiln/cat.h).
 *
 * A wish on the app or the platform (a radio row) is not a library's value: it is asked
 * as "why can the profile not hold with this app / target", by putting the wish into the
 * profile, explaining the profile's own conflict, and putting the profile back; its fixes
 * are the other targets that resolve.
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

/* Puts the app or target wish w into the profile, explains the profile's own conflict
 * (NULL when it has none), and puts the profile back. */
static struct cat_expl *explain_head(struct tm_model *m, struct tm_decision w, struct cat_err *err)
{
	char old[512];
	snprintf(old, sizeof old, "%s", tm_user_value(m, w.name));
	struct cat_expl *x = NULL;
	if (mi_set(m, w.name, w.value, err) == 0)
		x = cat_explain_why_not(m->solver, m->prof, NULL, NULL, err);
	mi_set(m, w.name, old, err);
	if (x && x->possible) {
		cat_expl_free(x);
		x = NULL;
	}
	return x;
}

int tm_why_not(struct tm_model *m, size_t i, const char *value, struct tm_text *out)
{
	struct tm_decision w = wish_of(m, i, value);
	struct cat_err e;
	cat_err_init(&e);
	lines_reset(&m->text);
	struct cat_expl *x = w.name[0] == ':'
				     ? explain_head(m, w, &e)
				     : cat_explain_why_not(m->solver, m->prof, w.name, w.value, &e);
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
	struct cat_fixes *f = cat_find_fixes(m->solver, m->prof, w.name, w.value, max, &e);
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

/* For an app or platform wish: the other targets with which the profile resolves. */
static void target_fixes(struct tm_model *m, struct tm_decision w, size_t max)
{
	const struct tm_item *plat = &m->items[1];
	char summary[256];
	struct cat_err e;
	cat_err_init(&e);
	for (size_t k = 0; k < plat->nvalues && m->nfixes < max; k++) {
		struct tm_decision t = { TM_PLATFORM, plat->values[k] };
		if (!strcmp(w.name, TM_PLATFORM) || !strcmp(t.value, m->states[1].value))
			continue;
		char old[512];
		snprintf(old, sizeof old, "%s", tm_user_value(m, TM_PLATFORM));
		struct cat_expl *x = NULL;
		bool ok = mi_set(m, t.name, t.value, &e) == 0 && !(x = explain_head(m, w, &e));
		cat_expl_free(x);
		mi_set(m, t.name, old, &e);
		snprintf(summary, sizeof summary, "switch the platform to %s", t.value);
		if (ok)
			keep_fix(m, summary, &t, 1, w);
	}
	cat_err_free(&e);
}

size_t tm_fixes(struct tm_model *m, size_t i, const char *value, const struct tm_fix **out,
		size_t max)
{
	struct tm_decision w = wish_of(m, i, value);
	mi_fixes_free(m);
	if (w.name[0] == ':')
		target_fixes(m, w, max);
	else
		catalog_fixes(m, w, max);
	*out = m->fixes;
	return m->nfixes;
}

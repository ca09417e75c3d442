/*
 * tui/undo.c — undo and redo of every change.
 *
 * A step is what one key did: a set of user decisions, each with the decision before and
 * after (NULL = "no decision", i.e. back to the default). A fix that changes three things
 * is one step. Undo re-applies the "before" side through the resolver, redo the "after"
 * side; both are ordinary changes to the model, so what the resolver derives (forced
 * values) follows by itself and is never stored here. Recording a new step drops the steps
 * that were undone, as in every editor.
 */
#include <stdlib.h>
#include <string.h>

#include "tui.h"

static char *dup_or_null(const char *s)
{
	return s ? strdup(s) : NULL;
}

static void step_free(struct undo_step *s)
{
	for (size_t i = 0; i < s->n; i++) {
		free(s->changes[i].name);
		free(s->changes[i].before);
		free(s->changes[i].after);
	}
	free(s->changes);
	memset(s, 0, sizeof *s);
}

/* Drops the steps from index from on (the redo tail, or everything). */
static void drop_from(struct undo *u, size_t from)
{
	for (size_t i = from; i < u->n; i++)
		step_free(&u->steps[i]);
	u->n = from;
	if (u->pos > from)
		u->pos = from;
}

void undo_clear(struct undo *u)
{
	drop_from(u, 0);
}

void undo_free(struct undo *u)
{
	undo_clear(u);
	free(u->steps);
	memset(u, 0, sizeof *u);
}

static int reserve(struct undo *u)
{
	if (u->n < u->cap)
		return 0;
	size_t ncap = u->cap ? u->cap * 2 : 32;
	struct undo_step *ns = realloc(u->steps, ncap * sizeof *ns);
	if (!ns)
		return -1;
	u->steps = ns;
	u->cap = ncap;
	return 0;
}

/* Reads the decisions d is about to change, as "before", into s. Call it before the change
 * is applied; commit the step once the resolver accepted the change, discard it otherwise. */
int undo_record(struct undo_step *s, struct tm_model *m, const struct tm_decision *d, size_t n)
{
	*s = (struct undo_step){ .changes = calloc(n ? n : 1, sizeof *s->changes), .n = n };
	if (!s->changes)
		return -1;
	for (size_t i = 0; i < n; i++) {
		struct undo_change *c = &s->changes[i];
		const char *before = tm_user_value(m, d[i].name);
		c->name = strdup(d[i].name);
		c->before = dup_or_null(before);
		c->after = dup_or_null(d[i].value);
		if (!c->name || (before && !c->before) || (d[i].value && !c->after)) {
			step_free(s);
			return -1;
		}
	}
	return 0;
}

void undo_discard(struct undo_step *s)
{
	step_free(s);
}

/* Appends s (taking it over) after the current position, dropping the undone steps. */
int undo_commit(struct undo *u, struct undo_step *s)
{
	drop_from(u, u->pos);
	if (reserve(u) < 0) {
		step_free(s);
		return -1;
	}
	u->steps[u->n++] = *s;
	u->pos = u->n;
	memset(s, 0, sizeof *s);
	return 0;
}

/* The step to undo (moving back) or redo (moving forward), or NULL when there is none. */
const struct undo_step *undo_take(struct undo *u, bool redo)
{
	if (redo)
		return u->pos < u->n ? &u->steps[u->pos++] : NULL;
	return u->pos > 0 ? &u->steps[--u->pos] : NULL;
}

/* Puts back a step taken by undo_take when applying it failed. */
void undo_untake(struct undo *u, bool redo)
{
	if (redo && u->pos > 0)
		u->pos--;
	else if (!redo && u->pos < u->n)
		u->pos++;
}

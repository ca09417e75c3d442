/*
 * tui/why.c — the why pane: why the current row has its value, why it cannot have another,
 * and the smallest fixes, all as the resolver says (model.h).
 *
 * For the row under the cursor the pane shows, in order:
 *   - a refused wish, when the user just tried to set this item and the resolver said no:
 *     the constraints in the way and the numbered fixes (`f` or 1-9 applies one);
 *   - otherwise the chain of reasons for the current value; for a library or bool option
 *     that is off, or a radio value not chosen, whether it could be on, and if not why not
 *     and the fixes;
 *   - for a hidden option, what hides it.
 * The text is computed once per (row, model generation) and cached in the context. The
 * pane sits over the tree on the stack (loop.c) and passes every key but its own down.
 */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui.h"

#define MAX_FIXES 9

void why_free(struct tui *ui)
{
	lines_free(&ui->why.text);
	ui->why.node = -1;
}

void why_wish(struct tui *ui, size_t item, const char *value)
{
	ui->wish.set = true;
	ui->wish.item = item;
	snprintf(ui->wish.value, sizeof ui->wish.value, "%s", value);
	ui->gen++;
}

static void add_text(struct lines *l, const struct tm_text *t, const char *indent)
{
	for (size_t i = 0; i < t->n; i++)
		lines_add(l, "%s%s", indent, t->lines[i]);
}

/* Why item cannot take value, and the fixes; false when it can. The fixes come first: on
 * a small screen they are what the user acts on. */
static bool explain_blocked(struct tui *ui, size_t item, const char *value)
{
	struct tm_text t = { 0 };
	struct why_cache *w = &ui->why;
	const struct tm_item *it = tm_item(ui->model, item);
	struct lines reasons = { 0 };
	if (!tm_why_not(ui->model, item, value, &t))
		return false;
	add_text(&reasons, &t, "  ");
	size_t head = it->owner && it->owner[0] == ':' ? tm_find(ui->model, it->owner) : (size_t)-1;
	if (head != (size_t)-1) /* an app or platform row: "App cannot be ownapp." */
		lines_add(&w->text, "%s cannot be %s.", tm_item(ui->model, head)->title, it->name);
	else
		lines_add(&w->text, "%s cannot be %s.", it->name[0] == ':' ? it->title : it->name,
			  value);
	const struct tm_fix *fixes = NULL;
	size_t n = tm_fixes(ui->model, item, value, &fixes, MAX_FIXES);
	for (size_t i = 0; i < n; i++)
		lines_add(&w->text, "  fix %zu: %s", i + 1, fixes[i].summary);
	if (n == 1)
		lines_add(&w->text, "%s", "  press f to apply the fix");
	else if (n)
		lines_add(&w->text, "  press f or 1-%zu to apply a fix", n);
	else
		lines_add(&w->text, "%s", "  no change of your decisions makes this possible");
	lines_add(&w->text, "%s", "Because:");
	for (size_t i = 0; i < reasons.n; i++)
		lines_add(&w->text, "%s", reasons.v[i]);
	lines_free(&reasons);
	w->item = item;
	snprintf(w->value, sizeof w->value, "%s", value);
	w->nfixes = n;
	return true;
}

/* The value the user would most likely wish for this row instead of the current one. */
static const char *other_value(struct tui *ui, const struct node *n)
{
	const struct tm_item *it = tm_item(ui->model, n->item);
	const struct tm_state *st = tm_state(ui->model, n->item);
	if (n->kind == NODE_VALUE)
		return strcmp(st->value, n->value) ? n->value : NULL;
	if (it->type == TM_BOOL && (it->kind == TM_KIND_LIBRARY || it->kind == TM_KIND_OPTION))
		return strcmp(st->value, "y") ? "y" : NULL;
	return NULL;
}

/* A hidden option: its library is off, or its own depends does not hold. */
static void explain_hidden(struct tui *ui, size_t item)
{
	const struct tm_item *it = tm_item(ui->model, item);
	size_t owner = it->owner ? tm_find(ui->model, it->owner) : (size_t)-1;
	bool owner_off = owner != (size_t)-1 && strcmp(tm_state(ui->model, owner)->value, "y");
	struct tm_text t = { 0 };
	if (owner_off) {
		lines_add(&ui->why.text, "%s is hidden: it exists only while %s is on.", it->name,
			  it->owner);
		tm_why(ui->model, owner, &t);
		add_text(&ui->why.text, &t, "  ");
		if (!explain_blocked(ui, owner, "y"))
			lines_add(&ui->why.text, "Turning %s on shows it.", it->owner);
		return;
	}
	lines_add(&ui->why.text, "%s is hidden: its depends does not hold now.", it->name);
	if (it->type == TM_BOOL)
		explain_blocked(ui, item, "y");
}

static void explain_node(struct tui *ui, int node)
{
	const struct node *n = &ui->tree.nodes[node];
	struct lines *l = &ui->why.text;
	if (n->kind == NODE_CATEGORY) {
		lines_add(l, "%s: a folder of libraries; Space or Enter opens and closes it.",
			  n->label);
		return;
	}
	if (ui->wish.set && ui->wish.item == n->item &&
	    (n->kind == NODE_ITEM || !strcmp(n->value, ui->wish.value)) &&
	    explain_blocked(ui, n->item, ui->wish.value))
		return;
	if (!tm_state(ui->model, n->item)->active) {
		explain_hidden(ui, n->item);
		return;
	}
	const char *other = other_value(ui, n);
	struct tm_text t = { 0 };
	if (n->kind == NODE_ITEM || !other) { /* the chosen radio row: why it is the one */
		tm_why(ui->model, n->item, &t);
		add_text(l, &t, "");
	}
	const struct tm_item *it = tm_item(ui->model, n->item);
	bool radio = n->kind == NODE_VALUE || (it->kind == TM_KIND_LIBRARY && it->owner);
	if (other && !explain_blocked(ui, n->item, other))
		lines_add(l, "It can be %s: %s.", other,
			  radio ? "Space chooses it" : "Space toggles it");
}

static void refresh_cache(struct tui *ui, int node)
{
	struct why_cache *w = &ui->why;
	if (w->node == node && w->gen == ui->gen)
		return;
	lines_free(&w->text);
	w->node = node;
	w->gen = ui->gen;
	w->nfixes = 0;
	if (node >= 0)
		explain_node(ui, node);
}

/* Draws lines into the pane under a separator naming it, wrapped to the width. */
void why_draw_lines(struct tui *ui, const char *title, const char *const *lines, size_t n)
{
	struct layout *l = &ui->lay;
	for (int y = 0; y < l->why_h; y++) {
		move(l->why_y + y, 0);
		clrtoeol();
	}
	attrset(view_attr(ui, COL_DIM));
	mvhline(l->why_y - 1, 0, ACS_HLINE, l->cols);
	mvprintw(l->why_y - 1, 2, " %s ", title);
	attrset(0);
	struct lines w = { 0 };
	for (size_t i = 0; i < n && w.n <= (size_t)l->why_h; i++)
		wrap_hanging(lines[i], l->cols - 2, &w);
	for (int y = 0; y < l->why_h && (size_t)y < w.n; y++) {
		bool more = y == l->why_h - 1 && (size_t)y + 1 < w.n;
		mvprintw(l->why_y + y, 1, "%s", more ? "... (w shows all)" : w.v[y]);
	}
	lines_free(&w);
}

void why_draw(struct tui *ui)
{
	int node = tui_current_node(ui);
	refresh_cache(ui, node);
	why_draw_lines(ui, "why", (const char *const *)ui->why.text.v, ui->why.text.n);
}

/* Whether the explanation, wrapped, fits the pane as it is. */
static bool why_fits(struct tui *ui)
{
	struct lines w = { 0 };
	for (size_t i = 0; i < ui->why.text.n; i++)
		wrap_hanging(ui->why.text.v[i], ui->lay.cols - 2, &w);
	bool fits = w.n <= (size_t)ui->lay.why_h;
	lines_free(&w);
	return fits;
}

/* The whole explanation in a scrollable view, for when the pane is too small; when the
 * pane already shows all of it, a view would only repeat it. */
void why_full(struct tui *ui)
{
	refresh_cache(ui, tui_current_node(ui));
	if (why_fits(ui)) {
		view_status(ui, false, "The why pane shows all of it.");
		return;
	}
	dialog_text(ui, "Why", (const char *const *)ui->why.text.v, ui->why.text.n);
}

static void describe_fix(struct tui *ui, const struct tm_fix *f, struct lines *l)
{
	lines_add(l, "%s", f->summary);
	lines_add(l, "%s", "");
	lines_add(l, "%s", "This changes your decisions:");
	for (size_t i = 0; i < f->nchanges; i++) {
		const char *before = tm_user_value(ui->model, f->changes[i].name);
		const char *name = f->changes[i].name;
		size_t item = tm_find(ui->model, name);
		if (name[0] == ':' && item != (size_t)-1)
			name = tm_item(ui->model, item)->title;
		lines_add(l, "  %s: %s -> %s", name, before ? before : "(default)",
			  f->changes[i].value ? f->changes[i].value : "(default)");
	}
}

/* Copies a fix's changes: the model owns them only until its next call. */
static size_t copy_fix(const struct tm_fix *f, struct tm_decision *d, struct lines *store)
{
	size_t n = f->nchanges < 32 ? f->nchanges : 32;
	for (size_t i = 0; i < n; i++) {
		lines_add(store, "%s", f->changes[i].name);
		lines_add(store, "%s", f->changes[i].value ? f->changes[i].value : "");
	}
	for (size_t i = 0; i < n && store->n == 2 * n; i++) {
		d[i].name = store->v[2 * i];
		d[i].value = f->changes[i].value ? store->v[2 * i + 1] : NULL;
	}
	return store->n == 2 * n ? n : 0;
}

/* The fixes the pane offers now; the model owns them until its next call. */
static size_t current_fixes(struct tui *ui, const struct tm_fix **fixes)
{
	struct why_cache *w = &ui->why;
	return w->nfixes ? tm_fixes(ui->model, w->item, w->value, fixes, MAX_FIXES) : 0;
}

static void fix_answered(struct tui *ui, enum dialog_answer a, const struct pane_arg *arg)
{
	const struct tm_fix *fixes = NULL;
	size_t n = current_fixes(ui, &fixes);
	if (a != ANSWER_YES || arg->index < 0 || (size_t)arg->index >= n)
		return;
	struct tm_decision d[32];
	struct lines store = { 0 };
	size_t nd = copy_fix(&fixes[arg->index], d, &store);
	if (nd && tui_apply(ui, d, nd, "fix", true) == 0)
		ui->wish.set = false;
	lines_free(&store);
}

/* Shows what fix number which changes and asks before applying it. */
static void confirm_fix(struct tui *ui, int which)
{
	const struct tm_fix *fixes = NULL;
	size_t n = current_fixes(ui, &fixes);
	if (which < 0 || (size_t)which >= n)
		return;
	struct lines desc = { 0 };
	struct pane_arg arg = { .index = which };
	describe_fix(ui, &fixes[which], &desc);
	dialog_confirm(ui, "Apply fix", (const char *const *)desc.v, desc.n, "Apply it?", false,
		       fix_answered, &arg);
	lines_free(&desc);
}

static void fix_chosen(struct tui *ui, int choice, const struct pane_arg *arg)
{
	confirm_fix(ui, choice);
}

/* Applies fix number which (0-based), or asks which when which < 0, after showing what it
 * changes. */
void why_apply_fix(struct tui *ui, int which)
{
	refresh_cache(ui, tui_current_node(ui));
	const struct tm_fix *fixes = NULL;
	size_t n = current_fixes(ui, &fixes);
	if (!n) {
		view_status(ui, true, "No fix to apply here.");
		return;
	}
	if (which >= 0 || n == 1) {
		confirm_fix(ui, which < 0 ? 0 : which);
		return;
	}
	const char *names[MAX_FIXES];
	for (size_t i = 0; i < n; i++)
		names[i] = fixes[i].summary;
	dialog_choose(ui, "Which fix?", names, n, 0, fix_chosen, NULL);
}

/* --- the why pane: below the tree, it takes the keys about explanations and fixes ------- */

static void act_full(struct tui *ui, struct pane *p, int ch)
{
	why_full(ui);
}

static void act_fix(struct tui *ui, struct pane *p, int ch)
{
	why_apply_fix(ui, ch >= '1' && ch <= '9' ? ch - '1' : -1);
}

static const struct key_def why_keys[] = {
	{ .codes = { 'w' }, .act = act_full, .name = "w", .help = "the whole why pane" },
	{ .codes = { 'f', '1', '2', '3', '4', '5', '6', '7', '8', '9' },
	  .act = act_fix,
	  .legend = "f:fix",
	  .rank = 5,
	  .keep = 2,
	  .name = "f, 1-9",
	  .help = "apply a fix offered in the why pane (shown first)" },
	{ .act = NULL } /* the end */
};

static const struct key_def *why_pane_keys(struct tui *ui, struct pane *p)
{
	return why_keys;
}

static void why_pane_draw(struct tui *ui, struct pane *p)
{
	why_draw(ui);
}

static const struct pane_ops why_pane_ops = {
	.name = "why",
	.draw = why_pane_draw,
	.keys = why_pane_keys,
	.transparent = true,
	.needs_room = true,
};

struct pane *why_pane_new(void)
{
	struct pane *p = malloc(sizeof *p);
	if (p)
		p->ops = &why_pane_ops;
	return p;
}

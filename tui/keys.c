/*
 * tui/keys.c — what each key does in the tree, and the one path every change takes.
 *
 * Every change, whether a toggle, an edit, a fix, undo or redo, goes through tui_apply():
 * the resolver accepts it or refuses it whole; a refusal becomes a "wish" the why pane
 * explains with fixes; an acceptance is recorded for undo, and whatever else the resolver
 * changed because of it (libraries turned on to satisfy a dependency) is said on the
 * status line.
 */
#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "tui.h"

int tui_current_node(const struct tui *ui)
{
	if (ui->cursor < 0 || ui->cursor >= ui->tree.nrows)
		return -1;
	return ui->tree.rows[ui->cursor];
}

/* Puts the cursor on node, opening folders and revealing it when it is hidden. */
void tui_goto_node(struct tui *ui, int node)
{
	tree_reveal(&ui->tree, ui->model, node);
	int row = tree_row_of_node(&ui->tree, node);
	if (row < 0)
		return;
	ui->cursor = row;
	ui->top = row - ui->lay.list_h / 2 > 0 ? row - ui->lay.list_h / 2 : 0;
}

/* Joins the user's decisions into one string, to compare with the saved ones. */
static char *decisions_text(struct tui *ui)
{
	struct tm_text t = { 0 };
	tm_decisions(ui->model, &t);
	size_t len = 1;
	for (size_t i = 0; i < t.n; i++)
		len += strlen(t.lines[i]) + 1;
	char *s = malloc(len), *p = s;
	for (size_t i = 0; s && i < t.n; i++)
		p = stpcpy(stpcpy(p, t.lines[i]), "\n");
	if (s)
		*p = 0;
	return s;
}

void tui_update_dirty(struct tui *ui)
{
	char *now = decisions_text(ui);
	ui->dirty = !now || !ui->saved || strcmp(now, ui->saved);
	free(now);
}

void tui_snapshot_saved(struct tui *ui)
{
	free(ui->saved);
	ui->saved = decisions_text(ui);
	ui->dirty = false;
}

/* Keeps the cursor on the same node across a change of the visible rows. */
static void refresh_rows(struct tui *ui)
{
	int node = tui_current_node(ui);
	tree_refresh(&ui->tree, ui->model);
	int row = node >= 0 ? tree_row_of_node(&ui->tree, node) : -1;
	while (row < 0 && node >= 0) {
		node = ui->tree.nodes[node].parent;
		row = node >= 0 ? tree_row_of_node(&ui->tree, node) : 0;
	}
	ui->cursor = row < 0 ? 0 : row;
	ui->gen++;
}

static char **snapshot_values(struct tui *ui)
{
	size_t n = tm_count(ui->model);
	char **v = calloc(n + 1, sizeof *v);
	for (size_t i = 0; v && i < n; i++)
		v[i] = strdup(tm_state(ui->model, i)->value);
	return v;
}

static bool decided(const struct tm_decision *d, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(d[i].name, name))
			return true;
	return false;
}

/* "printk = y; also console = y (forced by printk)": what the resolver changed besides. */
static void say_changes(struct tui *ui, char **before, const struct tm_decision *d, size_t n,
			const char *what)
{
	char msg[sizeof ui->status];
	int len = snprintf(msg, sizeof msg, "%s", what);
	for (size_t i = 0; i < n && len < (int)sizeof msg; i++)
		len += snprintf(msg + len, sizeof msg - (size_t)len, "%s%s = %s", i ? ", " : " ",
				d[i].name, d[i].value ? d[i].value : "(default)");
	const char *sep = "; also ";
	for (size_t i = 0; before && i < tm_count(ui->model) && len < (int)sizeof msg; i++) {
		const struct tm_state *st = tm_state(ui->model, i);
		const char *name = tm_item(ui->model, i)->name;
		/* options coming and going with their library are not news */
		if (!before[i] || !before[i][0] || !st->active || !strcmp(before[i], st->value) ||
		    decided(d, n, name) || name[0] == ':')
			continue;
		len += snprintf(msg + len, sizeof msg - (size_t)len, "%s%s = %s", sep, name,
				st->value);
		if (st->origin == TM_ORIGIN_FORCED && st->by && len < (int)sizeof msg)
			len += snprintf(msg + len, sizeof msg - (size_t)len, " (by %s)", st->by);
		sep = ", ";
	}
	view_status(ui, false, "%s", msg);
}

static void free_values(struct tui *ui, char **v)
{
	for (size_t i = 0; v && i < tm_count(ui->model); i++)
		free(v[i]);
	free(v);
}

/* The resolver's refusal on one line, never ending in a colon: its heading ("these
 * decisions cannot all hold:") points at the why pane when that shows the reasons, and is
 * followed by them when it does not (an undo, a fix). */
static void refusal(const struct tm_text *why, bool pane, char *buf, size_t len)
{
	const char *head = why->n ? why->lines[0] : "the resolver refused it";
	int hl = (int)strlen(head);
	bool colon = hl && head[hl - 1] == ':';
	int at = snprintf(buf, len, "%.*s%s", hl - (colon && pane), head,
			  colon && pane ? " (the why pane says why)" : "");
	for (size_t i = 1; !pane && i < why->n && at < (int)len; i++)
		at += snprintf(buf + at, len - (size_t)at, "%s%s", i > 1 ? "; " : " ",
			       why->lines[i] + strspn(why->lines[i], " "));
}

int tui_apply(struct tui *ui, const struct tm_decision *d, size_t n, const char *what, bool record)
{
	struct undo_step step = { 0 };
	struct tm_text why = { 0 };
	if (!n || (record && undo_record(&step, ui->model, d, n) < 0))
		return -1;
	char **before = snapshot_values(ui);
	if (tm_apply(ui->model, d, n, &why) < 0) {
		char reason[512];
		size_t item = tm_find(ui->model, d[0].name);
		bool pane = n == 1 && d[0].value && item != (size_t)-1;
		refusal(&why, pane, reason, sizeof reason);
		view_status(ui, true, "Refused: %s = %s: %s", d[0].name,
			    d[0].value ? d[0].value : "(default)", reason);
		if (pane)
			why_wish(ui, item, d[0].value);
		undo_discard(&step);
		free_values(ui, before);
		return -1;
	}
	if (record)
		undo_commit(&ui->undo, &step);
	say_changes(ui, before, d, n, what);
	free_values(ui, before);
	ui->wish.set = false;
	refresh_rows(ui);
	tui_update_dirty(ui);
	return 0;
}

static void undo_redo(struct tui *ui, bool redo)
{
	const struct undo_step *s = undo_take(&ui->undo, redo);
	if (!s) {
		view_status(ui, true, redo ? "Nothing to redo." : "Nothing to undo.");
		return;
	}
	struct tm_decision d[64];
	size_t n = s->n < 64 ? s->n : 64;
	for (size_t i = 0; i < n; i++)
		d[i] = (struct tm_decision){ s->changes[i].name,
					     redo ? s->changes[i].after : s->changes[i].before };
	if (tui_apply(ui, d, n, redo ? "redo:" : "undo:", false) < 0)
		undo_untake(&ui->undo, redo);
}

/* A provider in an interface's radio list: choosing it drops the user's other choice.
 * App and platform libraries are radio rows too: choosing one sets the profile's app or
 * target. */
static void choose_provider(struct tui *ui, const struct tm_item *lib)
{
	if (lib->owner[0] == ':') {
		struct tm_decision d = { lib->owner, lib->name };
		tui_apply(ui, &d, 1, "chose", true);
		return;
	}
	const struct tm_item *grp = tm_item(ui->model, tm_find(ui->model, lib->owner));
	struct tm_decision d[32] = { { lib->name, "y" } };
	size_t n = 1;
	for (size_t i = 0; i < grp->nvalues && n < 32; i++) {
		const char *u = tm_user_value(ui->model, grp->values[i]);
		if (strcmp(grp->values[i], lib->name) && u && !strcmp(u, "y"))
			d[n++] = (struct tm_decision){ grp->values[i], NULL };
	}
	tui_apply(ui, d, n, "chose", true);
}

static bool radio_library(struct tui *ui, const struct tm_item *it)
{
	return it->kind == TM_KIND_LIBRARY && it->owner &&
	       tm_find(ui->model, it->owner) != (size_t)-1;
}

static bool expandable(const struct tui *ui, const struct node *n)
{
	if (n->kind == NODE_CATEGORY)
		return true;
	if (n->kind == NODE_VALUE)
		return false;
	enum tm_kind k = tm_item(ui->model, n->item)->kind;
	return k == TM_KIND_APP || k == TM_KIND_PLATFORM || k == TM_KIND_GROUP;
}

static void set_expanded(struct tui *ui, int node, bool open)
{
	ui->tree.nodes[node].expanded = open;
	refresh_rows(ui);
}

/* Space: toggles a library or bool, chooses a radio value, opens or closes a folder. */
static void toggle(struct tui *ui, int node, bool enter)
{
	struct node *n = &ui->tree.nodes[node];
	if (expandable(ui, n)) {
		set_expanded(ui, node, !n->expanded);
		return;
	}
	const struct tm_item *it = tm_item(ui->model, n->item);
	if (n->kind == NODE_VALUE) {
		struct tm_decision d = { it->name, n->value };
		tui_apply(ui, &d, 1, "chose", true);
	} else if (enter && it->type != TM_BOOL) {
		tui_edit_item(ui, n->item);
	} else if (it->type != TM_BOOL) {
		view_status(ui, false, "Enter edits %s.", it->name);
	} else if (radio_library(ui, it) && strcmp(tm_state(ui->model, n->item)->value, "y")) {
		choose_provider(ui, it);
	} else if (radio_library(ui, it) && it->owner[0] == ':') {
		view_status(ui, false, "%s is chosen; choose another to change it.", it->name);
	} else {
		bool on = !strcmp(tm_state(ui->model, n->item)->value, "y");
		struct tm_decision d = { it->name, on ? "n" : "y" };
		tui_apply(ui, &d, 1, "set", true);
	}
}

static void reset(struct tui *ui, int node)
{
	const struct node *n = &ui->tree.nodes[node];
	if (n->kind == NODE_CATEGORY)
		return;
	const char *name = tm_item(ui->model, n->item)->name;
	if (!tm_user_value(ui->model, name)) {
		view_status(ui, false, "%s has no decision of yours to forget.", name);
		return;
	}
	struct tm_decision d = { name, NULL };
	tui_apply(ui, &d, 1, "reset", true);
}

static void left_right(struct tui *ui, int node, bool right)
{
	struct node *n = &ui->tree.nodes[node];
	if (right && expandable(ui, n) && !n->expanded)
		set_expanded(ui, node, true);
	else if (!right && expandable(ui, n) && n->expanded)
		set_expanded(ui, node, false);
	else if (!right && n->parent >= 0)
		ui->cursor = tree_row_of_node(&ui->tree, n->parent);
	else if (right && ui->cursor + 1 < ui->tree.nrows)
		ui->cursor++;
}

static bool node_key(struct tui *ui, int ch, int node)
{
	switch (ch) {
	case ' ':
		toggle(ui, node, false);
		break;
	case '\n':
	case '\r':
	case KEY_ENTER:
		toggle(ui, node, true);
		break;
	case KEY_RIGHT:
	case 'l':
		left_right(ui, node, true);
		break;
	case KEY_LEFT:
	case 'h':
		left_right(ui, node, false);
		break;
	case 'x':
	case KEY_DC:
		reset(ui, node);
		break;
	case 'w':
		why_full(ui);
		break;
	case 'f':
		why_apply_fix(ui, -1);
		break;
	default:
		if (ch >= '1' && ch <= '9')
			why_apply_fix(ui, ch - '1');
		else
			return false;
	}
	return true;
}

void keys_dispatch(struct tui *ui, int ch)
{
	int node = tui_current_node(ui);
	if (list_move(ch, &ui->cursor, ui->tree.nrows, ui->lay.list_h > 1 ? ui->lay.list_h : 1))
		return;
	if (node >= 0 && node_key(ui, ch, node))
		return;
	switch (ch) {
	case '/':
		search_run(ui);
		break;
	case '?':
	case KEY_F(1):
		tui_help(ui);
		break;
	case 'u':
		undo_redo(ui, false);
		break;
	case 18:
		undo_redo(ui, true);
		break;
	case 'd':
		profile_diff(ui);
		break;
	case 's':
		profile_save(ui, false);
		break;
	case 'S':
		profile_save(ui, true);
		break;
	case 'o':
		profile_open(ui);
		break;
	case 'b':
		runpane_start(ui, RUN_BUILD);
		break;
	case 'r':
		runpane_start(ui, RUN_BOOT);
		break;
	case '.':
		ui->tree.show_hidden = !ui->tree.show_hidden;
		refresh_rows(ui);
		view_status(ui, false,
			    ui->tree.show_hidden ? "Showing hidden options."
						 : "Hiding options that do not exist now.");
		break;
	case 'q':
	case 27:
	case 3:
		profile_quit(ui);
		break;
	}
}

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
		view_status(ui, true, "Refused: %s = %s: %s",
			    d[0].name[0] == ':' && item != (size_t)-1
				    ? tm_item(ui->model, item)->title
				    : d[0].name,
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

/* --- the tree pane: its keys -------------------------------------------------------- */

/* Moves the cursor to row, kept within the rows. */
static void move_to(struct tui *ui, int row)
{
	ui->cursor = row < 0 ? 0 : row >= ui->tree.nrows ? ui->tree.nrows - 1 : row;
}

static int page(const struct tui *ui)
{
	return ui->lay.list_h > 1 ? ui->lay.list_h : 1;
}

static void act_up(struct tui *ui, struct pane *p, int ch)
{
	move_to(ui, ui->cursor - 1);
}

static void act_down(struct tui *ui, struct pane *p, int ch)
{
	move_to(ui, ui->cursor + 1);
}

static void act_page_up(struct tui *ui, struct pane *p, int ch)
{
	move_to(ui, ui->cursor - page(ui));
}

static void act_page_down(struct tui *ui, struct pane *p, int ch)
{
	move_to(ui, ui->cursor + page(ui));
}

static void act_first(struct tui *ui, struct pane *p, int ch)
{
	move_to(ui, 0);
}

static void act_last(struct tui *ui, struct pane *p, int ch)
{
	move_to(ui, ui->tree.nrows - 1);
}

static void act_open(struct tui *ui, struct pane *p, int ch)
{
	if (tui_current_node(ui) >= 0)
		left_right(ui, tui_current_node(ui), true);
}

static void act_close(struct tui *ui, struct pane *p, int ch)
{
	if (tui_current_node(ui) >= 0)
		left_right(ui, tui_current_node(ui), false);
}

static void act_toggle(struct tui *ui, struct pane *p, int ch)
{
	if (tui_current_node(ui) >= 0)
		toggle(ui, tui_current_node(ui), false);
}

static void act_enter(struct tui *ui, struct pane *p, int ch)
{
	if (tui_current_node(ui) >= 0)
		toggle(ui, tui_current_node(ui), true);
}

static void act_reset(struct tui *ui, struct pane *p, int ch)
{
	if (tui_current_node(ui) >= 0)
		reset(ui, tui_current_node(ui));
}

static void act_search(struct tui *ui, struct pane *p, int ch)
{
	search_open(ui);
}

static void act_help(struct tui *ui, struct pane *p, int ch)
{
	tui_help(ui);
}

static void act_undo(struct tui *ui, struct pane *p, int ch)
{
	undo_redo(ui, false);
}

static void act_redo(struct tui *ui, struct pane *p, int ch)
{
	undo_redo(ui, true);
}

static void act_diff(struct tui *ui, struct pane *p, int ch)
{
	profile_diff(ui);
}

static void act_save(struct tui *ui, struct pane *p, int ch)
{
	profile_save(ui, false);
}

static void act_save_as(struct tui *ui, struct pane *p, int ch)
{
	profile_save(ui, true);
}

static void act_open_profile(struct tui *ui, struct pane *p, int ch)
{
	profile_open(ui);
}

static void act_build(struct tui *ui, struct pane *p, int ch)
{
	runpane_start(ui, RUN_BUILD);
}

static void act_run(struct tui *ui, struct pane *p, int ch)
{
	runpane_start(ui, RUN_BOOT);
}

static void act_hidden(struct tui *ui, struct pane *p, int ch)
{
	ui->tree.show_hidden = !ui->tree.show_hidden;
	refresh_rows(ui);
	view_status(ui, false,
		    ui->tree.show_hidden ? "Showing hidden options."
					 : "Hiding options that do not exist now.");
}

static void act_quit(struct tui *ui, struct pane *p, int ch)
{
	profile_quit(ui);
}

/* Every key of the main screen but the why pane's (why.c). The legend shows them by rank,
 * the help screen in this order; what does not fit the legend is left to `?`. As the
 * terminal narrows, the legend keeps q, then ? (the way to every other key), then save,
 * build and run: at 60 columns those are still there, at 40 q and ? at least. */
static const struct key_def tree_keys[] = {
	{ .codes = { KEY_UP, 'k' }, .act = act_up, .name = "Up/Down, k/j", .help = "move" },
	{ .codes = { KEY_DOWN, 'j' }, .act = act_down },
	{ .codes = { KEY_PPAGE, KEY_CTRL('b') },
	  .act = act_page_up,
	  .name = "PgUp/PgDn",
	  .help = "a page",
	  .join = true },
	{ .codes = { KEY_NPAGE, KEY_CTRL('f') }, .act = act_page_down },
	{ .codes = { KEY_HOME, 'g' },
	  .act = act_first,
	  .name = "g/G",
	  .help = "first, last",
	  .join = true },
	{ .codes = { KEY_END, 'G' }, .act = act_last },
	{ .codes = { KEY_RIGHT, 'l' },
	  .act = act_open,
	  .name = "Right/l",
	  .help = "open a folder or list" },
	{ .codes = { KEY_LEFT, 'h' },
	  .act = act_close,
	  .name = "Left/h",
	  .help = "close it or go to its parent",
	  .join = true },
	{ .codes = { ' ' },
	  .act = act_toggle,
	  .legend = "Spc:toggle",
	  .rank = 1,
	  .keep = 5,
	  .name = "Space",
	  .help = "toggle; choose in a radio list; open or close a folder" },
	{ .codes = { '\n', '\r', KEY_ENTER },
	  .act = act_enter,
	  .legend = "Enter:edit",
	  .rank = 2,
	  .keep = 3,
	  .name = "Enter",
	  .help = "edit a number, text or choice; like Space elsewhere" },
	{ .codes = { 'x', KEY_DC },
	  .act = act_reset,
	  .legend = "x:reset",
	  .rank = 15,
	  .name = "x",
	  .help = "forget your decision: back to the default" },
	{ .codes = { '/' },
	  .act = act_search,
	  .legend = "/:search",
	  .rank = 3,
	  .keep = 4,
	  .name = "/",
	  .help = "search names, titles and help as you type" },
	{ .codes = { '?', KEY_F(1) },
	  .act = act_help,
	  .legend = "?:help",
	  .rank = 4,
	  .keep = 9,
	  .name = "?",
	  .help = "this help" },
	{ .codes = { 'u' },
	  .act = act_undo,
	  .legend = "u:undo",
	  .rank = 6,
	  .keep = 1,
	  .name = "u",
	  .help = "undo" },
	{ .codes = { KEY_CTRL('r') },
	  .act = act_redo,
	  .legend = "^R:redo",
	  .rank = 11,
	  .name = "Ctrl-R",
	  .help = "redo",
	  .join = true },
	{ .codes = { 'd' },
	  .act = act_diff,
	  .legend = "d:diff",
	  .rank = 12,
	  .name = "d",
	  .help = "your decisions against the saved file" },
	{ .codes = { 's' },
	  .act = act_save,
	  .legend = "s:save",
	  .rank = 7,
	  .keep = 8,
	  .name = "s",
	  .help = "save" },
	{ .codes = { 'S' },
	  .act = act_save_as,
	  .legend = "S:save-as",
	  .rank = 13,
	  .name = "S",
	  .help = "save as",
	  .join = true },
	{ .codes = { 'o' },
	  .act = act_open_profile,
	  .legend = "o:open",
	  .rank = 14,
	  .name = "o",
	  .help = "open a profile or a preset",
	  .join = true },
	{ .codes = { 'b' },
	  .act = act_build,
	  .legend = "b:build",
	  .rank = 8,
	  .keep = 7,
	  .name = "b",
	  .help = "build" },
	{ .codes = { 'r' },
	  .act = act_run,
	  .legend = "r:run",
	  .rank = 9,
	  .keep = 6,
	  .name = "r",
	  .help = "run (q or Ctrl-C stops the guest)",
	  .join = true },
	{ .codes = { '.' }, .act = act_hidden, .name = ".", .help = "show hidden options" },
	{ .codes = { 'q', KEY_ESCAPE, KEY_CTRL('c') },
	  .act = act_quit,
	  .legend = "q:quit",
	  .rank = 10,
	  .name = "q, Esc",
	  .help = "quit (asks first when there are unsaved changes)",
	  .small = true },
	{ .act = NULL } /* the end */
};

static const struct key_def *tree_pane_keys(struct tui *ui, struct pane *p)
{
	return tree_keys;
}

static void tree_pane_layout(struct tui *ui, struct pane *p)
{
	view_scroll(ui);
}

static void tree_pane_draw(struct tui *ui, struct pane *p)
{
	view_draw(ui);
}

static const struct pane_ops tree_pane_ops = {
	.name = "tree",
	.layout = tree_pane_layout,
	.draw = tree_pane_draw,
	.keys = tree_pane_keys,
	.fullscreen = true,
	.needs_room = true,
};

/* The bottom of the stack: title, tree, status line; it lives as long as the menu. */
struct pane *tree_pane_new(void)
{
	struct pane *p = malloc(sizeof *p);
	if (p)
		p->ops = &tree_pane_ops;
	return p;
}

/*
 * tui/editor.c — editing a value in place: the one-line editor and the range checks.
 *
 * int, hex and string options are edited on their own row, where the value column is;
 * prompts (save as, open a file) are edited on the status line. Keys are the ones a shell
 * has: Left/Right, Home/End (Ctrl-A/Ctrl-E), Backspace, Ctrl-U to clear, Enter to accept,
 * Esc to cancel. A number out of range is refused on Enter with the range shown, and the
 * editor stays open with the text as typed. The editor is a pane (tui.h) over the screen;
 * what to do with the text is the opener's callback.
 */
#include <curses.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui.h"

struct edit_pane {
	struct pane base;
	enum edit_place where;
	char prompt[96];
	char buf[4096];
	size_t cap; /* room in buf, at most sizeof buf */
	size_t pos; /* the cursor, 0..strlen(buf) */
	edit_fn *accept;
	struct pane_arg arg;
};

/* Where the editor sits, recomputed after every resize. */
static void place(struct tui *ui, enum edit_place where, int plen, int *y, int *x, int *w)
{
	if (where == EDIT_AT_ROW) {
		*y = ui->lay.list_y + ui->cursor - ui->top;
		*x = view_value_col(ui) - plen;
		*x = *x < ui->lay.cols / 3 ? ui->lay.cols / 3 : *x;
		*w = ui->lay.cols - *x - 1;
	} else {
		*y = ui->lay.status_y;
		*x = 0;
		*w = ui->lay.cols - 1;
	}
}

static void edit_draw(struct tui *ui, struct pane *p)
{
	struct edit_pane *e = (struct edit_pane *)p;
	int y, x, w;
	int plen = (int)strlen(e->prompt);
	place(ui, e->where, plen, &y, &x, &w);
	int room = w - plen - 1;
	int off = (int)e->pos > room ? (int)e->pos - room : 0;
	attrset(A_REVERSE);
	mvhline(y, x, ' ', w);
	mvaddstr(y, x, e->prompt);
	mvaddnstr(y, x + plen, e->buf + off, room);
	attrset(0);
	move(y, x + plen + (int)e->pos - off);
	curs_set(1);
}

static void act_accept(struct tui *ui, struct pane *p, int ch)
{
	struct edit_pane *e = (struct edit_pane *)p;
	if (!e->accept || e->accept(ui, e->buf, &e->arg) == EDIT_CLOSE)
		pane_remove(ui, p);
}

static void act_cancel(struct tui *ui, struct pane *p, int ch)
{
	pane_remove(ui, p);
}

static void act_left(struct tui *ui, struct pane *p, int ch)
{
	struct edit_pane *e = (struct edit_pane *)p;
	e->pos -= e->pos > 0;
}

static void act_right(struct tui *ui, struct pane *p, int ch)
{
	struct edit_pane *e = (struct edit_pane *)p;
	e->pos += e->pos < strlen(e->buf);
}

static void act_home(struct tui *ui, struct pane *p, int ch)
{
	((struct edit_pane *)p)->pos = 0;
}

static void act_end(struct tui *ui, struct pane *p, int ch)
{
	struct edit_pane *e = (struct edit_pane *)p;
	e->pos = strlen(e->buf);
}

static void act_clear(struct tui *ui, struct pane *p, int ch)
{
	struct edit_pane *e = (struct edit_pane *)p;
	e->buf[0] = 0;
	e->pos = 0;
}

static void act_backspace(struct tui *ui, struct pane *p, int ch)
{
	struct edit_pane *e = (struct edit_pane *)p;
	size_t n = strlen(e->buf);
	if (e->pos > 0) {
		memmove(e->buf + e->pos - 1, e->buf + e->pos, n - e->pos + 1);
		e->pos--;
	}
}

static void act_delete(struct tui *ui, struct pane *p, int ch)
{
	struct edit_pane *e = (struct edit_pane *)p;
	size_t n = strlen(e->buf);
	if (e->pos < n)
		memmove(e->buf + e->pos, e->buf + e->pos + 1, n - e->pos);
}

/* Any other printable key is typed in at the cursor. */
static void edit_other(struct tui *ui, struct pane *p, int ch)
{
	struct edit_pane *e = (struct edit_pane *)p;
	size_t n = strlen(e->buf);
	if (ch < 32 || ch >= 127 || n + 1 >= e->cap)
		return;
	memmove(e->buf + e->pos + 1, e->buf + e->pos, n - e->pos + 1);
	e->buf[e->pos++] = (char)ch;
}

static const struct key_def edit_keys[] = {
	{ .codes = { '\n', '\r', KEY_ENTER }, .act = act_accept, .legend = "Enter:accept" },
	{ .codes = { KEY_ESCAPE, KEY_CTRL('c') }, .act = act_cancel, .legend = "Esc:cancel" },
	{ .codes = { KEY_CTRL('u') }, .act = act_clear, .legend = "^U:clear" },
	{ .codes = { KEY_LEFT }, .act = act_left, .legend = "Left/Right:move" },
	{ .codes = { KEY_RIGHT }, .act = act_right },
	{ .codes = { KEY_HOME, KEY_CTRL('a') }, .act = act_home },
	{ .codes = { KEY_END, KEY_CTRL('e') }, .act = act_end },
	{ .codes = { KEY_BACKSPACE, KEY_ASCII_DEL, KEY_CTRL('h') }, .act = act_backspace },
	{ .codes = { KEY_DC }, .act = act_delete },
	{ .act = NULL } /* the end */
};

static const struct key_def *edit_pane_keys(struct tui *ui, struct pane *p)
{
	return edit_keys;
}

static const struct pane_ops edit_ops = {
	.name = "editor",
	.draw = edit_draw,
	.keys = edit_pane_keys,
	.other = edit_other,
};

/* Opens the editor on text (at most cap - 1 characters). Enter hands the text to accept,
 * which says whether the editor closes; Esc closes it and nothing is called. */
void editor_open(struct tui *ui, enum edit_place where, const char *prompt, const char *text,
		 size_t cap, edit_fn *accept, const struct pane_arg *arg)
{
	struct edit_pane *e = calloc(1, sizeof *e);
	if (!e)
		return;
	e->base.ops = &edit_ops;
	e->where = where;
	e->cap = cap < sizeof e->buf ? cap : sizeof e->buf;
	snprintf(e->prompt, sizeof e->prompt, "%s", prompt);
	snprintf(e->buf, e->cap, "%s", text);
	e->pos = strlen(e->buf);
	e->accept = accept;
	if (arg)
		e->arg = *arg;
	pane_push(ui, &e->base);
}

/* Checks a typed number against the option's type and range; NULL when it is fine, else
 * what is wrong. */
static const char *check_number(const struct tm_item *it, const char *text, char *msg, size_t len)
{
	char *end;
	errno = 0;
	bool hex = it->type == TM_HEX;
	if (hex && strncmp(text, "0x", 2) && strncmp(text, "0X", 2))
		return "a hex value starts with 0x";
	long long v = strtoll(text, &end, hex ? 16 : 10);
	if (!text[0] || *end || errno)
		return hex ? "not a hex number" : "not a whole number";
	if (it->min <= it->max && (v < it->min || v > it->max)) {
		snprintf(msg, len, hex ? "out of range 0x%llx..0x%llx" : "out of range %lld..%lld",
			 it->min, it->max);
		return msg;
	}
	return NULL;
}

static enum edit_verdict text_accepted(struct tui *ui, const char *text, const struct pane_arg *arg)
{
	const struct tm_item *it = tm_item(ui->model, arg->item);
	char msg[96];
	const char *bad = it->type == TM_STRING ? NULL : check_number(it, text, msg, sizeof msg);
	if (bad) {
		view_status(ui, true, "%s: %s: %s", it->name, text, bad);
		return EDIT_KEEP; /* still editing, with the text as typed */
	}
	struct tm_decision d = { it->name, text };
	tui_apply(ui, &d, 1, "set", true);
	return EDIT_CLOSE;
}

static void edit_text(struct tui *ui, size_t item)
{
	const struct tm_item *it = tm_item(ui->model, item);
	char prompt[96];
	struct pane_arg arg = { .item = item };
	if (it->type != TM_STRING && it->min <= it->max)
		snprintf(prompt, sizeof prompt,
			 it->type == TM_HEX ? "[0x%llx..0x%llx] " : "[%lld..%lld] ", it->min,
			 it->max);
	else
		snprintf(prompt, sizeof prompt, "%s: ", it->name);
	editor_open(ui, EDIT_AT_ROW, prompt, tm_state(ui->model, item)->value, 256, text_accepted,
		    &arg);
}

static void choice_made(struct tui *ui, int choice, const struct pane_arg *arg)
{
	const struct tm_item *it = tm_item(ui->model, arg->item);
	struct tm_decision d = { it->name, it->values[choice] };
	tui_apply(ui, &d, 1, "set", true);
}

static void edit_choice(struct tui *ui, size_t item)
{
	const struct tm_item *it = tm_item(ui->model, item);
	const char *cur = tm_state(ui->model, item)->value;
	struct pane_arg arg = { .item = item };
	int sel = 0;
	for (size_t i = 0; i < it->nvalues; i++)
		if (!strcmp(it->values[i], cur))
			sel = (int)i;
	dialog_choose(ui, it->title, it->values, it->nvalues, sel, choice_made, &arg);
}

/* Enter on an option: edit it the way its type wants. */
void tui_edit_item(struct tui *ui, size_t item)
{
	const struct tm_item *it = tm_item(ui->model, item);
	if (!tm_state(ui->model, item)->active) {
		view_status(ui, true, "%s is hidden: turn on %s first (see the why pane).",
			    it->name, it->owner ? it->owner : "its library");
		return;
	}
	if (it->type == TM_CHOICE)
		edit_choice(ui, item);
	else if (it->type != TM_BOOL)
		edit_text(ui, item);
}

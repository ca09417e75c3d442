/*
 * tui/editor.c — editing a value in place: the one-line editor and the range checks.
 *
 * int, hex and string options are edited on their own row, where the value column is;
 * prompts (save as, open a file) are edited on the status line. Keys are the ones a shell
 * has: Left/Right, Home/End (Ctrl-A/Ctrl-E), Backspace, Ctrl-U to clear, Enter to accept,
 * Esc to cancel. A number out of range is refused on Enter with the range shown, and the
 * editor stays open with the text as typed.
 */
#include <curses.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui.h"

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

static void draw_edit(struct tui *ui, enum edit_place where, const char *prompt, const char *buf,
		      size_t pos)
{
	static const char *const keys[] = { "Enter:accept", "Esc:cancel", "^U:clear",
					    "Left/Right:move", NULL };
	int y, x, w;
	int plen = (int)strlen(prompt);
	view_draw(ui);
	place(ui, where, plen, &y, &x, &w);
	int room = w - plen - 1;
	int off = (int)pos > room ? (int)pos - room : 0;
	attrset(A_REVERSE);
	mvhline(y, x, ' ', w);
	mvaddstr(y, x, prompt);
	mvaddnstr(y, x + plen, buf + off, room);
	attrset(0);
	view_draw_legend(ui, keys, ui->lay.legend_y);
	move(y, x + plen + (int)pos - off);
	curs_set(1);
	refresh();
}

static void insert_char(char *buf, size_t len, size_t *pos, int ch)
{
	size_t n = strlen(buf);
	if (n + 1 >= len)
		return;
	memmove(buf + *pos + 1, buf + *pos, n - *pos + 1);
	buf[(*pos)++] = (char)ch;
}

enum edit_result editor_line(struct tui *ui, enum edit_place where, const char *prompt, char *buf,
			     size_t len)
{
	size_t pos = strlen(buf);
	for (;;) {
		draw_edit(ui, where, prompt, buf, pos);
		int ch = getch();
		size_t n = strlen(buf);
		switch (ch) {
		case '\n':
		case '\r':
		case KEY_ENTER:
			curs_set(0);
			return EDIT_ACCEPT;
		case 27:
		case 3:
			curs_set(0);
			return EDIT_CANCEL;
		case KEY_LEFT:
			pos -= pos > 0;
			break;
		case KEY_RIGHT:
			pos += pos < n;
			break;
		case KEY_HOME:
		case 1:
			pos = 0;
			break;
		case KEY_END:
		case 5:
			pos = n;
			break;
		case 21:
			buf[0] = 0;
			pos = 0;
			break;
		case KEY_BACKSPACE:
		case 127:
		case 8:
			if (pos > 0) {
				memmove(buf + pos - 1, buf + pos, n - pos + 1);
				pos--;
			}
			break;
		case KEY_DC:
			if (pos < n)
				memmove(buf + pos, buf + pos + 1, n - pos);
			break;
		default:
			if (ch >= 32 && ch < 127)
				insert_char(buf, len, &pos, ch);
		}
	}
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

static void edit_text(struct tui *ui, size_t item)
{
	const struct tm_item *it = tm_item(ui->model, item);
	char buf[256], prompt[96], msg[96];
	snprintf(buf, sizeof buf, "%s", tm_state(ui->model, item)->value);
	if (it->type != TM_STRING && it->min <= it->max)
		snprintf(prompt, sizeof prompt,
			 it->type == TM_HEX ? "[0x%llx..0x%llx] " : "[%lld..%lld] ", it->min,
			 it->max);
	else
		snprintf(prompt, sizeof prompt, "%s: ", it->name);
	for (;;) {
		if (editor_line(ui, EDIT_AT_ROW, prompt, buf, sizeof buf) != EDIT_ACCEPT)
			return;
		const char *bad =
			it->type == TM_STRING ? NULL : check_number(it, buf, msg, sizeof msg);
		if (!bad)
			break;
		view_status(ui, true, "%s: %s: %s", it->name, buf, bad);
	}
	struct tm_decision d = { it->name, buf };
	tui_apply(ui, &d, 1, "set", true);
}

static void edit_choice(struct tui *ui, size_t item)
{
	const struct tm_item *it = tm_item(ui->model, item);
	const char *cur = tm_state(ui->model, item)->value;
	int sel = 0;
	for (size_t i = 0; i < it->nvalues; i++)
		if (!strcmp(it->values[i], cur))
			sel = (int)i;
	int c = dialog_choose(ui, it->title, it->values, it->nvalues, sel);
	if (c < 0)
		return;
	struct tm_decision d = { it->name, it->values[c] };
	tui_apply(ui, &d, 1, "set", true);
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

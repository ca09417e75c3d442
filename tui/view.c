/*
 * tui/view.c — drawing the main screen: title, tree rows, why pane, status, key legend.
 *
 * Layout (80x24 and up; rows below are for 24 lines):
 *   0       title: program, profile path, [modified]
 *   1..15   the tree, one row per visible node
 *   16      separator naming the why pane
 *   17..21  the why pane (why.c)
 *   22      status: what the last key did, or what went wrong
 *   23      key legend, always visible, shortened to fit the width
 * Everything is recomputed from the context on every turn of the loop (loop.c), so
 * KEY_RESIZE is just a redraw. This file draws the tree pane (keys.c has its keys).
 * Colour only when the terminal has it and NO_COLOR (no-color.org) is unset; without it the
 * same distinctions are made with bold, underline and reverse video.
 */
#include <curses.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui.h"

void view_init_colors(struct tui *ui)
{
	const char *no = getenv("NO_COLOR");
	ui->color = has_colors() && !(no && no[0]);
	if (!ui->color)
		return;
	start_color();
	use_default_colors();
	init_pair(COL_TITLE, COLOR_WHITE, COLOR_BLUE);
	init_pair(COL_CURSOR, COLOR_BLACK, COLOR_CYAN);
	init_pair(COL_USER, COLOR_GREEN, -1);
	init_pair(COL_FORCED, COLOR_YELLOW, -1);
	init_pair(COL_ERROR, COLOR_RED, -1);
	init_pair(COL_DIM, COLOR_BLUE, -1);
	init_pair(COL_ADD, COLOR_GREEN, -1);
	init_pair(COL_DEL, COLOR_RED, -1);
}

int view_attr(const struct tui *ui, enum tui_color c)
{
	static const int mono[] = {
		[COL_TITLE] = A_REVERSE,    [COL_CURSOR] = A_REVERSE, [COL_USER] = A_BOLD,
		[COL_FORCED] = A_UNDERLINE, [COL_ERROR] = A_BOLD,     [COL_DIM] = A_DIM,
		[COL_ADD] = A_BOLD,	    [COL_DEL] = A_DIM
	};
	if (!ui->color)
		return mono[c];
	return COLOR_PAIR(c) | (c == COL_USER || c == COL_ERROR ? A_BOLD : 0);
}

int view_attr_origin(const struct tui *ui, enum tm_origin o)
{
	if (o == TM_ORIGIN_USER)
		return view_attr(ui, COL_USER);
	return o == TM_ORIGIN_FORCED ? view_attr(ui, COL_FORCED) : 0;
}

void view_layout(struct tui *ui)
{
	struct layout *l = &ui->lay;
	getmaxyx(stdscr, l->rows, l->cols);
	l->too_small = l->rows < 12 || l->cols < 40;
	l->why_h = l->rows >= 30 ? l->rows / 3 : l->rows >= 20 ? 6 : 2;
	l->legend_y = l->rows - 1;
	l->status_y = l->rows - 2;
	l->why_y = l->status_y - l->why_h;
	l->list_y = 1;
	l->list_h = l->why_y - 1 - l->list_y;
}

void view_status(struct tui *ui, bool error, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(ui->status, sizeof ui->status, fmt, ap);
	va_end(ap);
	ui->status_error = error;
}

/* The mark before a row's title: [*] and [ ] for choices the user makes, -*- and - - when
 * the resolver forces them, (*) and ( ) in radio lists, [-] and [+] for folders. */
static const char *row_mark(const struct tui *ui, const struct node *n)
{
	if (n->kind == NODE_CATEGORY)
		return n->expanded ? "[-]" : "[+]";
	const struct tm_item *it = tm_item(ui->model, n->item);
	const struct tm_state *st = tm_state(ui->model, n->item);
	if (n->kind == NODE_VALUE)
		return strcmp(st->value, n->value) ? "( )" : "(*)";
	if (it->kind == TM_KIND_APP || it->kind == TM_KIND_PLATFORM || it->kind == TM_KIND_GROUP)
		return n->expanded ? "[-]" : "[+]";
	bool on = !strcmp(st->value, "y");
	if (it->kind == TM_KIND_LIBRARY && it->owner && it->owner[0] &&
	    tm_find(ui->model, it->owner) != (size_t)-1)
		return on ? "(*)" : "( )";
	if (it->type != TM_BOOL)
		return "   ";
	if (st->origin == TM_ORIGIN_FORCED)
		return on ? "-*-" : "- -";
	return on ? "[*]" : "[ ]";
}

/* The middle column: the value for options and radio lists, the name for libraries. */
static const char *row_value(const struct tui *ui, const struct node *n)
{
	if (n->kind != NODE_ITEM)
		return "";
	const struct tm_item *it = tm_item(ui->model, n->item);
	if (it->kind == TM_KIND_LIBRARY)
		return it->name;
	if (it->kind == TM_KIND_OPTION && it->type == TM_BOOL)
		return "";
	const char *v = tm_state(ui->model, n->item)->value;
	return v && v[0] ? v : "(none)";
}

/* The last column: where the value came from, or why the row is hidden. */
static void row_origin(const struct tui *ui, const struct node *n, char *buf, size_t len)
{
	buf[0] = 0;
	if (n->kind != NODE_ITEM)
		return;
	const struct tm_state *st = tm_state(ui->model, n->item);
	const struct tm_item *it = tm_item(ui->model, n->item);
	size_t owner = it->owner ? tm_find(ui->model, it->owner) : (size_t)-1;
	if (!st->active && owner != (size_t)-1 && strcmp(tm_state(ui->model, owner)->value, "y"))
		snprintf(buf, len, "hidden: %s off", it->owner);
	else if (!st->active)
		snprintf(buf, len, "hidden: depends");
	else if (st->origin == TM_ORIGIN_USER)
		snprintf(buf, len, "user");
	else if (st->origin == TM_ORIGIN_FORCED)
		snprintf(buf, len, "forced by %s", st->by ? st->by : "?");
	else
		snprintf(buf, len, "default");
}

static const char *row_label(const struct tui *ui, const struct node *n)
{
	if (n->kind == NODE_CATEGORY)
		return n->label;
	if (n->kind == NODE_VALUE)
		return n->value;
	return tm_item(ui->model, n->item)->title;
}

/* Widths of the value and origin columns for the current terminal width. */
static void columns(const struct tui *ui, int *wval, int *worig)
{
	*wval = ui->lay.cols >= 100 ? 18 : 13;
	*worig = ui->lay.cols >= 100 ? 28 : 20;
}

/* The column where the value column starts, for editing a value in place. */
int view_value_col(const struct tui *ui)
{
	int wval, worig;
	columns(ui, &wval, &worig);
	return ui->lay.cols - wval - worig - 1;
}

void view_row_text(struct tui *ui, int node, char *buf, size_t len, int width)
{
	const struct node *n = &ui->tree.nodes[node];
	char orig[128];
	int wval, worig;
	columns(ui, &wval, &worig);
	int wleft = width - wval - worig - 2;
	row_origin(ui, n, orig, sizeof orig);
	char left[256];
	snprintf(left, sizeof left, "%*s%s %s", 2 * n->depth + 1, "", row_mark(ui, n),
		 row_label(ui, n));
	snprintf(buf, len, "%-*.*s %-*.*s %-*.*s", wleft, wleft, left, wval, wval, row_value(ui, n),
		 worig, worig, orig);
}

static void draw_row(struct tui *ui, int row, int y)
{
	int node = ui->tree.rows[row];
	const struct node *n = &ui->tree.nodes[node];
	char text[512];
	int wval, worig;
	columns(ui, &wval, &worig);
	view_row_text(ui, node, text, sizeof text, ui->lay.cols);
	bool cur = row == ui->cursor;
	if (cur)
		text[0] = '>'; /* visible without colour or reverse video too */
	int base = cur ? view_attr(ui, COL_CURSOR) : 0;
	attrset(base);
	mvaddnstr(y, 0, text, ui->lay.cols);
	if (cur || n->kind != NODE_ITEM)
		return;
	const struct tm_state *st = tm_state(ui->model, n->item);
	int x = ui->lay.cols - worig - wval - 1;
	attrset(st->active ? view_attr_origin(ui, st->origin) : view_attr(ui, COL_DIM));
	mvaddnstr(y, x, text + x, wval + 1 + worig);
	attrset(0);
}

static void draw_title(struct tui *ui)
{
	attrset(view_attr(ui, COL_TITLE));
	mvhline(0, 0, ' ', ui->lay.cols);
	int room = ui->lay.cols - 24, len = (int)strlen(ui->path);
	if (len <= room)
		mvprintw(0, 1, "kiln menu  %s", ui->path);
	else /* the end of a long path says more than its start */
		mvprintw(0, 1, "kiln menu  ...%s", ui->path + len - room + 3);
	if (ui->dirty)
		mvaddstr(0, ui->lay.cols - 11, "[modified]");
	attrset(0);
}

/* Keeps the cursor on a row and the rows around it on the screen: the tree pane's layout. */
void view_scroll(struct tui *ui)
{
	struct layout *l = &ui->lay;
	if (ui->cursor >= ui->tree.nrows)
		ui->cursor = ui->tree.nrows - 1;
	if (ui->cursor < 0)
		ui->cursor = 0;
	if (ui->cursor < ui->top)
		ui->top = ui->cursor;
	if (ui->cursor >= ui->top + l->list_h)
		ui->top = ui->cursor - l->list_h + 1;
	if (ui->top > ui->tree.nrows - l->list_h)
		ui->top = ui->tree.nrows - l->list_h > 0 ? ui->tree.nrows - l->list_h : 0;
}

static void draw_tree(struct tui *ui)
{
	struct layout *l = &ui->lay;
	for (int y = 0; y < l->list_h; y++) {
		move(l->list_y + y, 0);
		clrtoeol();
		if (ui->top + y < ui->tree.nrows)
			draw_row(ui, ui->top + y, l->list_y + y);
	}
}

/* The key legend on line y, fitted to the width: the quit key stays, the middle goes. */
void view_draw_legend(struct tui *ui, const char *const *keys, int y)
{
	int n = 0, len = 0, last = 0;
	while (keys[n])
		n++;
	/* Always end with the quit key when it is in the list; drop from the middle. */
	for (int i = 0; i < n; i++)
		if (!strncmp(keys[i], "q:", 2) || !strncmp(keys[i], "Esc", 3))
			last = i;
	move(y, 0);
	clrtoeol();
	attrset(view_attr(ui, COL_TITLE));
	mvhline(y, 0, ' ', ui->lay.cols);
	int room = ui->lay.cols - 1 - (last ? (int)strlen(keys[last]) + 1 : 0);
	for (int i = 0; i < n; i++) {
		if (i == last && last)
			continue;
		int w = (int)strlen(keys[i]) + 1;
		if (len + w > room)
			break;
		mvaddstr(y, 1 + len, keys[i]);
		len += w;
	}
	if (last)
		mvaddstr(y, 1 + len, keys[last]);
	attrset(0);
}

/* The tree pane: title, rows, status line (the why pane and the legend are drawn apart). */
void view_draw(struct tui *ui)
{
	draw_title(ui);
	draw_tree(ui);
	attrset(ui->status_error ? view_attr(ui, COL_ERROR) : 0);
	mvaddnstr(ui->lay.status_y, 0, ui->status, ui->lay.cols);
	attrset(0);
}

/* Splits text at newlines and wraps it at width, breaking at spaces when it can. */
size_t wrap_text(const char *text, int width, char ***lines)
{
	size_t n = 0, cap = 8;
	char **out = malloc(cap * sizeof *out);
	if (width < 8)
		width = 8;
	for (const char *p = text; out && *p;) {
		size_t len = strcspn(p, "\n");
		if (len > (size_t)width) {
			len = (size_t)width;
			while (len > (size_t)width / 2 && p[len] != ' ')
				len--;
			if (p[len] != ' ')
				len = (size_t)width;
		}
		if (n == cap) {
			char **nl = realloc(out, (cap *= 2) * sizeof *out);
			if (!nl)
				break;
			out = nl;
		}
		out[n++] = strndup(p, len);
		p += len;
		if (*p == '\n' || *p == ' ')
			p++;
	}
	*lines = out;
	return out ? n : 0;
}

/* Wraps one line to width onto out, keeping its leading indent and indenting the lines it
 * continues on by two more, so a wrapped fix or reason still reads as one item. */
void wrap_hanging(const char *line, int width, struct lines *out)
{
	int ind = (int)strspn(line, " ");
	char **w;
	size_t nw = wrap_text(line + ind, width - ind - 2, &w);
	if (!nw)
		lines_add(out, "%s", "");
	for (size_t i = 0; i < nw; i++)
		lines_add(out, "%*s%s", ind + (i ? 2 : 0), "", w[i]);
	free_lines(w, nw);
}

void free_lines(char **lines, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(lines[i]);
	free(lines);
}

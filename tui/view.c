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
	l->too_small = l->rows < MIN_ROWS || l->cols < MIN_COLS;
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

/* The widest title column any row needs: indent, mark, label. */
static int widest_left(const struct tui *ui)
{
	int w = 0;
	for (int i = 0; i < ui->tree.nnodes; i++) {
		const struct node *n = &ui->tree.nodes[i];
		int len = 2 * n->depth + 5 + (int)strlen(row_label(ui, n));
		w = len > w ? len : w;
	}
	return w;
}

/* Widths of the three columns for the current terminal width. Values sit right after the
 * widest title (at 200 columns too), and below 60 columns the origin column goes, so the
 * titles keep their room. */
static void columns(const struct tui *ui, int *wleft, int *wval, int *worig)
{
	int cols = ui->lay.cols;
	*wval = cols >= 100 ? 18 : cols >= 60 ? 13 : 10;
	*worig = cols >= 100 ? 28 : cols >= 60 ? 20 : 0;
	int room = cols - *wval - *worig - 2, want = widest_left(ui) + 1;
	*wleft = want < room ? want : room;
}

/* The column where the value column starts, for editing a value in place. */
int view_value_col(const struct tui *ui)
{
	int wleft, wval, worig;
	columns(ui, &wleft, &wval, &worig);
	return wleft + 1;
}

void view_row_text(struct tui *ui, int node, char *buf, size_t len, int width)
{
	const struct node *n = &ui->tree.nodes[node];
	char orig[128];
	int wleft, wval, worig;
	columns(ui, &wleft, &wval, &worig);
	wleft += width - ui->lay.cols; /* a narrower caller (search) takes it from the titles */
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
	int wleft, wval, worig;
	columns(ui, &wleft, &wval, &worig);
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
	int x = wleft + 1;
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

/* Which labels fit in room columns: the quit label always, then by keep, highest first
 * (the last of equal keeps goes first). */
static void legend_fit(const char *const *keys, const int *keeps, int n, int quit, int room,
		       bool *shown)
{
	int used = 0;
	for (int i = 0; i < n; i++) {
		shown[i] = true;
		used += (int)strlen(keys[i]) + 1;
	}
	while (used > room) {
		int drop = -1;
		for (int i = 0; i < n; i++)
			if (shown[i] && i != quit && (drop < 0 || keeps[i] <= keeps[drop]))
				drop = i;
		if (drop < 0)
			break;
		shown[drop] = false;
		used -= (int)strlen(keys[drop]) + 1;
	}
}

/* The key legend on line y, fitted to the width: the quit key stays, and it goes last;
 * the others go by their keep (key_def) when there is no room for all of them. */
void view_draw_legend(struct tui *ui, const char *const *keys, const int *keeps, int y)
{
	int n = 0, quit = -1, x = 1;
	bool shown[64];
	while (keys[n] && n < 64)
		n++;
	for (int i = 0; i < n; i++)
		if (!strncmp(keys[i], "q:", 2) || !strncmp(keys[i], "Esc", 3))
			quit = i;
	legend_fit(keys, keeps, n, quit, ui->lay.cols - 1, shown);
	move(y, 0);
	clrtoeol();
	attrset(view_attr(ui, COL_TITLE));
	mvhline(y, 0, ' ', ui->lay.cols);
	for (int i = 0; i < n; i++) {
		if (!shown[i] || i == quit)
			continue;
		mvaddstr(y, x, keys[i]);
		x += (int)strlen(keys[i]) + 1;
	}
	if (quit >= 0)
		mvaddnstr(y, x, keys[quit], ui->lay.cols - x);
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

/* How much of p (up to its newline) goes on a line of width: up to the last space that
 * fits, else just after the last '/' (a long path breaks between folders), else width. */
static size_t line_break(const char *p, int width)
{
	size_t len = strcspn(p, "\n"), w = (size_t)width;
	if (len <= w)
		return len;
	for (size_t i = w; i > w / 3; i--)
		if (p[i] == ' ')
			return i;
	for (size_t i = w; i > w / 3; i--)
		if (p[i - 1] == '/')
			return i;
	return w;
}

/* Appends text to out, split at newlines and wrapped: the first line at width, the lines
 * it continues on at width2, each of those after indent2 spaces. */
static void wrap_into(const char *text, int width, int width2, int indent2, struct lines *out)
{
	bool first = true;
	for (const char *p = text; *p; first = false) {
		int w = first ? width : width2;
		size_t len = line_break(p, w < 8 ? 8 : w);
		lines_add(out, "%*s%.*s", first ? 0 : indent2, "", (int)len, p);
		p += len;
		if (*p == '\n' || *p == ' ')
			p++;
	}
}

/* Splits text at newlines and wraps it at width, breaking at spaces when it can. */
size_t wrap_text(const char *text, int width, char ***lines)
{
	struct lines l = { 0 };
	wrap_into(text, width, width, 0, &l);
	*lines = l.v;
	return l.n;
}

/* Wraps one line to width onto out, keeping its leading indent and indenting the lines it
 * continues on by hang more (2 for a fix or a reason, so it still reads as one item; 0 for
 * prose). The first line takes the whole width: a line that fits is never cut. */
void wrap_indented(const char *line, int width, int hang, struct lines *out)
{
	int ind = (int)strspn(line, " ");
	size_t before = out->n;
	struct lines l = { 0 };
	wrap_into(line + ind, width - ind, width - ind - hang, hang, &l);
	for (size_t i = 0; i < l.n; i++)
		lines_add(out, "%*s%s", ind, "", l.v[i]);
	lines_free(&l);
	if (out->n == before)
		lines_add(out, "%s", "");
}

void wrap_hanging(const char *line, int width, struct lines *out)
{
	wrap_indented(line, width, 2, out);
}

void free_lines(char **lines, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(lines[i]);
	free(lines);
}

/*
 * tui/dialog.c — modal boxes over the main screen: questions, lists, text, help.
 *
 * Each dialog redraws the main screen under itself first, so a KEY_RESIZE inside a dialog
 * is handled like everywhere else: recompute, redraw. Results are named enums (or an index,
 * -1 for Esc), never magic numbers. The bottom line keeps a key legend for the dialog.
 */
#include <curses.h>
#include <string.h>

#include "tui.h"

struct box {
	int y, x, h, w;
};

/* A centred box of at most w x h cells with a title in its top border. */
static struct box draw_box(struct tui *ui, const char *title, int w, int h)
{
	view_draw(ui);
	struct box b = { .w = w, .h = h };
	if (b.w > ui->lay.cols - 2)
		b.w = ui->lay.cols - 2;
	if (b.h > ui->lay.rows - 2)
		b.h = ui->lay.rows - 2;
	b.y = (ui->lay.rows - 1 - b.h) / 2;
	b.x = (ui->lay.cols - b.w) / 2;
	attrset(0);
	for (int r = 0; r < b.h; r++)
		mvhline(b.y + r, b.x, ' ', b.w);
	mvhline(b.y, b.x, ACS_HLINE, b.w);
	mvhline(b.y + b.h - 1, b.x, ACS_HLINE, b.w);
	mvvline(b.y, b.x, ACS_VLINE, b.h);
	mvvline(b.y, b.x + b.w - 1, ACS_VLINE, b.h);
	mvaddch(b.y, b.x, ACS_ULCORNER);
	mvaddch(b.y, b.x + b.w - 1, ACS_URCORNER);
	mvaddch(b.y + b.h - 1, b.x, ACS_LLCORNER);
	mvaddch(b.y + b.h - 1, b.x + b.w - 1, ACS_LRCORNER);
	attrset(A_BOLD);
	mvprintw(b.y, b.x + 2, " %.*s ", b.w - 6, title);
	attrset(0);
	return b;
}

static int widest(const char *const *lines, size_t n, int least)
{
	int w = least;
	for (size_t i = 0; i < n; i++)
		if ((int)strlen(lines[i]) > w)
			w = (int)strlen(lines[i]);
	return w;
}

static void put_line(const struct box *b, int row, const char *s)
{
	mvaddnstr(b->y + 1 + row, b->x + 2, s, b->w - 4);
}

/* Asks a question with buttons; each button's first letter is its key. Enter picks the
 * first button, Esc returns -1. At most four buttons. */
static int dialog_ask(struct tui *ui, const char *title, const char *const *lines, size_t n,
		      const char *question, const char *const *buttons, int nbuttons)
{
	char prompt[256], legend[4][32];
	const char *keys[6] = { 0 };
	for (int i = 0; i < nbuttons && i < 4; i++) {
		snprintf(legend[i], sizeof legend[i], "%c:%s", buttons[i][0] | 0x20, buttons[i]);
		keys[i] = legend[i];
	}
	keys[nbuttons < 4 ? nbuttons : 4] = "Esc:cancel";
	int len = snprintf(prompt, sizeof prompt, "%s ", question);
	for (int i = 0; i < nbuttons && len < (int)sizeof prompt; i++)
		len += snprintf(prompt + len, sizeof prompt - (size_t)len, " [%c]%s", buttons[i][0],
				buttons[i] + 1);
	for (;;) {
		int w = widest(lines, n, (int)strlen(prompt)) + 4;
		struct box b = draw_box(ui, title, w, (int)n + 4);
		for (size_t i = 0; i < n && (int)i < b.h - 4; i++)
			put_line(&b, (int)i, lines[i]);
		attrset(A_BOLD);
		put_line(&b, b.h - 3, prompt);
		attrset(0);
		view_draw_legend(ui, keys, ui->lay.legend_y);
		refresh();
		int ch = getch();
		if (ch == 27 || ch == 3)
			return -1;
		if (ch == '\n' || ch == KEY_ENTER)
			return 0;
		for (int i = 0; i < nbuttons; i++)
			if (ch == buttons[i][0] || ch == (buttons[i][0] | 0x20))
				return i;
	}
}

enum dialog_answer dialog_confirm(struct tui *ui, const char *title, const char *const *lines,
				  size_t n, const char *question, bool with_cancel)
{
	static const char *const yn[] = { "Yes", "No", "Cancel" };
	int a = dialog_ask(ui, title, lines, n, question, yn, with_cancel ? 3 : 2);
	if (a == 0)
		return ANSWER_YES;
	return a == 1 ? ANSWER_NO : ANSWER_CANCEL;
}

enum quit_answer dialog_quit(struct tui *ui, const char *const *lines, size_t n)
{
	static const char *const sdc[] = { "Save", "Discard", "Cancel" };
	int a = dialog_ask(ui, "Unsaved changes", lines, n, "Save them?", sdc, 3);
	if (a == 0)
		return QUIT_SAVE;
	return a == 1 ? QUIT_DISCARD : QUIT_CANCEL;
}

/* Moves a list cursor for the keys every list shares; false when ch is not one of them. */
bool list_move(int ch, int *cur, int n, int page)
{
	int c = *cur;
	switch (ch) {
	case KEY_UP:
	case 'k':
		c--;
		break;
	case KEY_DOWN:
	case 'j':
		c++;
		break;
	case KEY_PPAGE:
	case 2:
		c -= page;
		break;
	case KEY_NPAGE:
	case 6:
		c += page;
		break;
	case KEY_HOME:
	case 'g':
		c = 0;
		break;
	case KEY_END:
	case 'G':
		c = n - 1;
		break;
	default:
		return false;
	}
	*cur = c < 0 ? 0 : c >= n ? n - 1 : c;
	return true;
}

int dialog_choose(struct tui *ui, const char *title, const char *const *choices, size_t n,
		  int selected)
{
	static const char *const keys[] = { "Up/Down/jk:move", "Enter:choose", "Esc:cancel", NULL };
	int cur = selected, top = 0;
	for (;;) {
		struct box b = draw_box(ui, title, widest(choices, n, 20) + 8, (int)n + 2);
		int h = b.h - 2;
		top = cur < top ? cur : cur >= top + h ? cur - h + 1 : top;
		for (int r = 0; r < h && top + r < (int)n; r++) {
			attrset(top + r == cur ? view_attr(ui, COL_CURSOR) : 0);
			/* '>' marks the selection where there is no colour or reverse */
			mvprintw(b.y + 1 + r, b.x + 2, "%c%-*.*s", top + r == cur ? '>' : ' ',
				 b.w - 5, b.w - 5, choices[top + r]);
		}
		attrset(0);
		view_draw_legend(ui, keys, ui->lay.legend_y);
		refresh();
		int ch = getch();
		if (ch == 27 || ch == 3 || ch == 'q')
			return -1;
		if (ch == '\n' || ch == KEY_ENTER)
			return cur;
		list_move(ch, &cur, (int)n, h);
	}
}

void dialog_text(struct tui *ui, const char *title, const char *const *lines, size_t n)
{
	static const char *const keys[] = { "Up/Down/jk:scroll", "PgUp/PgDn:page", "q:close",
					    NULL };
	int top = 0;
	struct lines w = { 0 };
	for (;;) {
		int cols = widest(lines, n, 30) + 4;
		cols = cols > ui->lay.cols - 2 ? ui->lay.cols - 2 : cols;
		lines_reset(&w); /* wrapped again each time: the terminal may have been resized */
		for (size_t i = 0; i < n; i++)
			wrap_hanging(lines[i], cols - 4, &w);
		struct box b = draw_box(ui, title, cols, (int)w.n + 2);
		int h = b.h - 2;
		int maxtop = (int)w.n > h ? (int)w.n - h : 0;
		top = top > maxtop ? maxtop : top;
		for (int r = 0; r < h && top + r < (int)w.n; r++)
			put_line(&b, r, w.v[top + r]);
		view_draw_legend(ui, keys, ui->lay.legend_y);
		refresh();
		int ch = getch();
		if (ch == 27 || ch == 3 || ch == 'q' || ch == '\n' || ch == KEY_ENTER)
			break;
		switch (ch) {
		case KEY_UP:
		case 'k':
			top--;
			break;
		case KEY_DOWN:
		case 'j':
			top++;
			break;
		case KEY_PPAGE:
		case 2:
			top -= h;
			break;
		case KEY_NPAGE:
		case 6:
		case ' ':
			top += h;
			break;
		case KEY_HOME:
		case 'g':
			top = 0;
			break;
		case KEY_END:
		case 'G':
			top = maxtop;
			break;
		}
		top = top < 0 ? 0 : top;
	}
	lines_free(&w);
}

/* `?`: the current item's help, then every key. */
void tui_help(struct tui *ui)
{
	static const char *const keys[] = {
		"Keys",
		"  Up/Down, k/j      move; PgUp/PgDn, g/G page, first, last",
		"  Right/l, Left/h   open a folder or list, close it or go to its parent",
		"  Space             toggle; choose in a radio list; open or close a folder",
		"  Enter             edit a number, text or choice; like Space elsewhere",
		"  x                 forget your decision: back to the default",
		"  /                 search names, titles and help as you type",
		"  ?                 this help; w  the whole why pane",
		"  f, 1-9            apply a fix offered in the why pane (shown first)",
		"  u, Ctrl-R         undo, redo",
		"  d                 your decisions against the saved file",
		"  s, S, o           save, save as, open a profile or a preset",
		"  b, r              build, run (q or Ctrl-C stops the guest)",
		"  .                 show hidden options",
		"  q, Esc            quit (asks first when there are unsaved changes)",
	};
	struct lines l = { 0 };
	int node = tui_current_node(ui);
	if (node >= 0 && ui->tree.nodes[node].kind != NODE_CATEGORY) {
		const struct tm_item *it = tm_item(ui->model, ui->tree.nodes[node].item);
		char **w;
		lines_add(&l, "%s (%s)", it->title, it->name);
		size_t nw = wrap_text(it->help[0] ? it->help : "(no help text)",
				      ui->lay.cols - 8 > 72 ? 72 : ui->lay.cols - 8, &w);
		for (size_t i = 0; i < nw; i++)
			lines_add(&l, "  %s", w[i]);
		free_lines(w, nw);
		lines_add(&l, "%s", "");
	}
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
		lines_add(&l, "%s", keys[i]);
	dialog_text(ui, "Help", (const char *const *)l.v, l.n);
	lines_free(&l);
}

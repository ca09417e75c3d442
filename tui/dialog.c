/*
 * tui/dialog.c — modal panes over the main screen: questions, lists, text, help.
 *
 * Each is a pane (tui.h): opening one pushes it on the stack and returns at once; the loop
 * (loop.c) draws it over the main screen, so a KEY_RESIZE inside a dialog is handled like
 * everywhere else: lay out again, draw again. When the user answers, the pane takes itself
 * off the stack and calls the function its opener gave, with a named enum (or an index) and
 * the opener's pane_arg. Esc or Ctrl-C cancels; the legend comes from each pane's key table.
 */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui.h"

struct box {
	int y, x, h, w;
};

/* A centred box of at most w x h cells, clear of the legend line. */
static struct box place_box(const struct tui *ui, int w, int h)
{
	struct box b = { .w = w, .h = h };
	if (b.w > ui->lay.cols - 2)
		b.w = ui->lay.cols - 2;
	if (b.h > ui->lay.rows - 2)
		b.h = ui->lay.rows - 2;
	b.y = (ui->lay.rows - 1 - b.h) / 2;
	b.x = (ui->lay.cols - b.w) / 2;
	return b;
}

/* The box's frame with a title in its top border, its inside cleared. */
static void draw_box(const struct box *b, const char *title)
{
	attrset(0);
	for (int r = 0; r < b->h; r++)
		mvhline(b->y + r, b->x, ' ', b->w);
	mvhline(b->y, b->x, ACS_HLINE, b->w);
	mvhline(b->y + b->h - 1, b->x, ACS_HLINE, b->w);
	mvvline(b->y, b->x, ACS_VLINE, b->h);
	mvvline(b->y, b->x + b->w - 1, ACS_VLINE, b->h);
	mvaddch(b->y, b->x, ACS_ULCORNER);
	mvaddch(b->y, b->x + b->w - 1, ACS_URCORNER);
	mvaddch(b->y + b->h - 1, b->x, ACS_LLCORNER);
	mvaddch(b->y + b->h - 1, b->x + b->w - 1, ACS_LRCORNER);
	attrset(A_BOLD);
	mvprintw(b->y, b->x + 2, " %.*s ", b->w - 6, title);
	attrset(0);
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

static void copy_lines(struct lines *to, const char *const *lines, size_t n)
{
	for (size_t i = 0; i < n; i++)
		lines_add(to, "%s", lines[i]);
}

static void copy_arg(struct pane_arg *to, const struct pane_arg *from)
{
	if (from)
		*to = *from;
}

/* --- a question with buttons ------------------------------------------------------------ */

#define MAX_BUTTONS 3

enum ask_kind { ASK_CONFIRM, ASK_QUIT };

struct ask_pane {
	struct pane base;
	enum ask_kind kind;
	answer_fn *on_answer;
	quit_fn *on_quit;
	struct pane_arg arg;
	char title[64];
	char prompt[256];
	struct lines lines;
	char legend[MAX_BUTTONS][32];
	struct key_def keys[MAX_BUTTONS + 3]; /* the buttons, Enter, Esc, the end */
};

/* Ends the question: off the stack first, so the answer may open the next pane. */
static void ask_finish(struct tui *ui, struct ask_pane *a, int button)
{
	enum ask_kind kind = a->kind;
	answer_fn *on_answer = a->on_answer;
	quit_fn *on_quit = a->on_quit;
	struct pane_arg arg = a->arg;
	pane_remove(ui, &a->base);
	if (kind == ASK_QUIT && on_quit)
		on_quit(ui,
			button == 0   ? QUIT_SAVE
			: button == 1 ? QUIT_DISCARD
				      : QUIT_CANCEL,
			&arg);
	else if (kind == ASK_CONFIRM && on_answer)
		on_answer(ui,
			  button == 0	? ANSWER_YES
			  : button == 1 ? ANSWER_NO
					: ANSWER_CANCEL,
			  &arg);
}

/* A button's key: its place in the table is the button's number. */
static void ask_button(struct tui *ui, struct pane *p, int ch)
{
	struct ask_pane *a = (struct ask_pane *)p;
	int button = 0;
	while (button < MAX_BUTTONS && a->keys[button].codes[0] != ch &&
	       a->keys[button].codes[1] != ch)
		button++;
	ask_finish(ui, a, button);
}

static void ask_first(struct tui *ui, struct pane *p, int ch)
{
	ask_finish(ui, (struct ask_pane *)p, 0);
}

static void ask_cancel(struct tui *ui, struct pane *p, int ch)
{
	ask_finish(ui, (struct ask_pane *)p, -1);
}

static const struct key_def *ask_keys(struct tui *ui, struct pane *p)
{
	return ((struct ask_pane *)p)->keys;
}

static void ask_draw(struct tui *ui, struct pane *p)
{
	struct ask_pane *a = (struct ask_pane *)p;
	const char *const *lines = (const char *const *)a->lines.v;
	int w = widest(lines, a->lines.n, (int)strlen(a->prompt)) + 4;
	struct box b = place_box(ui, w, (int)a->lines.n + 4);
	draw_box(&b, a->title);
	for (size_t i = 0; i < a->lines.n && (int)i < b.h - 4; i++)
		put_line(&b, (int)i, lines[i]);
	attrset(A_BOLD);
	put_line(&b, b.h - 3, a->prompt);
	attrset(0);
}

static void ask_free(struct pane *p)
{
	lines_free(&((struct ask_pane *)p)->lines);
}

static const struct pane_ops ask_ops = {
	.name = "dialog",
	.draw = ask_draw,
	.keys = ask_keys,
	.free = ask_free,
};

/* The key table: each button's first letter (either case), Enter for the first, Esc. */
static void ask_bind(struct ask_pane *a, const char *const *buttons, int n)
{
	int len = (int)strlen(a->prompt);
	for (int i = 0; i < n; i++) {
		int c = buttons[i][0];
		snprintf(a->legend[i], sizeof a->legend[i], "%c:%s", c | 0x20, buttons[i]);
		a->keys[i] = (struct key_def){ .codes = { c, c | 0x20 },
					       .act = ask_button,
					       .legend = a->legend[i],
					       .rank = i };
		len += snprintf(a->prompt + len, sizeof a->prompt - (size_t)len, " [%c]%s", c,
				buttons[i] + 1);
	}
	a->keys[n] = (struct key_def){ .codes = { '\n', KEY_ENTER }, .act = ask_first };
	a->keys[n + 1] = (struct key_def){ .codes = { KEY_ESCAPE, KEY_CTRL('c') },
					   .act = ask_cancel,
					   .legend = "Esc:cancel",
					   .rank = n };
}

static struct ask_pane *ask_open(struct tui *ui, const char *title, const char *const *lines,
				 size_t n, const char *question, const char *const *buttons,
				 int nbuttons)
{
	struct ask_pane *a = calloc(1, sizeof *a);
	if (!a)
		return NULL;
	a->base.ops = &ask_ops;
	snprintf(a->title, sizeof a->title, "%s", title);
	snprintf(a->prompt, sizeof a->prompt, "%s ", question);
	copy_lines(&a->lines, lines, n);
	ask_bind(a, buttons, nbuttons);
	pane_push(ui, &a->base);
	return a;
}

void dialog_confirm(struct tui *ui, const char *title, const char *const *lines, size_t n,
		    const char *question, bool with_cancel, answer_fn *done,
		    const struct pane_arg *arg)
{
	static const char *const yn[] = { "Yes", "No", "Cancel" };
	struct ask_pane *a = ask_open(ui, title, lines, n, question, yn, with_cancel ? 3 : 2);
	if (!a)
		return;
	a->kind = ASK_CONFIRM;
	a->on_answer = done;
	copy_arg(&a->arg, arg);
}

void dialog_quit(struct tui *ui, const char *const *lines, size_t n, quit_fn *done,
		 const struct pane_arg *arg)
{
	/* the same keys as every other question: Y saves, N discards, C (or Esc) goes back */
	static const char *const ync[] = { "Yes", "No", "Cancel" };
	struct ask_pane *a = ask_open(ui, "Unsaved changes", lines, n, "Save them?", ync, 3);
	if (!a)
		return;
	a->kind = ASK_QUIT;
	a->on_quit = done;
	copy_arg(&a->arg, arg);
}

/* --- scrolling, shared by the list and the text view ------------------------------------ */

/* The start of a list or text pane: a position kept within 0..max, moved by a page. */
struct scroll_pane {
	struct pane base;
	int pos, max, page;
};

static void scroll_to(struct pane *p, int pos)
{
	struct scroll_pane *s = (struct scroll_pane *)p;
	s->pos = pos > s->max ? s->max : pos;
	s->pos = s->pos < 0 ? 0 : s->pos;
}

static void act_up(struct tui *ui, struct pane *p, int ch)
{
	scroll_to(p, ((struct scroll_pane *)p)->pos - 1);
}

static void act_down(struct tui *ui, struct pane *p, int ch)
{
	scroll_to(p, ((struct scroll_pane *)p)->pos + 1);
}

static void act_page_up(struct tui *ui, struct pane *p, int ch)
{
	struct scroll_pane *s = (struct scroll_pane *)p;
	scroll_to(p, s->pos - s->page);
}

static void act_page_down(struct tui *ui, struct pane *p, int ch)
{
	struct scroll_pane *s = (struct scroll_pane *)p;
	scroll_to(p, s->pos + s->page);
}

static void act_first(struct tui *ui, struct pane *p, int ch)
{
	scroll_to(p, 0);
}

static void act_last(struct tui *ui, struct pane *p, int ch)
{
	scroll_to(p, ((struct scroll_pane *)p)->max);
}

/* --- a list to choose from -------------------------------------------------------------- */

struct choose_pane {
	struct scroll_pane s; /* pos: the selection */
	int top;
	char title[128];
	struct lines choices;
	choice_fn *done;
	struct pane_arg arg;
};

static void choose_pick(struct tui *ui, struct pane *p, int ch)
{
	struct choose_pane *c = (struct choose_pane *)p;
	choice_fn *done = c->done;
	struct pane_arg arg = c->arg;
	int choice = c->s.pos;
	pane_remove(ui, p);
	if (done)
		done(ui, choice, &arg);
}

static void choose_cancel(struct tui *ui, struct pane *p, int ch)
{
	pane_remove(ui, p);
}

static const struct key_def choose_keys[] = {
	{ .codes = { KEY_UP, 'k' }, .act = act_up, .legend = "Up/Down/jk:move" },
	{ .codes = { KEY_DOWN, 'j' }, .act = act_down },
	{ .codes = { KEY_PPAGE, KEY_CTRL('b') }, .act = act_page_up },
	{ .codes = { KEY_NPAGE, KEY_CTRL('f') }, .act = act_page_down },
	{ .codes = { KEY_HOME, 'g' }, .act = act_first },
	{ .codes = { KEY_END, 'G' }, .act = act_last },
	{ .codes = { '\n', KEY_ENTER }, .act = choose_pick, .legend = "Enter:choose" },
	{ .codes = { KEY_ESCAPE, KEY_CTRL('c'), 'q' },
	  .act = choose_cancel,
	  .legend = "Esc:cancel" },
	{ .act = NULL } /* the end */
};

static const struct key_def *choose_pane_keys(struct tui *ui, struct pane *p)
{
	return choose_keys;
}

static struct box choose_box(const struct tui *ui, const struct choose_pane *c)
{
	const char *const *v = (const char *const *)c->choices.v;
	return place_box(ui, widest(v, c->choices.n, 20) + 8, (int)c->choices.n + 2);
}

static void choose_layout(struct tui *ui, struct pane *p)
{
	struct choose_pane *c = (struct choose_pane *)p;
	int h = choose_box(ui, c).h - 2, cur = c->s.pos;
	c->s.page = h;
	c->top = cur < c->top ? cur : cur >= c->top + h ? cur - h + 1 : c->top;
}

static void choose_draw(struct tui *ui, struct pane *p)
{
	struct choose_pane *c = (struct choose_pane *)p;
	struct box b = choose_box(ui, c);
	draw_box(&b, c->title);
	for (int r = 0; r < b.h - 2 && c->top + r < (int)c->choices.n; r++) {
		bool cur = c->top + r == c->s.pos;
		attrset(cur ? view_attr(ui, COL_CURSOR) : 0);
		/* '>' marks the selection where there is no colour or reverse */
		mvprintw(b.y + 1 + r, b.x + 2, "%c%-*.*s", cur ? '>' : ' ', b.w - 5, b.w - 5,
			 c->choices.v[c->top + r]);
	}
	attrset(0);
}

static void choose_free(struct pane *p)
{
	lines_free(&((struct choose_pane *)p)->choices);
}

static const struct pane_ops choose_ops = {
	.name = "list",
	.layout = choose_layout,
	.draw = choose_draw,
	.keys = choose_pane_keys,
	.free = choose_free,
};

void dialog_choose(struct tui *ui, const char *title, const char *const *choices, size_t n,
		   int selected, choice_fn *done, const struct pane_arg *arg)
{
	struct choose_pane *c = calloc(1, sizeof *c);
	if (!c)
		return;
	c->s.base.ops = &choose_ops;
	c->s.max = n ? (int)n - 1 : 0;
	snprintf(c->title, sizeof c->title, "%s", title);
	copy_lines(&c->choices, choices, n);
	scroll_to(&c->s.base, selected);
	c->done = done;
	copy_arg(&c->arg, arg);
	pane_push(ui, &c->s.base);
}

/* --- a text to read --------------------------------------------------------------------- */

struct text_pane {
	struct scroll_pane s; /* pos: the first line shown */
	char title[64];
	struct lines text;
	struct lines wrapped; /* wrapped again at each layout: the terminal may have resized */
	int hang;	      /* indent of a wrapped line's continuation (wrap_indented) */
	struct box box;
};

static void text_close(struct tui *ui, struct pane *p, int ch)
{
	pane_remove(ui, p);
}

static const struct key_def text_keys[] = {
	{ .codes = { KEY_UP, 'k' }, .act = act_up, .legend = "Up/Down/jk:scroll" },
	{ .codes = { KEY_DOWN, 'j' }, .act = act_down },
	{ .codes = { KEY_PPAGE, KEY_CTRL('b') }, .act = act_page_up, .legend = "PgUp/PgDn:page" },
	{ .codes = { KEY_NPAGE, KEY_CTRL('f'), ' ' }, .act = act_page_down },
	{ .codes = { KEY_HOME, 'g' }, .act = act_first },
	{ .codes = { KEY_END, 'G' }, .act = act_last },
	{ .codes = { 'q', KEY_ESCAPE, KEY_CTRL('c'), '\n', KEY_ENTER },
	  .act = text_close,
	  .legend = "q:close" },
	{ .act = NULL } /* the end */
};

static const struct key_def *text_pane_keys(struct tui *ui, struct pane *p)
{
	return text_keys;
}

/* The whole screen but the legend: nothing of the tree shows at the edges. */
static void text_layout(struct tui *ui, struct pane *p)
{
	struct text_pane *t = (struct text_pane *)p;
	const char *const *v = (const char *const *)t->text.v;
	lines_reset(&t->wrapped);
	for (size_t i = 0; i < t->text.n; i++)
		wrap_indented(v[i], ui->lay.cols - 4, t->hang, &t->wrapped);
	t->box = (struct box){ .y = 0, .x = 0, .h = ui->lay.rows - 1, .w = ui->lay.cols };
	t->s.page = t->box.h - 2;
	t->s.max = (int)t->wrapped.n > t->s.page ? (int)t->wrapped.n - t->s.page : 0;
	scroll_to(p, t->s.pos);
}

static void text_draw(struct tui *ui, struct pane *p)
{
	struct text_pane *t = (struct text_pane *)p;
	draw_box(&t->box, t->title);
	for (int r = 0; r < t->s.page && t->s.pos + r < (int)t->wrapped.n; r++)
		put_line(&t->box, r, t->wrapped.v[t->s.pos + r]);
}

static void text_free(struct pane *p)
{
	lines_free(&((struct text_pane *)p)->text);
	lines_free(&((struct text_pane *)p)->wrapped);
}

static const struct pane_ops text_ops = {
	.name = "text",
	.layout = text_layout,
	.draw = text_draw,
	.keys = text_pane_keys,
	.free = text_free,
	.fullscreen = true,
};

static void text_open(struct tui *ui, const char *title, const char *const *lines, size_t n,
		      int hang)
{
	struct text_pane *t = calloc(1, sizeof *t);
	if (!t)
		return;
	t->s.base.ops = &text_ops;
	t->hang = hang;
	snprintf(t->title, sizeof t->title, "%s", title);
	copy_lines(&t->text, lines, n);
	pane_push(ui, &t->s.base);
}

void dialog_text(struct tui *ui, const char *title, const char *const *lines, size_t n)
{
	text_open(ui, title, lines, n, 2);
}

/* `?`: the help pane, a text view of the current item's help, then every key the main
 * screen takes, read from the key tables (loop.c). */
void tui_help(struct tui *ui)
{
	struct lines l = { 0 };
	int node = tui_current_node(ui);
	if (node >= 0 && ui->tree.nodes[node].kind != NODE_CATEGORY) {
		const struct tm_item *it = tm_item(ui->model, ui->tree.nodes[node].item);
		if (it->name[0] == ':') /* App, Platform: no name of their own to show */
			lines_add(&l, "%s", it->title);
		else
			lines_add(&l, "%s (%s)", it->title, it->name);
		/* one line per paragraph: the pane wraps it at its width, whatever the size */
		const char *help = it->help[0] ? it->help : "(no help text)";
		char *para = malloc(strlen(help) + 3);
		if (para) {
			sprintf(para, "  %s", help); /* lines_add would cut it at 1 KiB */
			lines_push(&l, para);
			free(para);
		}
		lines_add(&l, "%s", "");
	}
	lines_add(&l, "%s", "Keys");
	keys_help(ui, &l);
	lines_add(&l, "%s", "");
	lines_add(&l, "The menu needs a terminal of at least %dx%d (columns x rows).", MIN_COLS,
		  MIN_ROWS);
	text_open(ui, "Help", (const char *const *)l.v, l.n, 0);
	lines_free(&l);
}

/*
 * tui/loop.c — the menu's one event loop, the stack of panes, and everything that is read
 * from the panes' key tables: dispatch, the legend line, the help screen.
 *
 * The screen is a stack of panes (tui.h, struct pane_ops): the tree at the bottom, the why
 * pane over it, and whatever the user opened on top (search, a dialog, the editor, help,
 * build and run). Each turn of the loop lays every pane out for the terminal's size, draws
 * the stack from the last full-screen pane up, waits for a key (or, when the top pane has
 * background work such as a child's output, for that too), and hands the key to the top
 * pane's table. KEY_RESIZE needs nothing more than the next turn: layout and drawing are
 * computed from the context each time. A pane that ends removes itself; the code that
 * opened it gets the answer through a callback (dialog.c, editor.c), so no pane has a loop
 * of its own.
 */
#include <curses.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "tui.h"

#define TICK_MS 100 /* how often a pane with background work is looked at */

struct pane *pane_top(const struct tui *ui)
{
	return ui->npanes ? ui->panes[ui->npanes - 1] : NULL;
}

static void pane_free(struct pane *p)
{
	if (p->ops->free)
		p->ops->free(p);
	free(p);
}

/* Puts p on top; the stack owns it from now on. */
void pane_push(struct tui *ui, struct pane *p)
{
	if (!p)
		return;
	if (ui->npanes == MAX_PANES) {
		view_status(ui, true, "kiln: menu: too many panes open");
		pane_free(p);
		return;
	}
	ui->panes[ui->npanes++] = p;
}

/* Takes p off the stack wherever it is (a pane may have opened another before it ends). */
void pane_remove(struct tui *ui, struct pane *p)
{
	for (int i = 0; i < ui->npanes; i++) {
		if (ui->panes[i] != p)
			continue;
		memmove(ui->panes + i, ui->panes + i + 1,
			(size_t)(ui->npanes - i - 1) * sizeof *ui->panes);
		ui->npanes--;
		pane_free(p);
		return;
	}
}

void panes_free(struct tui *ui)
{
	while (ui->npanes)
		pane_remove(ui, ui->panes[ui->npanes - 1]);
}

/* The panes keys reach, top first: the top one and, through transparent ones, those below. */
static int focus_chain(const struct tui *ui, struct pane **chain)
{
	int n = 0;
	for (int i = ui->npanes - 1; i >= 0; i--) {
		chain[n++] = ui->panes[i];
		if (!ui->panes[i]->ops->transparent)
			break;
	}
	return n;
}

static const struct key_def *find_key(const struct key_def *t, int ch, bool small_only)
{
	for (; t && t->act; t++) {
		if (small_only && !t->small)
			continue;
		for (int i = 0; i < KEY_CODES_MAX && t->codes[i]; i++)
			if (t->codes[i] == ch)
				return t;
	}
	return NULL;
}

static void dispatch(struct tui *ui, int ch)
{
	struct pane *chain[MAX_PANES];
	int n = focus_chain(ui, chain);
	for (int i = 0; i < n; i++) {
		struct pane *p = chain[i];
		bool small = ui->lay.too_small && p->ops->needs_room;
		const struct key_def *k = find_key(p->ops->keys(ui, p), ch, small);
		if (k) {
			k->act(ui, p, ch);
			return;
		}
		if (p->ops->other && !small) {
			p->ops->other(ui, p, ch);
			return;
		}
	}
}

/* The legend of the keys the top pane takes, in rank order; view.c fits it to the width. */
void keys_legend(struct tui *ui)
{
	struct pane *chain[MAX_PANES];
	const char *labels[64];
	int ranks[64], keeps[64], n = 0;
	int nc = focus_chain(ui, chain);
	for (int c = 0; c < nc; c++) {
		for (const struct key_def *k = chain[c]->ops->keys(ui, chain[c]); k && k->act;
		     k++) {
			if (!k->legend || n == 63)
				continue;
			int at = n++;
			for (; at > 0 && ranks[at - 1] > k->rank; at--) {
				labels[at] = labels[at - 1];
				ranks[at] = ranks[at - 1];
				keeps[at] = keeps[at - 1];
			}
			labels[at] = k->legend;
			ranks[at] = k->rank;
			keeps[at] = k->keep;
		}
	}
	labels[n] = NULL;
	view_draw_legend(ui, labels, keeps, ui->lay.legend_y);
}

/* "  u, Ctrl-R         undo, redo"; names too long for their column get a line of their
 * own, so the help column stays straight. */
static void help_flush(struct lines *out, const char *name, const char *help)
{
	if (!name[0])
		return;
	if (strlen(name) > 17) {
		lines_add(out, "  %s", name);
		lines_add(out, "  %-17s %s", "", help);
	} else
		lines_add(out, "  %-17s %s", name, help);
}

/* One line per binding that has a name, bindings marked `join` on the line above, for the
 * panes the keys reach now (the tree's keys first, then the why pane's). */
void keys_help(struct tui *ui, struct lines *out)
{
	struct pane *chain[MAX_PANES];
	char name[128] = "", help[256] = "";
	int nc = focus_chain(ui, chain);
	for (int c = nc - 1; c >= 0; c--) {
		for (const struct key_def *k = chain[c]->ops->keys(ui, chain[c]); k && k->act;
		     k++) {
			if (!k->name)
				continue;
			if (!k->join || !name[0]) {
				help_flush(out, name, help);
				name[0] = help[0] = 0;
			}
			size_t nl = strlen(name), hl = strlen(help);
			snprintf(name + nl, sizeof name - nl, "%s%s", nl ? ", " : "", k->name);
			snprintf(help + hl, sizeof help - hl, "%s%s", hl ? ", " : "", k->help);
		}
	}
	help_flush(out, name, help);
}

/* Below the smallest size: the size needed and the size there is, wrapped to the width,
 * and how to go on (the quit key works at any size). */
static void draw_too_small(struct tui *ui)
{
	char msg[256], **w;
	snprintf(msg, sizeof msg,
		 "Terminal too small: %dx%d. The kiln menu needs at least %dx%d "
		 "(columns x rows). Make the window larger, or press q to quit.",
		 ui->lay.cols, ui->lay.rows, MIN_COLS, MIN_ROWS);
	size_t n = wrap_text(msg, ui->lay.cols, &w);
	for (size_t i = 0; i < n && (int)i < ui->lay.rows; i++)
		mvaddnstr((int)i, 0, w[i], ui->lay.cols);
	free_lines(w, n);
	refresh();
}

static void draw_all(struct tui *ui)
{
	view_layout(ui);
	erase();
	curs_set(0); /* the editor and search show it again where typing goes */
	if (ui->lay.too_small) {
		draw_too_small(ui);
		return;
	}
	int from = 0;
	for (int i = 0; i < ui->npanes; i++) {
		if (ui->panes[i]->ops->layout)
			ui->panes[i]->ops->layout(ui, ui->panes[i]);
		if (ui->panes[i]->ops->fullscreen)
			from = i;
	}
	keys_legend(ui); /* first: the top pane's draw leaves the cursor where typing goes */
	for (int i = from; i < ui->npanes; i++)
		ui->panes[i]->ops->draw(ui, ui->panes[i]);
	refresh();
}

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static void write_timing(struct tui *ui)
{
	FILE *f = fopen(ui->timing_file, "w");
	if (f) {
		fprintf(f, "%.1f\n", now_ms() - ui->t_start);
		fclose(f);
	}
	ui->timing_file = NULL;
}

/* One line per key: from the key's arrival to the end of the redraw that follows it. */
static void write_key_timing(struct tui *ui)
{
	FILE *f = fopen(ui->key_timing_file, "a");
	if (f) {
		fprintf(f, "%.1f\n", now_ms() - ui->t_key);
		fclose(f);
	}
	ui->t_key = 0;
}

/* The next key; ERR when the top pane's background work is due first. Without such work
 * the wait is ncurses' own, which also turns SIGWINCH into KEY_RESIZE. */
static int next_key(struct tui *ui, bool ticking, int fd)
{
	if (!ticking) {
		timeout(-1);
		return getch();
	}
	struct pollfd pf[2] = { { .fd = 0, .events = POLLIN }, { .fd = fd, .events = POLLIN } };
	poll(pf, fd >= 0 ? 2 : 1, TICK_MS);
	timeout(0);
	return getch();
}

void loop_run(struct tui *ui)
{
	while (!ui->quit && ui->npanes) {
		struct pane *top = pane_top(ui);
		int fd = top->ops->tick ? top->ops->tick(ui, top) : -1;
		draw_all(ui);
		if (ui->timing_file)
			write_timing(ui);
		if (ui->key_timing_file && ui->t_key > 0)
			write_key_timing(ui);
		int ch = next_key(ui, top->ops->tick != NULL, fd);
		if (ch != ERR && ch != KEY_RESIZE) {
			ui->t_key = now_ms();
			dispatch(ui, ch);
		}
	}
}

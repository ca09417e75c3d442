/*
 * tui/search.c — `/`: search as you type over names, titles and help text.
 *
 * Names and titles match fuzzily: the typed letters must appear in order ("prtlvl" finds
 * PRINTK_LEVEL), and the score rewards letters that start words and runs of consecutive
 * letters, so the likeliest item comes first. Help text matches only as a plain substring,
 * since a fuzzy match over a paragraph would match nearly anything. Enter jumps to the item
 * even when it is hidden (an option of a library that is off): the tree reveals it and the
 * why pane says what hides it. The search is a pane (tui.h) over the tree.
 */
#include <ctype.h>
#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "tui.h"

#define MAX_PATTERN 64

static bool word_start(const char *text, size_t i)
{
	return i == 0 || !isalnum((unsigned char)text[i - 1]) ||
	       (isupper((unsigned char)text[i]) && islower((unsigned char)text[i - 1]));
}

/* Fuzzy score of pattern in text, higher is better; -1 when the letters are not all there
 * in order. Greedy left to right, which is good enough for names and titles. */
int search_score(const char *pattern, const char *text)
{
	if (!pattern[0])
		return 0;
	const char *sub = strcasestr(text, pattern);
	int score = 0, run = 0;
	size_t p = 0;
	for (size_t i = 0; text[i] && pattern[p]; i++) {
		if (tolower((unsigned char)text[i]) != tolower((unsigned char)pattern[p])) {
			run = 0;
			continue;
		}
		score += 1 + run * 4 + (word_start(text, i) ? 6 : 0);
		run++;
		p++;
	}
	if (pattern[p])
		return -1;
	if (sub)
		score += 40 + (sub == text ? 40 : 0) + (strlen(text) == strlen(pattern) ? 40 : 0);
	return score;
}

static int item_score(const struct tm_item *it, const char *pattern)
{
	int best = search_score(pattern, it->name);
	int t = search_score(pattern, it->title);
	if (t > best)
		best = t;
	if (best < 0 && it->help && strcasestr(it->help, pattern))
		best = 1;
	return best;
}

struct hit {
	size_t item;
	int score;
};

static int cmp_hit(const void *a, const void *b)
{
	const struct hit *x = a, *y = b;
	return y->score != x->score ? y->score - x->score : (int)x->item - (int)y->item;
}

static size_t find_hits(struct tui *ui, const char *pattern, struct hit *hits)
{
	size_t n = 0;
	for (size_t i = 0; pattern[0] && i < tm_count(ui->model); i++) {
		const struct tm_item *it = tm_item(ui->model, i);
		/* a library without a category is a test: no row, no hit */
		int s = it->kind == TM_KIND_LIBRARY && !it->category ? -1 : item_score(it, pattern);
		if (s >= 0)
			hits[n++] = (struct hit){ i, s };
	}
	qsort(hits, n, sizeof *hits, cmp_hit);
	return n;
}

/* Where an item lives, or what hides it, for the result list. */
static void where(struct tui *ui, size_t item, char *buf, size_t len)
{
	const struct tm_item *it = tm_item(ui->model, item);
	if (!tm_state(ui->model, item)->active)
		snprintf(buf, len, "hidden: %s is off", it->owner ? it->owner : "its library");
	else if (it->kind == TM_KIND_OPTION)
		snprintf(buf, len, "option of %s", it->owner ? it->owner : "?");
	else if (it->category && it->category[0])
		snprintf(buf, len, "%s", it->category);
	else
		snprintf(buf, len, "%s", it->kind == TM_KIND_GROUP ? "Interfaces" : "top");
}

struct search_pane {
	struct pane base;
	char pattern[MAX_PATTERN];
	struct hit *hits; /* room for every item */
	size_t n;	  /* hits for the pattern */
	int cur, top, page;
};

/* The hits for the pattern as typed, and the selection kept on the screen. */
static void search_layout(struct tui *ui, struct pane *p)
{
	struct search_pane *s = (struct search_pane *)p;
	s->n = find_hits(ui, s->pattern, s->hits);
	int h = ui->lay.why_y - 1 - ui->lay.list_y;
	h = h < 1 ? 1 : h;
	s->page = h;
	s->top = s->cur < s->top ? s->cur : s->cur >= s->top + h ? s->cur - h + 1 : s->top;
}

static void draw_hit(struct tui *ui, const struct search_pane *s, int r)
{
	struct layout *l = &ui->lay;
	size_t item = s->hits[s->top + r].item;
	const struct tm_item *it = tm_item(ui->model, item);
	char loc[128];
	where(ui, item, loc, sizeof loc);
	/* the place gets room for "hidden: <library> off" even at 80 columns, and the
	 * selected hit is marked '>' like the tree's cursor (for monochrome) */
	int tw = l->cols * 2 / 5, lw = l->cols - tw - 25;
	bool cur = s->top + r == s->cur;
	attrset(cur ? view_attr(ui, COL_CURSOR) : 0);
	mvprintw(l->list_y + r, 0, "%c%-*.*s %-22.22s %-*.*s", cur ? '>' : ' ', tw, tw, it->title,
		 it->name, lw, lw, loc);
}

static void search_draw(struct tui *ui, struct pane *p)
{
	struct search_pane *s = (struct search_pane *)p;
	struct layout *l = &ui->lay;
	for (int r = 0; r < s->page; r++) {
		move(l->list_y + r, 0);
		clrtoeol();
		if (s->top + r < (int)s->n)
			draw_hit(ui, s, r);
	}
	attrset(0);
	if (s->n) {
		const struct tm_item *it = tm_item(ui->model, s->hits[s->cur].item);
		const char *help[] = { it->title, it->help[0] ? it->help : "(no help text)" };
		why_draw_lines(ui, "help", help, 2);
	}
	move(l->status_y, 0);
	clrtoeol();
	mvprintw(l->status_y, 0, "/%s", s->pattern);
	printw("   (%zu match%s)", s->n, s->n == 1 ? "" : "es");
	move(l->status_y, 1 + (int)strlen(s->pattern));
	curs_set(1);
}

static void jump(struct tui *ui, size_t item)
{
	int node = tree_node_of_item(&ui->tree, item);
	if (node < 0)
		return;
	bool hidden = tree_node_hidden(&ui->tree, ui->model, node);
	tui_goto_node(ui, node);
	const struct tm_item *it = tm_item(ui->model, item);
	if (hidden)
		view_status(ui, false, "%s is hidden; the why pane says why.", it->name);
	else
		view_status(ui, false, "%s", it->title);
}

static void act_type(struct tui *ui, struct pane *p, int ch)
{
	struct search_pane *s = (struct search_pane *)p;
	size_t len = strlen(s->pattern);
	if (ch >= 32 && ch < 127 && len + 1 < MAX_PATTERN) {
		s->pattern[len] = (char)ch;
		s->pattern[len + 1] = 0;
		s->cur = 0;
	}
}

static void act_up(struct tui *ui, struct pane *p, int ch)
{
	struct search_pane *s = (struct search_pane *)p;
	s->cur -= s->cur > 0;
}

static void act_down(struct tui *ui, struct pane *p, int ch)
{
	struct search_pane *s = (struct search_pane *)p;
	s->cur += s->cur + 1 < (int)s->n;
}

static void act_page_up(struct tui *ui, struct pane *p, int ch)
{
	struct search_pane *s = (struct search_pane *)p;
	s->cur = s->cur > s->page ? s->cur - s->page : 0;
}

static void act_page_down(struct tui *ui, struct pane *p, int ch)
{
	struct search_pane *s = (struct search_pane *)p;
	int n = (int)s->n;
	s->cur = s->cur + s->page < n ? s->cur + s->page : (n ? n - 1 : 0);
}

static void act_backspace(struct tui *ui, struct pane *p, int ch)
{
	struct search_pane *s = (struct search_pane *)p;
	size_t len = strlen(s->pattern);
	if (len)
		s->pattern[len - 1] = 0;
	s->cur = 0;
}

static void act_clear(struct tui *ui, struct pane *p, int ch)
{
	struct search_pane *s = (struct search_pane *)p;
	s->pattern[0] = 0;
	s->cur = 0;
}

static void act_jump(struct tui *ui, struct pane *p, int ch)
{
	struct search_pane *s = (struct search_pane *)p;
	if (!s->n)
		return;
	jump(ui, s->hits[s->cur].item);
	pane_remove(ui, p);
}

static void act_cancel(struct tui *ui, struct pane *p, int ch)
{
	pane_remove(ui, p);
}

/* Printable keys are typed into the pattern (the pane's `other`); the first row has no
 * codes and is there for the legend. */
static const struct key_def search_keys[] = {
	{ .codes = { 0 }, .act = act_type, .legend = "type:search" },
	{ .codes = { KEY_UP, KEY_CTRL('p') }, .act = act_up, .legend = "Up/Down:select" },
	{ .codes = { KEY_DOWN, KEY_CTRL('n') }, .act = act_down },
	{ .codes = { '\n', '\r', KEY_ENTER }, .act = act_jump, .legend = "Enter:jump" },
	{ .codes = { KEY_ESCAPE, KEY_CTRL('c') }, .act = act_cancel, .legend = "Esc:cancel" },
	{ .codes = { KEY_PPAGE }, .act = act_page_up },
	{ .codes = { KEY_NPAGE }, .act = act_page_down },
	{ .codes = { KEY_BACKSPACE, KEY_ASCII_DEL, KEY_CTRL('h') }, .act = act_backspace },
	{ .codes = { KEY_CTRL('u') }, .act = act_clear },
	{ .act = NULL } /* the end */
};

static const struct key_def *search_pane_keys(struct tui *ui, struct pane *p)
{
	return search_keys;
}

static void search_free(struct pane *p)
{
	free(((struct search_pane *)p)->hits);
}

static const struct pane_ops search_ops = {
	.name = "search",
	.layout = search_layout,
	.draw = search_draw,
	.keys = search_pane_keys,
	.other = act_type,
	.free = search_free,
};

/* `/`: opens the search pane over the tree. */
void search_open(struct tui *ui)
{
	struct search_pane *s = calloc(1, sizeof *s);
	if (!s)
		return;
	s->hits = malloc((tm_count(ui->model) + 1) * sizeof *s->hits);
	if (!s->hits) {
		free(s);
		return;
	}
	s->base.ops = &search_ops;
	pane_push(ui, &s->base);
}

/*
 * tui/search.c — `/`: search as you type over names, titles and help text.
 *
 * Names and titles match fuzzily: the typed letters must appear in order ("prtlvl" finds
 * PRINTK_LEVEL), and the score rewards letters that start words and runs of consecutive
 * letters, so the likeliest item comes first. Help text matches only as a plain substring,
 * since a fuzzy match over a paragraph would match nearly anything. Enter jumps to the item
 * even when it is hidden (an option of a library that is off): the tree reveals it and the
 * why pane says what hides it.
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

static void draw_results(struct tui *ui, const char *pattern, const struct hit *hits, size_t n,
			 int cur, int top)
{
	static const char *const keys[] = { "type:search", "Up/Down:select", "Enter:jump",
					    "Esc:cancel", NULL };
	struct layout *l = &ui->lay;
	view_draw(ui);
	int h = l->why_y - 1 - l->list_y;
	for (int r = 0; r < h; r++) {
		move(l->list_y + r, 0);
		clrtoeol();
		if (top + r >= (int)n)
			continue;
		size_t item = hits[top + r].item;
		const struct tm_item *it = tm_item(ui->model, item);
		char loc[128];
		where(ui, item, loc, sizeof loc);
		/* the place gets room for "hidden: <library> off" even at 80 columns, and
		 * the selected hit is marked '>' like the tree's cursor (for monochrome) */
		int tw = l->cols * 2 / 5, lw = l->cols - tw - 25;
		attrset(top + r == cur ? view_attr(ui, COL_CURSOR) : 0);
		mvprintw(l->list_y + r, 0, "%c%-*.*s %-22.22s %-*.*s", top + r == cur ? '>' : ' ',
			 tw, tw, it->title, it->name, lw, lw, loc);
	}
	attrset(0);
	if (n) {
		const struct tm_item *it = tm_item(ui->model, hits[cur].item);
		const char *help[] = { it->title, it->help[0] ? it->help : "(no help text)" };
		why_draw_lines(ui, "help", help, 2);
	}
	move(l->status_y, 0);
	clrtoeol();
	mvprintw(l->status_y, 0, "/%s", pattern);
	printw("   (%zu match%s)", n, n == 1 ? "" : "es");
	view_draw_legend(ui, keys, l->legend_y);
	move(l->status_y, 1 + (int)strlen(pattern));
	curs_set(1);
	refresh();
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

/* Returns true to keep searching after ch. */
static bool search_key(int ch, char *pattern, int *cur, int n, int page)
{
	size_t len = strlen(pattern);
	switch (ch) {
	case KEY_UP:
	case 16:
		*cur -= *cur > 0;
		break;
	case KEY_DOWN:
	case 14:
		*cur += *cur + 1 < n;
		break;
	case KEY_PPAGE:
		*cur = *cur > page ? *cur - page : 0;
		break;
	case KEY_NPAGE:
		*cur = *cur + page < n ? *cur + page : (n ? n - 1 : 0);
		break;
	case KEY_BACKSPACE:
	case 127:
	case 8:
		if (len)
			pattern[len - 1] = 0;
		*cur = 0;
		break;
	case 21:
		pattern[0] = 0;
		*cur = 0;
		break;
	default:
		if (ch >= 32 && ch < 127 && len + 1 < MAX_PATTERN) {
			pattern[len] = (char)ch;
			pattern[len + 1] = 0;
			*cur = 0;
		}
	}
	return true;
}

void search_run(struct tui *ui)
{
	char pattern[MAX_PATTERN] = "";
	struct hit *hits = malloc((tm_count(ui->model) + 1) * sizeof *hits);
	int cur = 0, top = 0;
	if (!hits)
		return;
	for (;;) {
		size_t n = find_hits(ui, pattern, hits);
		int h = ui->lay.why_y - 1 - ui->lay.list_y;
		h = h < 1 ? 1 : h;
		top = cur < top ? cur : cur >= top + h ? cur - h + 1 : top;
		draw_results(ui, pattern, hits, n, cur, top);
		int ch = getch();
		if (ch == 27 || ch == 3)
			break;
		if ((ch == '\n' || ch == '\r' || ch == KEY_ENTER) && n) {
			jump(ui, hits[cur].item);
			break;
		}
		search_key(ch, pattern, &cur, (int)n, h);
	}
	curs_set(0);
	free(hits);
}

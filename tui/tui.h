/*
 * tui/tui.h — the menu's context and the interfaces between its files.
 *
 * One context struct (struct tui) holds every piece of state: no file-statics, so each
 * view is a function of the context and can be redrawn at any time (after KEY_RESIZE, after
 * a dialog closes). Each .c file holds one concept: tree.c the rows, view.c drawing,
 * keys.c dispatch, search.c, why.c, editor.c, dialog.c, undo.c, profile.c, runpane.c.
 */
#ifndef TUI_H
#define TUI_H

#include <stdbool.h>
#include <stddef.h>

#include "lines.h"
#include "model.h"

/* --- tree.c: the static tree of nodes and the visible rows ----------------------------- */

enum node_kind {
	NODE_CATEGORY, /* a folder: "Kernel", "Debugging", "Interfaces" */
	NODE_ITEM,     /* a model item: library, option, group, app, platform */
	NODE_VALUE,    /* one value of a radio list (app, platform): item + value */
};

struct node {
	enum node_kind kind;
	const char *label; /* category name (NODE_CATEGORY) */
	const char *value; /* NODE_VALUE: the value this row chooses */
	size_t item;	   /* model item (NODE_ITEM, NODE_VALUE) */
	int parent;	   /* node index, -1 at the top */
	int depth;
	bool expanded;
	bool revealed; /* shown although inactive, because search jumped to it */
};

struct tree {
	struct node *nodes;
	int nnodes;
	int *rows; /* visible node indices, in order */
	int nrows;
	bool show_hidden;
};

int tree_build(struct tree *t, const struct tm_model *m);
void tree_free(struct tree *t);
void tree_refresh(struct tree *t, const struct tm_model *m);
int tree_row_of_node(const struct tree *t, int node);
int tree_node_of_item(const struct tree *t, size_t item);
void tree_reveal(struct tree *t, const struct tm_model *m, int node);
bool tree_node_hidden(const struct tree *t, const struct tm_model *m, int node);

/* --- undo.c: every change as a set of (name, before, after) ---------------------------- */

struct undo_change {
	char *name;
	char *before; /* user decision before, NULL = none */
	char *after;
};

struct undo_step {
	struct undo_change *changes;
	size_t n;
};

struct undo {
	struct undo_step *steps;
	size_t n;   /* steps recorded */
	size_t pos; /* steps applied: undo takes steps[pos-1], redo steps[pos] */
	size_t cap;
};

void undo_free(struct undo *u);
void undo_clear(struct undo *u);
int undo_record(struct undo_step *s, struct tm_model *m, const struct tm_decision *d, size_t n);
int undo_commit(struct undo *u, struct undo_step *s);
void undo_discard(struct undo_step *s);
const struct undo_step *undo_take(struct undo *u, bool redo);
void undo_untake(struct undo *u, bool redo);

/* --- the context ------------------------------------------------------------------------ */

enum tui_pane { PANE_WHY, PANE_HELP };

struct layout {
	int rows, cols;
	int list_y, list_h; /* the tree */
	int why_y, why_h;   /* the why pane, below a separator line */
	int status_y;	    /* one line of messages */
	int legend_y;	    /* the key legend, always the last line */
	bool too_small;
};

/* A wish the resolver refused: the why pane explains it and offers fixes. */
struct wish {
	bool set;
	size_t item;
	char value[128];
};

/* What the why pane shows for one node, kept until the node or the model changes. */
struct why_cache {
	int node;
	unsigned gen;
	struct lines text;
	size_t item; /* the item and value the fixes are for */
	char value[128];
	size_t nfixes; /* fixes offered; 0 when none */
};

struct tui {
	struct tm_model *model;
	unsigned gen; /* bumped on every change to the model or the wish */
	struct why_cache why;
	const char *root;
	char path[4096]; /* the profile file being edited */
	char *saved;	 /* decisions as last loaded or saved, for dirty and diff */
	struct tree tree;
	struct undo undo;
	struct layout lay;
	struct wish wish;
	int cursor; /* row index in tree.rows */
	int top;    /* first row shown */
	bool color;
	bool dirty; /* decisions differ from the saved file's */
	bool quit;
	char status[512];
	bool status_error;
	const char *kiln; /* the kiln tool, for build and run */
	const char *timing_file;
	double t_start;
};

/* view.c */
void view_init_colors(struct tui *ui);
void view_layout(struct tui *ui);
void view_draw(struct tui *ui);
void view_draw_legend(struct tui *ui, const char *const *keys, int y);
void view_status(struct tui *ui, bool error, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
int view_value_col(const struct tui *ui);
void view_row_text(struct tui *ui, int node, char *buf, size_t len, int width);
int view_attr_origin(const struct tui *ui, enum tm_origin o);

enum tui_color {
	COL_TITLE = 1,
	COL_CURSOR,
	COL_USER,
	COL_FORCED,
	COL_ERROR,
	COL_DIM,
	COL_ADD,
	COL_DEL
};
int view_attr(const struct tui *ui, enum tui_color c);

/* keys.c */
void keys_dispatch(struct tui *ui, int ch);
int tui_current_node(const struct tui *ui);
void tui_goto_node(struct tui *ui, int node);
int tui_apply(struct tui *ui, const struct tm_decision *d, size_t n, const char *what, bool record);
void tui_update_dirty(struct tui *ui);
void tui_snapshot_saved(struct tui *ui);
void tui_after_load(struct tui *ui);

/* search.c */
void search_run(struct tui *ui);
int search_score(const char *pattern, const char *text);

/* why.c */
void why_draw(struct tui *ui);
void why_apply_fix(struct tui *ui, int which);
void why_wish(struct tui *ui, size_t item, const char *value);
void why_free(struct tui *ui);
void why_draw_lines(struct tui *ui, const char *title, const char *const *lines, size_t n);
void why_full(struct tui *ui);

/* editor.c: edits buf in place on the cursor's row or on the status line. */
enum edit_result { EDIT_ACCEPT, EDIT_CANCEL };
enum edit_place { EDIT_AT_ROW, EDIT_AT_STATUS };
enum edit_result editor_line(struct tui *ui, enum edit_place where, const char *prompt, char *buf,
			     size_t len);
void tui_edit_item(struct tui *ui, size_t item);

/* dialog.c */
enum quit_answer { QUIT_SAVE, QUIT_DISCARD, QUIT_CANCEL };
enum dialog_answer { ANSWER_YES, ANSWER_NO, ANSWER_CANCEL };
enum dialog_answer dialog_confirm(struct tui *ui, const char *title, const char *const *lines,
				  size_t n, const char *question, bool with_cancel);
int dialog_choose(struct tui *ui, const char *title, const char *const *choices, size_t n,
		  int selected);
enum quit_answer dialog_quit(struct tui *ui, const char *const *lines, size_t n);
bool list_move(int ch, int *cur, int n, int page);
void dialog_text(struct tui *ui, const char *title, const char *const *lines, size_t n);
void tui_help(struct tui *ui);

/* profile.c */
void profile_save(struct tui *ui, bool save_as);
void profile_open(struct tui *ui);
void profile_diff(struct tui *ui);
void profile_quit(struct tui *ui);
int profile_load(struct tui *ui, const char *path, char *err, size_t errlen);

/* runpane.c */
enum run_mode { RUN_BUILD, RUN_BOOT };
void runpane_start(struct tui *ui, enum run_mode mode);

/* text helpers (view.c) */
size_t wrap_text(const char *text, int width, char ***lines);
void wrap_hanging(const char *line, int width, struct lines *out);

void free_lines(char **lines, size_t n);

#endif

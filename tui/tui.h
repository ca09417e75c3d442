/*
 * tui/tui.h — the menu's context and the interfaces between its files.
 *
 * One context struct (struct tui) holds every piece of state: no file-statics, so each
 * view is a function of the context and can be redrawn at any time (after KEY_RESIZE, after
 * a dialog closes). The screen is a stack of panes that all implement struct pane_ops, run
 * by the one event loop in loop.c; each pane's keys are one table (struct key_def) that
 * drives dispatch, the legend line and the help screen. Each .c file holds one concept:
 * loop.c the loop, tree.c the rows, view.c drawing, keys.c the tree's keys, search.c,
 * why.c, editor.c, dialog.c, undo.c, profile.c, runpane.c.
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

/* --- keys and panes: the interface every part of the screen implements ------------------ */

/* Keys without an ncurses KEY_* name, by name rather than by number. */
#define KEY_CTRL(c)   ((c)&0x1f) /* Ctrl-R is KEY_CTRL('r') */
#define KEY_ESCAPE    27
#define KEY_ASCII_DEL 127 /* what most terminals send for Backspace */
#define KEY_CODES_MAX 12

struct tui;
struct pane;

/* One binding: the codes that trigger it, what it does, and how the key legend and the help
 * screen name it. A pane's table is all it knows about keys: dispatch, the legend line and
 * the help screen are all read from it. */
struct key_def {
	int codes[KEY_CODES_MAX]; /* ends at the first 0 */
	void (*act)(struct tui *ui, struct pane *p, int ch);
	const char *legend; /* "u:undo" on the bottom line; NULL: only in the help */
	int rank;	    /* legend order, lowest first; equal ranks keep table order */
	int keep;	    /* as the legend shrinks, the lowest keep goes first (0: first) */
	const char *name;   /* "u" on the help screen; NULL: not on it */
	const char *help;   /* "undo" */
	bool join;	    /* on the help line of the binding above: "u, Ctrl-R  undo, redo" */
	bool small;	    /* works while the terminal is too small */
};

/* What every pane implements. The loop lays out and draws the stack bottom to top (from the
 * last full-screen pane up) and gives each key to the top pane's table; a transparent pane
 * (the why pane) passes keys it has no binding for to the pane below. */
struct pane_ops {
	const char *name;
	void (*layout)(struct tui *ui, struct pane *p); /* optional: geometry for this size */
	void (*draw)(struct tui *ui, struct pane *p);
	const struct key_def *(*keys)(struct tui *ui, struct pane *p); /* its table now */
	void (*other)(struct tui *ui, struct pane *p, int ch);	       /* optional: unbound keys */
	int (*tick)(struct tui *ui, struct pane *p); /* optional: background work; fd or -1 */
	void (*free)(struct pane *p);		     /* optional: besides free(p) */
	bool fullscreen;			     /* hides every pane below */
	bool transparent;			     /* unbound keys go to the pane below */
	bool needs_room; /* only `small` keys while the terminal is too small */
};

/* A pane: its operations, followed (in the struct that embeds it first) by its state. */
struct pane {
	const struct pane_ops *ops;
};

/* What a question hands back to the code that asked it along with the answer. */
struct pane_arg {
	size_t item;		      /* the item a question is about */
	int index;		      /* the fix a question is about */
	void (*then)(struct tui *ui); /* what comes after unsaved changes are settled */
	char text[4096];	      /* a path */
	char name[128];		      /* a profile's build folder name */
};

#define MAX_PANES 8

/* loop.c */
void pane_push(struct tui *ui, struct pane *p);
void pane_remove(struct tui *ui, struct pane *p);
struct pane *pane_top(const struct tui *ui);
void panes_free(struct tui *ui);
void loop_run(struct tui *ui);
void keys_help(struct tui *ui, struct lines *out);
void keys_legend(struct tui *ui);

/* --- the context ------------------------------------------------------------------------ */

/* The smallest terminal the menu draws in; below it, a message says so (loop.c). */
#define MIN_COLS 40
#define MIN_ROWS 12

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
	const char *libdirs[16]; /* -L folders, in order */
	size_t nlibdirs;
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
	const char *key_timing_file;   /* KILN_MENU_KEY_TIMING: ms from each key to its redraw */
	double t_key;		       /* when the last key came, 0 once its redraw is timed */
	struct pane *panes[MAX_PANES]; /* the stack: [0] the tree, the top has the keys */
	int npanes;
};

/* view.c */
void view_init_colors(struct tui *ui);
void view_layout(struct tui *ui);
void view_draw(struct tui *ui);
void view_scroll(struct tui *ui);
void view_draw_legend(struct tui *ui, const char *const *keys, const int *keeps, int y);
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

/* keys.c: the tree pane and its keys */
struct pane *tree_pane_new(void);
int tui_current_node(const struct tui *ui);
void tui_goto_node(struct tui *ui, int node);
int tui_apply(struct tui *ui, const struct tm_decision *d, size_t n, const char *what, bool record);
void tui_update_dirty(struct tui *ui);
void tui_snapshot_saved(struct tui *ui);
void tui_after_load(struct tui *ui);

/* search.c */
void search_open(struct tui *ui);
int search_score(const char *pattern, const char *text);

/* why.c */
void why_draw(struct tui *ui);
void why_apply_fix(struct tui *ui, int which);
void why_wish(struct tui *ui, size_t item, const char *value);
void why_free(struct tui *ui);
void why_draw_lines(struct tui *ui, const char *title, const char *const *lines, size_t n);
void why_full(struct tui *ui);
struct pane *why_pane_new(void);

/* editor.c: a one-line editor on the cursor's row or on the status line. Enter hands the
 * text to the opener's edit_fn, which says whether the editor closes (a number out of range
 * keeps it open); Esc closes it. */
enum edit_verdict { EDIT_CLOSE, EDIT_KEEP };
enum edit_place { EDIT_AT_ROW, EDIT_AT_STATUS };
typedef enum edit_verdict edit_fn(struct tui *ui, const char *text, const struct pane_arg *arg);
void editor_open(struct tui *ui, enum edit_place where, const char *prompt, const char *text,
		 size_t cap, edit_fn *accept, const struct pane_arg *arg);
void tui_edit_item(struct tui *ui, size_t item);

/* dialog.c: each opens a pane and returns at once; the answer goes to the callback with a
 * copy of arg (which may be NULL). dialog_choose calls back only when something is chosen. */
enum quit_answer { QUIT_SAVE, QUIT_DISCARD, QUIT_CANCEL };
enum dialog_answer { ANSWER_YES, ANSWER_NO, ANSWER_CANCEL };
typedef void answer_fn(struct tui *ui, enum dialog_answer a, const struct pane_arg *arg);
typedef void quit_fn(struct tui *ui, enum quit_answer a, const struct pane_arg *arg);
typedef void choice_fn(struct tui *ui, int choice, const struct pane_arg *arg);
void dialog_confirm(struct tui *ui, const char *title, const char *const *lines, size_t n,
		    const char *question, bool with_cancel, answer_fn *done,
		    const struct pane_arg *arg);
void dialog_quit(struct tui *ui, const char *const *lines, size_t n, quit_fn *done,
		 const struct pane_arg *arg);
void dialog_choose(struct tui *ui, const char *title, const char *const *choices, size_t n,
		   int selected, choice_fn *done, const struct pane_arg *arg);
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
void wrap_indented(const char *line, int width, int hang, struct lines *out);

void free_lines(char **lines, size_t n);

#endif

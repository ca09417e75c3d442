/*
 * tui/model.h — the menu's only view of catalog/.
 *
 * The menu draws and dispatches keys; every decision (values, provenance, why, why-not,
 * fixes, validity) comes from the catalog library. This adapter flattens what the catalog
 * knows into items the views can walk, and turns the menu's verbs (set, clear, save) into
 * catalog calls. Only model.c includes catalog headers, so when the catalog API changes
 * only model.c changes.
 *
 * Values cross this boundary as strings: "y"/"n" for libraries and bool options, decimal
 * for int, "0x…" for hex, the value itself for string and choice options.
 */
#ifndef TUI_MODEL_H
#define TUI_MODEL_H

#include <stdbool.h>
#include <stddef.h>

/* Names that are not catalog names (":" is not allowed in catalog names). */
#define TM_APP	    ":app"	/* the profile's app; values are app names */
#define TM_PLATFORM ":platform" /* the profile's targets; values are target names */

enum tm_kind {
	TM_KIND_APP,	  /* the app the image is built for (radio list over apps) */
	TM_KIND_PLATFORM, /* the target (radio list over targets) */
	TM_KIND_GROUP,	  /* an interface such as allocator: its providers as a radio list */
	TM_KIND_LIBRARY,
	TM_KIND_OPTION,
};

enum tm_type { TM_BOOL, TM_INT, TM_HEX, TM_STRING, TM_CHOICE };

/* Where a value came from, as the resolver says. */
enum tm_origin {
	TM_ORIGIN_DEFAULT,
	TM_ORIGIN_USER,
	TM_ORIGIN_FORCED, /* by a constraint: tm_state.by names it */
};

/* What the catalog says about one item; fixed while the model is open. */
struct tm_item {
	const char *name;     /* catalog name, or TM_APP / TM_PLATFORM */
	const char *title;    /* one line for the tree */
	const char *help;     /* help text, may be "" */
	const char *category; /* "Kernel/Debugging"; "" for items placed elsewhere */
	const char *owner;    /* library an option belongs to; group a provider belongs to */
	enum tm_kind kind;
	enum tm_type type;
	long long min, max;	   /* int and hex ranges; min > max when unbounded */
	const char *const *values; /* choice values, group providers, apps, targets */
	size_t nvalues;
};

/* What the resolver says about one item now; refreshed by every change. */
struct tm_state {
	bool active;	   /* the item exists: an option's library is on */
	const char *value; /* "y", "n", "256", "info", …; "" when inactive */
	enum tm_origin origin;
	const char *by; /* for TM_ORIGIN_FORCED: the constraint, e.g. "printk depends on console" */
};

/* One user decision: name = value, or value NULL for "no decision" (back to default). */
struct tm_decision {
	const char *name;
	const char *value;
};

/* Lines of text owned by the model until the next call that returns text. */
struct tm_text {
	const char *const *lines;
	size_t n;
};

/* A smallest fix: the decisions that would make a wish possible. */
struct tm_fix {
	const char *summary; /* "turn off lwip (it conflicts with nolibc)" */
	const struct tm_decision *changes;
	size_t nchanges;
};

struct tm_model;

/* Opens the catalog under root and the profile at path. On failure returns NULL and
 * writes one line `file:line:col: what` or `kiln: what: why` to err. */
/* The kiln tree into root (in: the --root given, or ""; out: absolute), as every kiln
 * program finds it (KILN_ROOT, the current folder or above, the binary's); -1 with a
 * message in err. */
int tm_find_root(char *root, size_t len, char *err, size_t errlen);
/* The profile opened when none is named (caller frees), or NULL with a message in err. */
char *tm_default_profile(const char *root, char *err, size_t errlen);
struct tm_model *tm_open(const char *root, const char *const *libdirs, size_t nlibdirs,
			 const char *profile_path, char *err, size_t errlen);
void tm_close(struct tm_model *m);

/* Replaces the model's profile with the one at path (the catalog stays). 0 or -1 + err. */
int tm_load_profile(struct tm_model *m, const char *path, char *err, size_t errlen);

size_t tm_count(const struct tm_model *m);
const struct tm_item *tm_item(const struct tm_model *m, size_t i);
const struct tm_state *tm_state(const struct tm_model *m, size_t i);
/* Index of the item named name, or (size_t)-1. */
size_t tm_find(const struct tm_model *m, const char *name);

/* The user's own decision for name ("y", "256", …), or NULL when the user made none. */
const char *tm_user_value(struct tm_model *m, const char *name);

/* Applies all changes at once and re-resolves. When the resolver refuses, nothing changes,
 * returns -1 and fills why (the refusal, one reason a line). */
int tm_apply(struct tm_model *m, const struct tm_decision *changes, size_t n, struct tm_text *why);

/* Why the item has its current value: a chain of reasons, the first line the answer. */
void tm_why(struct tm_model *m, size_t i, struct tm_text *out);
/* Why the item cannot take value: the smallest set of constraints in the way; returns 0 when
 * it can (out then empty). */
int tm_why_not(struct tm_model *m, size_t i, const char *value, struct tm_text *out);
/* Smallest fixes that let the item take value, best first; count returned, at most max. */
size_t tm_fixes(struct tm_model *m, size_t i, const char *value, const struct tm_fix **out,
		size_t max);

/* The user's decisions as sorted "name = value" lines, now and in the profile file at
 * path (for the diff view); -1 + err when the file cannot be read. */
void tm_decisions(struct tm_model *m, struct tm_text *out);
int tm_file_decisions(struct tm_model *m, const char *path, struct tm_text *out, char *err,
		      size_t errlen);

/* A one-line description of the profile at path for the list of presets, e.g.
 * "Hello world on KVM (helloworld, kvm-x86_64)"; -1 when it cannot be read. */
int tm_profile_summary(struct tm_model *m, const char *path, char *buf, size_t len);

/* Writes the profile to path atomically (temporary file + rename). Refuses (-1 + err) when
 * the resolver refuses the profile: nothing invalid is ever saved. */
int tm_save(struct tm_model *m, const char *path, char *err, size_t errlen);

/* The build folder name a profile saved as path gets by default: <app>-<file's base name>
 * (an out-of-tree app counts by its folder's name). */
void tm_default_name(struct tm_model *m, const char *path, char *buf, size_t len);
/* tm_save with "name" set to name first (the profile's build folder); the name stays as it
 * was when the save fails. */
int tm_save_as(struct tm_model *m, const char *path, const char *name, char *err, size_t errlen);

#endif

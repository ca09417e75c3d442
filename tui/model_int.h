/*
 * tui/model_int.h — private to the model adapter (model.c, items.c, explain.c): the
 * struct behind struct tm_model and the helpers its files share. Only these files include
 * the catalog's header.
 */
#ifndef TUI_MODEL_INT_H
#define TUI_MODEL_INT_H

#include <stdbool.h>

#include <kiln/cat.h>

#include "lines.h"
#include "model.h"

struct tm_model {
	struct cat_catalog *cat;
	struct cat_solver *solver;
	struct cat_profile *prof;
	struct cat_result *res; /* of prof, always valid */
	struct tm_item *items;	/* app, platform, groups, libraries, options */
	struct tm_state *states;
	char **vals; /* owned value strings of states */
	size_t nitems;
	size_t group0, ngroups; /* item index of the first group, count */
	size_t lib0, opt0;	/* item index of library 0 and option 0 */
	struct lines owned;	/* strings the items point into */
	struct lines text;	/* lines of the last tm_text answer */
	struct tm_fix *fixes;	/* the last tm_fixes answer */
	size_t nfixes;
	struct lines fixstr; /* strings the fixes point into */
	char uval[512];	     /* the last tm_user_value answer */
	/* the app as the loaded file wrote it, and its library: chosen again, it is written
	 * the same way ("." stays ".") */
	char *loaded_app, *loaded_app_dir;
	long loaded_app_lib;
};

/* model.c */
int mi_resolve(struct tm_model *m, struct cat_err *err);
void mi_text_out(struct tm_model *m, struct tm_text *out);
void mi_text_err(struct tm_model *m, struct cat_err *e, bool with_file);
void mi_opt_value(const struct cat_opt *o, const struct cat_val *v, char *buf, size_t len);
void mi_targets(const struct cat_profile *p, char *buf, size_t len);

/* items.c */
int mi_build_items(struct tm_model *m);
void mi_free_items(struct tm_model *m);
/* Sets one decision in the profile without resolving; value NULL forgets it. */
int mi_set(struct tm_model *m, const char *name, const char *value, struct cat_err *err);

/* explain.c */
void mi_fixes_free(struct tm_model *m);

#endif

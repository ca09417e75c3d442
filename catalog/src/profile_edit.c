/*
 * Profiles against a catalog: checking every decision (names, types, ranges), editing
 * decisions (the menu's set/unset, app and targets) and saving the file back.
 */
#include <ctype.h>
#include <errno.h>
#include <jansson.h>
#include <libgen.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "lctx.h"
#include "profile_int.h"

/* A library read through a link of kiln's (catalog/src/alias.c) whose target is real. */
static int lib_is_linked_from(const struct cat_catalog *cat, const struct cat_lib *l,
			      const char *real)
{
	char *path, *target;
	int same;

	if (!cat->root || strncmp(l->dir, CAT_ALIAS_DIR "/", strlen(CAT_ALIAS_DIR) + 1))
		return 0;
	path = fs_join(cat->root, l->dir);
	target = realpath(path, NULL);
	same = target && !strcmp(target, real);
	free(path);
	free(target);
	return same;
}

long profile_app_lib(const struct cat_profile *p, const struct cat_catalog *cat)
{
	char *dir;
	long found = -1;

	if (!p->app_dir)
		return cat_find_lib(cat, p->app);
	dir = cat->root ? fs_relative(cat->root, p->app_dir) : NULL;
	if (!dir)
		dir = xstrdup(p->app_dir);
	for (size_t i = 0; i < cat->nlibs && found < 0; i++)
		if (!strcmp(cat->libs[i].dir, dir) ||
		    lib_is_linked_from(cat, &cat->libs[i], p->app_dir))
			found = (long)i;
	free(dir);
	return found;
}

static void check_app(const struct cat_profile *p, const struct cat_catalog *cat,
		      struct cat_err *err)
{
	long a = profile_app_lib(p, cat);
	const char *near;

	if (a >= 0 && cat_kind_is_app(cat->libs[a].kind))
		return;
	if (a >= 0) {
		cat_err_add(err, p->file, 0, 0, "app: \"%s\" is a %s, not an app", p->app,
			    cat->libs[a].kind == CAT_PLATFORM ? "platform" : "library");
		return;
	}
	if (p->app_dir) {
		cat_err_add(err, p->file, 0, 0, "app: no lib.json found in %s", p->app_dir);
		return;
	}
	near = cat_suggest(cat, p->app);
	cat_err_add(err, p->file, 0, 0, "app: unknown app \"%s\"%s%s%s", p->app,
		    near ? " (did you mean \"" : "", near ? near : "", near ? "\"?)" : "");
}

static void check_targets(const struct cat_profile *p, const struct cat_catalog *cat,
			  struct cat_err *err)
{
	for (size_t i = 0; i < p->ntargets; i++) {
		if (cat_target_lib(cat, p->targets[i]) >= 0)
			continue;
		struct sbuf known = { 0 };

		for (size_t k = 0; k < cat->nlibs; k++)
			for (size_t a = 0; cat->libs[k].plat && a < cat->libs[k].plat->narchs; a++)
				sb_printf(&known, "%s%s-%s", known.s ? ", " : "",
					  cat->libs[k].platform, cat->libs[k].plat->archs[a].name);
		cat_err_add(err, p->file, 0, 0, "targets: unknown target \"%s\" (known: %s)",
			    p->targets[i], known.s ? known.s : "none");
		sb_free(&known);
	}
}

static void unknown_name(const struct cat_decision *d, const struct cat_catalog *cat,
			 const char *file, const char *what, struct cat_err *err)
{
	const char *near = cat_suggest(cat, d->name);

	cat_err_add(err, file, d->line, d->col, "%s.%s: unknown %s%s%s%s",
		    d->kind == CAT_DEC_LIB ? "libraries" : "options", d->name, what,
		    near ? " (did you mean " : "", near ? near : "", near ? "?)" : "");
}

static void check_decision(const struct cat_profile *p, const struct cat_decision *d,
			   const struct cat_catalog *cat, struct cat_err *err)
{
	char why[300];
	struct cat_val v;
	long i;

	if (d->kind == CAT_DEC_LIB) {
		if ((i = cat_find_lib(cat, d->name)) < 0)
			unknown_name(d, cat, p->file, "library", err);
		else if (cat->libs[i].kind != CAT_LIBRARY)
			cat_err_add(
				err, p->file, d->line, d->col,
				"libraries.%s: %s follow the profile's %s, not libraries", d->name,
				cat_kind_is_app(cat->libs[i].kind) ? "apps and tests" : "platforms",
				cat_kind_is_app(cat->libs[i].kind) ? "app" : "targets");
		return;
	}
	if ((i = cat_find_opt(cat, d->name)) < 0) {
		unknown_name(d, cat, p->file, "option", err);
		return;
	}
	if (opt_accepts(&cat->opts[i], d->jtype, &d->val, &v, why, sizeof(why)) < 0)
		cat_err_add(err, p->file, d->line, d->col, "options.%s: %s", d->name, why);
	val_free(&v);
}

int cat_profile_check(const struct cat_profile *p, const struct cat_catalog *cat,
		      struct cat_err *err)
{
	struct cat_err local;
	int rc;

	if (!err) { /* the caller only wants to know */
		cat_err_init(&local);
		rc = cat_profile_check(p, cat, &local);
		cat_err_free(&local);
		return rc;
	}
	size_t before = err->n;

	if (p->catalog != 1)
		cat_err_add(err, p->file, 0, 0, "catalog: made for catalog format %d, not 1",
			    p->catalog);
	check_app(p, cat, err);
	check_targets(p, cat, err);
	for (size_t i = 0; i < p->ndecs; i++)
		check_decision(p, &p->decs[i], cat, err);
	return err->n > before ? -1 : 0;
}

const struct cat_decision *cat_profile_find(const struct cat_profile *p, const char *name)
{
	for (size_t i = 0; i < p->ndecs; i++)
		if (!strcmp(p->decs[i].name, name))
			return &p->decs[i];
	return NULL;
}

static struct cat_decision *slot_for(struct cat_profile *p, const char *name,
				     enum cat_dec_kind kind)
{
	struct cat_decision *d = (struct cat_decision *)cat_profile_find(p, name);

	if (d) {
		val_free(&d->val);
		return d;
	}
	p->decs = xrealloc(p->decs, (p->ndecs + 1) * sizeof(*p->decs));
	d = &p->decs[p->ndecs++];
	memset(d, 0, sizeof(*d));
	d->kind = kind;
	d->name = xstrdup(name);
	return d;
}

int cat_profile_set_lib(struct cat_profile *p, const char *name, int on)
{
	struct cat_decision *d;

	if (!name_is_lib(name))
		return -1;
	d = slot_for(p, name, CAT_DEC_LIB);
	d->jtype = CAT_J_BOOL;
	d->val.num = !!on;
	return 0;
}

/* An out-of-tree app folder as the profile writes it: relative to the profile's folder,
 * so the profile and its app travel together (absolute when the profile has no file). */
static char *app_text(const char *file, const char *app_dir)
{
	char real[PATH_MAX], *copy, *rel = NULL;

	if (!file)
		return xstrdup(app_dir);
	copy = xstrdup(file);
	if (realpath(dirname(copy), real))
		rel = fs_path_from(real, app_dir);
	free(copy);
	return rel ? rel : xstrdup(app_dir);
}

int cat_profile_set_app(struct cat_profile *p, const char *app, const char *app_dir)
{
	if (app_dir ? app_dir[0] != '/' || (app && !*app) : !app || !name_is_lib(app))
		return -1;
	char *text = app ? xstrdup(app) : app_text(p->file, app_dir);

	free(p->app);
	free(p->app_dir);
	p->app = text;
	p->app_dir = app_dir ? xstrdup(app_dir) : NULL;
	p->app_line = p->app_col = 0;
	return 0;
}

/* The same rules as the profile file's "targets": valid names, at least one, none twice. */
static int targets_ok(const char *const *t, size_t n)
{
	char plat[CAT_PLAT_NAME_MAX + 1], arch[CAT_PLAT_NAME_MAX + 1];

	for (size_t i = 0; i < n; i++) {
		if (!t[i] || cat_target_split(t[i], plat, sizeof(plat), arch, sizeof(arch)) < 0)
			return 0;
		for (size_t k = 0; k < i; k++)
			if (!strcmp(t[k], t[i]))
				return 0;
	}
	return n > 0;
}

int cat_profile_set_targets(struct cat_profile *p, const char *const *targets, size_t n)
{
	if (!targets_ok(targets, n))
		return -1;
	for (size_t i = 0; i < p->ntargets; i++)
		free(p->targets[i]);
	p->targets = xrealloc(p->targets, n * sizeof(*p->targets));
	for (size_t i = 0; i < n; i++)
		p->targets[i] = xstrdup(targets[i]);
	p->ntargets = n;
	p->targets_line = p->targets_col = 0;
	return 0;
}

int text_bool(const char *t, long long *out)
{
	static const char *const yes[] = { "y", "yes", "true", "on", "1" };
	static const char *const no[] = { "n", "no", "false", "off", "0" };

	for (size_t i = 0; i < 5; i++) {
		if (!strcasecmp(t, yes[i]) || !strcasecmp(t, no[i])) {
			*out = !strcasecmp(t, yes[i]);
			return 0;
		}
	}
	return -1;
}

/* Turns what a user types into the JSON type the profile stores for the option. */
static int text_value(const struct cat_opt *o, const char *text, enum cat_jtype *t,
		      struct cat_val *v)
{
	char *end;

	v->str = NULL;
	v->num = 0;
	if (o->type == CAT_BOOL) {
		*t = CAT_J_BOOL;
		return text_bool(text, &v->num);
	}
	if (o->type == CAT_INT) {
		*t = CAT_J_INT;
		errno = 0;
		v->num = strtoll(text, &end, 0);
		return (!*text || *end || errno) ? -1 : 0;
	}
	*t = CAT_J_STR;
	v->str = xstrdup(text);
	return 0;
}

int cat_profile_set_opt(struct cat_profile *p, const struct cat_catalog *cat, const char *name,
			const char *text, struct cat_err *err)
{
	long i = cat_find_opt(cat, name);
	struct cat_val v, norm;
	enum cat_jtype t;
	char why[300];
	int bad;

	if (i < 0) {
		const char *near = cat_suggest(cat, name);

		cat_err_add(err, NULL, 0, 0, "unknown option %s%s%s%s", name,
			    near ? " (did you mean " : "", near ? near : "", near ? "?)" : "");
		return -1;
	}
	bad = text_value(&cat->opts[i], text, &t, &v) < 0; /* only bool and int text can fail */
	if (bad)
		snprintf(why, sizeof(why), "\"%s\" is not a %s", text,
			 cat->opts[i].type == CAT_BOOL ? "yes/no value" : "number");
	else /* a number out of range keeps opt_accepts' own reason */
		bad = opt_accepts(&cat->opts[i], t, &v, &norm, why, sizeof(why)) < 0;
	if (bad) {
		cat_err_add(err, NULL, 0, 0, "%s: %s", name, why);
		val_free(&v);
		return -1;
	}
	val_free(&norm);
	struct cat_decision *d = slot_for(p, name, CAT_DEC_OPT);

	d->jtype = t;
	d->val = v;
	d->line = d->col = 0;
	return 0;
}

int cat_profile_unset(struct cat_profile *p, const char *name)
{
	for (size_t i = 0; i < p->ndecs; i++) {
		if (strcmp(p->decs[i].name, name))
			continue;
		free(p->decs[i].name);
		val_free(&p->decs[i].val);
		memmove(&p->decs[i], &p->decs[i + 1], (p->ndecs - i - 1) * sizeof(*p->decs));
		p->ndecs--;
		return 0;
	}
	return -1;
}

static json_t *dec_json(const struct cat_decision *d)
{
	if (d->jtype == CAT_J_BOOL)
		return json_boolean(d->val.num);
	if (d->jtype == CAT_J_INT)
		return json_integer(d->val.num);
	return json_string(d->val.str);
}

static json_t *profile_json(const struct cat_profile *p)
{
	json_t *root = json_object(), *libs = json_object(), *opts = json_object();
	json_t *targets = json_array(), *args = json_array();

	json_object_set_new(root, "kiln_profile", json_integer(1));
	json_object_set_new(root, "catalog", json_integer(p->catalog));
	if (p->name)
		json_object_set_new(root, "name", json_string(p->name));
	json_object_set_new(root, "app", json_string(p->app));
	for (size_t i = 0; i < p->ntargets; i++)
		json_array_append_new(targets, json_string(p->targets[i]));
	json_object_set_new(root, "targets", targets);
	for (size_t i = 0; i < p->ndecs; i++)
		json_object_set_new(p->decs[i].kind == CAT_DEC_LIB ? libs : opts, p->decs[i].name,
				    dec_json(&p->decs[i]));
	json_object_set_new(root, "libraries", libs);
	json_object_set_new(root, "options", opts);
	if (p->nargs) {
		for (size_t i = 0; i < p->nargs; i++)
			json_array_append_new(args, json_string(p->args[i]));
		json_object_set_new(root, "args", args);
	} else {
		json_decref(args);
	}
	return root;
}

char *cat_profile_text(const struct cat_profile *p)
{
	json_t *root = profile_json(p);
	char *text = json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	char *full = xasprintf("%s\n", text);

	free(text);
	json_decref(root);
	return full;
}

/* Saved elsewhere (save as), a relative app folder is written relative to the new file. */
int cat_profile_save(const struct cat_profile *p, const char *path, struct cat_err *err)
{
	struct cat_profile moved = *p;
	char *app = p->app_dir && p->app[0] != '/' ? app_text(path, p->app_dir) : NULL;

	if (app)
		moved.app = app;
	char *full = cat_profile_text(&moved);
	int rc = fs_write_if_changed(path, full, strlen(full), NULL);

	free(app);

	if (rc < 0)
		cat_err_add(err, NULL, 0, 0, "cannot write profile %s: %m", path);
	free(full);
	return rc;
}

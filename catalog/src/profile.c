/*
 * Profiles, format v1: only the user's decisions (app, targets, libraries and options the
 * user set, run arguments). Read in two steps: the file on its own (profile_parse), then
 * against a catalog (cat_profile_check), which names unknown libraries and options with
 * the nearest known name.
 */
#include <ctype.h>
#include <limits.h>
#include <libgen.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "lctx.h"
#include "profile_int.h"

static const char *const prof_keys[] = { "kiln_profile", "catalog", "name", "app", "targets",
					 "libraries",	 "options", "args", NULL };

void cat_profile_free(struct cat_profile *p)
{
	if (!p)
		return;
	free(p->file);
	free(p->name);
	free(p->app);
	free(p->app_dir);
	for (size_t i = 0; i < p->ntargets; i++)
		free(p->targets[i]);
	free(p->targets);
	for (size_t i = 0; i < p->ndecs; i++) {
		free(p->decs[i].name);
		val_free(&p->decs[i].val);
	}
	free(p->decs);
	for (size_t i = 0; i < p->nargs; i++)
		free(p->args[i]);
	free(p->args);
	free(p);
}

static int name_is_folder(const char *s)
{
	if (!*s || *s == '.' || strlen(s) > 100)
		return 0;
	for (; *s; s++)
		if (!isalnum((unsigned char)*s) && !strchr("._-", *s))
			return 0;
	return 1;
}

static void parse_version(struct lctx *c, json_t *root, const char *key, const char *what)
{
	json_t *v = json_object_get(root, key);

	lc_push_key(c, key);
	if (!v)
		lc_err(c, 0, "missing \"%s\": 1 (the %s version)", key, what);
	else if (!json_is_integer(v))
		lc_err(c, 0,
		       "made for an unknown %s version (not a number); "
		       "this kiln reads version 1",
		       what);
	else if (json_integer_value(v) != 1)
		lc_err(c, 0,
		       "made for %s version %" JSON_INTEGER_FORMAT "; this kiln reads version 1",
		       what, json_integer_value(v));
	lc_pop(c);
}

/* An app given as a path names an out-of-tree app folder, relative to the profile. */
static void resolve_app_dir(struct lctx *c, struct cat_profile *p)
{
	char real[PATH_MAX], *base, *full, *copy;
	struct stat st;

	if (!strchr(p->app, '/') && p->app[0] != '.')
		return;
	copy = xstrdup(c->file ? c->file : ".");
	base = dirname(copy);
	full = p->app[0] == '/' ? xstrdup(p->app) : fs_join(base, p->app);
	lc_push_key(c, "app");
	if (!realpath(full, real) || stat(real, &st) < 0 || !S_ISDIR(st.st_mode))
		lc_err(c, 0, "app folder %s does not exist", full);
	else
		p->app_dir = xstrdup(real);
	lc_pop(c);
	free(full);
	free(copy);
}

static void parse_targets(struct lctx *c, json_t *root, struct cat_profile *p)
{
	struct cat_strv t = { 0 };
	char plat[CAT_PLAT_NAME_MAX + 1], arch[CAT_PLAT_NAME_MAX + 1];

	if (!json_object_get(root, "targets")) {
		lc_err(c, 0, "missing required key \"targets\" (<platform>-<arch>)");
		return;
	}
	lc_strv(c, root, "targets", &t);
	lc_push_key(c, "targets");
	if (!t.n)
		lc_err(c, 0, "at least one target is needed");
	for (size_t i = 0; i < t.n; i++) {
		lc_push_index(c, i);
		if (cat_target_split(t.v[i], plat, sizeof(plat), arch, sizeof(arch)) < 0)
			lc_err(c, 0, "\"%s\" is not a target (<platform>-<arch>, each %s)", t.v[i],
			       name_plat_rule());
		for (size_t k = 0; k < i; k++)
			if (!strcmp(t.v[k], t.v[i]))
				lc_err(c, 0, "target \"%s\" is listed twice", t.v[i]);
		lc_pop(c);
	}
	lc_pop(c);
	p->targets = t.v;
	p->ntargets = t.n;
}

static void add_decision(struct lctx *c, struct cat_profile *p, enum cat_dec_kind kind,
			 const char *name, json_t *v)
{
	struct cat_decision *d;

	p->decs = xrealloc(p->decs, (p->ndecs + 1) * sizeof(*p->decs));
	d = &p->decs[p->ndecs];
	memset(d, 0, sizeof(*d));
	if (json_jval(v, &d->jtype, &d->val) < 0) {
		lc_err(c, 0, "expected true, false, a number or a string");
		return;
	}
	if (kind == CAT_DEC_LIB && d->jtype != CAT_J_BOOL) {
		lc_err(c, 0, "a library is true (on) or false (off)");
		val_free(&d->val);
		return;
	}
	if (d->jtype == CAT_J_STR && !str_is_clean(d->val.str)) {
		lc_err(c, 0, "control characters other than tab and newline are not allowed");
		val_free(&d->val);
		return;
	}
	d->kind = kind;
	d->name = xstrdup(name);
	json_locate(c->text, c->len, c->path, c->depth, 1, &d->line, &d->col);
	p->ndecs++;
}

static void parse_decisions(struct lctx *c, json_t *root, struct cat_profile *p, const char *key,
			    enum cat_dec_kind kind)
{
	json_t *obj = json_object_get(root, key), *v;
	const char *name;

	if (!obj)
		return;
	lc_push_key(c, key);
	if (!json_is_object(obj))
		lc_err(c, 0, "expected an object of names and values");
	else
		json_object_foreach(obj, name, v)
		{
			lc_push_key(c, name);
			if (kind == CAT_DEC_LIB ? !name_is_lib(name) : !name_is_opt(name))
				lc_err(c, 1, "\"%s\" is not a valid %s name", name,
				       kind == CAT_DEC_LIB ? "library" : "option");
			else
				add_decision(c, p, kind, name, v);
			lc_pop(c);
		}
	lc_pop(c);
}

/* Where key sits in the profile, for messages about the app and the targets. */
static void locate_key(struct lctx *c, json_t *root, const char *key, int *line, int *col)
{
	if (!json_object_get(root, key))
		return;
	lc_push_key(c, key);
	json_locate(c->text, c->len, c->path, c->depth, 1, line, col);
	lc_pop(c);
}

static void parse_profile(struct lctx *c, json_t *root, struct cat_profile *p)
{
	struct cat_strv args = { 0 };

	lc_check_keys(c, root, prof_keys);
	parse_version(c, root, "kiln_profile", "profile format");
	parse_version(c, root, "catalog", "catalog format");
	p->catalog = 1;
	if (lc_str(c, root, "name", 0, &p->name) == 0 && p->name && !name_is_folder(p->name)) {
		lc_push_key(c, "name");
		lc_err(c, 0, "\"%s\" cannot name a folder (use A-Z a-z 0-9 . _ -)", p->name);
		lc_pop(c);
	}
	if (lc_str(c, root, "app", 1, &p->app) == 0)
		resolve_app_dir(c, p);
	parse_targets(c, root, p);
	locate_key(c, root, "app", &p->app_line, &p->app_col);
	locate_key(c, root, "targets", &p->targets_line, &p->targets_col);
	parse_decisions(c, root, p, "libraries", CAT_DEC_LIB);
	parse_decisions(c, root, p, "options", CAT_DEC_OPT);
	lc_strv(c, root, "args", &args);
	p->args = args.v;
	p->nargs = args.n;
}

struct cat_profile *cat_profile_parse(const char *buf, size_t len, const char *file,
				      struct cat_err *err)
{
	struct lctx c = { .err = err, .file = file ? file : "(profile)", .text = buf, .len = len };
	struct cat_profile *p = xcalloc(1, sizeof(*p));
	json_error_t je;
	json_t *root = json_loadb(buf, len, JSON_REJECT_DUPLICATES, &je);

	p->file = xstrdup(c.file);
	if (!root) {
		cat_err_add(err, c.file, je.line, je.column, "%s", je.text);
		cat_profile_free(p);
		return NULL;
	}
	if (!json_is_object(root))
		lc_err(&c, 0, "expected a JSON object");
	else
		parse_profile(&c, root, p);
	json_decref(root);
	if (c.nerr) {
		cat_profile_free(p);
		return NULL;
	}
	return p;
}

struct cat_profile *cat_profile_load(const char *path, struct cat_err *err)
{
	struct cat_profile *p;
	char *buf;
	size_t len;

	if (fs_read(path, &buf, &len) < 0) {
		cat_err_add(err, NULL, 0, 0, "cannot read profile %s: %m", path);
		return NULL;
	}
	p = cat_profile_parse(buf, len, path, err);
	free(buf);
	return p;
}

struct cat_profile *cat_profile_new(const char *app, const char *target)
{
	struct cat_profile *p = xcalloc(1, sizeof(*p));

	p->app = xstrdup(app);
	p->targets = xmalloc(sizeof(*p->targets));
	p->targets[p->ntargets++] = xstrdup(target);
	p->catalog = 1;
	return p;
}

/* The app part of a default folder name: the library name, or for an out-of-tree app the
 * name of its folder (an app given as "." or "../app" names no folder by itself). */
static const char *app_part(const struct cat_profile *p)
{
	const char *app = p->app_dir ? p->app_dir : p->app ? p->app : "";
	const char *slash = strrchr(app, '/');

	if (slash && !slash[1] && slash != app)
		slash = NULL; /* app_dir is made by realpath: no trailing slash but "/" */
	return slash ? slash + 1 : app;
}

char *cat_profile_default_name(const struct cat_profile *p, const char *file)
{
	char *copy, *base, *dot, *out;
	const char *app = app_part(p);

	copy = xstrdup(file ? file : "profile");
	base = basename(copy);
	if ((dot = strrchr(base, '.')) && dot != base)
		*dot = 0;
	out = xasprintf("%s-%s", *app && strcmp(app, ".") && strcmp(app, "..") ? app : "app", base);
	for (char *s = out; *s; s++)
		if (!isalnum((unsigned char)*s) && !strchr("._-", *s))
			*s = '_';
	if (out[0] == '.')
		out[0] = '_'; /* never a hidden folder */
	free(copy);
	return out;
}

char *cat_profile_outname(const struct cat_profile *p)
{
	return p->name ? xstrdup(p->name) : cat_profile_default_name(p, p->file);
}

int cat_profile_set_name(struct cat_profile *p, const char *name)
{
	if (name && !name_is_folder(name))
		return -1;
	free(p->name);
	p->name = name ? xstrdup(name) : NULL;
	return 0;
}

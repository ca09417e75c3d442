/*
 * tui/items.c — the model adapter's items and decisions: what the catalog holds, flattened
 * for the menu, and the user's decisions read from and written to the profile.
 */
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model_int.h"

void mi_free_items(struct tm_model *m)
{
	for (size_t i = 0; m->items && i < m->nitems; i++)
		if (m->items[i].kind != TM_KIND_OPTION)
			free((void *)m->items[i].values);
	free(m->items);
	lines_free(&m->owned);
}

/* Appends s to a NULL-free list unless it is there already. */
static void add_unique(const char ***v, size_t *n, const char *s)
{
	for (size_t i = 0; i < *n; i++)
		if (!strcmp((*v)[i], s))
			return;
	const char **nv = realloc(*v, (*n + 1) * sizeof *nv);
	if (nv) {
		nv[(*n)++] = s;
		*v = nv;
	}
}

static void build_head(struct tm_model *m)
{
	struct tm_item *app = &m->items[0], *plat = &m->items[1];
	*app = (struct tm_item){ TM_APP,
				 "App",
				 "The application the image is built for: an example "
				 "of the kiln tree, or an app folder of your own that "
				 "the profile names by its path. Each has a lib.json.",
				 "",
				 NULL,
				 TM_KIND_APP,
				 TM_CHOICE,
				 1,
				 0,
				 NULL,
				 0 };
	*plat = (struct tm_item){ TM_PLATFORM,
				  "Platform",
				  "Where the image boots: a target <platform>-<arch>. "
				  "Each platform library's help says how it runs.",
				  "",
				  NULL,
				  TM_KIND_PLATFORM,
				  TM_CHOICE,
				  1,
				  0,
				  NULL,
				  0 };
	const char **apps = NULL, **targets = NULL;
	for (size_t l = 0; l < cat_nlibs(m->cat); l++) {
		const struct cat_lib *lib = cat_lib_at(m->cat, l);
		char t[160];
		if (lib->kind == CAT_APP)
			add_unique(&apps, &app->nvalues, lib->name);
		for (size_t a = 0; lib->kind == CAT_PLATFORM && a < lib->plat->narchs; a++) {
			snprintf(t, sizeof t, "%s-%s", lib->platform, lib->plat->archs[a].name);
			add_unique(&targets, &plat->nvalues, lines_push(&m->owned, t));
		}
	}
	app->values = apps;
	plat->values = targets;
}

/* One group per interface some library provides; its values are the providers. */
static size_t build_groups(struct tm_model *m, size_t at)
{
	for (size_t l = 0; l < cat_nlibs(m->cat); l++) {
		const struct cat_lib *lib = cat_lib_at(m->cat, l);
		for (size_t k = 0; k < lib->provides.n; k++) {
			const char *iface = lib->provides.v[k];
			size_t g = m->group0;
			while (g < at && strcmp(m->items[g].name, iface))
				g++;
			struct tm_item *it = &m->items[g];
			if (g == at) {
				char title[160], help[256];
				snprintf(title, sizeof title, "%s (choose one)", iface);
				snprintf(help, sizeof help,
					 "The libraries that provide the %s "
					 "interface. At most one of them is on.",
					 iface);
				*it = (struct tm_item){ lines_push(&m->owned, iface),
							lines_push(&m->owned, title),
							lines_push(&m->owned, help),
							"",
							NULL,
							TM_KIND_GROUP,
							TM_CHOICE,
							1,
							0,
							NULL,
							0 };
				at++;
			}
			add_unique((const char ***)&it->values, &it->nvalues, lib->name);
		}
	}
	return at;
}

static enum tm_type map_type(enum cat_type t)
{
	switch (t) {
	case CAT_INT:
		return TM_INT;
	case CAT_HEX:
		return TM_HEX;
	case CAT_STRING:
		return TM_STRING;
	case CAT_CHOICE:
		return TM_CHOICE;
	default:
		return TM_BOOL;
	}
}

static void build_libs(struct tm_model *m)
{
	for (size_t l = 0; l < cat_nlibs(m->cat); l++) {
		const struct cat_lib *lib = cat_lib_at(m->cat, l);
		/* tests (kind test) get no category: the tree leaves them out */
		const char *cat = lib->kind == CAT_TEST		      ? NULL
				  : lib->category && lib->category[0] ? lib->category
				  : lib->kind == CAT_APP	      ? "Apps"
				  : lib->kind == CAT_PLATFORM	      ? "Platforms"
								      : "Other";
		/* apps and platforms are radio rows: the profile's app and targets pick them */
		const char *owner = lib->kind == CAT_APP	? TM_APP
				    : lib->kind == CAT_PLATFORM ? TM_PLATFORM
				    : lib->provides.n		? lib->provides.v[0]
								: NULL;
		m->items[m->lib0 + l] = (struct tm_item){ lib->name,
							  lib->title ? lib->title : lib->name,
							  lib->help ? lib->help : "",
							  cat,
							  owner,
							  TM_KIND_LIBRARY,
							  TM_BOOL,
							  1,
							  0,
							  NULL,
							  0 };
	}
	for (size_t o = 0; o < cat_nopts(m->cat); o++) {
		const struct cat_opt *opt = cat_opt_at(m->cat, o);
		bool bounded = opt->has_min || opt->has_max;
		m->items[m->opt0 + o] = (struct tm_item){ opt->name,
							  opt->title ? opt->title : opt->name,
							  opt->help ? opt->help : "",
							  "",
							  cat_lib_at(m->cat, opt->lib)->name,
							  TM_KIND_OPTION,
							  map_type(opt->type),
							  !bounded	 ? 1
							  : opt->has_min ? opt->min
									 : LLONG_MIN,
							  !bounded	 ? 0
							  : opt->has_max ? opt->max
									 : LLONG_MAX,
							  (const char *const *)opt->values,
							  opt->nvalues };
	}
}

int mi_build_items(struct tm_model *m)
{
	size_t nlibs = cat_nlibs(m->cat), nopts = cat_nopts(m->cat), nifaces = 0;
	for (size_t l = 0; l < nlibs; l++)
		nifaces += cat_lib_at(m->cat, l)->provides.n;
	size_t cap = 2 + nifaces + nlibs + nopts;
	m->items = calloc(cap, sizeof *m->items);
	m->states = calloc(cap, sizeof *m->states);
	m->vals = calloc(cap, sizeof *m->vals);
	if (!m->items || !m->states || !m->vals)
		return -1;
	build_head(m);
	m->group0 = 2;
	m->ngroups = build_groups(m, m->group0) - m->group0;
	m->lib0 = m->group0 + m->ngroups;
	m->opt0 = m->lib0 + nlibs;
	m->nitems = m->opt0 + nopts;
	build_libs(m);
	return 0;
}

/* ---- decisions ------------------------------------------------------------------------- */

/* A decision's value as the menu writes values ("y", "42", "0x1000", "debug"). */
static void decision_value(const struct tm_model *m, const struct cat_decision *d, char *buf,
			   size_t len)
{
	long o = d->kind == CAT_DEC_OPT ? cat_find_opt(m->cat, d->name) : -1;
	if (d->jtype == CAT_J_BOOL)
		snprintf(buf, len, "%s", d->val.num ? "y" : "n");
	else if (d->jtype == CAT_J_INT && o >= 0)
		mi_opt_value(cat_opt_at(m->cat, (size_t)o), &d->val, buf, len);
	else if (d->jtype == CAT_J_INT)
		snprintf(buf, len, "%lld", d->val.num);
	else
		snprintf(buf, len, "%s", d->val.str ? d->val.str : "");
}

const char *tm_user_value(struct tm_model *m, const char *name)
{
	char *buf = m->uval; /* valid until the next call, as model.h says */
	size_t len = sizeof m->uval;
	if (!strcmp(name, TM_APP))
		return m->prof->app;
	if (!strcmp(name, TM_PLATFORM)) {
		mi_targets(m->prof, buf, len);
		return buf;
	}
	const struct cat_decision *d = cat_profile_find(m->prof, name);
	if (!d)
		return NULL;
	decision_value(m, d, buf, len);
	return buf;
}

/* The app by its library name: an app inside the repository is named, an out-of-tree
 * one by its folder relative to the profile, as the user would write it. */
static int set_app(struct tm_model *m, const char *name)
{
	if (m->prof->app && !strcmp(m->prof->app, name))
		return 0; /* as it is (an out-of-tree app keeps its folder) */
	long l = cat_find_lib(m->cat, name);
	if (l >= 0 && l == m->loaded_app_lib && m->loaded_app) /* as the file wrote it */
		return cat_profile_set_app(m->prof, m->loaded_app, m->loaded_app_dir);
	const char *dir = l >= 0 ? cat_lib_at(m->cat, (size_t)l)->dir : NULL;
	bool outside = dir && dir[0] == '/';
	return cat_profile_set_app(m->prof, outside ? NULL : name, outside ? dir : NULL);
}

/* A platform library's name ("plat-xen") stands for its target with its first
 * architecture ("xen-x86_64"). */
static const char *target_of(struct tm_model *m, const char *value, char *buf, size_t len)
{
	long l = cat_find_lib(m->cat, value);
	const struct cat_lib *lib = l >= 0 ? cat_lib_at(m->cat, (size_t)l) : NULL;
	if (!lib || lib->kind != CAT_PLATFORM)
		return value;
	snprintf(buf, len, "%s-%s", lib->platform, lib->plat->archs[0].name);
	return buf;
}

/* The app, or the targets: "kvm-x86_64,xen-x86_64" is every target, and a platform
 * library's name stands for its target. */
static int set_head(struct tm_model *m, const char *name, const char *value)
{
	char tbuf[160], list[512], *save = NULL;
	const char *t[16];
	size_t n = 0;
	if (!strcmp(name, TM_APP))
		return set_app(m, value);
	snprintf(list, sizeof list, "%s", target_of(m, value, tbuf, sizeof tbuf));
	for (char *tok = strtok_r(list, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		if (n == sizeof t / sizeof *t)
			return -1; /* more targets than there are platforms */
		t[n++] = tok;
	}
	return cat_profile_set_targets(m->prof, t, n);
}

int mi_set(struct tm_model *m, const char *name, const char *value, struct cat_err *err)
{
	if (name[0] == ':') {
		if (!value)
			return 0; /* app and targets are always decided */
		return set_head(m, name, value);
	}
	if (!value) {
		cat_profile_unset(m->prof, name);
		return 0;
	}
	if (cat_find_lib(m->cat, name) >= 0)
		return cat_profile_set_lib(m->prof, name, !strcmp(value, "y"));
	return cat_profile_set_opt(m->prof, m->cat, name, value, err);
}

static char **save_values(struct tm_model *m, const struct tm_decision *d, size_t n)
{
	char **old = calloc(n + 1, sizeof *old);
	for (size_t i = 0; old && i < n; i++) {
		const char *u = tm_user_value(m, d[i].name);
		old[i] = u ? strdup(u) : NULL;
	}
	return old;
}

static void restore(struct tm_model *m, const struct tm_decision *d, size_t n, char **old)
{
	struct cat_err e;
	cat_err_init(&e);
	for (size_t i = n; i-- > 0;) {
		mi_set(m, d[i].name, old[i], &e);
		free(old[i]);
	}
	free(old);
	cat_err_free(&e);
}

int tm_apply(struct tm_model *m, const struct tm_decision *changes, size_t n, struct tm_text *why)
{
	struct cat_err e;
	cat_err_init(&e);
	char **old = save_values(m, changes, n);
	int rc = old ? 0 : -1;
	for (size_t i = 0; rc == 0 && i < n; i++)
		rc = mi_set(m, changes[i].name, changes[i].value, &e);
	if (rc == 0)
		rc = mi_resolve(m, &e);
	lines_reset(&m->text);
	if (rc) {
		mi_text_err(m, &e, false);
		if (old)
			restore(m, changes, n, old);
	} else {
		for (size_t i = 0; i < n; i++)
			free(old[i]);
		free(old);
	}
	mi_text_out(m, why);
	cat_err_free(&e);
	return rc ? -1 : 0;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void profile_lines(struct tm_model *m, const struct cat_profile *p, struct tm_text *out)
{
	char v[512];
	lines_reset(&m->text);
	mi_targets(p, v, sizeof v);
	lines_add(&m->text, "app = %s", p->app ? p->app : "");
	lines_add(&m->text, "targets = %s", v);
	for (size_t i = 0; i < p->ndecs; i++) {
		decision_value(m, &p->decs[i], v, sizeof v);
		lines_add(&m->text, "%s = %s", p->decs[i].name, v);
	}
	qsort(m->text.v, m->text.n, sizeof *m->text.v, cmp_str);
	mi_text_out(m, out);
}

void tm_decisions(struct tm_model *m, struct tm_text *out)
{
	profile_lines(m, m->prof, out);
}

int tm_file_decisions(struct tm_model *m, const char *path, struct tm_text *out, char *err,
		      size_t errlen)
{
	struct cat_err e;
	cat_err_init(&e);
	struct cat_profile *p = cat_profile_load(path, &e);
	if (p)
		profile_lines(m, p, out);
	else if (e.n)
		cat_diag_str(&e.v[0], err, errlen);
	cat_profile_free(p);
	cat_err_free(&e);
	return p ? 0 : -1;
}

int tm_profile_summary(struct tm_model *m, const char *path, char *buf, size_t len)
{
	struct cat_err e;
	cat_err_init(&e);
	struct cat_profile *p = cat_profile_load(path, &e);
	cat_err_free(&e);
	if (!p)
		return -1;
	long app = p->app ? cat_find_lib(m->cat, p->app) : -1;
	const char *plat = p->ntargets ? p->targets[0] : "?";
	for (size_t l = 0; l < cat_nlibs(m->cat); l++) {
		const struct cat_lib *lib = cat_lib_at(m->cat, l);
		size_t pl = lib->platform ? strlen(lib->platform) : 0;
		if (lib->kind == CAT_PLATFORM && pl && !strncmp(plat, lib->platform, pl) &&
		    plat[pl] == '-')
			plat = lib->title ? lib->title : lib->platform;
	}
	const char *base = strrchr(path, '/');
	snprintf(buf, len, "%s on %s  (%s%s)",
		 app >= 0 ? cat_lib_at(m->cat, (size_t)app)->title
		 : p->app ? p->app
			  : "?",
		 plat, p->app ? p->app : "?", base ? base : path);
	cat_profile_free(p);
	return 0;
}

/*
 * tui/model.c — the adapter from the catalog library (kiln/cat.h) to the menu (model.h).
 *
 * Items, in order: the app, the platform, one group per interface (allocator, libc, …),
 * every library (sorted by name, as the catalog keeps them), every option. After each
 * change the profile is resolved again and each item's state (value, provenance, what
 * forced it) is read from the result. The resolver is the only judge: a change it refuses
 * is undone here before the menu sees it.
 *
 * why-not and fixes live in explain.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model_int.h"

static void err_line(struct cat_err *e, char *buf, size_t len)
{
	if (e->n)
		cat_diag_str(&e->v[0], buf, len);
	else
		snprintf(buf, len, "kiln: menu: failed without a message");
}

void mi_text_out(struct tm_model *m, struct tm_text *out)
{
	out->lines = (const char *const *)m->text.v;
	out->n = m->text.n;
}

/* Turns the error lines of a failed call into text lines; in explanations the file (the
 * profile being edited) is left out, the message is what matters. */
void mi_text_err(struct tm_model *m, struct cat_err *e, bool with_file)
{
	char line[1024];
	for (size_t i = 0; i < e->n; i++) {
		if (with_file)
			cat_diag_str(&e->v[i], line, sizeof line);
		lines_add(&m->text, "%s", with_file ? line : e->v[i].msg);
	}
}

/* ---- resolving and the items' states ----------------------------------------------------- */

static void set_state(struct tm_model *m, size_t i, const char *value, enum cat_prov prov,
		      const char *by)
{
	free(m->vals[i]);
	m->vals[i] = strdup(value ? value : "");
	m->states[i] = (struct tm_state){
		.active = prov != CAT_PROV_INACTIVE,
		.value = m->vals[i] ? m->vals[i] : "",
		.origin = prov == CAT_PROV_USER	    ? TM_ORIGIN_USER
			  : prov == CAT_PROV_FORCED ? TM_ORIGIN_FORCED
						    : TM_ORIGIN_DEFAULT,
		.by = by,
	};
}

void mi_opt_value(const struct cat_opt *o, const struct cat_val *v, char *buf, size_t len)
{
	if (o->type == CAT_BOOL)
		snprintf(buf, len, "%s", v->num ? "y" : "n");
	else if (o->type == CAT_INT)
		snprintf(buf, len, "%lld", v->num);
	else if (o->type == CAT_HEX)
		snprintf(buf, len, "0x%llx", (unsigned long long)v->num);
	else
		snprintf(buf, len, "%s", v->str ? v->str : "");
}

/* Who forced a value. The provenance names the constraint, except for a value that only
 * the constraints together settle (no single clause propagates it): then the full
 * explanation's conclusion names it. Both point into the catalog. */
static const char *forced_by(struct tm_model *m, const char *name, const struct cat_setting *s)
{
	if (s->prov != CAT_PROV_FORCED || s->origin.subject)
		return s->origin.subject;
	struct cat_expl *x = cat_explain_why(m->res, name, NULL);
	const char *by = x && x->nsteps ? x->steps[x->nsteps - 1].by.subject : NULL;
	cat_expl_free(x);
	return by;
}

static void read_libs(struct tm_model *m)
{
	for (size_t l = 0; l < cat_nlibs(m->cat); l++) {
		const struct cat_setting *s = cat_result_lib(m->res, l);
		set_state(m, m->lib0 + l, s->on ? "y" : "n",
			  s->prov == CAT_PROV_INACTIVE ? CAT_PROV_DEFAULT : s->prov,
			  forced_by(m, cat_lib_at(m->cat, l)->name, s));
	}
	for (size_t o = 0; o < cat_nopts(m->cat); o++) {
		const struct cat_setting *s = cat_result_opt(m->res, o);
		char buf[256] = "";
		if (s->prov != CAT_PROV_INACTIVE)
			mi_opt_value(cat_opt_at(m->cat, o), &s->val, buf, sizeof buf);
		set_state(m, m->opt0 + o, buf, s->prov,
			  forced_by(m, cat_opt_at(m->cat, o)->name, s));
	}
}

static void read_groups(struct tm_model *m)
{
	for (size_t g = 0; g < m->ngroups; g++) {
		const struct tm_item *it = &m->items[m->group0 + g];
		size_t on = (size_t)-1;
		for (size_t v = 0; v < it->nvalues; v++)
			if (!strcmp(m->states[tm_find(m, it->values[v])].value, "y"))
				on = tm_find(m, it->values[v]);
		if (on == (size_t)-1)
			set_state(m, m->group0 + g, "", CAT_PROV_DEFAULT, NULL);
		else
			set_state(m, m->group0 + g, m->items[on].name,
				  m->states[on].origin == TM_ORIGIN_USER     ? CAT_PROV_USER
				  : m->states[on].origin == TM_ORIGIN_FORCED ? CAT_PROV_FORCED
									     : CAT_PROV_DEFAULT,
				  m->states[on].by);
	}
}

/* The profile's targets as one value: "kvm-x86_64" or "kvm-x86_64,xen-x86_64". */
void mi_targets(const struct cat_profile *p, char *buf, size_t len)
{
	size_t used = 0;
	buf[0] = 0;
	for (size_t i = 0; i < p->ntargets && used < len; i++)
		used += (size_t)snprintf(buf + used, len - used, "%s%s", i ? "," : "",
					 p->targets[i]);
}

/* The app's catalog name, as the resolver found it (the profile names it, or its folder). */
static const char *app_name(const struct tm_model *m)
{
	long l = m->res ? cat_result_app(m->res) : -1;
	return l >= 0 ? cat_lib_at(m->cat, (size_t)l)->name : m->prof->app;
}

static void read_states(struct tm_model *m)
{
	char t[512];
	mi_targets(m->prof, t, sizeof t);
	set_state(m, 0, app_name(m), CAT_PROV_USER, NULL);
	set_state(m, 1, t, CAT_PROV_USER, NULL);
	read_libs(m);
	read_groups(m);
}

/* Resolves the current profile; on success the result replaces the old one. */
int mi_resolve(struct tm_model *m, struct cat_err *err)
{
	struct cat_result *r = NULL;
	if (cat_profile_check(m->prof, m->cat, err) || cat_solve(m->solver, m->prof, &r, err))
		return -1;
	cat_result_free(m->res);
	m->res = r;
	read_states(m);
	return 0;
}

/* ---- opening --------------------------------------------------------------------------- */

int tm_find_root(char *root, size_t len, char *err, size_t errlen)
{
	struct cat_err e;
	cat_err_init(&e);
	char *found = cat_find_root(root[0] ? root : NULL, &e);
	if (found && strlen(found) < len)
		strcpy(root, found);
	else
		err_line(&e, err, errlen);
	cat_err_free(&e);
	int rc = found && strlen(found) < len ? 0 : -1;
	free(found);
	return rc;
}

char *tm_default_profile(const char *root, char *err, size_t errlen)
{
	struct cat_err e;
	cat_err_init(&e);
	char *p = cat_default_profile(root, &e);
	if (!p)
		err_line(&e, err, errlen);
	cat_err_free(&e);
	return p;
}

struct tm_model *tm_open(const char *root, const char *const *libdirs, size_t nlibdirs,
			 const char *profile_path, char *err, size_t errlen)
{
	struct cat_err e;
	cat_err_init(&e);
	struct tm_model *m = calloc(1, sizeof *m);
	if (!m) {
		snprintf(err, errlen, "kiln: menu: out of memory");
		return NULL;
	}
	/* KILN_LIBPATH's folders, then -L's, and an out-of-tree app (the profile names a
	 * folder) join the catalog for this run, as for the kiln tool. */
	struct cat_profile *p = cat_profile_load(profile_path, &e);
	struct cat_strv dirs = { 0 };
	int bad = p ? cat_libpath(&dirs, &e) : -1;
	for (size_t i = 0; bad == 0 && i < nlibdirs; i++)
		bad = cat_add_libdir(&dirs, libdirs[i], "-L folder", &e);
	if (bad == 0) {
		if (p->app_dir)
			cat_add_word(&dirs, p->app_dir);
		m->cat = cat_load(root, (const char *const *)dirs.v, dirs.n, &e);
	}
	cat_strv_free(&dirs);
	cat_profile_free(p);
	if (m->cat)
		m->solver = cat_solver_new(m->cat, &e);
	if (!m->solver)
		err_line(&e, err, errlen);
	else if (mi_build_items(m) < 0)
		snprintf(err, errlen, "kiln: menu: out of memory");
	else if (tm_load_profile(m, profile_path, err, errlen) == 0) {
		cat_err_free(&e);
		return m;
	}
	cat_err_free(&e);
	tm_close(m);
	return NULL;
}

void tm_close(struct tm_model *m)
{
	if (!m)
		return;
	lines_free(&m->text);
	mi_fixes_free(m);
	for (size_t i = 0; i < m->nitems; i++)
		free(m->vals[i]);
	mi_free_items(m);
	free(m->vals);
	free(m->states);
	cat_result_free(m->res);
	cat_profile_free(m->prof);
	free(m->loaded_app);
	free(m->loaded_app_dir);
	cat_solver_free(m->solver);
	cat_free(m->cat);
	free(m);
}

int tm_load_profile(struct tm_model *m, const char *path, char *err, size_t errlen)
{
	struct cat_err e;
	cat_err_init(&e);
	struct cat_profile *p = cat_profile_load(path, &e), *old = m->prof;
	if (p) {
		m->prof = p;
		if (mi_resolve(m, &e) == 0) {
			cat_profile_free(old);
			free(m->loaded_app);
			free(m->loaded_app_dir);
			m->loaded_app = p->app ? strdup(p->app) : NULL;
			m->loaded_app_dir = p->app_dir ? strdup(p->app_dir) : NULL;
			m->loaded_app_lib = cat_result_app(m->res);
			cat_err_free(&e);
			return 0;
		}
		m->prof = old;
		cat_profile_free(p);
	}
	err_line(&e, err, errlen);
	cat_err_free(&e);
	return -1;
}

size_t tm_count(const struct tm_model *m)
{
	return m->nitems;
}

const struct tm_item *tm_item(const struct tm_model *m, size_t i)
{
	return &m->items[i];
}

const struct tm_state *tm_state(const struct tm_model *m, size_t i)
{
	return &m->states[i];
}

size_t tm_find(const struct tm_model *m, const char *name)
{
	if (!strcmp(name, TM_APP))
		return 0;
	if (!strcmp(name, TM_PLATFORM))
		return 1;
	long l = cat_find_lib(m->cat, name);
	if (l >= 0)
		return m->lib0 + (size_t)l;
	long o = cat_find_opt(m->cat, name);
	if (o >= 0)
		return m->opt0 + (size_t)o;
	for (size_t g = 0; g < m->ngroups; g++)
		if (!strcmp(m->items[m->group0 + g].name, name))
			return m->group0 + g;
	return (size_t)-1;
}

/* ---- saving ---------------------------------------------------------------------------- */

int tm_save(struct tm_model *m, const char *path, char *err, size_t errlen)
{
	struct cat_err e;
	cat_err_init(&e);
	int rc = cat_profile_save_checked(m->prof, m->solver, path, &e) == 0 ? 0 : -1;
	if (rc)
		err_line(&e, err, errlen);
	cat_err_free(&e);
	return rc;
}

void tm_default_name(struct tm_model *m, const char *path, char *buf, size_t len)
{
	char *name = cat_profile_default_name(m->prof, path);
	snprintf(buf, len, "%s", name);
	free(name);
}

int tm_save_as(struct tm_model *m, const char *path, const char *name, char *err, size_t errlen)
{
	char *old = m->prof->name ? strdup(m->prof->name) : NULL;
	if (cat_profile_set_name(m->prof, name) < 0) {
		snprintf(err, errlen, "kiln: \"%s\" cannot name a folder (use A-Z a-z 0-9 . _ -)",
			 name);
		free(old);
		return -1;
	}
	int rc = tm_save(m, path, err, errlen);
	if (rc < 0)
		cat_profile_set_name(m->prof, old);
	free(old);
	return rc;
}

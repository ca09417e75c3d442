/*
 * One lib.json into the catalog: the library's own fields, checked on their own (names,
 * kinds, paths that must stay inside the library folder). Cross-references between
 * libraries are checked later, in check.c, once every file is read.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cache_int.h"
#include "lctx.h"

static const char *const lib_keys[] = {
	"kiln_catalog", "name",	       "title",		"kind",	      "category", "help",
	"version",	"platform",    "depends",	"conflicts",  "selects",  "provides",
	"requires",	"default_for", "platforms",	"options",    "sources",  "includes",
	"cflags",	"arch",	       "linker_script", "run_config", "run",	  "system_headers",
	"archive",	NULL,
};

static const char *const kind_names[] = { "library", "platform", "app", "test" };
#define NKINDS (sizeof(kind_names) / sizeof(kind_names[0]))

/* "a/../b" stays inside, "../x" and "/x" do not. */
static int path_stays_inside(const char *p)
{
	int depth = 0;

	if (p[0] == '/' || !p[0])
		return 0;
	while (*p) {
		size_t n = strcspn(p, "/");

		if (n == 2 && !strncmp(p, "..", 2))
			depth--;
		else if (n && !(n == 1 && p[0] == '.'))
			depth++;
		if (depth < 0)
			return 0;
		p += n + (p[n] == '/');
	}
	return 1;
}

/* Symbolic links may not lead out of the folder either. */
static int real_inside(const char *dir, const char *file)
{
	char rd[PATH_MAX], rf[PATH_MAX];
	size_t n;

	if (!realpath(dir, rd) || !realpath(file, rf))
		return 1; /* existence is checked separately */
	n = strlen(rd);
	return !strncmp(rd, rf, n) && (rf[n] == '/' || rf[n] == 0);
}

/*
 * p (inside dir) reaches its file through no link: no component of it is a symbolic link
 * and none is "..". Then it cannot lead out of the folder, and the two realpath calls of
 * real_inside (a readlink per component of both whole paths: 1,900 system calls for the
 * real catalog's sources at every load) are not needed.
 */
static int no_link_below(const char *dir, const char *p)
{
	char *full = fs_join(dir, p), *c = full + strlen(full) - strlen(p);
	struct stat st;
	int ok;

	for (;;) {
		size_t n = strcspn(c, "/");
		char keep = c[n];

		if (n == 2 && !strncmp(c, "..", 2)) {
			ok = 0;
			break;
		}
		c[n] = 0;
		ok = lstat(full, &st) == 0 && !S_ISLNK(st.st_mode);
		c[n] = keep;
		if (!ok || !keep)
			break;
		c += n + 1;
	}
	free(full);
	return ok;
}

/* Where p inside library folder dir is on disk: 0 fine, else what is wrong with it. */
enum path_state { PATH_OK, PATH_MISSING, PATH_WRONG_TYPE, PATH_LEADS_OUT };

static enum path_state path_state(const char *root, const char *libdir, const char *p, int want_dir)
{
	char *dir = libdir[0] == '/' ? xstrdup(libdir) : fs_join(root, libdir);
	char *full = fs_join(dir, p);
	enum path_state ps = PATH_OK;
	struct stat st;

	if (stat(full, &st) < 0)
		ps = PATH_MISSING;
	else if (want_dir ? !S_ISDIR(st.st_mode) : !S_ISREG(st.st_mode))
		ps = PATH_WRONG_TYPE;
	else if (!no_link_below(dir, p) && !real_inside(dir, full))
		ps = PATH_LEADS_OUT;
	free(full);
	free(dir);
	return ps;
}

void lc_path(struct lctx *c, const char *p, int want_dir)
{
	const char *root = c->cat->root;

	if (!path_stays_inside(p)) {
		lc_err(c, 0, "path \"%s\" leaves the library folder", p);
		return;
	}
	if (!path_is_make_safe(p)) {
		lc_err(c, 0,
		       "path \"%s\" has characters Make cannot handle (use A-Z a-z 0-9 . _ - + /)",
		       p);
		return;
	}
	if (!root)
		return; /* a catalog built from buffers has no files to look at */
	switch (path_state(root, c->dir, p, want_dir)) {
	case PATH_MISSING:
		lc_err(c, 0, "no such %s: %s/%s", want_dir ? "folder" : "file", c->dir, p);
		break;
	case PATH_WRONG_TYPE:
		lc_err(c, 0, "%s/%s is not a %s", c->dir, p, want_dir ? "folder" : "file");
		break;
	case PATH_LEADS_OUT:
		lc_err(c, 0, "path \"%s\" leads out of the library folder through a link", p);
		break;
	case PATH_OK:
		break;
	}
}

int lib_paths_ok(const struct cat_catalog *cat, const struct cat_lib *l)
{
	const char *root = cat->root;
	int ok = 1;

	for (size_t i = 0; root && ok && i < l->nsrcs; i++)
		for (size_t k = 0; ok && k < l->srcs[i].nfiles; k++)
			ok = path_state(root, l->dir, l->srcs[i].files[k], 0) == PATH_OK;
	for (size_t i = 0; root && ok && i < l->includes.n; i++)
		ok = path_state(root, l->dir, l->includes.v[i], 1) == PATH_OK;
	if (root && ok && l->plat && l->plat->linker_script)
		ok = path_state(root, l->dir, l->plat->linker_script, 0) == PATH_OK;
	if (root && ok && l->plat && l->plat->run_config)
		ok = path_state(root, l->dir, l->plat->run_config, 0) == PATH_OK;
	return ok;
}

static void check_paths(struct lctx *c, const char *key, const struct cat_strv *sv, int want_dir)
{
	lc_push_key(c, key);
	for (size_t i = 0; i < sv->n; i++) {
		lc_push_index(c, i);
		lc_path(c, sv->v[i], want_dir);
		lc_pop(c);
	}
	lc_pop(c);
}

/* in_archive: a path inside an archive unpacked at build time, so not looked for now. */
static void source_path(struct lctx *c, const char *p, int want_dir, int in_archive)
{
	if (!in_archive)
		lc_path(c, p, want_dir);
	else if (!path_stays_inside(p) || !path_is_make_safe(p))
		lc_err(c, 0, "path \"%s\" leaves the archive or has characters Make cannot handle",
		       p);
}

void lc_source_paths(struct lctx *c, const char *key, const struct cat_strv *sv, int want_dir,
		     int in_archive)
{
	lc_push_key(c, key);
	for (size_t i = 0; i < sv->n; i++) {
		lc_push_index(c, i);
		source_path(c, sv->v[i], want_dir, in_archive);
		lc_pop(c);
	}
	lc_pop(c);
}

static void parse_source(struct lctx *c, json_t *j, struct cat_src *s, int in_archive)
{
	static const char *const keys[] = { "if", "files", NULL };

	if (json_is_string(j)) {
		s->files = xmalloc(sizeof(*s->files));
		s->files[s->nfiles++] = xstrdup(json_string_value(j));
		source_path(c, s->files[0], 0, in_archive);
		return;
	}
	if (!json_is_object(j)) {
		lc_err(c, 0, "expected a path or { \"if\": EXPR, \"files\": [...] }");
		return;
	}
	lc_check_keys(c, j, keys);
	lc_expr(c, j, "if", &s->cond, &s->cond_text);
	struct cat_strv sv = { 0 };

	if (!json_object_get(j, "files"))
		lc_err(c, 0, "missing required key \"files\"");
	lc_strv(c, j, "files", &sv);
	s->files = sv.v;
	s->nfiles = sv.n;
	lc_source_paths(c, "files", &sv, 0, in_archive);
}

void lc_sources(struct lctx *c, json_t *obj, struct cat_src **srcs, size_t *n, int in_archive)
{
	json_t *j = json_object_get(obj, "sources"), *v;
	size_t i;

	if (!j)
		return;
	lc_push_key(c, "sources");
	if (!json_is_array(j)) {
		lc_err(c, 0, "expected an array");
	} else {
		*srcs = xcalloc(json_array_size(j), sizeof(**srcs));
		json_array_foreach(j, i, v)
		{
			lc_push_index(c, i);
			parse_source(c, v, &(*srcs)[(*n)++], in_archive);
			lc_pop(c);
		}
	}
	lc_pop(c);
}

static void check_names(struct lctx *c, const char *key, const struct cat_strv *sv)
{
	lc_push_key(c, key);
	for (size_t i = 0; i < sv->n; i++) {
		lc_push_index(c, i);
		if (!name_is_lib(sv->v[i]))
			lc_err(c, 0, "\"%s\" is not a valid name (%s)", sv->v[i],
			       name_lib_rule(sv->v[i]));
		lc_pop(c);
	}
	lc_pop(c);
}

/* One host header folder: { "path": "/usr/include/xen", "as": "xen", "package": "libxen-dev" }.
 * Only folders under /usr/include (what Debian's -dev packages install), and only headers:
 * nothing of a lib.json runs on the host. */
static void parse_syshdr(struct lctx *c, json_t *j, struct cat_syshdr *h)
{
	static const char *const keys[] = { "path", "as", "package", NULL };

	if (!json_is_object(j)) {
		lc_err(c, 0, "expected { \"path\": ..., \"as\": ..., \"package\": ... }");
		return;
	}
	lc_check_keys(c, j, keys);
	if (lc_str(c, j, "path", 1, &h->path) == 0 && h->path &&
	    (strncmp(h->path, "/usr/include/", 13) || !path_stays_inside(h->path + 13) ||
	     !path_is_make_safe(h->path)))
		lc_err(c, 0, "path \"%s\" is not a folder under /usr/include", h->path);
	if (lc_str(c, j, "as", 1, &h->as) == 0 && h->as && !name_is_lib(h->as))
		lc_err(c, 0, "\"as\": \"%s\" is not a folder name ([a-z][a-z0-9_-]*)", h->as);
	lc_str(c, j, "package", 1, &h->package);
}

static void parse_syshdrs(struct lctx *c, json_t *root, struct cat_lib *l)
{
	json_t *j = json_object_get(root, "system_headers"), *v;
	size_t i;

	if (!j)
		return;
	lc_push_key(c, "system_headers");
	if (!json_is_array(j)) {
		lc_err(c, 0, "expected an array");
	} else {
		l->syshdrs = xcalloc(json_array_size(j) + 1, sizeof(*l->syshdrs));
		json_array_foreach(j, i, v)
		{
			lc_push_index(c, i);
			parse_syshdr(c, v, &l->syshdrs[l->nsyshdrs++]);
			lc_pop(c);
		}
	}
	lc_pop(c);
}

static void parse_kind(struct lctx *c, json_t *root, struct cat_lib *l)
{
	char *kind = NULL;

	if (lc_str(c, root, "kind", 1, &kind) < 0)
		return;
	for (l->kind = 0; l->kind < NKINDS && strcmp(kind, kind_names[l->kind]); l->kind++)
		;
	lc_push_key(c, "kind");
	if (l->kind == NKINDS)
		lc_err(c, 0, "unknown kind \"%s\" (expected library, platform, app or test)", kind);
	lc_pop(c);
	free(kind);
	lc_str(c, root, "platform", 0, &l->platform);
	lc_push_key(c, "platform");
	if (l->kind == CAT_PLATFORM && !l->platform)
		lc_err(c, 0, "a platform library must name its platform");
	else if (l->kind != CAT_PLATFORM && l->platform)
		lc_err(c, 1, "only platform libraries name a platform");
	else if (l->platform && !name_is_plat(l->platform))
		lc_err(c, 0, "\"%s\" is not a platform name (%s)", l->platform, name_plat_rule());
	else if (l->platform && l->name &&
		 (strncmp(l->name, "plat-", 5) || strcmp(l->name + 5, l->platform)))
		lc_err(c, 0, "platform \"%s\" must be implemented by a library named plat-%s",
		       l->platform, l->platform);
	lc_pop(c);
}

static void parse_header(struct lctx *c, json_t *root, struct cat_lib *l)
{
	json_t *v = json_object_get(root, "kiln_catalog");

	lc_push_key(c, "kiln_catalog");
	if (!v)
		lc_err(c, 0, "missing \"kiln_catalog\": 1 (the catalog format version)");
	else if (!json_is_integer(v) || json_integer_value(v) != 1)
		lc_err(c, 0, "unsupported catalog format (this kiln reads version 1)");
	lc_pop(c);
	if (lc_str(c, root, "name", 1, &l->name) == 0 && !name_is_lib(l->name)) {
		lc_push_key(c, "name");
		lc_err(c, 0, "\"%s\" is not a valid library name (%s)", l->name,
		       name_lib_rule(l->name));
		lc_pop(c);
	}
	parse_kind(c, root, l);
	lc_str(c, root, "title", 0, &l->title);
	lc_str(c, root, "category", 0, &l->category);
	lc_str(c, root, "help", 0, &l->help);
	lc_str(c, root, "version", 0, &l->version);
	if (!l->title)
		l->title = xstrdup(l->name ? l->name : "");
	if (!l->category)
		l->category = xstrdup(l->kind == CAT_APP	? "Apps"
				      : l->kind == CAT_PLATFORM ? "Platforms"
				      : l->kind == CAT_TEST	? "Tests"
								: "Other");
}

static void parse_lists(struct lctx *c, json_t *root, struct cat_lib *l)
{
	lc_expr(c, root, "depends", &l->cons.depends, &l->cons.depends_text);
	lc_expr(c, root, "conflicts", &l->cons.conflicts, &l->cons.conflicts_text);
	lc_expr(c, root, "selects", &l->cons.selects, &l->cons.selects_text);
	lc_strv(c, root, "provides", &l->provides);
	lc_strv(c, root, "requires", &l->requires);
	lc_strv(c, root, "default_for", &l->default_for);
	lc_strv(c, root, "platforms", &l->platforms);
	lc_strv(c, root, "includes", &l->includes);
	lc_strv(c, root, "cflags", &l->cflags);
	check_names(c, "provides", &l->provides);
	check_names(c, "requires", &l->requires);
	check_names(c, "platforms", &l->platforms);
	lc_push_key(c, "default_for");
	for (size_t i = 0; i < l->default_for.n; i++) {
		size_t k;

		for (k = 0; k < l->provides.n && strcmp(l->provides.v[k], l->default_for.v[i]); k++)
			;
		lc_push_index(c, i);
		if (k == l->provides.n)
			lc_err(c, 0, "\"%s\" is not in provides", l->default_for.v[i]);
		lc_pop(c);
	}
	lc_pop(c);
	lc_sources(c, root, &l->srcs, &l->nsrcs, 0);
	check_paths(c, "includes", &l->includes, 1);
	lc_flags(c, "cflags", &l->cflags);
	parse_syshdrs(c, root, l);
	archive_parse(c, root, l);
	plat_parse(c, root, l);
}

static void parse_options(struct lctx *c, json_t *root)
{
	json_t *j = json_object_get(root, "options");

	if (!j)
		return;
	lc_push_key(c, "options");
	if (!json_is_object(j))
		lc_err(c, 0, "expected an object of options");
	else
		opts_parse(c, j, c->cat->nlibs);
	lc_pop(c);
}

static void add_lib(struct cat_catalog *cat, struct cat_lib *l, const char *buf, size_t len)
{
	vgrow(&cat->libs, &cat->libcap, cat->nlibs, sizeof(*cat->libs));
	cat_keep_text(cat, buf, len, NULL);
	cat->libs[cat->nlibs++] = *l;
}

int lib_parse(struct cat_catalog *cat, const char *buf, size_t len, const char *file,
	      const char *dir, struct cat_err *err)
{
	struct lctx c = {
		.cat = cat, .err = err, .file = file, .text = buf, .len = len, .dir = dir
	};
	struct cat_lib l = { 0 };
	size_t nopts = cat->nopts;
	json_error_t je;
	json_t *root = json_loadb(buf, len, JSON_REJECT_DUPLICATES, &je);

	if (!root) {
		cat_err_add(err, file, je.line, je.column, "%s", je.text);
		return -1;
	}
	if (!json_is_object(root)) {
		lc_err(&c, 0, "expected a JSON object");
	} else {
		lc_check_keys(&c, root, lib_keys);
		parse_header(&c, root, &l);
		parse_lists(&c, root, &l);
		parse_options(&c, root);
	}
	json_decref(root);
	l.file = xstrdup(file);
	l.dir = xstrdup(dir);
	if (c.nerr) {
		while (cat->nopts > nopts)
			opt_free(&cat->opts[--cat->nopts]);
		lib_free(&l);
		return -1;
	}
	l.opt_first = nopts;
	l.nopts = cat->nopts - nopts;
	add_lib(cat, &l, buf, len);
	return 0;
}

static void cons_free(struct cat_cons *k)
{
	cat_expr_free(k->depends);
	cat_expr_free(k->conflicts);
	cat_expr_free(k->selects);
	free(k->depends_text);
	free(k->conflicts_text);
	free(k->selects_text);
}

void lib_free(struct cat_lib *l)
{
	free(l->name);
	free(l->title);
	free(l->category);
	free(l->help);
	free(l->version);
	free(l->platform);
	plat_free(l->plat);
	free(l->dir);
	free(l->file);
	cons_free(&l->cons);
	strv_free(&l->provides);
	strv_free(&l->requires);
	strv_free(&l->default_for);
	strv_free(&l->platforms);
	strv_free(&l->includes);
	strv_free(&l->cflags);
	srcs_free(l->srcs, l->nsrcs);
	archive_free(l->archive);
	for (size_t i = 0; i < l->nsyshdrs; i++) {
		free(l->syshdrs[i].path);
		free(l->syshdrs[i].as);
		free(l->syshdrs[i].package);
	}
	free(l->syshdrs);
}

void opt_free(struct cat_opt *o)
{
	free(o->name);
	free(o->title);
	free(o->help);
	for (size_t i = 0; i < o->nvalues; i++)
		free(o->values[i]);
	free(o->values);
	for (size_t i = 0; i < o->ndefs; i++) {
		cat_expr_free(o->defs[i].cond);
		free(o->defs[i].cond_text);
		val_free(&o->defs[i].val);
	}
	free(o->defs);
	cons_free(&o->cons);
}

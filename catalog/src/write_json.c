/*
 * config.json (every library and option with its value and provenance) and the writer of
 * the whole build/<profile>/ folder.
 */
#include <dirent.h>
#include <errno.h>
#include <jansson.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "write_int.h"

static json_t *origin_json(const struct cat_setting *st)
{
	json_t *o = json_object();

	json_object_set_new(o, "provenance", json_string(cat_prov_name(st->prov)));
	if (st->origin.subject)
		json_object_set_new(o, "by", json_string(st->origin.subject));
	if (st->origin.field)
		json_object_set_new(o, "field", json_string(st->origin.field));
	if (st->origin.file)
		json_object_set_new(o, "file", json_string(st->origin.file));
	return o;
}

static json_t *option_json(const struct cat_result *r, size_t oi)
{
	const struct cat_opt *o = &r->cat->opts[oi];
	const struct cat_setting *st = &r->opts[oi];
	json_t *j = origin_json(st);
	json_t *v;
	char hex[40];

	if (o->type == CAT_BOOL) {
		v = json_boolean(st->val.num);
	} else if (!st->on) {
		v = json_null();
	} else if (o->type == CAT_INT) {
		v = json_integer(st->val.num);
	} else if (o->type == CAT_HEX) {
		snprintf(hex, sizeof(hex), "0x%llx", (unsigned long long)st->val.num);
		v = json_string(hex);
	} else {
		v = json_string(st->val.str ? st->val.str : "");
	}
	json_object_set_new(j, "value", v);
	json_object_set_new(j, "active", json_boolean(st->on));
	return j;
}

char *gen_config_json(const struct cat_result *r)
{
	const struct cat_catalog *cat = r->cat;
	json_t *root = json_object(), *libs = json_object(), *opts = json_object();
	json_t *targets = json_array();
	char *text, *out;

	json_object_set_new(root, "kiln_config", json_integer(1));
	json_object_set_new(root, "profile", json_string(r->prof->file ? r->prof->file : ""));
	json_object_set_new(root, "name", json_string(r->prof->name));
	json_object_set_new(root, "app", json_string(cat->libs[result_app(r)].name));
	for (size_t i = 0; i < r->prof->ntargets; i++)
		json_array_append_new(targets, json_string(r->prof->targets[i]));
	json_object_set_new(root, "targets", targets);
	for (size_t i = 0; i < cat->nlibs; i++) {
		json_t *j = origin_json(&r->libs[i]);

		json_object_set_new(j, "value", json_boolean(r->libs[i].on));
		json_object_set_new(libs, cat->libs[i].name, j);
	}
	for (size_t i = 0; i < cat->nopts; i++)
		json_object_set_new(opts, cat->opts[i].name, option_json(r, i));
	json_object_set_new(root, "libraries", libs);
	json_object_set_new(root, "options", opts);
	text = json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	out = xasprintf("%s\n", text);
	free(text);
	json_decref(root);
	return out;
}

static int put(const char *dir, const char *name, char *text, struct cat_err *err)
{
	char *path = fs_join(dir, name);
	int rc = cat_write_file(path, text, err);

	free(path);
	free(text);
	return rc;
}

/* config/<prefix><lib>.h of libraries no longer on would only mislead: remove them. */
static void remove_stale(const struct cat_result *r, const char *cfg, const char *prefix)
{
	DIR *d = opendir(cfg);
	struct dirent *de;

	if (!d)
		return;
	while ((de = readdir(d))) {
		size_t n = strlen(de->d_name), pn = strlen(prefix);
		long li;

		if (n < pn + 3 || strcmp(de->d_name + n - 2, ".h") ||
		    strncmp(de->d_name, prefix, pn))
			continue;
		char *name = strndup(de->d_name + pn, n - 2 - pn);

		li = cat_find_lib(r->cat, name);
		if (li < 0 || !r->libs[li].on) {
			char *p = fs_join(cfg, de->d_name);

			unlink(p);
			free(p);
		}
		free(name);
	}
	closedir(d);
}

int cat_write_config(const struct cat_result *r, const char *outdir, struct cat_err *err)
{
	char *cfg = fs_join(outdir, "config"), *part = fs_join(cfg, "part");
	int rc = -1;

	if (fs_mkdirs(part) < 0) {
		cat_err_add(err, NULL, 0, 0, "cannot create %s: %s", part, strerror(errno));
		goto out;
	}
	rc = put(part, "on.h", gen_on_h(r), err);
	for (size_t i = 0; i < r->cat->nlibs && !rc; i++) {
		char *name = xasprintf("%s.h", r->cat->libs[i].name);
		char *pname = xasprintf("lib-%s.h", r->cat->libs[i].name);

		if (r->libs[i].on)
			rc = put(cfg, name, gen_lib_h(r, i), err);
		if (!rc && r->libs[i].on && r->cat->libs[i].nopts)
			rc = put(part, pname, gen_part_h(r, i), err);
		free(name);
		free(pname);
	}
	remove_stale(r, cfg, "");
	remove_stale(r, part, "lib-");
	rc = rc ? rc : put(outdir, "config.h", gen_config_h(r), err);
	rc = rc ? rc : put(outdir, "config.json", gen_config_json(r), err);
out:
	free(cfg);
	free(part);
	return rc;
}

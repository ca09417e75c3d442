/*
 * config.json (every library and option with its value and provenance) and the writer of
 * the whole build/<profile>/ folder.
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "write_int.h"

/* A JSON string as Jansson dumps one: quotes, backslashes and control characters escaped,
 * everything else (UTF-8 included, the catalog's text is valid UTF-8) as it is. */
static void put_jstr(struct sbuf *b, const char *s)
{
	static const char short_esc[] = {
		['\b'] = 'b', ['\f'] = 'f', ['\n'] = 'n', ['\r'] = 'r', ['\t'] = 't'
	};
	const char *run = s;

	sb_putc(b, '"');
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c >= 0x20 && c != '"' && c != '\\')
			continue;
		sb_putn(b, run, (size_t)(s - run));
		run = s + 1;
		if (c == '"' || c == '\\')
			sb_printf(b, "\\%c", c);
		else if (short_esc[c])
			sb_printf(b, "\\%c", short_esc[c]);
		else
			sb_printf(b, "\\u%04X", c);
	}
	sb_putn(b, run, (size_t)(s - run));
	sb_putc(b, '"');
}

/* `"key": ` at an indent of `ind` spaces, after a comma when not the first member. */
static void put_key(struct sbuf *b, int first, int ind, const char *key)
{
	sb_puts(b, first ? "\n" : ",\n");
	sb_putn(b, "        ", (size_t)ind);
	put_jstr(b, key);
	sb_puts(b, ": ");
}

static void put_skey(struct sbuf *b, int ind, const char *key, const char *val)
{
	put_key(b, 0, ind, key);
	put_jstr(b, val);
}

/* The members every setting has: provenance, and what set it when known (indent 6). */
static void put_origin(struct sbuf *b, const struct cat_setting *st)
{
	put_key(b, 1, 6, "provenance");
	put_jstr(b, cat_prov_name(st->prov));
	if (st->origin.subject)
		put_skey(b, 6, "by", st->origin.subject);
	if (st->origin.field)
		put_skey(b, 6, "field", st->origin.field);
	if (st->origin.file)
		put_skey(b, 6, "file", st->origin.file);
}

static void put_option(struct sbuf *b, const struct cat_result *r, size_t oi)
{
	const struct cat_opt *o = &r->cat->opts[oi];
	const struct cat_setting *st = &r->opts[oi];

	put_key(b, oi == 0, 4, o->name);
	sb_putc(b, '{');
	put_origin(b, st);
	put_key(b, 0, 6, "value");
	if (o->type == CAT_BOOL)
		sb_puts(b, st->val.num ? "true" : "false");
	else if (!st->on)
		sb_puts(b, "null");
	else if (o->type == CAT_INT)
		sb_printf(b, "%lld", (long long)st->val.num);
	else if (o->type == CAT_HEX)
		sb_printf(b, "\"0x%llx\"", (unsigned long long)st->val.num);
	else
		put_jstr(b, st->val.str ? st->val.str : "");
	put_key(b, 0, 6, "active");
	sb_puts(b, st->on ? "true\n    }" : "false\n    }");
}

/*
 * config.json, written straight into a buffer in the layout json_dumps(JSON_INDENT(2) |
 * JSON_PRESERVE_ORDER) gives: a catalog of 2,000 libraries has a config.json of ~3 MiB,
 * and building then freeing a Jansson tree of it cost more than the resolution itself.
 * tests/host/answers.sh compares the file with the one Jansson wrote.
 */
char *gen_config_json(const struct cat_result *r)
{
	const struct cat_catalog *cat = r->cat;
	struct sbuf b = { 0 };

	sb_puts(&b, "{\n  \"kiln_config\": 1");
	put_skey(&b, 2, "profile", r->prof->file ? r->prof->file : "");
	put_skey(&b, 2, "name", r->prof->name);
	put_skey(&b, 2, "app", cat->libs[result_app(r)].name);
	put_key(&b, 0, 2, "targets");
	sb_putc(&b, '[');
	for (size_t i = 0; i < r->prof->ntargets; i++) {
		sb_puts(&b, i ? ",\n    " : "\n    ");
		put_jstr(&b, r->prof->targets[i]);
	}
	sb_puts(&b, r->prof->ntargets ? "\n  ]" : "]");
	put_key(&b, 0, 2, "libraries");
	sb_putc(&b, '{');
	for (size_t i = 0; i < cat->nlibs; i++) {
		put_key(&b, i == 0, 4, cat->libs[i].name);
		sb_putc(&b, '{');
		put_origin(&b, &r->libs[i]);
		put_key(&b, 0, 6, "value");
		sb_puts(&b, r->libs[i].on ? "true\n    }" : "false\n    }");
	}
	sb_puts(&b, cat->nlibs ? "\n  }" : "}");
	put_key(&b, 0, 2, "options");
	sb_putc(&b, '{');
	for (size_t i = 0; i < cat->nopts; i++)
		put_option(&b, r, i);
	sb_puts(&b, cat->nopts ? "\n  }\n}\n" : "}\n}\n");
	return b.s;
}

static int put(struct cat_sums *u, const char *dir, const char *name, char *text,
	       struct cat_err *err)
{
	char *path = fs_join(dir, name);
	int rc = cat_sums_write(u, path, text, err);

	free(path);
	free(text);
	return rc;
}

/* Names, relative to outdir, of the files this resolution writes. */
static void written_files(const struct cat_result *r, struct cat_strv *now)
{
	for (size_t i = 0; i < r->cat->nlibs; i++)
		if (r->libs[i].on) {
			char *rel = xasprintf("config/%s.h", r->cat->libs[i].name);

			cat_add_word(now, rel);
			free(rel);
			if (!r->cat->libs[i].nopts)
				continue;
			rel = xasprintf("config/part/lib-%s.h", r->cat->libs[i].name);
			cat_add_word(now, rel);
			free(rel);
		}
	cat_add_word(now, "config/part/on.h");
	cat_add_word(now, "config.h");
	cat_add_word(now, "config.json");
}

int cat_write_config(const struct cat_result *r, const char *outdir, struct cat_err *err)
{
	char *cfg = fs_join(outdir, "config"), *part = fs_join(cfg, "part");
	struct cat_strv old = { 0 }, now = { 0 };
	struct cat_sums *u = NULL;
	int rc = -1;

	if (manifest_check(outdir, &old, err) < 0)
		goto out;
	if (fs_mkdirs(part) < 0) {
		cat_err_add(err, NULL, 0, 0, "cannot create %s: %s", part, strerror(errno));
		goto out;
	}
	written_files(r, &now);
	/* listed before written: a kiln stopped half-way still knows its files next time */
	if (manifest_commit(outdir, &old, &now, 0, err))
		goto out;
	u = cat_sums_open(outdir, 0);
	rc = put(u, part, "on.h", gen_on_h(r), err);
	for (size_t i = 0; i < r->cat->nlibs && !rc; i++) {
		char *name = xasprintf("%s.h", r->cat->libs[i].name);
		char *pname = xasprintf("lib-%s.h", r->cat->libs[i].name);

		if (r->libs[i].on)
			rc = put(u, cfg, name, gen_lib_h(r, i), err);
		if (!rc && r->libs[i].on && r->cat->libs[i].nopts)
			rc = put(u, part, pname, gen_part_h(r, i), err);
		free(name);
		free(pname);
	}
	rc = rc ? rc : put(u, outdir, "config.h", gen_config_h(r), err);
	rc = rc ? rc : put(u, outdir, "config.json", gen_config_json(r), err);
	rc = rc ? rc : manifest_commit(outdir, &old, &now, 1, err);
out:
	cat_sums_close(u, rc == 0);
	cat_strv_free(&old);
	cat_strv_free(&now);
	free(cfg);
	free(part);
	return rc;
}

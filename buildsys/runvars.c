/*
 * buildsys/runvars.c — build/<profile>/run.vars: the values a platform's run configuration
 * template may name (@APP@, @PROFILE@, @ARGS@, @CONFIG_X@), written by kiln itself as
 * KEY=VALUE records ended by a NUL byte, for buildsys/template.sh to read. The values never
 * pass through Make or a shell command line, where a newline would end the recipe line
 * (issue 10: a newline in a string option stopped every Xen build), so every byte a profile
 * holds reaches the xl config, escaped there for xl's own quoting by template.sh.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <kiln/build.h>

char *drv_join_args(char *const *args, size_t n)
{
	char *a = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&a, &len);

	if (!m)
		return NULL;
	for (size_t i = 0; i < n; i++) {
		if (i)
			fputc(' ', m);
		if (!args[i][0])
			fputs("''", m); /* an empty argument stays one */
		for (const char *c = args[i]; *c; c++) {
			if (strchr(" \t\n\r'\"\\", *c))
				fputc('\\', m);
			fputc(*c, m);
		}
	}
	if (fclose(m) != 0) {
		free(a);
		return NULL;
	}
	return a;
}

static void rv_put(FILE *f, const char *key, const char *value)
{
	fprintf(f, "%s=%s", key, value);
	fputc('\0', f);
}

static void rv_option(FILE *f, const struct cat_result *r, size_t oi)
{
	const struct cat_opt *o = cat_opt_at(cat_result_catalog(r), oi);
	const struct cat_setting *st = cat_result_opt(r, oi);

	if (!st->on)
		return;
	fprintf(f, "CONFIG_%s=", o->name);
	if (o->type == CAT_BOOL)
		fputs("y", f);
	else if (o->type == CAT_INT)
		fprintf(f, "%lld", st->val.num);
	else if (o->type == CAT_HEX)
		fprintf(f, "0x%llx", (unsigned long long)st->val.num);
	else
		fputs(st->val.str, f);
	fputc('\0', f);
}

/* The records, in memory; *len their size. NULL when out of memory. */
static char *rv_text(const struct cat_result *r, size_t *len)
{
	const struct cat_catalog *cat = cat_result_catalog(r);
	const struct cat_profile *p = cat_result_profile(r);
	long app = cat_result_app(r);
	char *text = NULL, *args = drv_join_args(p->args, p->nargs);
	FILE *f = open_memstream(&text, len);

	if (!f || !args) {
		if (f)
			fclose(f);
		free(text);
		free(args);
		return NULL;
	}
	rv_put(f, "APP", app < 0 ? "" : cat_lib_at(cat, (size_t)app)->name);
	rv_put(f, "PROFILE", p->name);
	rv_put(f, "ARGS", args);
	free(args);
	for (size_t i = 0; i < cat_nlibs(cat); i++) {
		const struct cat_lib *l = cat_lib_at(cat, i);

		if (!cat_result_lib(r, i)->on)
			continue;
		fputs("CONFIG_LIB", f); /* as config.h spells it: upper case, others '_' */
		for (const char *c = l->name; *c; c++)
			fputc(isalnum((unsigned char)*c) ? toupper((unsigned char)*c) : '_', f);
		fputs("=y", f);
		fputc('\0', f);
		for (size_t k = 0; k < l->nopts; k++)
			rv_option(f, r, l->opt_first + k);
	}
	if (fclose(f) != 0) {
		free(text);
		return NULL;
	}
	return text;
}

/* Writes path unless it already holds text (so Make rebuilds nothing), via a rename. */
static int rv_write_if_changed(const char *path, const char *text, size_t len)
{
	char *old = malloc(len + 1), *tmp = NULL;
	FILE *f = fopen(path, "rb");
	size_t got = f && old ? fread(old, 1, len + 1, f) : 0;
	int same = f && got == len && !memcmp(old, text, len), rc;

	if (f)
		fclose(f);
	free(old);
	if (same)
		return 0;
	if (asprintf(&tmp, "%s.tmp%ld", path, (long)getpid()) < 0)
		return -1;
	f = fopen(tmp, "wb");
	if (f) {
		int ok = fwrite(text, 1, len, f) == len;

		ok = fclose(f) == 0 && ok;
		rc = ok && rename(tmp, path) == 0 ? 0 : -1;
	} else {
		rc = -1;
	}
	if (rc < 0) {
		int e = errno;

		unlink(tmp);
		errno = e;
	}
	free(tmp);
	return rc;
}

int drv_write_run_vars(const struct cat_result *r, const char *outdir, struct cat_err *err)
{
	size_t len = 0;
	char *text = rv_text(r, &len), *path = NULL;
	int rc = -1;

	if (text && asprintf(&path, "%s/" DRV_RUN_VARS, outdir) >= 0)
		rc = rv_write_if_changed(path, text, len);
	if (rc < 0)
		cat_err_add(err, NULL, 0, 0, "cannot write %s/" DRV_RUN_VARS ": %s", outdir,
			    text ? strerror(errno) : "out of memory");
	free(path);
	free(text);
	return rc;
}

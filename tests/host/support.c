/*
 * Helpers shared by the host unit tests (see support.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "support.h"

/* Adds (folder, text) pairs until a NULL folder; then finishes. -1 on any error. */
static int add_libs(struct cat_catalog *cat, struct cat_err *err, const char *dir, va_list ap)
{
	int bad = 0;

	while (dir) {
		const char *json = va_arg(ap, const char *);
		char file[256];

		snprintf(file, sizeof(file), "%s/lib.json", dir);
		bad |= cat_add_buffer(cat, json, strlen(json), file, dir, err) < 0;
		dir = va_arg(ap, const char *);
	}
	return bad || cat_finish(cat, err) < 0 ? -1 : 0;
}

char *load_errors(const char *first_dir, ...)
{
	struct cat_catalog *cat = cat_new(NULL);
	struct cat_err err;
	va_list ap;
	char *text;
	int bad;

	cat_err_init(&err);
	va_start(ap, first_dir);
	bad = add_libs(cat, &err, first_dir, ap);
	va_end(ap);
	cat_free(cat);
	text = bad ? err_text(&err) : NULL;
	cat_err_free(&err);
	return text;
}

struct cat_catalog *load_libs(const char *first_dir, ...)
{
	struct cat_catalog *cat = cat_new(NULL);
	struct cat_err err;
	va_list ap;
	int bad;

	cat_err_init(&err);
	va_start(ap, first_dir);
	bad = add_libs(cat, &err, first_dir, ap);
	va_end(ap);
	if (bad) {
		char *t = err_text(&err);

		fprintf(stderr, "%s\n", t);
		free(t);
		cat_free(cat);
		cat = NULL;
	}
	cat_err_free(&err);
	return cat;
}

struct cat_catalog *load_basic(void)
{
	struct cat_err err;
	struct cat_catalog *cat;

	cat_err_init(&err);
	cat = cat_load(BASIC_ROOT, NULL, 0, &err);
	if (!cat) {
		char *t = err_text(&err);

		fprintf(stderr, "%s\n", t);
		free(t);
	}
	cat_err_free(&err);
	return cat;
}

struct cat_catalog *basic_cat;
struct cat_solver *basic_solver;

int basic_setup(void **state)
{
	struct cat_err err;

	(void)state;
	cat_err_init(&err);
	basic_cat = load_basic();
	basic_solver = basic_cat ? cat_solver_new(basic_cat, &err) : NULL;
	cat_err_free(&err);
	return basic_solver ? 0 : -1;
}

int basic_teardown(void **state)
{
	(void)state;
	cat_solver_free(basic_solver);
	cat_free(basic_cat);
	return 0;
}

struct cat_profile *profile_from(const char *json, struct cat_err *err)
{
	return cat_profile_parse(json, strlen(json), "test.json", err);
}

char *err_text(const struct cat_err *err)
{
	size_t cap = 1, n = 0;
	char *out = malloc(cap), line[1200];

	out[0] = 0;
	for (size_t i = 0; i < err->n; i++) {
		cat_diag_str(&err->v[i], line, sizeof(line));
		cap += strlen(line) + 1;
		out = realloc(out, cap);
		n += (size_t)sprintf(out + n, "%s\n", line);
	}
	return out;
}

int contains_(const char *text, const char *needle)
{
	if (text && strstr(text, needle))
		return 1;
	fprintf(stderr, "expected to find:\n  %s\nin:\n%s\n", needle, text ? text : "(null)");
	return 0;
}

static void mkdirs(const char *path)
{
	char *p = strdup(path);

	for (char *s = p + 1; *s; s++)
		if (*s == '/') {
			*s = 0;
			mkdir(p, 0777);
			*s = '/';
		}
	free(p);
}

void write_file(const char *path, const char *text)
{
	FILE *f;

	mkdirs(path);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

char *read_text(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;

	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	buf = malloc((size_t)n + 1);
	buf[fread(buf, 1, (size_t)n, f)] = 0;
	fclose(f);
	return buf;
}

char *temp_dir(const char *tag)
{
	char *p;

	mkdirs("build/host/tmp/x");
	if (asprintf(&p, "build/host/tmp/%s-%ld-XXXXXX", tag, (long)getpid()) < 0 || !mkdtemp(p))
		abort();
	return p;
}

/*
 * Names and their neighbours: what a library or option name may look like, which paths
 * Make can carry safely, and the nearest known name for "did you mean" hints.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "cat_int.h"

/* Expressions read these as constants, so a library so named could never be referred to. */
static int name_is_keyword(const char *s)
{
	return !strcmp(s, "true") || !strcmp(s, "false");
}

const char *name_lib_rule(const char *s)
{
	return name_is_keyword(s) ? "true and false are constants in expressions"
				  : "[a-z][a-z0-9_-]*";
}

int name_is_lib(const char *s)
{
	if (!islower((unsigned char)*s) || name_is_keyword(s))
		return 0;
	for (s++; *s; s++)
		if (!islower((unsigned char)*s) && !isdigit((unsigned char)*s) && *s != '_' &&
		    *s != '-')
			return 0;
	return 1;
}

const char *cat_lib_name_rule(const char *s)
{
	return name_is_lib(s) ? NULL : name_lib_rule(s);
}

int name_is_opt(const char *s)
{
	if (!isupper((unsigned char)*s))
		return 0;
	for (s++; *s; s++)
		if (!isupper((unsigned char)*s) && !isdigit((unsigned char)*s) && *s != '_')
			return 0;
	return 1;
}

/* No spaces, '$', '#', ':', '%', quotes or backslashes: a path Make and the shell read as is.
 * Bytes from 0x80 (UTF-8 letters beyond ASCII) mean nothing to either and are kept. */
int path_is_make_safe(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if (!isalnum((unsigned char)*s) && (unsigned char)*s < 0x80 && !strchr("._-+/", *s))
			return 0;
	return 1;
}

int cat_path_portable(const char *path)
{
	return path_is_make_safe(path);
}

/* Levenshtein distance, case-insensitive (users mix up PRINTK_level and PRINTK_LEVEL). */
size_t edit_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	size_t *row = xmalloc((lb + 1) * sizeof(*row));
	size_t d;

	for (size_t j = 0; j <= lb; j++)
		row[j] = j;
	for (size_t i = 1; i <= la; i++) {
		size_t diag = row[0];

		row[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t up = row[j];
			size_t cost = tolower((unsigned char)a[i - 1]) !=
				      tolower((unsigned char)b[j - 1]);
			size_t best = diag + cost;

			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			diag = up;
		}
	}
	d = row[lb];
	free(row);
	return d;
}

/* The closest candidate within a third of the name's length (at least 2 edits). */
const char *suggest_from(const char *name, const char *const *cands, size_t n)
{
	size_t limit = strlen(name) / 3, best = (size_t)-1;
	const char *pick = NULL;

	if (limit < 2)
		limit = 2;
	for (size_t i = 0; i < n; i++) {
		size_t d = edit_distance(name, cands[i]);

		if (d <= limit && d < best) {
			best = d;
			pick = cands[i];
		}
	}
	return pick;
}

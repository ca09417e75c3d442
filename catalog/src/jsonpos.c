/*
 * Where is a field in a JSON text? Jansson gives positions only for syntax errors; for
 * "wrong type at options.X.default" we walk the (already valid) text along the path and
 * report the line and column of the value, or of its key. RFC 8259 grammar, no decoding
 * beyond what comparing keys needs.
 */
#include <string.h>

#include "cat_int.h"

struct scan {
	const char *s;
	size_t n, i;
};

static void ws(struct scan *sc)
{
	while (sc->i < sc->n && strchr(" \t\r\n", sc->s[sc->i]))
		sc->i++;
}

/* Skips a string token; if key is given, reports whether the string equals it. */
static int skip_string(struct scan *sc, const char *key)
{
	size_t k = 0;
	int same = key != NULL;

	sc->i++; /* opening quote */
	while (sc->i < sc->n && sc->s[sc->i] != '"') {
		char c = sc->s[sc->i++];

		if (c == '\\' && sc->i < sc->n) {
			c = sc->s[sc->i++];
			if (c == 'u') { /* \uXXXX: never in our keys; just skip */
				sc->i += 4;
				same = 0;
				continue;
			}
			c = c == 'n' ? '\n' : c == 't' ? '\t' : c == 'r' ? '\r' : c;
		}
		if (same && key[k] == c)
			k++;
		else
			same = 0;
	}
	sc->i++;
	return same && key[k] == 0;
}

static void skip_value(struct scan *sc)
{
	int depth = 0;

	ws(sc);
	while (sc->i < sc->n) {
		char c = sc->s[sc->i];

		if (c == '"') {
			skip_string(sc, NULL);
			if (!depth)
				return;
			continue;
		}
		if (c == '{' || c == '[') {
			depth++;
		} else if (c == '}' || c == ']') {
			if (!depth)
				return;
			if (!--depth) {
				sc->i++;
				return;
			}
		} else if (!depth && strchr(", \t\r\n", c)) {
			return;
		}
		sc->i++;
	}
}

/* Moves to the member key of the object at sc->i; leaves sc->i at the key or value. */
static int find_key(struct scan *sc, const char *key, int at_key)
{
	sc->i++; /* { */
	for (;;) {
		size_t kpos;

		ws(sc);
		if (sc->i >= sc->n || sc->s[sc->i] != '"')
			return 0;
		kpos = sc->i;
		int same = skip_string(sc, key);

		ws(sc);
		sc->i++; /* : */
		ws(sc);
		if (same) {
			if (at_key)
				sc->i = kpos;
			return 1;
		}
		skip_value(sc);
		ws(sc);
		if (sc->i >= sc->n || sc->s[sc->i] != ',')
			return 0;
		sc->i++;
	}
}

static int find_index(struct scan *sc, size_t index)
{
	sc->i++; /* [ */
	for (size_t k = 0;; k++) {
		ws(sc);
		if (k == index)
			return sc->i < sc->n && sc->s[sc->i] != ']';
		skip_value(sc);
		ws(sc);
		if (sc->i >= sc->n || sc->s[sc->i] != ',')
			return 0;
		sc->i++;
	}
}

void json_locate(const char *text, size_t len, const struct jpath *path, int depth, int at_key,
		 int *line, int *col)
{
	struct scan sc = { text, len, 0 };
	size_t best;

	ws(&sc);
	best = sc.i;
	for (int d = 0; d < depth; d++) {
		int last = d == depth - 1;
		int ok;

		if (sc.i >= len)
			break;
		if (path[d].key && text[sc.i] == '{')
			ok = find_key(&sc, path[d].key, last && at_key);
		else if (!path[d].key && text[sc.i] == '[')
			ok = find_index(&sc, path[d].index);
		else
			ok = 0;
		if (!ok)
			break;
		best = sc.i;
	}
	*line = 1;
	*col = 1;
	for (size_t i = 0; i < best && i < len; i++) {
		if (text[i] == '\n') {
			++*line;
			*col = 1;
		} else {
			++*col;
		}
	}
}

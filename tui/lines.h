/*
 * tui/lines.h — a growing list of owned strings: the why pane's text, the model's answers,
 * diff lines, build output. Shared by the views and the model adapter (no ncurses here).
 */
#ifndef TUI_LINES_H
#define TUI_LINES_H

#include <stddef.h>

struct lines {
	char **v;
	size_t n, cap;
};

/* Appends a formatted line (cut at 1 KiB); on no memory the line is dropped. */
void lines_add(struct lines *l, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Appends a copy of s and returns it (NULL on no memory), for strings others point into. */
const char *lines_push(struct lines *l, const char *s);
/* Frees the lines but keeps the list's room. */
void lines_reset(struct lines *l);
void lines_free(struct lines *l);

#endif

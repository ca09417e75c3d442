/*
 * Escaping for C (see escape.c for the rules and why).
 */
#ifndef KILN_ESCAPE_H
#define KILN_ESCAPE_H

#include "cat_int.h"

/* Appends s as a C string literal, quotes included. */
void esc_c(struct sbuf *b, const char *s);
/* Appends s as part of a macro name: upper case, other characters as '_'. */
void esc_macro(struct sbuf *b, const char *s);

#endif

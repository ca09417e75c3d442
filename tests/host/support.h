/*
 * Helpers shared by the host unit tests: catalogs from buffers or from tests/host/data,
 * profiles from text, and matching of error lines.
 */
#ifndef KILN_TEST_SUPPORT_H
#define KILN_TEST_SUPPORT_H

#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "kiln/cat.h"

#define BASIC_ROOT "tests/host/data/basic"

/* A minimal platform library's lib.json: the platform p with one architecture, x86_64. */
#define PLAT(p)                                                                                    \
	"{ \"kiln_catalog\": 1, \"name\": \"plat-" p "\", \"kind\": \"platform\", "                \
	"\"platform\": \"" p "\", \"arch\": { \"x86_64\": {} }, \"linker_script\": \"link.lds\" }"

/* Loads lib.json texts, pairs of (folder, text) ending with NULL, into a catalog of their
 * own: the error lines joined by '\n' (caller frees), or NULL when they load. */
char *load_errors(const char *first_dir, ...);
struct cat_catalog *load_basic(void);
/* The same pairs as load_errors, as a catalog (NULL, errors printed, when it fails). */
struct cat_catalog *load_libs(const char *first_dir, ...);
/* Group fixture: the basic catalog and a solver for it, in basic_cat and basic_solver. */
extern struct cat_catalog *basic_cat;
extern struct cat_solver *basic_solver;
int basic_setup(void **state);
int basic_teardown(void **state);
struct cat_profile *profile_from(const char *json, struct cat_err *err);
/* Every error as one formatted line, joined by '\n' (caller frees). */
char *err_text(const struct cat_err *err);
/* Asserts that text contains needle, printing both when it does not. */
#define assert_contains(text, needle) assert_true(contains_((text), (needle)))
int contains_(const char *text, const char *needle);
/* Writes text to path (creating folders). */
void write_file(const char *path, const char *text);
char *read_text(const char *path);
/* A fresh temporary folder under build/host/tmp (caller frees). */
char *temp_dir(const char *tag);

#endif

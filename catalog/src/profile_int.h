/*
 * Private helpers around profiles, shared by profile*.c and the resolver.
 */
#ifndef KILN_PROFILE_INT_H
#define KILN_PROFILE_INT_H

#include "cat_int.h"

/* The library index of the profile's app (by name, or by folder for an out-of-tree app). */
long profile_app_lib(const struct cat_profile *p, const struct cat_catalog *cat);

/* "y", "yes", "true", "on", "1" (and their opposites) as 1 / 0; -1 for anything else. */
int text_bool(const char *t, long long *out);

#endif

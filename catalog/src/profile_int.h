/*
 * Private helpers around profiles, shared by profile*.c and the resolver.
 */
#ifndef KILN_PROFILE_INT_H
#define KILN_PROFILE_INT_H

#include "cat_int.h"

/* Splits "kvm-x86_64" into the platform "kvm"; -1 when it is not a target. */
int target_split(const char *t, char *plat, size_t n);
/* The library index of the profile's app (by name, or by folder for an out-of-tree app). */
long profile_app_lib(const struct cat_profile *p, const struct cat_catalog *cat);
/* The platform library of a target, or -1. */
long target_plat_lib(const struct cat_catalog *cat, const char *target);

/* "y", "yes", "true", "on", "1" (and their opposites) as 1 / 0; -1 for anything else. */
int text_bool(const char *t, long long *out);

#endif

/* _malloc_stats_r: newlib's mallocr.c with DEFINE_MALLOC_STATS, as newlib's stdlib/Makefile.am builds it
 * (with -DINTERNAL_NEWLIB, its MALLOC_COMPILE). */
#define INTERNAL_NEWLIB 1
#define DEFINE_MALLOC_STATS 1
#include "mallocr.c"

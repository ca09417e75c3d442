/* _calloc_r: newlib's mallocr.c with DEFINE_CALLOC, as newlib's stdlib/Makefile.am builds it
 * (with -DINTERNAL_NEWLIB, its MALLOC_COMPILE). */
#define INTERNAL_NEWLIB 1
#define DEFINE_CALLOC 1
#include "mallocr.c"

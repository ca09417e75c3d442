/* _pvalloc_r: newlib's mallocr.c with DEFINE_PVALLOC, as newlib's stdlib/Makefile.am builds it
 * (with -DINTERNAL_NEWLIB, its MALLOC_COMPILE). */
#define INTERNAL_NEWLIB 1
#define DEFINE_PVALLOC 1
#include "mallocr.c"

/* _malloc_r: newlib's mallocr.c with DEFINE_MALLOC, as newlib's stdlib/Makefile.am builds it
 * (with -DINTERNAL_NEWLIB, its MALLOC_COMPILE). */
#define INTERNAL_NEWLIB 1
#define DEFINE_MALLOC 1
#include "mallocr.c"

/* svfscanf: newlib's vfscanf.c again with STRING_ONLY, as newlib's stdio/Makefile.am builds it. */
#define STRING_ONLY 1
#include "vfscanf.c"

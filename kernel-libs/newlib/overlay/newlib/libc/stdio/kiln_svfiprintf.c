/* svfiprintf: newlib's vfprintf.c again with INTEGER_ONLY STRING_ONLY, as newlib's
 * stdio/Makefile.am builds it. */
#define INTEGER_ONLY 1
#define STRING_ONLY  1
#include "vfprintf.c"

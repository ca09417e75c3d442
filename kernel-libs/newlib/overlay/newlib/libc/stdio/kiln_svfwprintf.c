/* svfwprintf: newlib's vfwprintf.c again with STRING_ONLY, as newlib's stdio/Makefile.am builds it.
 */
#define STRING_ONLY 1
#include "vfwprintf.c"

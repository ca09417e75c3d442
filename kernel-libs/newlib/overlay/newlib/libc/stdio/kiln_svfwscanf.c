/* svfwscanf: newlib's vfwscanf.c again with STRING_ONLY, as newlib's stdio/Makefile.am builds it.
 */
#define STRING_ONLY 1
#include "vfwscanf.c"

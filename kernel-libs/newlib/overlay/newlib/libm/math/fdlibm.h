/* newlib's libm/math sources include "fdlibm.h", which its Makefile finds through
 * -I../common: kiln compiles each archive source seeing only its own folder, so this
 * file points there instead. */
#include "../common/fdlibm.h"

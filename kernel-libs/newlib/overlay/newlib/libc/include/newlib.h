/*
 * newlib's build configuration, which its configure would write from newlib.hin: kiln runs
 * no configure (nothing of the host is asked), so this is the answer for kiln's guests,
 * copied over the archive's placeholder when the archive is unpacked. Full formatted I/O
 * (C99 formats, long long, long double, positional arguments), atexit that grows, init and
 * fini arrays (kiln's boot runs .init_array), and retargetable locks, so that a scheduler
 * can give stdio and malloc real locks (kernel-libs/newlib/src/lock.c).
 */
#ifndef __NEWLIB_H__
#define __NEWLIB_H__ 1

#include <_newlib_version.h>

#define _WANT_IO_C99_FORMATS		 1
#define _WANT_IO_LONG_LONG		 1
#define _WANT_IO_LONG_DOUBLE		 1
#define _WANT_IO_POS_ARGS		 1
#define _MB_LEN_MAX			 1
#define HAVE_INITFINI_ARRAY		 1
#define _ATEXIT_DYNAMIC_ALLOC		 1
#define _HAVE_LONG_DOUBLE		 1
#define _HAVE_CC_INHIBIT_LOOP_TO_LIBCALL 1
#define _FVWRITE_IN_STREAMIO		 1
#define _FSEEK_OPTIMIZATION		 1
#define _WIDE_ORIENT			 1
#define _UNBUF_STREAM_OPT		 1
#define _RETARGETABLE_LOCKING		 1

/* What the platform offers of POSIX time (kernel-libs/newlib/src/time.c): time.h then
 * declares clock_gettime and CLOCK_MONOTONIC, as a sys/ folder of newlib's would. */
#define _POSIX_TIMERS	       1
#define _POSIX_MONOTONIC_CLOCK 200112L

#endif

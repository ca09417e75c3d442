/*
 * lwIP's compiler and platform glue (lwIP's doc/sys_arch.txt, "cc.h"): byte order, how to
 * print and how to stop, and which C library headers exist. Both of kiln's libcs work:
 * newlib has errno.h and sys/time.h; nolibc has neither, so lwIP provides errno and its
 * own struct timeval.
 */
#ifndef KILN_LWIP_ARCH_CC_H
#define KILN_LWIP_ARCH_CC_H

#include <stddef.h>
#include <stdint.h>
#include <kiln/compiler.h>
#include <kiln/printk.h>

#if IS_ENABLED(CONFIG_LIBNEWLIB)
/* lwIP's arch.h defined these (1234, 4321) before including this file; newlib's
 * machine/endian.h defines them again, the same values spelt otherwise. */
#undef LITTLE_ENDIAN
#undef BIG_ENDIAN
#include <sys/types.h>
#endif
#ifndef BYTE_ORDER
#define BYTE_ORDER LITTLE_ENDIAN
#endif

/* No inttypes.h in nolibc: the printf formats lwIP's debug output uses, spelled out. */
#define LWIP_NO_INTTYPES_H 1
#define U16_F		   "hu"
#define S16_F		   "hd"
#define X16_F		   "hx"
#define U32_F		   "u"
#define S32_F		   "d"
#define X32_F		   "x"
#define SZT_F		   "zu"
#define X8_F		   "02hhx"

#define LWIP_NO_CTYPE_H 1

#if IS_ENABLED(CONFIG_LIBNEWLIB)
/* newlib's fd_set holds FD_SETSIZE (64 by default) descriptors; lwIP's select needs one
 * bit per socket (MEMP_NUM_NETCONN: LWIP_TCP_PCBS + 16, at most 4,112), so the library and
 * the sockets library build with -DFD_SETSIZE=4112 (lib.json); with 1024, a profile of
 * 2,000 TCP connections failed to compile (make test-configs, --random 59). */
#include <errno.h>
#include <limits.h>
#include <sys/time.h>
#include <sys/types.h>
#define LWIP_TIMEVAL_PRIVATE 0
/* newlib has ssize_t (long) in sys/types.h: lwIP takes it when SSIZE_MAX says so. */
#ifndef SSIZE_MAX
#define SSIZE_MAX LONG_MAX
#endif
#else
#define LWIP_PROVIDE_ERRNO 1
#endif

#define LWIP_PLATFORM_DIAG(x)                                                                      \
	do {                                                                                       \
		printk(PRINTK_DEBUG, "lwip: ");                                                    \
		kiln_lwip_diag x;                                                                  \
	} while (0)
#define LWIP_PLATFORM_ASSERT(x)                                                                    \
	printk_panic("lwip: assertion \"%s\" failed at %s:%d", x, __FILE__, __LINE__)

/* A pseudo-random number for ports, ISNs and DHCP transaction IDs (from the TSC). */
uint32_t kiln_lwip_rand(void);
#define LWIP_RAND() kiln_lwip_rand()

__attribute__((format(printf, 1, 2))) void kiln_lwip_diag(const char *fmt, ...);

#endif

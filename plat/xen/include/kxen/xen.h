/*
 * Xen's public headers (Debian's libxen-dev: lib.json's system_headers has the build link
 * /usr/include/xen into build/<profile>/sysinclude/) at the interface version this platform
 * was written against.
 * Include this before any <xen/...> header: without the version, xen-compat.h falls back
 * to the oldest interface.
 */
#ifndef KXEN_XEN_H_
#define KXEN_XEN_H_

#ifndef __XEN_INTERFACE_VERSION__
#define __XEN_INTERFACE_VERSION__ 0x00040e00 /* Xen 4.14, the newest libxen-dev 4.17 knows */
#endif
#include <xen/xen.h>

#endif

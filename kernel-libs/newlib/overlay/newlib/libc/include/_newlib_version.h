/*
 * newlib's version macros, which its configure would write from _newlib_version.hin: kiln
 * runs no configure, so this file (copied over the archive's placeholder when the archive is
 * unpacked, kernel-libs/newlib/lib.json "overlay") says it instead.
 */
#ifndef _NEWLIB_VERSION_H__
#define _NEWLIB_VERSION_H__ 1

#define _NEWLIB_VERSION	      "3.3.0"
#define __NEWLIB__	      3
#define __NEWLIB_MINOR__      3
#define __NEWLIB_PATCHLEVEL__ 0

#endif

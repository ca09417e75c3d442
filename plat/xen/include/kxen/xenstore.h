/*
 * A small synchronous xenstore client (io/xs_wire.h) over the domain's xenstore ring: one
 * request at a time, no transactions, no watches. Paths without a leading '/' are relative
 * to the domain's home, /local/domain/<domid>/. Not for the initial domain, which has no
 * xenstore ring at boot.
 */
#ifndef KXEN_XENSTORE_H
#define KXEN_XENSTORE_H

#include <stddef.h>

/* Reads path into buf (NUL-terminated, cut to size). Returns the value's full length, or
 * -1 on error (no such key, no xenstore, timeout). */
int kxen_xs_read(const char *path, char *buf, size_t size);

/* Writes value to path, creating it. Returns 0, or -1 on error. */
int kxen_xs_write(const char *path, const char *value);

/* True once the xenstore ring is known. */
int kxen_xs_available(void);

#endif

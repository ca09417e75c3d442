/*
 * <arpa/inet.h> for newlib, which has none: IPv4 addresses between text and binary.
 * inet_addr, inet_aton, inet_ntoa and INET_ADDRSTRLEN are lwIP's macros (lwip/inet.h, on
 * ip4addr_aton and ip4addr_ntoa); inet_pton and inet_ntop are here (src/inet.c), AF_INET
 * only. The byte order macros come with <netinet/in.h>.
 */
#ifndef KILN_ARPA_INET_H
#define KILN_ARPA_INET_H

#include <netinet/in.h>

/* 1, 0 when not four decimal parts, -1 and EAFNOSUPPORT for another family. */
int inet_pton(int af, const char *src, void *dst);
/* dst, or NULL and errno (EAFNOSUPPORT, ENOSPC). */
const char *inet_ntop(int af, const void *src, char *dst, socklen_t size);

#endif

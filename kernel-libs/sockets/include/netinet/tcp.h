/*
 * <netinet/tcp.h> for newlib, which has none: TCP_NODELAY and TCP_KEEP* are lwIP's
 * (lwip/sockets.h), through <sys/socket.h>.
 */
#ifndef KILN_NETINET_TCP_H
#define KILN_NETINET_TCP_H

#include <sys/socket.h>

#endif

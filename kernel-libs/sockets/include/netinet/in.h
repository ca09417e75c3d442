/*
 * <netinet/in.h> for newlib, which has none: struct sockaddr_in, struct in_addr,
 * INADDR_ANY, IPPROTO_* and htons/htonl/ntohs/ntohl come from lwIP's headers (lwip/sockets.h,
 * lwip/inet.h, lwip/def.h), through <sys/socket.h>.
 */
#ifndef KILN_NETINET_IN_H
#define KILN_NETINET_IN_H

#include <sys/socket.h>

#endif

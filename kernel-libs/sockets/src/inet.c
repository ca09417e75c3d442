/*
 * <arpa/inet.h>'s inet_pton and inet_ntop for IPv4, on lwIP's ip4addr_aton and
 * ip4addr_ntoa_r (lwIP keeps ip4_addr_t in network order, as struct in_addr).
 */
#include <errno.h>
#include <string.h>
#include <arpa/inet.h>

/* POSIX inet_pton: AF_INET takes exactly four decimal parts (no hex, no fewer parts, which
 * inet_aton allows). */
int inet_pton(int af, const char *src, void *dst)
{
	struct in_addr a;
	int dots = 0;

	if (af != AF_INET)
		return errno = EAFNOSUPPORT, -1;
	for (const char *c = src; *c; c++) {
		if (*c == '.')
			dots++;
		else if (*c < '0' || *c > '9')
			return 0;
	}
	if (dots != 3 || !inet_aton(src, &a))
		return 0;
	memcpy(dst, &a, sizeof(a));
	return 1;
}

const char *inet_ntop(int af, const void *src, char *dst, socklen_t size)
{
	ip4_addr_t a;

	if (af != AF_INET)
		return errno = EAFNOSUPPORT, NULL;
	memcpy(&a, src, sizeof(a));
	if (!ip4addr_ntoa_r(&a, dst, (int)size))
		return errno = ENOSPC, NULL;
	return dst;
}

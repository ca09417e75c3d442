/*
 * lwIP's configuration (lwIP's opt.h lists every option and its default): what kiln's
 * lwip library fixes, and the catalog options (lwip/lib.json, with their ranges) that
 * reach lwIP as CONFIG_ macros from the library's config header, which every lwIP source
 * is compiled with ("configured" archive).
 */
#ifndef KILN_LWIPOPTS_H
#define KILN_LWIPOPTS_H

#include <kiln/compiler.h>

/* Threads: the tcpip thread, with the core lock held by whoever calls into the stack
 * (sockets, the netif thread), so most calls need no message to the tcpip thread. */
#define NO_SYS			      0
#define SYS_LIGHTWEIGHT_PROT	      1
#define LWIP_TCPIP_CORE_LOCKING	      1
#define LWIP_TCPIP_CORE_LOCKING_INPUT 1
#define TCPIP_THREAD_NAME	      "tcpip"
#define TCPIP_THREAD_STACKSIZE	      16384
#define TCPIP_MBOX_SIZE		      64
#define DEFAULT_THREAD_STACKSIZE      16384
#define DEFAULT_TCP_RECVMBOX_SIZE     64
#define DEFAULT_UDP_RECVMBOX_SIZE     16
#define DEFAULT_RAW_RECVMBOX_SIZE     16
#define DEFAULT_ACCEPTMBOX_SIZE	      32
#define LWIP_NETCONN_SEM_PER_THREAD   0

/* Memory: lwIP's own heap and pools (allocations never reach the C library). */
#define MEM_LIBC_MALLOC 0
#define MEMP_MEM_MALLOC 0
#define MEM_ALIGNMENT	8
#define MEM_SIZE	CONFIG_LWIP_MEM_SIZE
#define PBUF_POOL_SIZE	CONFIG_LWIP_PBUF_POOL_SIZE
/* A receive buffer holds a whole Ethernet frame (1514 bytes) in one pbuf. */
#define PBUF_POOL_BUFSIZE	 1536
#define MEMP_NUM_TCP_PCB	 CONFIG_LWIP_TCP_PCBS
#define MEMP_NUM_TCP_PCB_LISTEN	 8
#define MEMP_NUM_TCP_SEG	 CONFIG_LWIP_TCP_SEGS
#define MEMP_NUM_NETCONN	 (CONFIG_LWIP_TCP_PCBS + 16)
#define MEMP_NUM_NETBUF		 32
#define MEMP_NUM_PBUF		 64
#define MEMP_NUM_UDP_PCB	 8
#define MEMP_NUM_TCPIP_MSG_INPKT 64
#define MEMP_NUM_SYS_TIMEOUT	 (LWIP_NUM_SYS_TIMEOUT_INTERNAL + 8)

/* Protocols. */
#define LWIP_IPV4     1
#define LWIP_IPV6     IS_ENABLED(CONFIG_LWIP_IPV6)
#define LWIP_ETHERNET 1
#define LWIP_ARP      1
#define LWIP_ICMP     1
#define LWIP_RAW      0
#define LWIP_UDP      1
#define LWIP_TCP      1
#define LWIP_DHCP     IS_ENABLED(CONFIG_LWIP_DHCP)
#define LWIP_DNS      0
#define LWIP_IGMP     0
#define LWIP_AUTOIP   0
#define IP_REASSEMBLY 1
#define IP_FRAG	      1

/* TCP. */
#define TCP_MSS			   1460
#define TCP_WND			   CONFIG_LWIP_TCP_WND
#define TCP_SND_BUF		   CONFIG_LWIP_TCP_SND_BUF
#define TCP_SND_QUEUELEN	   ((4 * TCP_SND_BUF + TCP_MSS - 1) / TCP_MSS)
#define TCP_LISTEN_BACKLOG	   1
#define TCP_DEFAULT_LISTEN_BACKLOG 64
#define LWIP_TCP_KEEPALIVE	   1
#define TCP_QUEUE_OOSEQ		   1
#define LWIP_TCP_TIMESTAMPS	   0

/* APIs: netconn, and BSD sockets under lwip_ names (kiln's socket glue gives the POSIX
 * names, and file descriptors where a VFS is in the image). */
#define LWIP_NETCONN		    1
#define LWIP_SOCKET		    IS_ENABLED(CONFIG_LWIP_SOCKETS)
#define LWIP_COMPAT_SOCKETS	    0
#define LWIP_POSIX_SOCKETS_IO_NAMES 0
#define LWIP_SOCKET_SELECT	    1
#define LWIP_SOCKET_POLL	    1
#define LWIP_SO_RCVTIMEO	    1
#define LWIP_SO_SNDTIMEO	    1
#define LWIP_SO_RCVBUF		    0
#define SO_REUSE		    1
#define LWIP_NETIF_API		    0
#define LWIP_NUM_NETIF_CLIENT_DATA  0

/* Interfaces: checksums per interface, so a device that computes TCP's can be let to. */
#define LWIP_CHECKSUM_CTRL_PER_NETIF 1
#define LWIP_NETIF_STATUS_CALLBACK   1
#define LWIP_NETIF_LINK_CALLBACK     1
#define LWIP_NETIF_HOSTNAME	     1
#define ETH_PAD_SIZE		     0
#define LWIP_SINGLE_NETIF	     0
/* 127.0.0.1 (lwIP's loop interface, netif.c), so a program may talk to itself. */
#define LWIP_HAVE_LOOPIF    IS_ENABLED(CONFIG_LWIP_LOOPBACK)
#define LWIP_NETIF_LOOPBACK IS_ENABLED(CONFIG_LWIP_LOOPBACK)

#define LWIP_STATS	   IS_ENABLED(CONFIG_LWIP_STATS)
#define LWIP_STATS_DISPLAY 0

#endif

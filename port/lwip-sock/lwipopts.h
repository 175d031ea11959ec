/* SPDX-License-Identifier: Apache-2.0 */
/* lwipopts.h - lwIP for an RTOS-style program: NO_SYS=0, a tcpip thread,
 * BSD-style sockets (port/lwip-sock), on top of port/lwip's memory and
 * protocol choices. Still no heap: lwIP's static pools, and a sys_arch
 * (arch/sys_arch.h) whose semaphores, mutexes and mailboxes live inside
 * the structures lwIP hands it. */
#ifndef IL_LWIPOPTS_SOCK_H
#define IL_LWIPOPTS_SOCK_H

#include "../lwip/lwipopts.h"

#undef NO_SYS
#undef SYS_LIGHTWEIGHT_PROT
#undef LWIP_SOCKET
#undef LWIP_NETCONN
#undef LWIP_NETIF_API
#undef MEMP_NUM_SYS_TIMEOUT
#define NO_SYS                      0
#define SYS_LIGHTWEIGHT_PROT        1   /* pools are taken from several threads */
#define LWIP_SOCKET                 1
#define LWIP_NETCONN                1
#define LWIP_NETIF_API              1
#define LWIP_TCPIP_CORE_LOCKING     1
#define LWIP_COMPAT_SOCKETS         0   /* lwip_* names only: no clash with the C library's */
#define LWIP_POSIX_SOCKETS_IO_NAMES 0
#define LWIP_SO_RCVTIMEO            1   /* the transport's deadlines */
#define LWIP_SO_SNDTIMEO            1
#define LWIP_SOCKET_SELECT          1   /* a connect bounded by its deadline */
#define LWIP_SOCKET_POLL            0
#define MEMP_NUM_NETCONN            4
#define MEMP_NUM_SYS_TIMEOUT        (LWIP_NUM_SYS_TIMEOUT_INTERNAL + 2)
#define TCPIP_MBOX_SIZE             16
#define DEFAULT_TCP_RECVMBOX_SIZE   16
#define DEFAULT_UDP_RECVMBOX_SIZE   4
#define DEFAULT_ACCEPTMBOX_SIZE     4
#define TCPIP_THREAD_PRIO           1
#define TCPIP_THREAD_STACKSIZE      0   /* the system's default */

#if defined(__linux__)
#include <sys/time.h>               /* struct timeval, fd_set: the C library's */
#define LWIP_TIMEVAL_PRIVATE        0
#endif
/* Debian's sockets.c (its Hurd patches) asks for these; no sa_len here */
#define IP4ADDR_SOCKADDR_SET_LEN(sin)
#define IPADDR_SOCKADDR_GET_LEN(addr) \
    ((addr)->sa.sa_family == AF_INET ? sizeof(struct sockaddr_in) : 0)

#endif

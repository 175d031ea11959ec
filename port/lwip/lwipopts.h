/* SPDX-License-Identifier: Apache-2.0 */
/* lwipopts.h - influx-lite's lwIP 2.1.3 configuration (Linux TAP and firmware).
 *
 * NO_SYS=1: one thread, raw TCP API only, driven by polling. No heap: lwIP's
 * own allocator works on a static MEM_SIZE array and fixed MEMP pools;
 * MEM_LIBC_MALLOC and MEMP_MEM_MALLOC stay 0, so no malloc is linked. */
#ifndef IL_LWIPOPTS_H
#define IL_LWIPOPTS_H

#define NO_SYS                      1
#define SYS_LIGHTWEIGHT_PROT        0   /* no interrupt touches lwIP state */
#define LWIP_SOCKET                 0
#define LWIP_NETCONN                0
#define LWIP_NETIF_API              0
#define LWIP_ALTCP                  0   /* TLS is port/mbedtls over our transport, never altcp_tls */

/* memory: static only */
#define MEM_LIBC_MALLOC             0
#define MEMP_MEM_MALLOC             0
#define MEM_USE_POOLS               0
#if defined(__linux__)
#define MEM_ALIGNMENT               8
#else
#define MEM_ALIGNMENT               4
#endif
#if IL_LWIP_SMALL
/* The small-RAM firmware profiles (boards/qemu-mps2/rules.mk): what one
 * connection at a time uses, as lwIP's statistics measured it (heap peak
 * under 400 bytes, 2 pool pbufs, 3 TCP segments), with room to spare. */
#define MEM_SIZE                    1280
#define MEMP_NUM_PBUF               2
#define MEMP_NUM_TCP_SEG            8
#define PBUF_POOL_SIZE              3
#define ARP_TABLE_SIZE              2
#define DNS_TABLE_SIZE              1
#define DNS_MAX_NAME_LENGTH         64
#define TCP_WND                     (2 * TCP_MSS)
#define TCP_SND_BUF                 (2 * TCP_MSS)
#else
#define MEM_SIZE                    (10 * 1024)   /* tcp_write copies, ARP queue, netif state */
#define MEMP_NUM_PBUF               8
#define MEMP_NUM_TCP_SEG            16
#define PBUF_POOL_SIZE              10
#define DNS_TABLE_SIZE              2
#define DNS_MAX_NAME_LENGTH         128
#define TCP_WND                     (4 * TCP_MSS)
#define TCP_SND_BUF                 (4 * TCP_MSS)
#endif
#define MEMP_NUM_UDP_PCB            (2 + LWIP_DHCP)   /* DNS, SNTP, DHCP */
#define MEMP_NUM_TCP_PCB            2
#define MEMP_NUM_TCP_PCB_LISTEN     1
#define MEMP_NUM_ARP_QUEUE          4
#define PBUF_POOL_BUFSIZE           LWIP_MEM_ALIGN_SIZE(TCP_MSS + 40 + PBUF_LINK_ENCAPSULATION_HLEN + PBUF_LINK_HLEN)

/* protocols */
#define LWIP_IPV4                   1
#define LWIP_IPV6                   0
#define LWIP_ARP                    1
#define ETHARP_SUPPORT_STATIC_ENTRIES 0
#define LWIP_ETHERNET               1
#define LWIP_ICMP                   1
#define LWIP_RAW                    0
#ifdef IL_LWIP_DHCP
#define LWIP_DHCP                   IL_LWIP_DHCP   /* a board's option (FW_DHCP) */
#else
#define LWIP_DHCP                   0   /* boards set static addresses */
#endif
#define LWIP_AUTOIP                 0
#define LWIP_IGMP                   0
#define LWIP_UDP                    1
#define LWIP_DNS                    1
#define LWIP_TCP                    1
#define TCP_MSS                     1460
#define TCP_SND_QUEUELEN            ((4 * (TCP_SND_BUF) + (TCP_MSS - 1)) / (TCP_MSS))
#define TCP_QUEUE_OOSEQ             0
#define LWIP_TCP_KEEPALIVE          0
#define IP_REASSEMBLY               0
#define IP_FRAG                     0

/* SNTP (apps/sntp/sntp.c, linked by the boards that check certificate
 * dates): one server polled, or broadcasts heard; answers checked against
 * the server's address, port 123 and the request's timestamp. One more
 * timeout than lwIP counts for itself. */
#define SNTP_SET_SYSTEM_TIME(sec)   il_board_clock_set((uint32_t)(sec))
#define SNTP_GET_SYSTEM_TIME(sec, us) do { (sec) = il_board_clock_get(); (us) = 0; } while (0)
#define SNTP_SERVER_DNS             0
#define SNTP_CHECK_RESPONSE         2
#define SNTP_STARTUP_DELAY          0
#define SNTP_RECV_TIMEOUT           3000
#define SNTP_UPDATE_DELAY           3600000
#define MEMP_NUM_SYS_TIMEOUT        (LWIP_NUM_SYS_TIMEOUT_INTERNAL + 1)

#define LWIP_NETIF_HOSTNAME         0
#define LWIP_NETIF_STATUS_CALLBACK  0
#define LWIP_NETIF_LINK_CALLBACK    0

/* no statistics, no debug output */
#define LWIP_STATS                  0
#define LWIP_STATS_DISPLAY          0
#define LWIP_DEBUG                  0

#endif

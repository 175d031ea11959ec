/* SPDX-License-Identifier: Apache-2.0 */
/* arch/cc.h - lwIP compiler/platform glue for influx-lite (Linux and bare metal). */
#ifndef IL_LWIP_ARCH_CC_H
#define IL_LWIP_ARCH_CC_H

#include <stdint.h>

#if defined(__linux__)
#define LWIP_UNIX_LINUX 1          /* tapif.c opens /dev/net/tun */
#define LWIP_ERRNO_STDINCLUDE 1
#include <stdio.h>
#include <stdlib.h>
#define LWIP_PLATFORM_DIAG(x) do { printf x; } while (0)
#define LWIP_PLATFORM_ASSERT(x) do { \
        fprintf(stderr, "lwIP assertion \"%s\" failed at %s:%d\n", x, __FILE__, __LINE__); \
        abort(); } while (0)
#else
/* Bare metal: the board prints the message and stops (exit status 99). */
void il_board_fatal(const char *msg, const char *file, int line);
#define LWIP_PLATFORM_DIAG(x) do { } while (0)
#define LWIP_PLATFORM_ASSERT(x) il_board_fatal(x, __FILE__, __LINE__)
#endif

/* Random numbers for ports, TCP ISNs and DNS IDs: the board's entropy source. */
uint32_t il_board_rand(void);
#define LWIP_RAND() ((u32_t)il_board_rand())

/* Wall-clock time for lwIP's SNTP client (apps/sntp), when a program links
 * it: the board keeps the time received (Unix seconds) and reads it back
 * for the requests' transmit timestamps (0 while unset). */
void il_board_clock_set(uint32_t unix_sec);
uint32_t il_board_clock_get(void);

#endif

/* SPDX-License-Identifier: Apache-2.0 */
/* board.h - lwIP (NO_SYS=1) on Linux over a preconfigured TAP device. */
#ifndef IL_LINUX_LWIP_BOARD_H
#define IL_LINUX_LWIP_BOARD_H

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

/* lwip_init(), one netif on the TAP device tap (must exist and be up), with
 * IPv4 address ip/mask, gateway gw and DNS server dns (NULL: none).
 * 0 on success, -1 with a message on stderr. */
int board_net_init(const char *tap, const char *ip, const char *mask, const char *gw,
                   const char *dns);

/* The il_lwip poll hook: read frames from the TAP device for up to
 * max_wait_ms and run lwIP's timers. */
void board_poll(void *arg, uint32_t max_wait_ms);

/* mbedTLS's clock: the SNTP clock (on) or the system's (off, the default). */
void board_use_sntp_clock(bool on);
time_t il_tls_time(time_t *t);

#endif

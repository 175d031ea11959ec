/* SPDX-License-Identifier: Apache-2.0 */
/* board_clock.c - SNTP-set wall clock (board_clock.h), and mbedTLS's clock
 * on boards that check certificate dates (mbedtls_fw.h points
 * MBEDTLS_PLATFORM_TIME_MACRO at board_tls_time). */
#include "board_clock.h"

#include "lwip/apps/sntp.h"
#include "lwip/ip_addr.h"
#include "lwip/sys.h"

/* The last time received, and sys_now() when it was: time runs on from
 * there with lwIP's millisecond clock (SNTP polling sets it again every
 * hour, well inside that clock's 49 days). */
static uint32_t clock_base_sec;
static uint32_t clock_base_ms;

void il_board_clock_set(uint32_t unix_sec)
{
    if (unix_sec < BOARD_CLOCK_FLOOR) return;
    clock_base_ms = sys_now();
    clock_base_sec = unix_sec;
}

uint32_t board_clock_now(void)
{
    if (clock_base_sec == 0) return 0;
    return clock_base_sec + (sys_now() - clock_base_ms) / 1000u;
}

uint32_t il_board_clock_get(void)
{
    return board_clock_now();
}

bool board_clock_sync(const char *server, uint32_t wait_ms, il_lwip_poll_fn poll, void *poll_arg)
{
    uint32_t end = sys_now() + wait_ms;
    ip_addr_t addr;
    if (server[0] != '\0') {
        if (!ipaddr_aton(server, &addr)) return false;
        sntp_setoperatingmode(SNTP_OPMODE_POLL);
        sntp_setserver(0, &addr);
    } else {
        sntp_setoperatingmode(SNTP_OPMODE_LISTENONLY);
    }
    sntp_init();
    while (board_clock_now() == 0 && !il_lwip_time_reached(sys_now(), end)) poll(poll_arg, 10);
    return board_clock_now() != 0;
}

#ifdef MBEDTLS_PLATFORM_TIME_MACRO
#include <time.h>
#include "mbedtls/platform_time.h"

time_t board_tls_time(time_t *t)
{
    time_t now = (time_t)board_clock_now();
    if (t != NULL) *t = now;
    return now;
}

mbedtls_ms_time_t mbedtls_ms_time(void)
{
    return (mbedtls_ms_time_t)sys_now();
}
#endif

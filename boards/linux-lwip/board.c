/* SPDX-License-Identifier: Apache-2.0 */
/* board.c - lwIP on Linux: TAP netif (Debian's tapif.c), clocks, entropy, poll. */
#define _DEFAULT_SOURCE 1
#include "board.h"

#include <poll.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/random.h>
#include <time.h>
#include "board_clock.h"
#include "lwip/dns.h"
#include "lwip/init.h"
#include "lwip/ip_addr.h"
#include "lwip/netif.h"
#include "lwip/sys.h"
#include "lwip/timeouts.h"
#include "netif/ethernet.h"
#include "netif/tapif.h"

static struct netif tap_netif;

/* lwIP's clock (sys.h): milliseconds on the monotonic clock, wrapping. */
u32_t sys_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (u32_t)((uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u);
}

/* mbedTLS's clock (MBEDTLS_PLATFORM_TIME_MACRO il_tls_time): the SNTP clock
 * with --ntp, as on a board; else the system's, as port/mbedtls/clock_linux.c
 * (which this definition keeps out of the link). */
static bool use_sntp_clock;

void board_use_sntp_clock(bool on)
{
    use_sntp_clock = on;
}

time_t il_tls_time(time_t *t)
{
    struct timespec ts;
    time_t now = (time_t)-1;
    if (use_sntp_clock)
        now = (time_t)board_clock_now();
    else if (clock_gettime(CLOCK_REALTIME, &ts) == 0)
        now = ts.tv_sec;
    if (t != NULL) *t = now;
    return now;
}

uint32_t il_board_rand(void)
{
    uint32_t r = 0;
    if (getrandom(&r, sizeof r, 0) != (ssize_t)sizeof r) {
        r = (uint32_t)random();
    }
    return r;
}

int board_net_init(const char *tap, const char *ip, const char *mask, const char *gw,
                   const char *dns)
{
    ip4_addr_t a, m, g;
    if (!ip4addr_aton(ip, &a) || !ip4addr_aton(mask, &m) || !ip4addr_aton(gw, &g)) {
        fprintf(stderr, "linux-lwip: bad --ip, --mask or --gw\n");
        return -1;
    }
    /* tapif.c opens this device and never runs ifconfig when it is set */
    if (setenv("PRECONFIGURED_TAPIF", tap, 1) != 0) return -1;
    lwip_init();
    if (netif_add(&tap_netif, &a, &m, &g, NULL, tapif_init, ethernet_input) == NULL) {
        fprintf(stderr, "linux-lwip: netif_add failed\n");
        return -1;
    }
    netif_set_default(&tap_netif);
    netif_set_up(&tap_netif);
    if (dns != NULL) {
        ip_addr_t d;
        if (!ipaddr_aton(dns, &d)) {
            fprintf(stderr, "linux-lwip: bad --dns\n");
            return -1;
        }
        dns_setserver(0, &d);
    }
    return 0;
}

void board_poll(void *arg, uint32_t max_wait_ms)
{
    /* tapif keeps its fd in the first member of its state struct */
    int fd = *(const int *)tap_netif.state;
    struct pollfd p;
    u32_t t = sys_timeouts_sleeptime();
    (void)arg;
    if (t < max_wait_ms) max_wait_ms = t;
    p.fd = fd;
    p.events = POLLIN;
    p.revents = 0;
    /* read every frame that is waiting, then run the timers */
    while (poll(&p, 1, (int)max_wait_ms) > 0 && (p.revents & POLLIN)) {
        tapif_poll(&tap_netif);
        max_wait_ms = 0;
        p.revents = 0;
    }
    sys_check_timeouts();
}

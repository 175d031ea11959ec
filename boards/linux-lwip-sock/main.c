/* SPDX-License-Identifier: Apache-2.0 */
/* main.c - influx-lite over lwIP's sockets (NO_SYS=0) on a Linux TAP device:
 * the shape of a FreeRTOS+lwIP or ESP-IDF task. lwIP's tcpip thread and the
 * TAP reader thread run the stack (port/lwip-sock/sys_arch.c: POSIX threads,
 * no heap); this thread is the application task, which blocks in the socket
 * transport (port/lwip-sock), TLS on top for https. Same command line as
 * influx-lite-lwip (boards/linux-lwip/args.c), without --ntp.
 * Exit status: 0 when the token reads inactive, else the il_status_t. */
#define _DEFAULT_SOURCE 1
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include "args.h"
#include "il_client.h"
#include "il_config.h"
#include "il_lwipsock.h"
#include "il_url.h"
#include "lwip/dns.h"
#include "lwip/netifapi.h"
#include "lwip/sys.h"
#include "lwip/tcpip.h"
#include "netif/tapif.h"
#ifdef IL_HAVE_TLS
#include "il_tls_conn.h"
#endif

static uint8_t req_buf[IL_DEFAULT_REQUEST_BUF];
static uint8_t body_buf[IL_DEFAULT_BODY_BUF];
static il_url_t url;
static il_lwipsock_conn_t tcp;
#ifdef IL_HAVE_TLS
static il_tls_conn_t tls;
#endif
static il_client_t client;
static struct netif tap_netif;

/* lwIP's random numbers (arch/cc.h): ports, TCP sequence numbers, DNS IDs. */
uint32_t il_board_rand(void)
{
    uint32_t r = 0;
    if (getrandom(&r, sizeof r, 0) != (ssize_t)sizeof r) r = (uint32_t)random();
    return r;
}

static void tcpip_ready(void *arg)
{
    sys_sem_signal((sys_sem_t *)arg);
}

/* Start lwIP's thread, add the TAP netif (its reader thread feeds
 * tcpip_input) and set the DNS server: 0, or -1 with a message. */
static int net_init(const lwip_args_t *a)
{
    ip4_addr_t ip, mask, gw;
    ip_addr_t dns;
    sys_sem_t ready;
    if (!ip4addr_aton(a->ip, &ip) || !ip4addr_aton(a->mask, &mask) || !ip4addr_aton(a->gw, &gw) ||
        (a->dns != NULL && !ipaddr_aton(a->dns, &dns))) {
        fprintf(stderr, "linux-lwip-sock: bad --ip, --mask, --gw or --dns\n");
        return -1;
    }
    /* tapif.c opens this device and never runs ifconfig when it is set */
    if (setenv("PRECONFIGURED_TAPIF", a->tap, 1) != 0 || sys_sem_new(&ready, 0) != ERR_OK) return -1;
    tcpip_init(tcpip_ready, &ready);
    sys_sem_wait(&ready);
    sys_sem_free(&ready);
    if (netifapi_netif_add(&tap_netif, &ip, &mask, &gw, NULL, tapif_init, tcpip_input) != ERR_OK) {
        fprintf(stderr, "linux-lwip-sock: netif_add failed\n");
        return -1;
    }
    netifapi_netif_set_default(&tap_netif);
    netifapi_netif_set_up(&tap_netif);
    if (a->dns != NULL) {
        LOCK_TCPIP_CORE();
        dns_setserver(0, &dns);
        UNLOCK_TCPIP_CORE();
    }
    return 0;
}

/* TLS over *tcp_t when url is https: *t is what the client talks through. */
static il_status_t secure(const lwip_args_t *a, const il_transport_t *tcp_t, il_transport_t *t)
{
#ifdef IL_HAVE_TLS
    const il_tls_options_t opt = { .ca_file = a->ca, .skip_verify = a->skip_verify };
    il_status_t st;
    if (!url.tls) {
        *t = *tcp_t;
        return IL_OK;
    }
    st = il_tls_connect(&tls, tcp_t, url.host, &opt);
    if (st == IL_OK) il_tls_transport(&tls, t);
    return st;
#else
    (void)a;
    *t = *tcp_t;
    return url.tls ? IL_ERR_URL_SCHEME : IL_OK;
#endif
}

/* Connect, TLS, PATCH, close: the README's library example over sockets. */
static il_status_t inactivate(const lwip_args_t *a, uint32_t timeout_ms)
{
    il_transport_t tcp_t, t;
    il_result_t res;
    board_step_t step = BOARD_STEP_CONNECT;
    il_status_t st = il_lwipsock_connect(&tcp, url.host, url.port, sys_now() + timeout_ms);
    memset(&res, 0, sizeof res);
    if (st == IL_OK) {
        il_lwipsock_transport(&tcp, &tcp_t);
        step = BOARD_STEP_TLS;
        st = secure(a, &tcp_t, &t);
        if (st == IL_OK) {
            step = BOARD_STEP_INACTIVATE;
            il_client_init(&client, &t, url.host_header, a->token, req_buf, sizeof req_buf, body_buf,
                           sizeof body_buf, NULL);
            st = il_auth_inactivate(&client, a->id, &res);
#ifdef IL_HAVE_TLS
            if (url.tls) il_tls_close(&tls);
#endif
        }
        il_lwipsock_close(&tcp);
    }
    return lwip_print_result(&url, st, step, &res);
}

int main(int argc, char **argv)
{
    lwip_args_t a;
    long timeout_ms;
    il_status_t st;
    st = lwip_args_start(argc, argv, false, &a, &timeout_ms, &url);   /* (no SNTP here: no --ntp) */
    if (st != IL_OK) return (int)st;
    if (net_init(&a) != 0) return IL_ERR_ARG;
    return (int)inactivate(&a, (uint32_t)timeout_ms);
}

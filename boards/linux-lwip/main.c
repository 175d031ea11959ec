/* SPDX-License-Identifier: Apache-2.0 */
/* main.c - influx-lite over lwIP on a Linux TAP device: inactivate a token.
 *
 *   influx-lite-lwip --tap tap0 --ip 10.200.0.2 --mask 255.255.255.0 --gw 10.200.0.1
 *                    [--dns ADDR] --host http://10.200.0.1:8086 --token T --id ID
 *                    [--timeout-ms 10000] [--ca FILE] [--skip-verify] [--ntp ADDR]
 *                    [--proxy 10.200.0.1:3128]   (an HTTP proxy: CONNECT, port/proxy)
 *
 * The same code path as the firmware (boards/common/board_inactivate.c):
 * lwIP NO_SYS=1 raw TCP (port/lwip), mbedTLS on top for https
 * (port/mbedtls), core/ for HTTP and JSON. No heap use by influx-lite or
 * lwIP: every buffer below is static. With --ntp, certificate dates are
 * checked against the time lwIP's SNTP client got from that server
 * (boards/common/board_clock.c), as on a board, never the host's clock;
 * with no answer, https makes no handshake (IL_ERR_TLS_NO_TIME).
 * Exit status: 0 when the token reads inactive, else the il_status_t. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "args.h"
#include "board.h"
#include "board_clock.h"
#include "board_inactivate.h"
#include "il_client.h"
#include "il_config.h"
#include "il_url.h"

static uint8_t req_buf[IL_DEFAULT_REQUEST_BUF];
static uint8_t body_buf[IL_DEFAULT_BODY_BUF];
static il_url_t url;
static board_conn_t conn;

/* --proxy ADDR:PORT into proxy_host and *port: false when malformed. */
static char proxy_host[64];

static bool proxy_parse(const char *arg, uint16_t *port)
{
    const char *colon = strrchr(arg, ':');
    long v = colon != NULL ? strtol(colon + 1, NULL, 10) : 0;
    if (colon == NULL || colon == arg || (size_t)(colon - arg) >= sizeof proxy_host || v < 1 || v > 65535)
        return false;
    memcpy(proxy_host, arg, (size_t)(colon - arg));
    proxy_host[colon - arg] = '\0';
    *port = (uint16_t)v;
    return true;
}

/* Inactivate a->id on the server of url; prints the outcome. */
static il_status_t inactivate(const lwip_args_t *a, long timeout_ms)
{
    uint16_t proxy_port = 0;
    if (a->proxy != NULL && !proxy_parse(a->proxy, &proxy_port)) {
        fprintf(stderr, "error: --proxy: ADDR:PORT expected\n");
        return IL_ERR_ARG;
    }
    const il_tls_options_t opt = { .ca_file = a->ca, .skip_verify = a->skip_verify };
    board_job_t job = {
        .host = url.host,
        .port = url.port,
        .host_header = url.host_header,
        .tls_name = url.tls ? url.host : NULL,
        .tls_opt = &opt,
        .token = a->token,
        .id = a->id,
        .timeout_ms = (uint32_t)timeout_ms,
        .linger_ms = 200,
        .poll = board_poll,
        BOARD_JOB_BUFFERS(req_buf, body_buf),
        .proxy_host = a->proxy != NULL ? proxy_host : NULL,
        .proxy_port = proxy_port,
    };
    il_result_t res;
    board_step_t step;
    il_status_t st;

    if (a->ntp != NULL) {
        job.clock = board_clock_now;
        job.clock_floor = BOARD_CLOCK_FLOOR;
        if (board_clock_sync(a->ntp, (uint32_t)timeout_ms, board_poll, NULL))
            printf("sntp: unix time %lu\n", (unsigned long)board_clock_now());
        else
            fprintf(stderr, "sntp: no answer from %s\n", a->ntp);
    }
    memset(&res, 0, sizeof res);
    st = board_inactivate(&conn, &job, &res, &step);
    return lwip_print_result(&url, st, step, &res);
}

int main(int argc, char **argv)
{
    lwip_args_t a;
    long timeout_ms;
    il_status_t st;

    st = lwip_args_start(argc, argv, true, &a, &timeout_ms, &url);
    if (st != IL_OK) return (int)st;
#ifndef IL_HAVE_TLS
    if (url.tls) {
        fprintf(stderr, "error: built without TLS (port/mbedtls)\n");
        return IL_ERR_URL_SCHEME;
    }
#endif
    if (board_net_init(a.tap, a.ip, a.mask, a.gw, a.dns) != 0) return IL_ERR_ARG;
    board_use_sntp_clock(a.ntp != NULL);
    return (int)inactivate(&a, timeout_ms);
}

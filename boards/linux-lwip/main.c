/* SPDX-License-Identifier: Apache-2.0 */
/* main.c - influx-lite over lwIP on a Linux TAP device: inactivate a token.
 *
 *   influx-lite-lwip --tap tap0 --ip 10.200.0.2 --mask 255.255.255.0 --gw 10.200.0.1
 *                    [--dns ADDR] --host http://10.200.0.1:8086 --token T --id ID
 *                    [--timeout-ms 10000] [--ca FILE] [--skip-verify]
 *
 * The same code path as the firmware: lwIP NO_SYS=1 raw TCP (port/lwip),
 * mbedTLS on top for https (port/mbedtls), core/ for HTTP and JSON. No heap
 * use by influx-lite or lwIP: every buffer below is static.
 * Exit status: 0 when the token reads inactive, else the il_status_t. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "board.h"
#include "il_client.h"
#include "il_config.h"
#include "il_lwip.h"
#include "il_url.h"
#include "lwip/sys.h"
#ifdef IL_HAVE_TLS
#include "il_tls.h"
#include "il_tls_conn.h"
#endif

static uint8_t req_buf[IL_DEFAULT_REQUEST_BUF];
static uint8_t body_buf[IL_DEFAULT_BODY_BUF];
static jsmntok_t toks[IL_DEFAULT_JSON_TOKENS];
static il_permission_t perms[IL_DEFAULT_PERMISSIONS];
static il_url_t url;
static il_lwip_conn_t conn;
#ifdef IL_HAVE_TLS
static il_tls_conn_t tls;
#endif

static void usage(void)
{
    fprintf(stderr,
            "usage: influx-lite-lwip --tap DEV --ip A --mask M --gw G [--dns D] --host URL\n"
            "                        --token T --id ID [--timeout-ms N] [--ca FILE] [--skip-verify]\n");
}

int main(int argc, char **argv)
{
    const char *tap = "tap0", *ip = NULL, *mask = "255.255.255.0", *gw = NULL, *dns = NULL;
    const char *host = NULL, *token = NULL, *id = NULL, *ca = NULL;
    bool skip_verify = false;
    long timeout_ms = 10000;
    il_transport_t tcp_t, *t = &tcp_t;
    il_json_scratch_t js = { toks, IL_DEFAULT_JSON_TOKENS, perms, IL_DEFAULT_PERMISSIONS };
    il_client_t client;
    il_result_t res;
    il_status_t st;
    int i;

    memset(&res, 0, sizeof res);
    for (i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (strcmp(a, "--skip-verify") == 0) { skip_verify = true; continue; }
        if (v == NULL) { usage(); return IL_ERR_ARG; }
        if (strcmp(a, "--tap") == 0) tap = v;
        else if (strcmp(a, "--ip") == 0) ip = v;
        else if (strcmp(a, "--mask") == 0) mask = v;
        else if (strcmp(a, "--gw") == 0) gw = v;
        else if (strcmp(a, "--dns") == 0) dns = v;
        else if (strcmp(a, "--host") == 0) host = v;
        else if (strcmp(a, "--token") == 0) token = v;
        else if (strcmp(a, "--id") == 0) id = v;
        else if (strcmp(a, "--ca") == 0) ca = v;
        else if (strcmp(a, "--timeout-ms") == 0) timeout_ms = strtol(v, NULL, 10);
        else { usage(); return IL_ERR_ARG; }
        i++;
    }
    if (ip == NULL || gw == NULL || host == NULL || id == NULL || timeout_ms <= 0 ||
        timeout_ms > 600000) {
        usage();
        return IL_ERR_ARG;
    }
    st = il_url_parse(host, &url);
    if (st != IL_OK) {
        fprintf(stderr, "error: --host: %s\n", il_status_str(st));
        return (int)st;
    }
#ifndef IL_HAVE_TLS
    if (url.tls) {
        fprintf(stderr, "error: built without TLS (port/mbedtls)\n");
        return IL_ERR_URL_SCHEME;
    }
    (void)ca;
    (void)skip_verify;
#endif
    if (board_net_init(tap, ip, mask, gw, dns) != 0) return IL_ERR_ARG;

    st = il_lwip_connect(&conn, url.host, url.port, sys_now() + (uint32_t)timeout_ms,
                         board_poll, NULL);
    if (st != IL_OK) {
        fprintf(stderr, "error: connect %s:%u: %s\n", url.host, url.port, il_status_str(st));
        return (int)st;
    }
    il_lwip_transport(&conn, &tcp_t);
#ifdef IL_HAVE_TLS
    il_transport_t tls_t;
    if (url.tls) {
        il_tls_options_t opt;
        memset(&opt, 0, sizeof opt);
        opt.ca_file = ca;
        opt.skip_verify = skip_verify;
        st = il_tls_connect(&tls, &tcp_t, url.host, &opt);
        if (st != IL_OK) {
            fprintf(stderr, "error: TLS: %s\n", il_status_str(st));
            il_lwip_close(&conn);
            return (int)st;
        }
        il_tls_transport(&tls, &tls_t);
        t = &tls_t;
    }
#endif
    il_client_init(&client, t, url.host_header, token, req_buf, sizeof req_buf,
                   body_buf, sizeof body_buf, &js);
    st = il_auth_inactivate(&client, id, &res);
#ifdef IL_HAVE_TLS
    if (url.tls) il_tls_close(&tls);
#endif
    il_lwip_close(&conn);
    /* let lwIP send the FIN before the process ends */
    {
        uint32_t end = sys_now() + 200u;
        while (!il_lwip_time_reached(sys_now(), end)) board_poll(NULL, 10);
    }
    if (st == IL_OK) {
        printf("inactivated %.*s: status %.*s\n", (int)res.auth.id.n, res.auth.id.p,
               (int)res.auth.status.n, res.auth.status.p);
        return 0;
    }
    fprintf(stderr, "error: %s", il_status_str(st));
    if (res.http_status != 0) fprintf(stderr, " (HTTP %s)", res.status_text);
    if (res.http_status >= 300 && res.error_decode == IL_OK)
        fprintf(stderr, ": %.*s", (int)res.error.message.n,
                res.error.message.p ? res.error.message.p : "");
    fprintf(stderr, "\n");
    return (int)st;
}

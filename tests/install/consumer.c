/* SPDX-License-Identifier: Apache-2.0 */
/* consumer.c - a program of a library user, built only against an installed
 * influx-lite (pkg-config, or CMake's find_package): inactivate one token
 * over HTTPS, as the README's library example does over lwIP; built with
 * CONSUMER_NO_TLS (the add_subdirectory test: core and POSIX port only),
 * over HTTP, CA_FILE ignored.
 *   consumer HOST PORT CA_FILE TOKEN ID
 * Prints "inactive ID" and exits 0, or prints the status and exits 1; exits
 * 3 when its il_tls_conn_t does not have the library's size (the installed
 * mbedTLS configuration would then differ from the library's). */
#include <stdio.h>
#include <stdlib.h>

#include "il_client.h"
#include "il_posix.h"
#ifndef CONSUMER_NO_TLS
#include "il_tls.h"
#include "il_tls_conn.h"
#endif

static uint8_t req[IL_DEFAULT_REQUEST_BUF], body[IL_DEFAULT_BODY_BUF];
static il_posix_conn_t tcp;
static il_client_t client;

#ifdef CONSUMER_NO_TLS
/* HTTP: the inactivation over the TCP transport itself */
static il_status_t exchange(const il_transport_t *tcp_t, char **argv, const char *host_header, il_json_scratch_t *js)
{
    il_result_t res;
    il_client_init(&client, tcp_t, host_header, argv[4], req, sizeof req, body, sizeof body, js);
    return il_auth_inactivate(&client, argv[5], &res);
}
#else
static il_tls_conn_t tls;

/* HTTPS: TLS over the TCP transport (chain and name verified against CA_FILE), then the inactivation */
static il_status_t exchange(const il_transport_t *tcp_t, char **argv, const char *host_header, il_json_scratch_t *js)
{
    il_tls_options_t opt = {0};
    il_transport_t tls_t;
    il_result_t res;
    il_status_t st;
    if (il_tls_conn_size() != sizeof(il_tls_conn_t)) {
        fprintf(stderr, "il_tls_conn_t: %zu bytes here, %zu in the library\n", sizeof(il_tls_conn_t),
                il_tls_conn_size());
        exit(3);
    }
    opt.ca_file = argv[3];
    st = il_tls_connect(&tls, tcp_t, argv[1], &opt);
    if (st != IL_OK) return st;
    il_tls_transport(&tls, &tls_t);
    il_client_init(&client, &tls_t, host_header, argv[4], req, sizeof req, body, sizeof body, js);
    st = il_auth_inactivate(&client, argv[5], &res);
    il_tls_close(&tls);
    return st;
}
#endif

int main(int argc, char **argv)
{
    il_json_scratch_t js = {NULL, NULL, NULL, 0};   /* permissions counted, 64 levels of nesting */
    il_transport_t tcp_t;
    char host_header[300];
    il_status_t st;
    if (argc != 6) {
        fprintf(stderr, "usage: consumer HOST PORT CA_FILE TOKEN ID\n");
        return 2;
    }
    snprintf(host_header, sizeof host_header, "%s:%s", argv[1], argv[2]);
    st = il_posix_connect(&tcp, argv[1], (uint16_t)atoi(argv[2]), il_posix_now_ms() + 10000);
    if (st == IL_OK) {
        il_posix_set_deadline(&tcp, il_posix_now_ms() + 10000);
        il_posix_transport(&tcp, &tcp_t);
        st = exchange(&tcp_t, argv, host_header, &js);
        il_posix_close(&tcp);
    }
    if (st != IL_OK) {
        printf("%s\n", il_status_str(st));
        return 1;
    }
    printf("inactive %s\n", argv[5]);
    return 0;
}

/* SPDX-License-Identifier: Apache-2.0 */
/* tls_probe.c - drives port/mbedtls over port/posix for tests/tls/test_tls.py.
 *
 *   tls_probe HOST PORT [--name N] [--ca FILE] [--ca-pem FILE] [--skip-verify]
 *             [--pin HEX64] [--timeout MS] [--get] [--repeat N] [--ca-next FILE]
 *
 * With --get, the connection is first checked to refuse empty buffers as
 * il_transport.h asks (status "invalid argument" if it does not).
 * Prints key=value lines: status, code, ms, first_line (with --get),
 * version and suite (what the last handshake negotiated, e.g. TLSv1.3 and
 * TLS1-3-AES-128-GCM-SHA256), alert (il_tls_alert after a failure),
 * pool_peak, pool_size, conn_size, mallocs, lower_sends and lower_recvs
 * (calls the TLS port made to the TCP transport, all rounds). Exit 0
 * whenever it ran.
 * --repeat N connects N times in one process (the status is the last one's;
 * pool_peak_first is the peak after the first round: a leak would grow it);
 * --ca-next FILE is the CA file from the second round on (code_first is
 * the first round's status code).
 *
 * Built with -Wl,--wrap=malloc,--wrap=calloc,--wrap=realloc,--wrap=free and
 * tests/lib/wrap_malloc.c: every heap call made by the objects linked into
 * this program (the TLS port, the mbedTLS archives, port/posix) is counted
 * from the moment the TCP connection is up (getaddrinfo inside libc
 * allocates, and libc's own internal calls are not redirected by --wrap
 * anyway). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "il_posix.h"
#include "il_tls.h"
#include "il_tls_conn.h"
#include "wrap_malloc.h"

static unsigned char pem_buf[256 * 1024];
static il_tls_conn_t conn;

/* The lower transport, counted: sends and receives the TLS port makes. */
static il_transport_t counted;
static unsigned long lower_sends, lower_recvs;

static int32_t count_send(void *ctx, const uint8_t *data, size_t len)
{
    lower_sends++;
    return counted.send(ctx, data, len);
}

static int32_t count_recv(void *ctx, uint8_t *buf, size_t cap)
{
    lower_recvs++;
    return counted.recv(ctx, buf, cap);
}

static int unhex(const char *s, uint8_t out[32])
{
    size_t i;
    if (strlen(s) != 64) return -1;
    for (i = 0; i < 32; i++) {
        unsigned v;
        if (sscanf(s + 2 * i, "%2x", &v) != 1) return -1;
        out[i] = (uint8_t)v;
    }
    return 0;
}

int main(int argc, char **argv)
{
    il_tls_options_t opt;
    il_posix_conn_t tcp;
    il_transport_t lower, tls;
    uint8_t pin[32];
    const char *name, *host, *ca_next = NULL;
    long timeout_ms = 5000;
    int do_get = 0, i, repeat = 1, round, up;
    size_t peak_first = 0;
    int64_t t0 = 0;
    il_status_t st = IL_ERR_ARG;

    wrap_malloc_counting(false);   /* from the TCP connection on, below */
    if (argc < 3) {
        fprintf(stderr, "usage: tls_probe HOST PORT [options]\n");
        return 2;
    }
    memset(&opt, 0, sizeof(opt));
    host = name = argv[1];
    for (i = 3; i < argc; i++) {
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (strcmp(a, "--skip-verify") == 0) { opt.skip_verify = true; continue; }
        if (strcmp(a, "--get") == 0) { do_get = 1; continue; }
        if (v == NULL) { fprintf(stderr, "missing value for %s\n", a); return 2; }
        i++;
        if (strcmp(a, "--name") == 0) name = v;
        else if (strcmp(a, "--ca") == 0) opt.ca_file = v;
        else if (strcmp(a, "--timeout") == 0) timeout_ms = strtol(v, NULL, 10);
        else if (strcmp(a, "--repeat") == 0) repeat = atoi(v);
        else if (strcmp(a, "--ca-next") == 0) ca_next = v;
        else if (strcmp(a, "--pin") == 0) {
            if (unhex(v, pin) != 0) { fprintf(stderr, "bad pin\n"); return 2; }
            opt.pin_sha256 = pin;
        } else if (strcmp(a, "--ca-pem") == 0) {
            FILE *f = fopen(v, "rb");
            size_t n;
            if (f == NULL) { perror(v); return 2; }
            n = fread(pem_buf, 1, sizeof(pem_buf) - 1, f);
            fclose(f);
            pem_buf[n] = '\0';
            opt.ca_pem = pem_buf;
            opt.ca_pem_len = n + 1;
        } else { fprintf(stderr, "unknown option %s\n", a); return 2; }
    }

    for (round = 0; round < repeat; round++) {
    t0 = il_posix_now_ms();
    st = il_posix_connect(&tcp, host, (uint16_t)atoi(argv[2]), t0 + timeout_ms);
    if (st == IL_OK) {
        il_posix_transport(&tcp, &counted);
        lower = counted;
        lower.send = count_send;
        lower.recv = count_recv;
        wrap_malloc_counting(true);
        st = il_tls_connect(&conn, &lower, name, &opt);
        up = st == IL_OK;
        if (up)
            printf("version=%s\nsuite=%s\n", mbedtls_ssl_get_version(&conn.ssl),
                   mbedtls_ssl_get_ciphersuite(&conn.ssl));
        if (st == IL_OK && do_get) {
            static const char req[] = "GET / HTTP/1.0\r\nHost: localhost\r\n\r\n";
            static char resp[32768];
            size_t got = 0;
            int32_t n;
            il_tls_transport(&conn, &tls);
            /* il_transport.h: empty buffers are refused with -IL_ERR_ARG,
             * touching nothing (the GET below must still work) */
            if (tls.send(tls.ctx, (const uint8_t *)req, 0) != -(int32_t)IL_ERR_ARG ||
                tls.recv(tls.ctx, (uint8_t *)resp, 0) != -(int32_t)IL_ERR_ARG ||
                tls.send(tls.ctx, NULL, 4) != -(int32_t)IL_ERR_ARG ||
                tls.recv(tls.ctx, NULL, 4) != -(int32_t)IL_ERR_ARG) {
                printf("empty_buffers=accepted\n");
                st = IL_ERR_ARG;
            }
            n = st != IL_OK ? -(int32_t)st : tls.send(tls.ctx, (const uint8_t *)req, sizeof(req) - 1);
            if (n != (int32_t)(sizeof(req) - 1)) st = n < 0 ? (il_status_t)-n : IL_ERR_SEND;
            while (st == IL_OK && got < sizeof(resp) - 1) {
                n = tls.recv(tls.ctx, (uint8_t *)resp + got, sizeof(resp) - 1 - got);
                if (n == 0) break;
                if (n < 0) { st = (il_status_t)-n; break; }
                got += (size_t)n;
            }
            resp[got] = '\0';
            resp[strcspn(resp, "\r\n")] = '\0';
            printf("first_line=%s\nresp_bytes=%zu\n", resp, got);
        }
        if (up) il_tls_close(&conn);   /* also after a failed GET: the session is still open */
        wrap_malloc_counting(false);
        il_posix_close(&tcp);
    }
    if (round == 0) {
        peak_first = il_tls_pool_peak();
        printf("code_first=%d\n", (int)st);
        if (ca_next != NULL) opt.ca_file = ca_next;
    }
    }
    printf("status=%s\ncode=%d\nms=%lld\nalert=%d\n", il_status_str(st), (int)st,
           (long long)(il_posix_now_ms() - t0), il_tls_alert(&conn));
    printf("pool_peak_first=%zu\npool_in_use=%zu\n", peak_first, il_tls_pool_in_use());
    printf("pool_peak=%zu\npool_size=%zu\nconn_size=%zu\nmallocs=%lu\n",
           il_tls_pool_peak(), il_tls_pool_size(), il_tls_conn_size(), wrap_malloc_calls());
    printf("lower_sends=%lu\nlower_recvs=%lu\n", lower_sends, lower_recvs);
    return 0;
}

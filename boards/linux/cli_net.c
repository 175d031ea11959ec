/* SPDX-License-Identifier: Apache-2.0 */
/* cli_net.c - connection handling for the CLI (see cli_net.h). */
#include "cli_net.h"

#include <string.h>
#include <time.h>
#include <unistd.h>

#ifdef IL_HAVE_TLS
#include "../../port/mbedtls/il_tls_conn.h"
#include "cli_out.h"
/* The TLS session (about 2 KB; mbedTLS's own memory is the port's pool). */
static il_tls_conn_t tls_conn CLI_PAGE_START;   /* one page, not two */
#endif

void cli_net_init(cli_net_t *n, const il_url_t *url, bool skip_verify, bool debug,
                  int64_t deadline_ms)
{
    memset(n, 0, sizeof *n);
    n->url = url;
    n->skip_verify = skip_verify;
    n->debug = debug;
    n->deadline_ms = deadline_ms;
    n->tcp.fd = -1;
    n->dbg_line_start = true;
}

void cli_net_set_tls(cli_net_t *n, const char *ca_file, const uint8_t *pin_sha256)
{
    n->ca_file = ca_file;
    n->pin_sha256 = pin_sha256;
}

void cli_net_set_deadline(cli_net_t *n, int64_t deadline_ms)
{
    n->deadline_ms = deadline_ms;
    il_posix_set_deadline(&n->tcp, deadline_ms);
}

/* Counts the bytes received through the connection (what the client sees,
 * after TLS): "did any answer byte arrive" for the retry rules. */
static int32_t cnt_send(void *ctx, const uint8_t *data, size_t len)
{
    cli_net_t *n = ctx;
    return n->cnt_lower->send(n->cnt_lower->ctx, data, len);
}

static int32_t cnt_recv(void *ctx, uint8_t *buf, size_t cap)
{
    cli_net_t *n = ctx;
    int32_t r = n->cnt_lower->recv(n->cnt_lower->ctx, buf, cap);
    if (r > 0) n->rx_bytes += (uint64_t)r;
    return r;
}

static const char redact_pat[] = "authorization:";

size_t cli_net_redact(cli_net_t *n, const uint8_t *data, size_t len, char *out, size_t cap)
{
    size_t o = 0;
#define EMIT(ch) do { if (o < cap) out[o++] = (char)(ch); } while (0)
    for (size_t i = 0; i < len; i++) {
        uint8_t c = data[i];
        if (n->dbg_redacting) {
            if (c == '\r' || c == '\n') {
                n->dbg_redacting = false;
                EMIT(c);
                n->dbg_line_start = c == '\n';
            }
            continue;
        }
        if (n->dbg_line_start || n->dbg_match > 0) {
            uint8_t lc = (c >= 'A' && c <= 'Z') ? (uint8_t)(c - 'A' + 'a') : c;
            if (lc == (uint8_t)redact_pat[n->dbg_match]) {
                n->dbg_held[n->dbg_match++] = (char)c;
                n->dbg_line_start = false;
                if (n->dbg_match == sizeof redact_pat - 1) {
                    const char *r = "Authorization: Token <redacted>";
                    while (*r) EMIT(*r++);
                    n->dbg_match = 0;
                    n->dbg_redacting = true;
                }
                continue;
            }
            for (unsigned k = 0; k < n->dbg_match; k++) EMIT(n->dbg_held[k]);
            n->dbg_match = 0;
        }
        EMIT(c);
        n->dbg_line_start = c == '\n';
    }
#undef EMIT
    return o;
}

static void write_all(int fd, const char *p, size_t len)
{
    while (len > 0) {
        ssize_t w = write(fd, p, len);
        if (w <= 0) return;
        p += w;
        len -= (size_t)w;
    }
}

/* log.Printf's prefix, then a newline, as the official --http-debug. */
static void dbg_stamp(cli_net_t *n, int dir)
{
    if (n->dbg_last_dir == dir) return;
    n->dbg_last_dir = dir;
    if (n->dbg_sending) write_all(2, "\n", 1);   /* the last dump did not end a line */
    n->dbg_sending = false;
    char s[40];
    time_t t = time(NULL);
    struct tm tm;
    size_t k = 0;
    if (localtime_r(&t, &tm) != NULL) k = strftime(s, sizeof s, "%Y/%m/%d %H:%M:%S \n", &tm);
    if (k == 0) {
        memcpy(s, "\n", 1);
        k = 1;
    }
    write_all(2, s, k);
}

static int32_t dbg_send(void *ctx, const uint8_t *data, size_t len)
{
    cli_net_t *n = ctx;
    int32_t r = n->dbg_lower->send(n->dbg_lower->ctx, data, len);
    if (r > 0) {
        char out[2048];
        size_t off = 0;
        dbg_stamp(n, 1);
        while (off < (size_t)r) {
            size_t chunk = (size_t)r - off > 1024 ? 1024 : (size_t)r - off;
            size_t k = cli_net_redact(n, data + off, chunk, out, sizeof out);
            write_all(2, out, k);
            if (k > 0) n->dbg_sending = out[k - 1] != '\n';
            off += chunk;
        }
    }
    return r;
}

static int32_t dbg_recv(void *ctx, uint8_t *buf, size_t cap)
{
    cli_net_t *n = ctx;
    int32_t r = n->dbg_lower->recv(n->dbg_lower->ctx, buf, cap);
    if (r > 0) {
        dbg_stamp(n, 2);
        write_all(2, (const char *)buf, (size_t)r);
        n->dbg_sending = buf[r - 1] != '\n';
    }
    return r;
}

il_status_t cli_net_connect(cli_net_t *n)
{
    il_status_t st;
    n->tcp_up = false;
    st = il_posix_connect(&n->tcp, n->url->host, n->url->port, n->deadline_ms);
    if (st != IL_OK) return st;
    n->tcp_up = true;
    il_posix_set_deadline(&n->tcp, n->deadline_ms);
    il_posix_transport(&n->tcp, &n->tcp_t);
    n->cur = &n->tcp_t;
    if (n->url->tls) {
#ifdef IL_HAVE_TLS
        il_tls_conn_t *tc = &tls_conn;
        il_tls_options_t opt;
        memset(&opt, 0, sizeof opt);
        opt.skip_verify = n->skip_verify;
        opt.ca_file = n->ca_file;
        opt.pin_sha256 = n->pin_sha256;
        st = il_tls_connect(tc, &n->tcp_t, n->url->host, &opt);
        if (st != IL_OK) {
            il_posix_close(&n->tcp);
            return st;
        }
        il_tls_transport(tc, &n->tls_t);
        n->tls_open = true;
        n->tls_handshakes++;
        n->cur = &n->tls_t;
#else
        il_posix_close(&n->tcp);
        return IL_ERR_TLS_CONFIG;
#endif
    }
    if (n->debug) {
        n->dbg_lower = n->cur;
        n->dbg_t.ctx = n;
        n->dbg_t.send = dbg_send;
        n->dbg_t.recv = dbg_recv;
        n->cur = &n->dbg_t;
    }
    n->cnt_lower = n->cur;
    n->cnt_t.ctx = n;
    n->cnt_t.send = cnt_send;
    n->cnt_t.recv = cnt_recv;
    n->cur = &n->cnt_t;
    n->connects++;
    n->connected = true;
    return IL_OK;
}

void cli_net_close(cli_net_t *n)
{
#ifdef IL_HAVE_TLS
    if (n->tls_open) il_tls_close(&tls_conn);
#endif
    n->tls_open = false;
    il_posix_close(&n->tcp);
    n->connected = false;
}

/* SPDX-License-Identifier: Apache-2.0 */
/* board_app.c - the firmware's one job (board_app.h). Prints on the
 * board's console without printf (newlib's pulls in malloc); never prints
 * the token. */
#include "board_app.h"

#include <string.h>
#include "board.h"
#include "board_clock.h"
#include "board_inactivate.h"
#include "il_client.h"
#include "il_config.h"
#include "lwip/init.h"

#ifndef FW_BODY_BUF
#define FW_BODY_BUF 4096
#endif
#ifndef FW_TIMEOUT_MS
#define FW_TIMEOUT_MS 10000u
#endif
#ifndef FW_RETRIES
#define FW_RETRIES 1u
#endif
#ifndef FW_SNTP_WAIT_MS
#define FW_SNTP_WAIT_MS 10000u
#endif
/* certificate dates are checked: https images built with a clock */
#if defined(IL_HAVE_TLS) && !IL_TLS_NO_TIME
#define FW_CLOCK 1
#else
#define FW_CLOCK 0
#endif

static uint8_t req_buf[IL_DEFAULT_REQUEST_BUF];
static uint8_t body_buf[FW_BODY_BUF];
static board_conn_t conn;
static il_result_t res;
static char host_header[BOARD_CRED_HOST_MAX + 8];
#ifdef IL_HAVE_TLS
extern const unsigned char fw_ca_pem[];   /* the image's CA (pem2c.py), unless the page holds one */
extern const size_t fw_ca_pem_len;
static il_tls_options_t tls_opt;
#endif

static void put_status(const char *what, int st, const char *text)
{
    board_puts(what);
    board_puts(text);
    board_puts(" (");
    board_putu((uint32_t)st);
    board_puts(")\n");
}

/* "<what><used> of <size> bytes<tail>\n" */
static void put_usage(const char *what, size_t used, size_t size, const char *tail)
{
    board_puts(what);
    board_putu((uint32_t)used);
    board_puts(" of ");
    board_putu((uint32_t)size);
    board_puts(" bytes");
    board_puts(tail);
    board_puts("\n");
}

static void put_result(il_status_t st, board_step_t step)
{
    if (step == BOARD_STEP_CONNECT || step == BOARD_STEP_TLS) {
        put_status(step == BOARD_STEP_CONNECT ? "error: connect: " : "error: TLS: ", (int)st, il_status_str(st));
        return;
    }
    if (step == BOARD_STEP_CONFIRMED) {
        board_puts("inactivated (confirmed by the retry: token is inactive)\n");
    } else if (st == IL_OK) {
        board_puts("inactivated ");
        board_putn(res.auth.id.p, res.auth.id.n);
        board_puts(": status ");
        board_putn(res.auth.status.p, res.auth.status.n);
        board_puts(", ");
        board_putu((uint32_t)res.auth.perms_count);
        board_puts(" permissions\n");
        if (res.dropped > 0) {   /* what the body buffer could not keep: the revocation stands */
            board_puts("strings not kept: ");
            board_putu((uint32_t)res.dropped);
            board_puts("\n");
        }
    } else {
        board_puts("error: ");
        board_puts(il_status_str(st));
        if (res.http_status != 0) {
            board_puts(" (HTTP ");
            board_putu((uint32_t)res.http_status);
            board_puts(")");
        }
        board_puts("\n");
    }
}

/* "host:port", the Host header. */
static void make_host_header(const board_cred_t *c)
{
    char digits[6];
    size_t n = strlen(c->host), k = sizeof digits;
    unsigned port = c->port;
    memcpy(host_header, c->host, n);
    host_header[n++] = ':';
    do {
        digits[--k] = (char)('0' + port % 10u);
        port /= 10u;
    } while (port != 0);
    memcpy(host_header + n, digits + k, sizeof digits - k);
    host_header[n + sizeof digits - k] = '\0';
}

#ifdef IL_HAVE_TLS
static const char *tls_setup(const board_cred_t *c)
{
    if (!(c->flags & BOARD_CRED_HTTPS)) return NULL;
    tls_opt.ca_pem = c->ca_pem != NULL ? c->ca_pem : fw_ca_pem;
    tls_opt.ca_pem_len = c->ca_pem != NULL ? c->ca_pem_len : fw_ca_pem_len;
    tls_opt.pin_sha256 = c->pin;
    return c->tls_name;
}
#endif

#if FW_CLOCK
static void clock_setup(const board_cred_t *c)
{
    if (!(c->flags & BOARD_CRED_HTTPS)) return;
    board_puts(c->ntp[0] != '\0' ? "sntp: polling " : "sntp: listening for broadcasts");
    board_puts(c->ntp);
    board_puts("\n");
    if (board_clock_sync(c->ntp, FW_SNTP_WAIT_MS, board_poll, NULL)) {
        board_puts("sntp: unix time ");
        board_putu(board_clock_now());
        board_puts("\n");
    } else {
        board_puts("sntp: no time\n");
    }
}
#endif

static int run(const board_cred_t *c)
{
    board_job_t job = {
        .host = c->host, .port = c->port, .host_header = host_header,
        .token = c->token, .id = c->id,
        .timeout_ms = FW_TIMEOUT_MS, .linger_ms = 100, .retries = FW_RETRIES,
        .self = (c->flags & BOARD_CRED_SELF) != 0,
        .poll = board_poll,
        BOARD_JOB_BUFFERS(req_buf, body_buf),
    };
    board_step_t step;
    il_status_t st;
#ifdef IL_HAVE_TLS
    job.tls_name = tls_setup(c);
    job.tls_opt = &tls_opt;
#endif
#if FW_CLOCK
    job.clock = board_clock_now;
    job.clock_floor = BOARD_CLOCK_FLOOR;
    clock_setup(c);
#endif
    make_host_header(c);
    board_puts("connecting to ");
    board_puts(host_header);
    board_puts(job.tls_name != NULL ? " (https)\n" : " (http)\n");
    st = board_inactivate(&conn, &job, &res, &step);
#ifdef IL_HAVE_TLS
    if (step != BOARD_STEP_CONNECT) put_usage("tls pool: peak ", il_tls_pool_peak(), il_tls_pool_size(), "");
#endif
    put_result(st, step);
    return (int)st;
}

int board_app(const char *name)
{
    board_cred_t cred;
    board_cred_status_t cs;
    int st;

    board_puts("influx-lite fw: ");
    board_puts(name);
    board_puts(", lwIP " LWIP_VERSION_STRING "\n");
    cs = board_cred_read(il_cred_page, &cred);
    if (cs != BOARD_CRED_OK) {
        put_status("error: credentials: ", BOARD_EXIT_CRED + (int)cs, board_cred_status_str(cs));
        return BOARD_EXIT_CRED + (int)cs;
    }
#ifndef IL_HAVE_TLS
    if (cred.flags & BOARD_CRED_HTTPS) {
        put_status("error: credentials: ", IL_ERR_URL_SCHEME, "https, and this image has no TLS");
        return IL_ERR_URL_SCHEME;
    }
#endif
    board_puts("provisioned: ");
    board_puts(cred.host);
    board_puts(" id ");
    board_puts(cred.id);
    board_puts("\n");
    if (board_net_init() != 0) {
        board_puts("error: no network interface\n");
        return IL_ERR_CONNECT;
    }
    st = run(&cred);
    if (st == IL_OK) {
        cs = board_cred_erase_token(il_cred_page, board_cred_program);
        put_status("credentials: ", (int)cs, cs == BOARD_CRED_ERASED ? "token erased" : "token NOT erased");
        if (cs != BOARD_CRED_ERASED) st = BOARD_EXIT_CRED + (int)cs;
    }
    put_usage("stack: ", board_stack_used(), board_stack_size(), " used");
    return st;
}

/* SPDX-License-Identifier: Apache-2.0 */
/* cli_run.c - the two command flows over il_client (see cli_run.h).
 *
 * Order of work, as the official CLI: argv rewrite, flag parse, -h,
 * required flags, configs file (+ -c), host URL, positional args, local
 * validation, requests, output. Output is written only at the end; every
 * buffer is static.
 *
 * Batches (--id repeated, --ids-from): the IDs are inactivated one after
 * the other over one kept-alive connection, which is what the library's
 * batching amounts to: call il_auth_inactivate (or the v1 flow) again while
 * client.reusable, reconnect otherwise. Each ID has its own --timeout
 * deadline; failures are reported on stderr as they happen; the table is
 * aligned over all rows (in blocks of CLI_TABLE_TEXT bytes), JSON is a
 * streamed array. */
#define _XOPEN_SOURCE 700        /* setitimer: the DNS backstop */
#include "cli_run.h"

#include <errno.h>
#include <stddef.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/random.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "il_client.h"
#include "il_config.h"
#include "il_url.h"
#include "cli_config.h"
#include "cli_errors.h"
#include "cli_net.h"
#include "cli_out.h"
#include "cli_print.h"

#define CLI_ID_LINE_MAX 255          /* --ids-from: longer lines are cut (and fail the ID check) */
#define CLI_BACKOFF_BASE_MS 200
#define CLI_BACKOFF_CAP_MS 5000
#define CLI_BACKSTOP_MARGIN_MS 250
#define CLI_REQ_BUF 1024
#define CLI_BODY_BUF (64 * 1024)
#define CLI_USER_BODY_BUF (16 * 1024)
#define CLI_JSON_TOKENS 2048
#define CLI_PERMISSIONS 128

typedef struct run {
    cli_buf_t out, err;
    const char *host;
    const char *token;
    char scheme[16];          /* lower-cased scheme of host ("" when none) */
    char authority[IL_URL_HOST_MAX + 8];  /* Go's u.Host of host */
    bool scheme_ok;           /* http or https */
} run_t;

/* The IDs: every --id, then --ids-from. */
typedef struct id_src {
    size_t next_arg;
    int fd;                                  /* -1: no file (or done) */
    const char *path;
    size_t pos, len;
    int slot;
    int read_errno;                          /* a read failed (0: none) */
    char lines[2][CLI_ID_LINE_MAX + 1];      /* the current ID and the one looked ahead */
} id_src_t;

/* ---- memory ------------------------------------------------------------------
 * All of a run's memory is static, declared here in the order a single
 * inactivation touches it: the small state first, then the big buffers, of
 * which a short answer uses only the first page. Every page a run touches
 * costs a page fault (about 9 us on the bench VM, more than the rest of the
 * user-space work); the Linux builds compile with -fno-toplevel-reorder so
 * that this order is the layout, and a run touches a dozen pages, not thirty. */
static run_t run_state CLI_PAGE_START;
static cli_args_t args;
static char token_copy[1024];        /* the token, once taken out of argv */
static cli_configs_t configs;
static il_url_t url;
static cli_net_t net;
static il_client_t client;
static il_result_t res_a, res_b;
static id_src_t ids;
static char config_path[1200];
static uint8_t req_buf[CLI_REQ_BUF];
static size_t body_hwm, user_body_hwm;
static il_permission_t perms[CLI_PERMISSIONS];   /* its first entries share the last small page */
static jsmntok_t json_toks[CLI_JSON_TOKENS] CLI_PAGE_START;
static uint8_t body_buf[CLI_BODY_BUF] CLI_PAGE_START;
static char out_mem[256 * 1024] CLI_PAGE_START;
/* touched only by some runs: a configs file, v1, a name lookup, failures */
static char config_text[CLI_CONFIG_FILE_MAX + 2];
static char esc_mem[2 * 1024];       /* the token URL-escaped, to scrub it from output */
static char config_err_mem[1600];
static char ids_buf[8192];           /* --ids-from reads */
static char idbuf[128], uidbuf[128];
static il_permission_t user_perms[4];
static uint8_t user_body_buf[CLI_USER_BODY_BUF];
static char backstop_msg[2048];
static char err_mem[16 * 1024];
static char failed_mem[64 * 1024];   /* the IDs of failed inactivations, for the summary */

/* How much of each body buffer held answers (authorizations' tokens). */
static void note_body_used(const il_result_t *res)
{
    size_t *hwm = res->body == body_buf ? &body_hwm
                : res->body == user_body_buf ? &user_body_hwm : NULL;
    if (hwm != NULL && res->body_len > *hwm) *hwm = res->body_len;
}


static const char *const auth_siblings[] = {
    "create", "delete", "list", "ls", "find", "active", "inactive", "help", "h", NULL};
static const char *const v1_auth_siblings[] = {
    "create", "delete", "list", "ls", "find", "set-active", "set-inactive", "set-password",
    "help", "h", NULL};

static int fail_line(run_t *r, int code)
{
    cli_putc(&r->err, '\n');
    return code;
}

/* Go url.Parse, only the checks that happen before a request is made:
 * control bytes, "missing protocol scheme", the colon in a first path
 * segment. Fills r->scheme / r->authority. false with err text set. */
static bool go_parse_host(run_t *r, const char *h)
{
    size_t n = strlen(h);
    const char *reason = NULL;
    size_t i;
    for (i = 0; i < n; i++) {
        unsigned char c = (unsigned char)h[i];
        if (c < 0x20 || c == 0x7f) {
            reason = "net/url: invalid control character in URL";
            break;
        }
    }
    const char *rest = h;
    r->scheme[0] = '\0';
    if (reason == NULL) {
        for (i = 0; i < n; i++) {
            char c = h[i];
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) continue;
            if ((c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.') {
                if (i == 0) break;
                continue;
            }
            if (c == ':') {
                if (i == 0) {
                    reason = "missing protocol scheme";
                } else if (i < sizeof r->scheme) {
                    for (size_t k = 0; k < i; k++) {
                        char s = h[k];
                        r->scheme[k] = (s >= 'A' && s <= 'Z') ? (char)(s - 'A' + 'a') : s;
                    }
                    r->scheme[i] = '\0';
                    rest = h + i + 1;
                } else {
                    /* a long scheme: keep a marker that is never http(s) */
                    memcpy(r->scheme, "?", 2);
                    rest = h + i + 1;
                }
            }
            break;
        }
    }
    if (reason == NULL && r->scheme[0] == '\0' && rest[0] != '/') {
        const char *colon = strchr(rest, ':');
        const char *slash = strchr(rest, '/');
        if (colon != NULL && (slash == NULL || colon < slash))
            reason = "first path segment in URL cannot contain colon";
    }
    if (reason != NULL) {
        cli_puts(&r->err, "Error: host URL ");
        cli_put_quoted(&r->err, h, n);
        cli_puts(&r->err, " is invalid: parse ");
        cli_put_quoted(&r->err, h, n);
        cli_puts(&r->err, ": ");
        cli_puts(&r->err, reason);
        return false;
    }
    r->authority[0] = '\0';
    if (rest[0] == '/' && rest[1] == '/') {
        const char *a = rest + 2;
        size_t k = strcspn(a, "/?#");
        if (k >= sizeof r->authority) k = sizeof r->authority - 1;
        memcpy(r->authority, a, k);
        r->authority[k] = '\0';
    }
    r->scheme_ok = strcmp(r->scheme, "http") == 0 || strcmp(r->scheme, "https") == 0;
    return true;
}

static bool has_ctl(const char *s)
{
    for (; *s != '\0'; s++) {
        unsigned char c = (unsigned char)*s;
        if (c < 0x20 || c == 0x7f) return true;
    }
    return false;
}

/* ---- stderr ------------------------------------------------------------------
 * Server-provided text (error messages, Location) is printed as the official
 * CLI does, except the caller's token: a hostile or careless server that
 * echoes it (in a message, a redirect target) does not get it onto the
 * terminal or into a log. Every occurrence, verbatim or URL-escaped, becomes
 * "<redacted>". And after an --http-debug dump that did not end a line, the
 * error starts its own line. */
static const char redacted[] = "<redacted>";

static void scrub_one(cli_buf_t *b, const char *pat, size_t plen)
{
    const size_t rlen = sizeof redacted - 1;
    if (plen < 4) return;
    for (size_t i = 0; i + plen <= b->len;) {
        if (memcmp(b->p + i, pat, plen) != 0) {
            i++;
            continue;
        }
        if (b->len - plen + rlen <= b->cap) {
            memmove(b->p + i + rlen, b->p + i + plen, b->len - i - plen);
            memcpy(b->p + i, redacted, rlen);
            b->len = b->len - plen + rlen;
            i += rlen;
        } else {
            memset(b->p + i, '*', plen);
            i += plen;
        }
    }
}

static void scrub_token(cli_buf_t *b, const char *token)
{
    if (token == NULL || token[0] == '\0') return;
    cli_buf_t e;
    scrub_one(b, token, strlen(token));
    cli_buf_init(&e, esc_mem, sizeof esc_mem);
    cli_put_query_escaped(&e, token);
    if (!e.overflow) scrub_one(b, e.p, e.len);
    cli_buf_init(&e, esc_mem, sizeof esc_mem);
    cli_put_path_escaped(&e, token);
    if (!e.overflow) scrub_one(b, e.p, e.len);
}

static void err_flush(cli_buf_t *err, const char *token)
{
    if (err->len == 0) return;
    scrub_token(err, token);
    if (net.dbg_sending) {
        if (write(2, "\n", 1) < 0) { /* stderr is gone */ }
        net.dbg_sending = false;
    }
    cli_buf_flush(err, 2);
}

typedef il_status_t (*op_fn)(il_client_t *, const char *, il_result_t *);

/* ---- the DNS backstop ----------------------------------------------------
 * Every wait of the connection polls with the deadline, except the name
 * lookup (getaddrinfo has no deadline). While connecting, an interval timer
 * set to the deadline plus a small margin ends the process with the
 * timeout line that was composed beforehand. */
static volatile size_t backstop_len;
static bool backstop_installed;

static void backstop_fire(int sig)
{
    (void)sig;
    size_t n = backstop_len;
    if (n > 0 && write(2, backstop_msg, n) < 0) { /* nothing more to do */ }
    _exit(CLI_EXIT_NETWORK);
}

static void backstop_arm(const char *ctx, const char *val, const cli_req_t *rq)
{
    cli_buf_t b;
    cli_buf_init(&b, backstop_msg, sizeof backstop_msg);
    cli_puts(&b, "Error: ");
    cli_puts(&b, ctx);
    cli_put_quoted(&b, val, strlen(val));
    cli_puts(&b, ": ");
    cli_puts(&b, rq->method);
    cli_puts(&b, " \"");
    cli_put_req_url(&b, rq);
    cli_puts(&b, "\": dial tcp: lookup ");
    cli_puts(&b, rq->dial_host);
    cli_puts(&b, ": i/o timeout\n");
    if (b.overflow) backstop_msg[b.len - 1] = '\n';
    backstop_len = b.len;
    if (!backstop_installed) {
        struct sigaction sa;
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = backstop_fire;
        sigemptyset(&sa.sa_mask);
        sigaction(SIGALRM, &sa, NULL);
        backstop_installed = true;
    }
    int64_t left = net.deadline_ms - il_posix_now_ms() + CLI_BACKSTOP_MARGIN_MS;
    if (left < 1) left = 1;
    struct itimerval it;
    memset(&it, 0, sizeof it);
    it.it_value.tv_sec = (time_t)(left / 1000);
    it.it_value.tv_usec = (suseconds_t)(left % 1000) * 1000;
    setitimer(ITIMER_REAL, &it, NULL);
}

static void backstop_disarm(void)
{
    struct itimerval it;
    memset(&it, 0, sizeof it);
    setitimer(ITIMER_REAL, &it, NULL);
}

/* ---- retries ---------------------------------------------------------------
 * Only failures of the connection are retried: no HTTP answer is ever
 * retried (a 4xx/5xx is final). The requests are idempotent (GET, and a
 * PATCH that sets status "inactive": sending it twice leaves the same
 * state), so re-sending after a reset mid-answer is safe. */
static bool retryable(il_status_t st, bool answer_bytes)
{
    switch (st) {
    case IL_ERR_DNS: case IL_ERR_CONNECT: case IL_ERR_SEND: case IL_ERR_RECV:
        return true;
    case IL_ERR_TIMEOUT: case IL_ERR_HTTP_EOF:
        return !answer_bytes;       /* the server closed or went silent before answering */
    default:
        return false;
    }
}

/* Exponential backoff with full jitter, never past the deadline: false
 * when no retry is left or the wait would end after the deadline. */
static bool backoff(unsigned *left, unsigned *attempt)
{
    if (*left == 0) return false;
    uint64_t cap = CLI_BACKOFF_BASE_MS;
    for (unsigned k = 0; k < *attempt && cap < CLI_BACKOFF_CAP_MS; k++) cap *= 2;
    if (cap > CLI_BACKOFF_CAP_MS) cap = CLI_BACKOFF_CAP_MS;
    uint32_t rnd = 0;
    if (getrandom(&rnd, sizeof rnd, 0) != (ssize_t)sizeof rnd) rnd = (uint32_t)il_posix_now_ms();
    int64_t wait = (int64_t)(rnd % (cap + 1));
    int64_t now = il_posix_now_ms();
    if (now + wait >= net.deadline_ms) return false;
    struct timespec ts = {(time_t)(wait / 1000), (long)(wait % 1000) * 1000000L};
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR) {
    }
    (*left)--;
    (*attempt)++;
    return true;
}

/* What the failing request was about, for the backstop line. */
static const char *call_ctx = "", *call_val = "";

/* One request: connects when needed (a reused connection the server had
 * closed is reopened once, free), retries connection failures up to
 * --retries times; the connection stays open while the client says it is
 * reusable. */
static il_status_t call(op_fn fn, const char *arg, il_result_t *res, cli_req_t *rq)
{
    unsigned left = args.retries, attempt = 0;
    bool stale_done = false;
    for (;;) {
        bool fresh = false;
        rq->connecting = false;
        if (!net.connected) {
            /* only a name lookup can outlive the deadline: a literal needs no backstop */
            bool backstop = !il_posix_host_is_literal(url.host);
            if (backstop) backstop_arm(call_ctx, call_val, rq);
            il_status_t st = cli_net_connect(&net);
            if (backstop) backstop_disarm();
            if (st != IL_OK) {
                memset(res, 0, sizeof *res);
                res->status = st;
                res->status_text = "";
                res->content_type = "";
                res->location = "";
                rq->connecting = !net.tcp_up;   /* "dial tcp" only for the TCP connect itself */
                if (retryable(st, false) && backoff(&left, &attempt)) continue;
                return st;
            }
            fresh = true;
        }
        il_client_set_transport(&client, net.cur);
        uint64_t rx0 = net.rx_bytes;
        il_status_t st = fn(&client, arg, res);
        bool answered = net.rx_bytes != rx0;
        note_body_used(res);
        if (!client.reusable) cli_net_close(&net);
        /* a kept-alive connection the server had closed: nothing came back */
        bool dropped = (st == IL_ERR_SEND || st == IL_ERR_RECV || st == IL_ERR_HTTP_EOF) && !answered;
        if (dropped && !fresh && !stale_done) {
            stale_done = true;
            continue;
        }
        if (st != IL_OK && retryable(st, answered) && backoff(&left, &attempt)) continue;
        return st;
    }
}

static void put_context(cli_buf_t *b, const char *prefix, const char *value)
{
    cli_puts(b, "Error: ");
    cli_puts(b, prefix);
    cli_put_quoted(b, value, strlen(value));
    cli_puts(b, ": ");
}

static int report(run_t *r, const char *prefix, const char *value, il_status_t st,
                  const il_result_t *res, const cli_req_t *rq)
{
    put_context(&r->err, prefix, value);
    cli_put_failure(&r->err, st, res, rq, res->body, res->body_len);
    return fail_line(r, cli_exit_code(st));
}

static void copy_str(char *dst, size_t cap, il_str_t s)
{
    size_t n = s.p != NULL ? s.n : 0;
    if (n >= cap) n = cap - 1;
    if (n > 0) memcpy(dst, s.p, n);
    dst[n] = '\0';
}

static const char ctx_find[] = "could not find auth with ID ";
static const char ctx_update[] = "could not update status of auth with ID ";
static const char ctx_v1_update[] = "failed to update status of authorization with ID ";
static const char ctx_v1_find[] = "could not find v1 auth with token (username) ";
static const char ctx_user[] = "could not find user from User ID ";

static void base_rq(const run_t *r, cli_req_t *rq)
{
    memset(rq, 0, sizeof *rq);
    rq->scheme = r->scheme;
    rq->host_header = r->authority;
    rq->dial_host = r->authority;
}

/* The first request of a flow, as the error texts name it. */
static void first_rq(const run_t *r, cli_req_t *rq, bool v1, bool by_name, const char *id,
                     const char *username)
{
    base_rq(r, rq);
    if (v1) {
        if (by_name) {
            rq->method = "Get";
            rq->path = "/private/legacy/authorizations";
            rq->query_key = "token";
            rq->query_value = username;
        } else {
            rq->method = "Patch";
            rq->path = "/private/legacy/authorizations/";
            rq->param = id;
        }
    } else {
        rq->method = "Get";
        rq->path = "/api/v2/authorizations/";
        rq->param = id;
        rq->unauthorized_model = true;
    }
}

/* Local checks of one ID (or username): nothing unsafe or malformed is
 * ever sent. CLI_EXIT_OK, or the usage failure written to r->err. */
static int check_local(run_t *r, bool v1, bool by_name, const char *id, const char *username)
{
    const char *ctx = v1 ? (by_name ? ctx_v1_find : ctx_v1_update) : ctx_find;
    if (by_name) {
        if (has_ctl(username)) {
            put_context(&r->err, ctx, username);
            cli_puts(&r->err, "the username contains a control character; nothing was sent");
            return fail_line(r, CLI_EXIT_USAGE);
        }
        return CLI_EXIT_OK;
    }
    il_status_t st = il_id_check(id);
    if (st != IL_OK) {
        put_context(&r->err, ctx, id);
        cli_puts(&r->err, st == IL_ERR_ID_LENGTH ? "id must have a length of 16 bytes" : "invalid ID");
        return fail_line(r, CLI_EXIT_USAGE);
    }
    return CLI_EXIT_OK;
}

/* One inactivation (its own deadline) over the shared connection: the
 * answered authorization in *row (pointing into the client's buffers), or
 * the failure written to r->err. */
static int inactivate_one(run_t *r, bool v1, bool by_name, const char *id, const char *username,
                          cli_row_t *row)
{
    il_json_scratch_t scratch = {json_toks, CLI_JSON_TOKENS, perms, CLI_PERMISSIONS};
    cli_req_t rq;
    il_status_t st;

    cli_net_set_deadline(&net, il_posix_now_ms() + args.timeout_ms);
    il_client_init(&client, NULL, url.host_header, r->token, req_buf, sizeof req_buf, body_buf,
                   sizeof body_buf, &scratch);
    first_rq(r, &rq, v1, by_name, id, username);
    rq.host_header = url.host_header;
    rq.dial_host = url.host;
    rq.port = url.port;
    memset(row, 0, sizeof *row);

    if (!v1) {
        call_ctx = ctx_find;
        call_val = id;
        st = call(il_auth_find, id, &res_a, &rq);
        if (st != IL_OK) return report(r, ctx_find, id, st, &res_a, &rq);
        rq.method = "Patch";
        call_ctx = ctx_update;
        st = call(il_auth_inactivate, id, &res_a, &rq);
        if (st != IL_OK) return report(r, ctx_update, id, st, &res_a, &rq);
        const il_auth_t *a = &res_a.auth;
        row->id = a->id;
        row->description = a->description;
        row->token = a->token;
        row->status = a->status;
        row->user_name = a->user;
        row->user_id = a->user_id;
        row->perms = a->perms;
        row->nperms = a->perms_count;
        return CLI_EXIT_OK;
    }
    if (by_name) {
        call_ctx = ctx_v1_find;
        call_val = username;
        st = call(il_legacy_find_by_username, username, &res_a, &rq);
        if (st != IL_OK) return report(r, ctx_v1_find, username, st, &res_a, &rq);
        if (res_a.auth.id.p == NULL || res_a.auth.id.n >= sizeof idbuf) {
            put_context(&r->err, ctx_v1_find, username);
            cli_puts(&r->err, "the answer holds no usable authorization ID");
            return fail_line(r, CLI_EXIT_SERVER);
        }
        copy_str(idbuf, sizeof idbuf, res_a.auth.id);
        id = idbuf;
        rq.query_key = NULL;
        rq.query_value = NULL;
    }
    rq.method = "Patch";
    rq.path = "/private/legacy/authorizations/";
    rq.param = id;
    call_ctx = ctx_v1_update;
    call_val = id;
    st = call(il_legacy_inactivate, id, &res_a, &rq);
    if (st != IL_OK) return report(r, ctx_v1_update, id, st, &res_a, &rq);
    copy_str(uidbuf, sizeof uidbuf, res_a.auth.user_id);
    /* keep the PATCH answer: the user lookup gets its own buffers */
    il_json_scratch_t user_scratch = {json_toks, CLI_JSON_TOKENS, user_perms,
                                      sizeof user_perms / sizeof user_perms[0]};
    il_client_set_body_buffer(&client, user_body_buf, sizeof user_body_buf, &user_scratch);
    rq.method = "Get";
    rq.path = "/api/v2/users/";
    rq.param = uidbuf;
    rq.unauthorized_model = false;
    if (has_ctl(uidbuf)) {
        put_context(&r->err, ctx_user, uidbuf);
        cli_puts(&r->err, "the user ID contains a control character; nothing was sent");
        return fail_line(r, CLI_EXIT_SERVER);
    }
    call_ctx = ctx_user;
    call_val = uidbuf;
    st = call(il_user_find, uidbuf, &res_b, &rq);
    if (st != IL_OK) return report(r, ctx_user, uidbuf, st, &res_b, &rq);
    const il_auth_t *a = &res_a.auth;
    row->id = a->id;
    row->description = a->description;
    row->token = a->token;
    row->status = a->status;
    row->user_name = res_b.user.name;
    row->user_id = res_b.user.id;
    row->perms = a->perms;
    row->nperms = a->perms_count;
    return CLI_EXIT_OK;
}


static bool src_byte(id_src_t *s, char *c)
{
    if (s->pos == s->len) {
        if (s->fd < 0) return false;
        ssize_t n;
        do {
            n = read(s->fd, ids_buf, sizeof ids_buf);
        } while (n < 0 && errno == EINTR);
        if (n <= 0) {
            if (n < 0) s->read_errno = errno;
            if (s->fd > 0) close(s->fd);
            s->fd = -1;
            return false;
        }
        s->pos = 0;
        s->len = (size_t)n;
    }
    *c = ids_buf[s->pos++];
    return true;
}

/* The next ID line of the file into dst: blanks around it, "# comments" and
 * blank lines are skipped; false at the end. */
static bool src_line(id_src_t *s, char *dst)
{
    for (;;) {
        size_t n = 0;
        char c;
        bool any = false, comment = false;
        while (src_byte(s, &c)) {
            any = true;
            if (c == '\n') break;
            if (c == '#') comment = true;
            if (comment) continue;
            if (n < CLI_ID_LINE_MAX) dst[n++] = c;
        }
        if (!any) return false;
        while (n > 0 && (dst[n - 1] == ' ' || dst[n - 1] == '\t' || dst[n - 1] == '\r')) n--;
        size_t b = 0;
        while (b < n && (dst[b] == ' ' || dst[b] == '\t')) b++;
        if (b == n) continue;
        memmove(dst, dst + b, n - b);
        dst[n - b] = '\0';
        return true;
    }
}

static const char *src_next(id_src_t *s)
{
    if (s->next_arg < args.nids) return args.ids[s->next_arg++];
    char *dst = s->lines[s->slot];
    if (!src_line(s, dst)) return NULL;
    s->slot ^= 1;
    return dst;
}

/* Go's os.PathError text: "open NAME: no such file or directory". */
static void put_errno(cli_buf_t *b, int e)
{
    const char *m = strerror(e);
    if (m[0] >= 'A' && m[0] <= 'Z' && (m[1] < 'A' || m[1] > 'Z')) {
        cli_putc(b, (char)(m[0] - 'A' + 'a'));
        m++;
    }
    cli_puts(b, m);
}

static bool plain_id(const char *s)
{
    if (*s == '\0') return false;
    for (; *s != '\0'; s++)
        if ((unsigned char)*s <= 0x20 || (unsigned char)*s >= 0x7f || *s == ',') return false;
    return true;
}

static int run_command(run_t *r, cli_getenv_fn env)
{
    bool v1 = args.level == CLI_LEVEL_V1_SET_INACTIVE;

    /* configs file */
    char *path = config_path;        /* static: a deep stack costs page faults */
    if (args.configs_path[0] != '\0') {
        size_t pl = strlen(args.configs_path);
        if (pl >= sizeof config_path) pl = sizeof config_path - 1;
        memcpy(path, args.configs_path, pl);
        path[pl] = '\0';
    } else {
        cli_config_default_path(path, sizeof config_path, NULL);
    }
    bool loose = false;
    cli_buf_t cerr;
    cli_buf_init(&cerr, config_err_mem, sizeof config_err_mem);
    cli_config_load_result_t lr = cli_config_load(path, config_text, sizeof config_text, &configs,
                                                  &loose, &cerr);
    if (lr == CLI_CONFIG_BAD) {
        cli_puts(&r->err, "Error: ");
        cli_put(&r->err, cerr.p, cerr.len);
        return fail_line(r, CLI_EXIT_USAGE);
    }
    if (lr == CLI_CONFIG_LOADED && loose) {
        cli_puts(&r->err, "warning: configs file ");
        cli_puts(&r->err, path);
        cli_puts(&r->err, " is readable by group or others and holds tokens; run chmod 600 on it\n");
    }
    const cli_config_t *cfg = cli_config_select(&configs, args.active_config_set ? args.active_config : NULL, &cerr);
    if (cfg == NULL) {
        cli_puts(&r->err, "Error: ");
        cli_put(&r->err, cerr.p, cerr.len);
        return fail_line(r, CLI_EXIT_USAGE);
    }
    r->host = args.host_set ? args.host : cfg->url;
    r->token = args.token_set ? args.token : cfg->token;

    /* host URL (what url.Parse rejects) */
    if (!go_parse_host(r, r->host)) return fail_line(r, CLI_EXIT_USAGE);

    /* positional arguments (middleware.NoArgs) */
    if (args.npositional > 0) {
        const char *const *sib = v1 ? v1_auth_siblings : auth_siblings;
        bool ok = false;
        for (size_t i = 0; sib[i] != NULL; i++)
            if (strcmp(sib[i], args.positional[0]) == 0) ok = true;
        if (!ok) {
            cli_puts(&r->err, "Error: unknown command ");
            cli_put_quoted(&r->err, args.positional[0], strlen(args.positional[0]));
            cli_puts(&r->err, v1 ? " for \"set-inactive\"" : " for \"inactive\"");
            return fail_line(r, CLI_EXIT_USAGE);
        }
    }

    /* v1: --id (or --ids-from) or --username */
    const char *username = args.username;
    bool have_ids = args.nids > 1 || (args.nids == 1 && args.id[0] != '\0') || args.ids_from_set;
    if (v1) {
        if (!have_ids && username[0] == '\0') {
            cli_puts(&r->err, "Error: id or username required");
            return fail_line(r, CLI_EXIT_USAGE);
        }
        if (have_ids && username[0] != '\0') {
            cli_puts(&r->err, "Error: specify id or username, not both");
            return fail_line(r, CLI_EXIT_USAGE);
        }
    }
    bool by_name = v1 && username[0] != '\0';

    /* the IDs: the first two tell a single inactivation from a batch */
    memset(&ids, 0, sizeof ids);
    ids.fd = -1;
    if (args.ids_from_set && !by_name) {
        ids.path = args.ids_from;
        if (strcmp(args.ids_from, "-") == 0) {
            ids.fd = 0;
            ids.path = "stdin";
        } else {
            ids.fd = open(args.ids_from, O_RDONLY | O_CLOEXEC);
            if (ids.fd < 0) {
                cli_puts(&r->err, "Error: open ");
                cli_puts(&r->err, args.ids_from);
                cli_puts(&r->err, ": ");
                put_errno(&r->err, errno);
                return fail_line(r, CLI_EXIT_USAGE);
            }
        }
    }
    const char *id = by_name ? "" : (args.nids > 0 || !args.ids_from_set ? args.id : NULL);
    const char *next = NULL;
    if (!by_name) {
        if (args.nids == 0 && args.ids_from_set) {
            id = src_next(&ids);
        } else {
            ids.next_arg = 1;                /* args.ids[0] is the first */
            id = args.nids > 0 ? args.ids[0] : args.id;
        }
        if (id == NULL) {
            if (ids.read_errno != 0) {
                cli_puts(&r->err, "Error: read ");
                cli_puts(&r->err, args.ids_from);
                cli_puts(&r->err, ": ");
                put_errno(&r->err, ids.read_errno);
            } else {
                cli_puts(&r->err, "Error: no authorization ID in ");
                cli_puts(&r->err, ids.path);
            }
            return fail_line(r, CLI_EXIT_USAGE);
        }
        next = src_next(&ids);
    }
    bool batch = next != NULL;

    const char *first_ctx = v1 ? (by_name ? ctx_v1_find : ctx_v1_update) : ctx_find;
    const char *first_val = by_name ? username : id;

    /* local validation: nothing unsafe or malformed is ever sent */
    if (has_ctl(r->token)) {
        cli_puts(&r->err, "Error: the token contains a control character (CR, LF or another byte "
                          "below 0x20, or 0x7f); nothing was sent");
        return fail_line(r, CLI_EXIT_USAGE);
    }
    if (!batch) {
        int code = check_local(r, v1, by_name, id, username);
        if (code != CLI_EXIT_OK) return code;
    }

    cli_req_t rq;
    first_rq(r, &rq, v1, by_name, id, username);
    if (!r->scheme_ok) {
        put_context(&r->err, first_ctx, first_val);
        cli_puts(&r->err, rq.method);
        cli_puts(&r->err, " \"");
        cli_put_req_url(&r->err, &rq);
        cli_puts(&r->err, "\": unsupported protocol scheme ");
        cli_put_quoted(&r->err, r->scheme, strlen(r->scheme));
        return fail_line(r, CLI_EXIT_USAGE);
    }
    il_status_t ust = il_url_parse(r->host, &url);
    if (ust != IL_OK) {
        cli_puts(&r->err, "Error: host URL ");
        cli_put_quoted(&r->err, r->host, strlen(r->host));
        cli_puts(&r->err, " is invalid: ");
        cli_puts(&r->err, il_status_str(ust));
        return fail_line(r, CLI_EXIT_USAGE);
    }
#ifndef IL_HAVE_TLS
    if (url.tls) {
        cli_puts(&r->err, "Error: host URL ");
        cli_put_quoted(&r->err, r->host, strlen(r->host));
        cli_puts(&r->err, " needs TLS, but this influx-lite was built without TLS support");
        return fail_line(r, CLI_EXIT_USAGE);
    }
#endif
    if (args.ca_cert_set) {
        int fd = open(args.ca_cert, O_RDONLY | O_CLOEXEC);
        if (fd < 0) {
            cli_puts(&r->err, "Error: open ");
            cli_puts(&r->err, args.ca_cert);
            cli_puts(&r->err, ": ");
            put_errno(&r->err, errno);
            return fail_line(r, CLI_EXIT_USAGE);
        }
        close(fd);
    }
    (void)env;

    if (args.skip_verify)
        cli_puts(&r->err, "warning: TLS certificate verification is disabled (--skip-verify)\n");
    /* warnings go out before any --http-debug dump */
    cli_buf_flush(&r->out, 1);
    err_flush(&r->err, r->token);

    cli_net_init(&net, &url, args.skip_verify, args.http_debug, 0);
    cli_net_set_tls(&net, args.ca_cert_set ? args.ca_cert : NULL, args.pin_set ? args.pin : NULL);

    cli_row_t row;
    if (!batch) {
        int code = inactivate_one(r, v1, by_name, id, username, &row);
        if (code == CLI_EXIT_OK) {
            if (args.json) cli_print_json(&r->out, &row);
            else cli_print_table(&r->out, &row, v1, args.hide_headers);
            if (r->out.overflow) {
                r->out.len = 0;
                cli_puts(&r->err, "Error: output too large for buffer");
                code = fail_line(r, CLI_EXIT_SERVER);
            }
        }
        cli_net_close(&net);
        return code;
    }

    /* a batch */
    cli_buf_stream(&r->out, 1);
    cli_buf_t failed;
    cli_buf_init(&failed, failed_mem, sizeof failed_mem - 32);
    unsigned long total = 0, nfailed = 0, unlisted = 0;
    int first_code = CLI_EXIT_OK;
    bool any_json = false;
    cli_table_begin(v1, args.hide_headers);
    while (id != NULL) {
        total++;
        int code = check_local(r, v1, false, id, "");
        if (code == CLI_EXIT_OK) code = inactivate_one(r, v1, false, id, "", &row);
        if (code == CLI_EXIT_OK) {
            if (args.json) {
                cli_print_json_item(&r->out, &row, !any_json);
                cli_buf_flush(&r->out, 1);
                any_json = true;
            } else {
                cli_table_put(&r->out, &row);
            }
        } else {
            if (first_code == CLI_EXIT_OK) first_code = code;
            size_t mark = failed.len;
            if (nfailed > 0) cli_puts(&failed, ", ");
            if (plain_id(id)) cli_puts(&failed, id);
            else cli_put_quoted(&failed, id, strlen(id));
            if (failed.overflow) {
                failed.len = mark;
                failed.overflow = false;
                unlisted++;
            }
            nfailed++;
            err_flush(&r->err, r->token);       /* each failure as it happens */
        }
        id = next;
        next = id != NULL ? src_next(&ids) : NULL;
    }
    cli_net_close(&net);
    if (ids.read_errno != 0) {
        cli_puts(&r->err, "Error: read ");
        cli_puts(&r->err, args.ids_from);
        cli_puts(&r->err, ": ");
        put_errno(&r->err, ids.read_errno);
        cli_putc(&r->err, '\n');
        if (first_code == CLI_EXIT_OK) first_code = CLI_EXIT_USAGE;
    }
    if (args.json) {
        if (any_json) cli_print_json_end(&r->out, true);
    } else {
        cli_table_flush(&r->out);
    }
    if (nfailed > 0) {
        cli_puts(&r->err, "Error: ");
        cli_put_uint(&r->err, nfailed);
        cli_puts(&r->err, " of ");
        cli_put_uint(&r->err, total);
        cli_puts(&r->err, " inactivations failed: ");
        cli_put(&r->err, failed.p, failed.len);
        if (unlisted > 0) {
            cli_puts(&r->err, " and ");
            cli_put_uint(&r->err, unlisted);
            cli_puts(&r->err, " more");
        }
        cli_putc(&r->err, '\n');
    }
    return first_code;
}

/* Take the token out of argv at once: /proc/PID/cmdline stops showing it,
 * and the one copy left is wiped at exit. */
static void token_take_from_argv(int argc, char **argv)
{
    size_t n;
    if (!args.token_set || args.token == NULL || args.token[0] == '\0') return;
    n = strlen(args.token);
    if (n >= sizeof token_copy) return;
    memcpy(token_copy, args.token, n + 1);
    args.token = token_copy;
    for (int i = 1; i < argc; i++) {
        char *a = argv[i], *eq = strchr(a, '=');
        if (strcmp(a, token_copy) == 0) il_wipe(a, n);
        else if (a[0] == '-' && eq != NULL && strcmp(eq + 1, token_copy) == 0) il_wipe(eq + 1, n);
    }
}

/* What held secrets does not outlive the run. */
static void secrets_wipe(void)
{
    il_wipe(token_copy, sizeof token_copy);
    if (configs.text_len > 0)
        il_wipe(config_text, configs.text_len < sizeof config_text ? configs.text_len + 1 : sizeof config_text);
    il_wipe(body_buf, body_hwm);
    il_wipe(user_body_buf, user_body_hwm);
}

int cli_main(int argc, char **argv, cli_getenv_fn env)
{
    int code;
    run_t *r = &run_state;
    memset(r, 0, sizeof *r);
    cli_buf_init(&r->out, out_mem, sizeof out_mem);
    cli_buf_init(&r->err, err_mem, sizeof err_mem);

    cli_args_parse(&args, argc, argv, env);
    token_take_from_argv(argc, argv);

    for (unsigned i = 0; i < args.token_warnings; i++) {
        const char *f = args.token_warning_flag[i];
        const char *term = env("TERM");
        bool color = isatty(1) && (term == NULL || strcmp(term, "dumb") != 0);
        if (color) cli_puts(&r->out, "\x1b[93m");
        /* the official text echoes the token; influx-lite never prints it */
        cli_puts(&r->out, "warning: ");
        cli_puts(&r->out, f);
        cli_puts(&r->out, " <token> interpreted as ");
        cli_puts(&r->out, f);
        cli_puts(&r->out, "=<token>, consider using ");
        cli_puts(&r->out, f);
        cli_puts(&r->out, "=<token> syntax when tokens start with a hyphen");
        if (color) cli_puts(&r->out, "\x1b[0m");
        cli_putc(&r->out, '\n');
    }

    switch (args.action) {
    case CLI_ACT_HELP:
        cli_puts(&r->out, cli_help_text(args.level));
        code = CLI_EXIT_OK;
        break;
    case CLI_ACT_VERSION:
        cli_puts(&r->out, "influx-lite " IL_VERSION "\n");
        code = CLI_EXIT_OK;
        break;
    case CLI_ACT_USAGE:
        cli_puts(&r->out, args.app_usage ? "Incorrect Usage. " : "Incorrect Usage: ");
        cli_puts(&r->out, args.err);
        cli_puts(&r->out, "\n\n");
        cli_puts(&r->out, cli_help_text(args.level));
        cli_puts(&r->err, "Error: ");
        cli_puts(&r->err, args.err);
        cli_putc(&r->err, '\n');
        code = CLI_EXIT_USAGE;
        break;
    case CLI_ACT_ERROR:
        if (args.with_help) cli_puts(&r->out, cli_help_text(args.level));
        cli_puts(&r->err, "Error: ");
        cli_puts(&r->err, args.err);
        cli_putc(&r->err, '\n');
        code = CLI_EXIT_USAGE;
        break;
    case CLI_ACT_RUN:
    default:
        code = run_command(r, env);
        break;
    }
    /* stdout first (the help precedes the error, as the official prints) */
    cli_buf_flush(&r->out, 1);
    err_flush(&r->err, r->token != NULL ? r->token : args.token);
    secrets_wipe();
    return code;
}

/* SPDX-License-Identifier: Apache-2.0 */
/* cli_errors.c - Go-like error texts and exit codes (see cli_errors.h). */
#include "cli_errors.h"

#include <errno.h>
#include <string.h>

#include "il_text.h"
#include "cli_json_err.h"
#include "cli_cert_errors.h"
#include "cli_signal.h"

/* The exit code of each status class: a class without a line here does not
 * compile (CLI_EXIT_OF_<class> undeclared). */
#define CLI_EXIT_OF_IL_CLASS_OK CLI_EXIT_OK
#define CLI_EXIT_OF_IL_CLASS_CALLER CLI_EXIT_USAGE
#define CLI_EXIT_OF_IL_CLASS_NETWORK CLI_EXIT_NETWORK
#define CLI_EXIT_OF_IL_CLASS_LOCAL CLI_EXIT_LOCAL
#define CLI_EXIT_OF_IL_CLASS_TLS CLI_EXIT_NETWORK
#define CLI_EXIT_OF_IL_CLASS_HTTP CLI_EXIT_SERVER
#define CLI_EXIT_OF_IL_CLASS_BODY CLI_EXIT_SERVER
#define CLI_EXIT_OF_IL_CLASS_REFUSED CLI_EXIT_REFUSED
#define CLI_EXIT_OF_IL_CLASS_SERVER CLI_EXIT_SERVER
#define CLI_EXIT_OF_IL_CLASS_POSTCONDITION CLI_EXIT_POSTCONDITION
#define CLI_EXIT_OF_(cls) (unsigned char)CLI_EXIT_OF_##cls,
static const unsigned char exit_of_class[IL_CLASS_COUNT] = {IL_CLASS_LIST(CLI_EXIT_OF_)};
#undef CLI_EXIT_OF_

int cli_exit_code(il_status_t st)
{
    return exit_of_class[il_status_class(st)];
}

int cli_fail(cli_buf_t *err, int code, const char *fmt, ...)
{
    va_list ap;
    cli_puts(err, "Error: ");
    va_start(ap, fmt);
    cli_vputf(err, fmt, ap);
    va_end(ap);
    cli_putc(err, '\n');
    return code;
}

/* Go's texts (syscall/zerrors_linux_amd64.go, glibc's in lower case) where
 * musl words them otherwise; strerror gives the rest the same in both. */
static const struct errno_text {
    int e;
    const char *text;
} errno_texts[] = {
    {EIO, "input/output error"}, {EMFILE, "too many open files"}, {ENOMEM, "cannot allocate memory"},
    {EDQUOT, "disk quota exceeded"}, {ELOOP, "too many levels of symbolic links"},
    {ENAMETOOLONG, "file name too long"},
};

void cli_put_errno(cli_buf_t *b, int e)
{
    for (size_t i = 0; i < sizeof errno_texts / sizeof errno_texts[0]; i++) {
        if (errno_texts[i].e == e) {
            cli_puts(b, errno_texts[i].text);
            return;
        }
    }
    const char *m = strerror(e);
    if (m[0] >= 'A' && m[0] <= 'Z' && (m[1] < 'A' || m[1] > 'Z')) {
        cli_putc(b, il_ascii_lower(m[0]));       /* Go's texts start in lower case */
        m++;
    }
    cli_puts(b, m);
}

bool cli_errno_no_resources(int e)
{
    return e == EMFILE || e == ENFILE || e == ENOMEM || e == ENOBUFS;
}

int cli_fail_path(cli_buf_t *err, int code, const char *op, const char *path, int e)
{
    cli_putf(err, "Error: %s %s: ", op, path);
    cli_put_errno(err, e);
    cli_putc(err, '\n');
    return cli_errno_no_resources(e) ? CLI_EXIT_LOCAL : code;
}

static const char *const error_codes[] = {
    "internal error", "not implemented", "not found", "conflict", "invalid",
    "unprocessable entity", "empty value", "unavailable", "forbidden", "too many requests",
    "unauthorized", "method not allowed", "request too large", "unsupported media type",
};

bool cli_error_code_valid(const char *p, size_t n)
{
    for (size_t i = 0; i < sizeof error_codes / sizeof error_codes[0]; i++)
        if (strlen(error_codes[i]) == n && memcmp(error_codes[i], p, n) == 0) return true;
    return false;
}

/* Server text from a JSON answer, as Go decodes it, escaped (cli_put_escaped). */
static void put_s(cli_buf_t *b, il_str_t s)
{
    cli_put_decoded_escaped(b, s);
}

static void put_text(cli_buf_t *b, const char *s)
{
    cli_put_escaped(b, s, strlen(s));
}

static bool json_type_at(const char *p)
{
    const char *q;
    if (il_ascii_istarts(p, "json")) return true;
    if (!il_ascii_istarts(p, "vnd.") || p[4] == '\0' || p[4] == ';') return false;
    for (q = p + 5; *q != '\0' && *q != ';'; q++)
        if (*q == '+' && il_ascii_istarts(q + 1, "json")) return true;
    return false;
}

bool cli_content_type_json(const char *ct)
{
    for (const char *p = ct; *p != '\0'; p++) {
        if (il_ascii_istarts(p, "application/") && json_type_at(p + 12)) return true;
        if (il_ascii_istarts(p, "text/") && json_type_at(p + 5)) return true;
    }
    return false;
}

il_status_t cli_answer_type(const il_client_t *c, il_result_t *res, il_status_t st)
{
    if (res->http_status == 0 || c->resp.body_len == 0 || cli_content_type_json(res->content_type)) return st;
    if (res->http_status < 300) return IL_ERR_CONTENT_TYPE;
    res->error_decode = IL_ERR_CONTENT_TYPE;
    return st;
}

/* Why a body could not be read: false when st is not about the body. */
static bool put_body_failure(cli_buf_t *b, il_status_t st, const il_result_t *res)
{
    if (st == IL_ERR_CONTENT_TYPE) {
        cli_putf(b, "unable to decode response content type %q", res->content_type);   /* Go: %q */
    } else if (st == IL_ERR_JSON_TOO_LARGE) {
        cli_puts(b, "response too large for buffer");
    } else if (st == IL_ERR_JSON) {
        cli_put_json_error(b, &res->json_error);
    } else {
        return false;
    }
    return true;
}

/* api.ErrorCode's UnmarshalJSON refuses a code outside its enum
 * (influx-cli api/model_error_code.gen.go); Go returns that at once, so it
 * wins over a type error saved before, not over a syntax error or another
 * error returned at once. */
static bool code_refused(const il_result_t *res)
{
    const il_json_error_t *e = &res->json_error;
    if (res->error_model == IL_JSON_M_UNAUTHORIZED_REQUEST_ERROR || res->error.code.p == NULL) return false;
    if (res->error_decode == IL_ERR_JSON && (e->what != IL_JSON_ERR_TYPE || e->immediate)) return false;
    if (res->error_decode != IL_OK && res->error_decode != IL_ERR_JSON) return false;
    return !cli_error_code_valid(res->error.code.p, res->error.code.n);
}

/* A 4xx or 5xx: "<status>: <message>[: <err>]", as the generated client's
 * error model (res->error_model) decodes it. */
static void put_http_failure(cli_buf_t *b, const il_result_t *res)
{
    put_text(b, res->status_text);
    cli_puts(b, ": ");
    if (code_refused(res)) {
        put_s(b, res->error.code);
        cli_puts(b, " is not a valid ErrorCode");
    } else if (res->error_decode != IL_OK) {
        put_body_failure(b, res->error_decode, res);
    } else if (res->dropped > 0) {
        cli_puts(b, "response too large for buffer");
    } else {
        put_s(b, res->error.message);
        if (res->error.err.p != NULL) {     /* the Error model's err; the 401 model has none */
            cli_puts(b, ": ");
            put_s(b, res->error.err);
        }
    }
}

/* What follows a url.Error's cause. */
typedef enum {
    CAUSE_END, CAUSE_DIAL_ADDR, CAUSE_CONN_ADDRS, CAUSE_HOST, CAUSE_STATUS, CAUSE_SECTION_MAX, CAUSE_ALERT
} cause_tail_t;

#define CAUSE_X509 "tls: failed to verify certificate: x509: "
/* (a refused certificate chain: cli_cert_errors.c) */
#define CAUSE_MALFORMED "net/http: HTTP/1.x transport connection broken: malformed HTTP response ("

/* The failures Go reports as url.Error: `<Method> "<url>": <cause>`. */
static const struct url_cause {
    il_status_t st;
    cause_tail_t tail;
    const char *cause;
    const char *cause_dialing;   /* instead, while connecting (NULL: the same) */
    const char *suffix;
} url_causes[] = {
    {IL_ERR_DNS, CAUSE_HOST, "dial tcp: lookup ", NULL, ": no such host"},
    {IL_ERR_CONNECT, CAUSE_DIAL_ADDR, "dial tcp ", NULL, ": connect: connection refused"},
    {IL_ERR_TIMEOUT, CAUSE_CONN_ADDRS, "read tcp ", "dial tcp ", ": i/o timeout"},
    {IL_ERR_SEND, CAUSE_CONN_ADDRS, "write tcp ", NULL, ": write: broken pipe"},
    {IL_ERR_RECV, CAUSE_CONN_ADDRS, "read tcp ", NULL, ": read: connection reset by peer"},
    /* net's sysSocket: os.NewSyscallError("socket", err) */
    {IL_ERR_NO_FDS, CAUSE_DIAL_ADDR, "dial tcp ", NULL, ": socket: too many open files"},
    {IL_ERR_NO_MEMORY, CAUSE_DIAL_ADDR, "dial tcp ", NULL, ": socket: cannot allocate memory"},
    {IL_ERR_HTTP_EOF, CAUSE_END, "EOF", NULL, ""},
    {IL_ERR_TLS_EXPIRED, CAUSE_END, CAUSE_X509 "certificate has expired or is not yet valid", NULL, ""},
    {IL_ERR_TLS_FUTURE, CAUSE_END, CAUSE_X509 "certificate has expired or is not yet valid", NULL, ""},
    /* Go's crypto/tls: an alert received is a "remote error", one the client
     * sends for what it found wrong a "local error" */
    {IL_ERR_TLS_ALERT, CAUSE_ALERT, "remote error: tls: ", NULL, ""},
    {IL_ERR_TLS_HANDSHAKE, CAUSE_ALERT, "local error: tls: ", NULL, ""},
    {IL_ERR_TLS_RECORD, CAUSE_ALERT, "local error: tls: ", NULL, ""},
    {IL_ERR_TLS_EOF, CAUSE_END, "EOF", NULL, ""},
    {IL_ERR_TLS_MEMORY, CAUSE_END,
     "tls: out of memory (the TLS pool, IL_TLS_POOL_SIZE, is too small for this server)", NULL, ""},
    {IL_ERR_TLS_VERSION, CAUSE_END, "tls: server selected unsupported protocol version", NULL, ""},
    {IL_ERR_TLS_NOT_TLS, CAUSE_END, "tls: first record does not look like a TLS handshake", NULL, ""},
    {IL_ERR_TLS_PIN, CAUSE_END, "tls: server public key does not match the pinned key", NULL, ""},
    {IL_ERR_TLS_CONFIG, CAUSE_END, "tls: cannot load the CA certificates", NULL, ""},
    {IL_ERR_TLS, CAUSE_END, "tls: handshake failed", NULL, ""},
    {IL_ERR_HTTP_STATUS_LINE, CAUSE_STATUS, CAUSE_MALFORMED, NULL, ")"},
    {IL_ERR_HTTP_HEADER, CAUSE_STATUS, CAUSE_MALFORMED, NULL, ")"},
    {IL_ERR_HTTP_HEADER_TOO_LONG, CAUSE_STATUS, CAUSE_MALFORMED, NULL, ")"},
    {IL_ERR_HTTP_CL_AND_CHUNKED, CAUSE_STATUS, CAUSE_MALFORMED, NULL, ")"},
    {IL_ERR_HTTP_LENGTH, CAUSE_STATUS, CAUSE_MALFORMED, NULL, ")"},
    {IL_ERR_HTTP_CHUNK, CAUSE_STATUS, CAUSE_MALFORMED, NULL, ")"},
    /* net/http's Transport.MaxResponseHeaderBytes, 10 MiB by default */
    {IL_ERR_HTTP_HEADER_SECTION_TOO_LARGE, CAUSE_SECTION_MAX, "net/http: server response headers exceeded ", NULL,
     " bytes; aborted"},
};

/* Go's texts of the TLS alerts (crypto/tls alert.go), by description. */
static const struct tls_alert_text {
    unsigned char alert;
    const char *text;
} tls_alert_texts[] = {
    {0, "close notify"}, {10, "unexpected message"}, {20, "bad record MAC"}, {21, "decryption failed"},
    {22, "record overflow"}, {30, "decompression failure"}, {40, "handshake failure"}, {42, "bad certificate"},
    {43, "unsupported certificate"}, {44, "revoked certificate"}, {45, "expired certificate"},
    {46, "unknown certificate"}, {47, "illegal parameter"}, {48, "unknown certificate authority"},
    {49, "access denied"}, {50, "error decoding message"}, {51, "error decrypting message"},
    {60, "export restriction"}, {70, "protocol version not supported"}, {71, "insufficient security level"},
    {80, "internal error"}, {86, "inappropriate fallback"}, {90, "user canceled"}, {100, "no renegotiation"},
    {109, "missing extension"}, {110, "unsupported extension"}, {111, "certificate unobtainable"},
    {112, "unrecognized name"}, {113, "bad certificate status response"}, {114, "bad certificate hash value"},
    {115, "unknown PSK identity"}, {116, "certificate required"}, {120, "no application protocol"},
    {121, "encrypted client hello required"},
};

/* An alert's text as Go prints it: its name, or "alert(N)". */
static void put_tls_alert(cli_buf_t *b, int alert)
{
    for (size_t i = 0; i < sizeof tls_alert_texts / sizeof tls_alert_texts[0]; i++) {
        if (tls_alert_texts[i].alert == alert) {
            cli_puts(b, tls_alert_texts[i].text);
            return;
        }
    }
    cli_puts(b, "alert(");
    if (alert < 0) cli_putc(b, '-');
    cli_put_uint(b, (unsigned long)(alert < 0 ? -(long)alert : alert));
    cli_putc(b, ')');
}

/* The name a certificate was checked against: the proxy's when the TLS to
 * an https:// proxy failed, else the server's, never the proxy's. */
static const char *tls_host(const cli_req_t *rq)
{
    return rq->target_host != NULL && !(rq->proxied && rq->connecting) ? rq->target_host : rq->dial_host;
}

/* st as a url.Error; false when Go does not report it as one. */
static bool put_url_failure(cli_buf_t *b, il_status_t st, const cli_req_t *rq)
{
    if (cli_cert_status(st)) {
        cli_req_put_url_error(b, rq);
        if (rq->proxied && rq->connecting) cli_puts(b, "proxyconnect tcp: ");   /* transport.go's wrapErr */
        cli_put_cert_failure(b, st, rq->tls_cert, tls_host(rq));
        return true;
    }
    for (size_t i = 0; i < sizeof url_causes / sizeof url_causes[0]; i++) {
        const struct url_cause *c = &url_causes[i];
        if (c->st != st) continue;
        cli_req_put_url_error(b, rq);
        if (st == IL_ERR_TLS_NOT_TLS && rq->net != NULL && rq->net->http_reply) {
            cli_puts(b, "http: server gave HTTP response to HTTPS client");   /* net/http's ErrSchemeMismatch */
            return true;
        }
        if (rq->proxied && rq->connecting) cli_puts(b, "proxyconnect tcp: ");   /* transport.go's wrapErr */
        cli_puts(b, rq->connecting && c->cause_dialing != NULL ? c->cause_dialing : c->cause);
        if (c->tail == CAUSE_DIAL_ADDR) cli_req_put_dial_addr(b, rq);
        else if (c->tail == CAUSE_CONN_ADDRS) cli_req_put_conn_addrs(b, rq);
        else if (c->tail == CAUSE_HOST) cli_puts(b, st == IL_ERR_TLS_NAME ? tls_host(rq) : rq->dial_host);
        else if (c->tail == CAUSE_STATUS) cli_puts(b, il_status_str(st));
        else if (c->tail == CAUSE_SECTION_MAX) cli_put_uint(b, IL_HTTP_HEADER_SECTION_MAX);
        else if (c->tail == CAUSE_ALERT) put_tls_alert(b, rq->tls_alert);
        cli_puts(b, c->suffix);
        return true;
    }
    return false;
}

static void put_quoted_str(cli_buf_t *b, il_str_t s)
{
    cli_put_quoted(b, s.p != NULL ? s.p : "", s.p != NULL ? s.n : 0);
}

/* An answer for another authorization, user or username than rq asked for
 * (a surplus or stale answer, or a server that mixes them up). */
static void put_mismatch(cli_buf_t *b, const il_result_t *res, const cli_req_t *rq)
{
    bool by_name = rq->query_key != NULL, user = strcmp(rq->path, "/api/v2/users/") == 0;
    cli_puts(b, by_name ? "server answered for username " : user ? "server answered for user ID "
                                                                   : "server answered for ID ");
    put_quoted_str(b, by_name ? res->auth.token : user ? res->user.id : res->auth.id);
    cli_puts(b, ", not ");
    cli_put_quoted(b, rq->value, strlen(rq->value));
}

/* The run was stopped by a signal during this request. */
static void put_interrupted(cli_buf_t *b, const cli_req_t *rq)
{
    cli_puts(b, "interrupted by ");
    cli_puts(b, cli_signal_name(cli_signal_caught()));
    if (rq->sent && strcmp(rq->method, "Patch") == 0)
        cli_puts(b, " after the PATCH was sent: the authorization's status is unknown");
}

/* SOCKS5 failures in Go's words (net/http/socks_bundle.go): the text, and
 * whether the number in detail follows it. */
static const struct socks_text {
    il_proxy_fail_t fail;
    const char *text;
    bool number;
} socks_texts[] = {
    {IL_PROXY_FAIL_SOCKS_VERSION, "unexpected protocol version ", true},
    {IL_PROXY_FAIL_SOCKS_NO_METHOD, "no acceptable authentication methods", false},
    {IL_PROXY_FAIL_SOCKS_METHOD, "unsupported authentication method ", true},
    {IL_PROXY_FAIL_SOCKS_CREDENTIALS, "invalid username/password", false},
    {IL_PROXY_FAIL_SOCKS_AUTH_VERSION, "invalid username/password version", false},
    {IL_PROXY_FAIL_SOCKS_AUTH, "username/password authentication failed", false},
    {IL_PROXY_FAIL_SOCKS_RESERVED, "non-zero reserved field", false},
    {IL_PROXY_FAIL_SOCKS_ATYP, "unknown address type ", true},
};

/* socksReply.String(), after "unknown error ". */
static const char *const socks_replies[] = {
    "succeeded", "general SOCKS server failure", "connection not allowed by ruleset", "network unreachable",
    "host unreachable", "connection refused", "TTL expired", "command not supported", "address type not supported",
};

static void put_socks_failure(cli_buf_t *b, const il_proxy_conn_t *t)
{
    if (t->fail == IL_PROXY_FAIL_EOF) {                 /* io.ReadFull: nothing, or part of a reply */
        cli_puts(b, t->detail == 0 ? "EOF" : "unexpected EOF");
        return;
    }
    if (t->fail == IL_PROXY_FAIL_SOCKS_REPLY) {
        cli_puts(b, "unknown error ");
        if (t->detail < sizeof socks_replies / sizeof socks_replies[0]) {
            cli_puts(b, socks_replies[t->detail]);
        } else {
            cli_puts(b, "unknown code: ");
            cli_put_uint(b, t->detail);
        }
        return;
    }
    for (size_t i = 0; i < sizeof socks_texts / sizeof socks_texts[0]; i++) {
        if (socks_texts[i].fail != t->fail) continue;
        cli_puts(b, socks_texts[i].text);
        if (socks_texts[i].number) cli_put_uint(b, t->detail);
        return;
    }
    cli_puts(b, il_status_str((il_status_t)t->detail));
}

/* A CONNECT that did not open the tunnel, in Go's words (transport.go's
 * dialConn: the status text after its code; ReadResponse's EOF). */
static void put_connect_failure(cli_buf_t *b, const il_proxy_conn_t *t)
{
    const char *sp = strchr(t->status_text, ' ');
    if (t->fail == IL_PROXY_FAIL_STATUS) {
        put_text(b, sp != NULL ? sp + 1 : "unknown status code");     /* the proxy's text, escaped */
    } else if (t->fail == IL_PROXY_FAIL_EOF) {
        cli_puts(b, "unexpected EOF");
    } else if (t->fail == IL_PROXY_FAIL_TOO_LARGE) {
        cli_puts(b, "proxy's answer to CONNECT exceeded ");      /* Go reads on: README */
        cli_put_uint(b, t->detail);
        cli_puts(b, " bytes; aborted");
    } else {
        cli_puts(b, "malformed HTTP response from proxy (");
        cli_puts(b, il_status_str((il_status_t)t->detail));
        cli_putc(b, ')');
    }
}

/* A tunnel through the proxy that failed: false when st is not about it. */
static bool put_tunnel_failure(cli_buf_t *b, il_status_t st, const cli_req_t *rq)
{
    const il_proxy_conn_t *t = rq->tunnel;
    if (t == NULL || st != IL_ERR_PROXY)
        return false;
    cli_req_put_url_error(b, rq);
    if (t->kind == IL_PROXY_CONNECT) {
        put_connect_failure(b, t);
        return true;
    }
    cli_puts(b, "socks connect tcp ");
    cli_req_put_dial_addr(b, rq);
    cli_puts(b, "->");
    cli_putf(b, strchr(rq->target_host, ':') != NULL ? "[%s]:" : "%s:", rq->target_host);
    cli_put_uint(b, rq->target_port);
    cli_puts(b, ": ");
    put_socks_failure(b, t);
    return true;
}

/* The answer said something other than what was asked. */
static bool put_answer_failure(cli_buf_t *b, il_status_t st, const il_result_t *res, const cli_req_t *rq)
{
    if (st == IL_ERR_REDIRECT) {
        put_text(b, res->status_text);
        cli_puts(b, ": redirect to ");
        put_text(b, res->location[0] != '\0' ? res->location : "(no Location)");
        cli_puts(b, " not followed");
    } else if (st == IL_ERR_POSTCONDITION) {
        cli_puts(b, "server answered status ");
        put_quoted_str(b, res->auth.status);
        cli_puts(b, ", not \"inactive\"");
    } else if (st == IL_ERR_NO_MATCH) {
        cli_puts(b, "%!w(<nil>)");
    } else if (st == IL_ERR_ANSWER_MISMATCH) {
        put_mismatch(b, res, rq);
    } else if (st == IL_ERR_CANCELLED) {
        put_interrupted(b, rq);
    } else {
        return false;
    }
    return true;
}

void cli_put_failure(cli_buf_t *b, il_status_t st, const il_result_t *res, const cli_req_t *rq)
{
    if (st == IL_ERR_HTTP_4XX || st == IL_ERR_HTTP_5XX) {
        put_http_failure(b, res);
        return;
    }
    if (put_answer_failure(b, st, res, rq) || put_body_failure(b, st, res) || put_tunnel_failure(b, st, rq) ||
        put_url_failure(b, st, rq))
        return;
    cli_puts(b, il_status_str(st));
}

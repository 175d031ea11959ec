/* SPDX-License-Identifier: Apache-2.0 */
/* cli_errors.c - Go-like error texts and exit codes (see cli_errors.h). */
#include "cli_errors.h"

#include <string.h>

int cli_exit_code(il_status_t st)
{
    switch (st) {
    case IL_OK:
        return CLI_EXIT_OK;
    case IL_ERR_DNS: case IL_ERR_CONNECT: case IL_ERR_TIMEOUT: case IL_ERR_SEND: case IL_ERR_RECV:
    case IL_ERR_TLS: case IL_ERR_TLS_CA: case IL_ERR_TLS_NAME: case IL_ERR_TLS_EXPIRED:
    case IL_ERR_TLS_FUTURE: case IL_ERR_TLS_HANDSHAKE: case IL_ERR_TLS_VERSION:
    case IL_ERR_TLS_NOT_TLS: case IL_ERR_TLS_PIN: case IL_ERR_TLS_CONFIG:
        return CLI_EXIT_NETWORK;
    case IL_ERR_REDIRECT: case IL_ERR_HTTP_4XX: case IL_ERR_NO_MATCH:
        return CLI_EXIT_REFUSED;
    case IL_ERR_HTTP_STATUS_LINE: case IL_ERR_HTTP_HEADER: case IL_ERR_HTTP_HEADER_TOO_LONG:
    case IL_ERR_HTTP_CL_AND_CHUNKED: case IL_ERR_HTTP_LENGTH: case IL_ERR_HTTP_CHUNK:
    case IL_ERR_HTTP_BODY_TOO_LARGE: case IL_ERR_HTTP_EOF: case IL_ERR_CONTENT_TYPE:
    case IL_ERR_JSON: case IL_ERR_JSON_TOO_LARGE: case IL_ERR_HTTP_5XX:
        return CLI_EXIT_SERVER;
    case IL_ERR_POSTCONDITION:
        return CLI_EXIT_POSTCONDITION;
    default:
        return CLI_EXIT_USAGE;
    }
}

static const char uhex[] = "0123456789ABCDEF";

static bool unreserved(unsigned char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
           c == '-' || c == '_' || c == '.' || c == '~';
}

void cli_put_path_escaped(cli_buf_t *b, const char *s)
{
    for (const unsigned char *u = (const unsigned char *)s; *u != '\0'; u++) {
        if (unreserved(*u) || *u == '$' || *u == '&' || *u == '+' || *u == ':' || *u == '=' ||
            *u == '@') {
            cli_putc(b, (char)*u);
        } else {
            char e[3] = {'%', uhex[*u >> 4], uhex[*u & 15]};
            cli_put(b, e, 3);
        }
    }
}

void cli_put_query_escaped(cli_buf_t *b, const char *s)
{
    for (const unsigned char *u = (const unsigned char *)s; *u != '\0'; u++) {
        if (unreserved(*u)) {
            cli_putc(b, (char)*u);
        } else if (*u == ' ') {
            cli_putc(b, '+');
        } else {
            char e[3] = {'%', uhex[*u >> 4], uhex[*u & 15]};
            cli_put(b, e, 3);
        }
    }
}

void cli_put_req_url(cli_buf_t *b, const cli_req_t *rq)
{
    /* Go's URL.String(): "scheme:" then "//host" when either is set */
    if (rq->scheme[0] != '\0') {
        cli_puts(b, rq->scheme);
        cli_putc(b, ':');
    }
    if (rq->scheme[0] != '\0' || rq->host_header[0] != '\0') {
        cli_puts(b, "//");
        cli_puts(b, rq->host_header);
    }
    cli_puts(b, rq->path);
    if (rq->param != NULL) cli_put_path_escaped(b, rq->param);
    if (rq->query_key != NULL) {
        cli_putc(b, '?');
        cli_puts(b, rq->query_key);
        cli_putc(b, '=');
        cli_put_query_escaped(b, rq->query_value != NULL ? rq->query_value : "");
    }
}

static void put_dial_addr(cli_buf_t *b, const cli_req_t *rq)
{
    bool v6 = strchr(rq->dial_host, ':') != NULL;
    if (v6) cli_putc(b, '[');
    cli_puts(b, rq->dial_host);
    if (v6) cli_putc(b, ']');
    cli_putc(b, ':');
    cli_put_uint(b, rq->port);
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

static void put_s(cli_buf_t *b, il_str_t s)
{
    if (s.p != NULL) cli_put(b, s.p, s.n);
}

/* Go's json.Unmarshal syntax error, for the first offending byte only. */
static void put_json_error(cli_buf_t *b, const uint8_t *body, size_t len)
{
    size_t i = 0;
    while (i < len && (body[i] == ' ' || body[i] == '\t' || body[i] == '\r' || body[i] == '\n')) i++;
    if (i == len) {
        cli_puts(b, "unexpected end of JSON input");
        return;
    }
    unsigned char c = body[i];
    if (c != '{' && c != '[' && c != '"' && c != '-' && !(c >= '0' && c <= '9') && c != 't' &&
        c != 'f' && c != 'n') {
        cli_puts(b, "invalid character ");
        if (c >= 0x20 && c < 0x7f && c != '\'') {
            cli_putc(b, '\'');
            cli_putc(b, (char)c);
            cli_putc(b, '\'');
        } else {
            cli_put_quoted(b, (const char *)&body[i], 1);
        }
        cli_puts(b, " looking for beginning of value");
        return;
    }
    cli_puts(b, "invalid JSON in response body");
}

static void put_url_error(cli_buf_t *b, const cli_req_t *rq, const char *cause_pre, bool dial)
{
    cli_puts(b, rq->method);
    cli_puts(b, " \"");
    cli_put_req_url(b, rq);
    cli_puts(b, "\": ");
    if (dial) {
        cli_puts(b, cause_pre);
        put_dial_addr(b, rq);
    } else {
        cli_puts(b, cause_pre);
    }
}

void cli_put_failure(cli_buf_t *b, il_status_t st, const il_result_t *res, const cli_req_t *rq,
                     const uint8_t *body, size_t body_len)
{
    switch (st) {
    case IL_ERR_HTTP_4XX:
    case IL_ERR_HTTP_5XX:
        cli_puts(b, res->status_text);
        cli_puts(b, ": ");
        if (res->error_decode == IL_OK) {
            bool any_code = rq->unauthorized_model && res->http_status == 401;
            if (!any_code && res->error.code.p != NULL &&
                !cli_error_code_valid(res->error.code.p, res->error.code.n)) {
                put_s(b, res->error.code);
                cli_puts(b, " is not a valid ErrorCode");
                return;
            }
            put_s(b, res->error.message);
            if (res->error.err.p != NULL && !any_code) {
                cli_puts(b, ": ");
                put_s(b, res->error.err);
            }
            return;
        }
        st = res->error_decode;
        if (st == IL_ERR_CONTENT_TYPE) {
            cli_puts(b, "unable to decode response content type \"");
            cli_puts(b, res->content_type);
            cli_putc(b, '"');
        } else if (st == IL_ERR_JSON_TOO_LARGE || st == IL_ERR_HTTP_BODY_TOO_LARGE) {
            cli_puts(b, "response too large for buffer");
        } else {
            put_json_error(b, body, body != NULL ? body_len : 0);
        }
        return;
    case IL_ERR_REDIRECT:
        cli_puts(b, res->status_text);
        cli_puts(b, ": redirect to ");
        cli_puts(b, res->location[0] != '\0' ? res->location : "(no Location)");
        cli_puts(b, " not followed");
        return;
    case IL_ERR_POSTCONDITION:
        cli_puts(b, "server answered status ");
        cli_put_quoted(b, res->auth.status.p != NULL ? res->auth.status.p : "",
                       res->auth.status.p != NULL ? res->auth.status.n : 0);
        cli_puts(b, ", not \"inactive\"");
        return;
    case IL_ERR_NO_MATCH:
        cli_puts(b, "%!w(<nil>)");
        return;
    case IL_ERR_CONTENT_TYPE:
        cli_puts(b, "unable to decode response content type \"");
        cli_puts(b, res->content_type);
        cli_putc(b, '"');
        return;
    case IL_ERR_JSON:
        put_json_error(b, body, body != NULL ? body_len : 0);
        return;
    case IL_ERR_JSON_TOO_LARGE:
    case IL_ERR_HTTP_BODY_TOO_LARGE:
        cli_puts(b, "response too large for buffer");
        return;
    case IL_ERR_REQUEST_TOO_LARGE:
        cli_puts(b, "request too large for buffer");
        return;
    case IL_ERR_DNS:
        put_url_error(b, rq, "dial tcp: lookup ", false);
        cli_puts(b, rq->dial_host);
        cli_puts(b, ": no such host");
        return;
    case IL_ERR_CONNECT:
        put_url_error(b, rq, "dial tcp ", true);
        cli_puts(b, ": connect: connection refused");
        return;
    case IL_ERR_TIMEOUT:
        put_url_error(b, rq, rq->connecting ? "dial tcp " : "read tcp ", true);
        cli_puts(b, ": i/o timeout");
        return;
    case IL_ERR_SEND:
        put_url_error(b, rq, "write tcp ", true);
        cli_puts(b, ": write: broken pipe");
        return;
    case IL_ERR_RECV:
        put_url_error(b, rq, "read tcp ", true);
        cli_puts(b, ": read: connection reset by peer");
        return;
    case IL_ERR_HTTP_EOF:
        put_url_error(b, rq, "EOF", false);
        return;
    case IL_ERR_TLS_CA:
        put_url_error(b, rq, "tls: failed to verify certificate: x509: certificate signed by unknown authority", false);
        return;
    case IL_ERR_TLS_NAME:
        put_url_error(b, rq, "tls: failed to verify certificate: x509: certificate is not valid for ", false);
        cli_puts(b, rq->dial_host);
        return;
    case IL_ERR_TLS_EXPIRED:
    case IL_ERR_TLS_FUTURE:
        put_url_error(b, rq, "tls: failed to verify certificate: x509: certificate has expired or is not yet valid", false);
        return;
    case IL_ERR_TLS_HANDSHAKE:
        put_url_error(b, rq, "remote error: tls: handshake failure", false);
        return;
    case IL_ERR_TLS_VERSION:
        put_url_error(b, rq, "tls: server selected unsupported protocol version", false);
        return;
    case IL_ERR_TLS_NOT_TLS:
        put_url_error(b, rq, "tls: first record does not look like a TLS handshake", false);
        return;
    case IL_ERR_TLS_PIN:
        put_url_error(b, rq, "tls: server public key does not match the pinned key", false);
        return;
    case IL_ERR_TLS_CONFIG:
        put_url_error(b, rq, "tls: cannot load the CA certificates", false);
        return;
    case IL_ERR_TLS:
        put_url_error(b, rq, "tls: handshake failed", false);
        return;
    case IL_ERR_HTTP_STATUS_LINE: case IL_ERR_HTTP_HEADER: case IL_ERR_HTTP_HEADER_TOO_LONG:
    case IL_ERR_HTTP_CL_AND_CHUNKED: case IL_ERR_HTTP_LENGTH: case IL_ERR_HTTP_CHUNK:
        put_url_error(b, rq, "net/http: HTTP/1.x transport connection broken: malformed HTTP response (", false);
        cli_puts(b, il_status_str(st));
        cli_putc(b, ')');
        return;
    default:
        cli_puts(b, il_status_str(st));
        return;
    }
}

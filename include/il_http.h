/* SPDX-License-Identifier: Apache-2.0 */
/* il_http.h - minimal HTTP/1.1: a request writer and an incremental,
 * split-independent response parser. No allocation; the caller owns every
 * buffer. */
#ifndef IL_HTTP_H
#define IL_HTTP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "il_config.h"
#include "il_status.h"

/* ---- request writer ---- */

/* A request header of the caller's own, sent as "name: value". */
typedef struct il_http_header {
    const char *name;         /* not empty; no control byte, space or colon */
    const char *value;        /* no control byte but HTAB */
} il_http_header_t;

/* Check headers[0..n) before they are written: IL_OK; IL_ERR_ARG when
 * headers is NULL with n > 0 or a name or value is NULL;
 * IL_ERR_UNSAFE_CHAR when a name is empty or holds a control byte, a space
 * or a colon, or a value a control byte other than HTAB. */
il_status_t il_http_headers_check(const il_http_header_t *headers, size_t n);

typedef struct il_http_request {
    const char *method;       /* "GET" or "PATCH" */
    const char *path;         /* fixed path prefix, e.g. "/api/v2/authorizations/" */
    const char *path_param;   /* appended percent-encoded like Go's url.PathEscape; NULL for none */
    const char *query_key;    /* optional "?key=value", value encoded like url.QueryEscape */
    const char *query_value;
    const char *host;         /* Host header value (il_url_t.host_header) */
    const char *token;        /* "Authorization: Token <token>"; NULL or "" sends none */
    const char *user_agent;   /* NULL: IL_USER_AGENT */
    const char *body;         /* JSON body, sent with Content-Type and Content-Length; NULL: none */
    size_t body_len;
    bool close;               /* send "Connection: close" */
    bool absolute_form;       /* through an HTTP proxy: "http://" + host before the path (RFC 9112 3.2.2) */
    const char *proxy_authorization; /* "Proxy-Authorization: <value>"; NULL or "" sends none */
    const il_http_header_t *headers;  /* more headers, in this order after the others: */
    size_t nheaders;                  /* written as given, so il_http_headers_check them first */
} il_http_request_t;

/* Write the whole request into buf[0..cap). On IL_OK *out_len is its length.
 * IL_ERR_ARG if req, buf or out_len is NULL, the method, path or host is
 * NULL or empty, body is NULL with body_len > 0, or headers is NULL with
 * nheaders > 0.
 * IL_ERR_UNSAFE_CHAR if any string holds a control byte (CR, LF, NUL, other
 * < 0x20, 0x7f), or the method, path or query key (sent raw in the request
 * line) a space (the caller's headers are not checked here: see
 * il_http_headers_check); IL_ERR_REQUEST_TOO_LARGE if it does not fit (buf is then
 * left partially written and must not be sent). Nothing is ever written at
 * or past buf[cap]. */
il_status_t il_http_request_write(const il_http_request_t *req, uint8_t *buf,
                                  size_t cap, size_t *out_len);

/* ---- response parser ---- */

/* Where a streamed body goes: the next n bytes of it, as they come. */
typedef void (*il_http_body_fn)(void *ctx, const uint8_t *p, size_t n);

/* The caller's look at an answer's headers (il_http_response_t.watch_fn),
 * one header at a time: IL_HTTP_WATCH_NAME with its name p[0..n) (return
 * true to get its value), then IL_HTTP_WATCH_VALUE with the value's bytes
 * as they arrive (leading blanks skipped, trailing ones passed on), then
 * IL_HTTP_WATCH_END (n 0) at the end of its line; the return value counts
 * only for a name. The headers the parser reads itself (Content-Length,
 * Transfer-Encoding, Connection, Content-Type, Location), names longer
 * than IL_HTTP_LINE_MAX and trailers are not offered; an interim (1xx)
 * answer's are. il_http_response_headers_done tells whether an answer's
 * header section ended. */
enum { IL_HTTP_WATCH_NAME, IL_HTTP_WATCH_VALUE, IL_HTTP_WATCH_END };
typedef bool (*il_http_watch_fn)(void *ctx, int event, const char *p, size_t n);

typedef struct il_http_response {
    /* results, valid once il_http_response_feed returned IL_OK */
    int status;                                  /* 200..599 (1xx are skipped) */
    char *status_text;                           /* the caller's: "404 Not Found", Go's resp.Status */
    size_t status_len;                           /* of it kept (the rest of a long line is cut) */
    char content_type[IL_HTTP_CONTENT_TYPE_MAX]; /* "" when absent; cut if longer */
    char location[IL_HTTP_LOCATION_MAX];         /* Location header, cut if longer */
    size_t body_len;                             /* body bytes, all given to on_body */
    bool keep_alive;                             /* connection may carry another request */
    bool head_only;   /* set after init: the answer ends with its headers (a CONNECT's answer) */

    /* the caller's look at the headers: set after il_http_response_init (optional) */
    il_http_watch_fn watch_fn;
    void *watch_ctx;

    /* parser state: private */
    size_t status_cap;        /* status_text's size */
    il_http_body_fn on_body;  /* where the body goes */
    void *on_body_ctx;
    int state;                /* < 0: failed with the il_status_t -state */
    int minor_version;
    bool chunked, has_length, saw_cr;
    bool headers_done;        /* the final answer's header section was read */
    bool conn_close, conn_keep_alive;   /* tokens of the Connection header */
    uint64_t remaining;       /* bytes left of Content-Length or of the chunk */
    size_t header_bytes;      /* header section bytes, 1xx answers and trailers included */
    uint8_t field;            /* the header line being read: its name, or what its value is for */
    bool value_started;       /* the value's leading blanks are behind */
    size_t name_len;          /* bytes of the field name (line[] holds the first of them) */
    size_t keep_len, keep_end;/* a kept copy (Content-Type, Location): bytes, end of its last non-blank */
    size_t line_len;
    char line[IL_HTTP_LINE_MAX];
} il_http_response_t;

/* Start a new response. The status line after its "HTTP/1.x " (Go's
 * resp.Status: "404 Not Found", the reason whatever its length) goes to
 * status_text[0..status_cap) as it comes, cut to fit, and is NUL-terminated
 * once the line is read (status_cap 0: not kept; status_text may then be
 * NULL). The body is handed to on_body(ctx, ...) in runs as it comes (NULL:
 * read and dropped), never held, whatever its size: what the consumer keeps
 * of it bounds the memory, the port's deadline the time. Set head_only
 * after it for an answer without a body (to a CONNECT: the bytes after its
 * header section are the tunnel's, never consumed). */
void il_http_response_init(il_http_response_t *r, char *status_text, size_t status_cap,
                           il_http_body_fn on_body, void *ctx);

/* Feed len bytes. Returns IL_NEED_MORE when all were used and more are
 * needed, IL_OK when the response is complete (*consumed tells how many of
 * the bytes belong to it; the rest are not part of this answer), or an
 * IL_ERR_HTTP_* error, after which the parser stays failed. The result is
 * the same for any split of the input, one byte at a time included.
 * consumed may be NULL. Strict: lines end in CRLF (bare LF or CR is an
 * error), no whitespace before a header's colon, no obs-fold, digits-only
 * lengths; see core/http_response.c for the full list. Memory is the
 * struct's: a header the client does not use is checked and skipped
 * whatever its length, the kept copies are cut, and the whole header
 * section is bounded by IL_HTTP_HEADER_SECTION_MAX
 * (IL_ERR_HTTP_HEADER_SECTION_TOO_LARGE). */
il_status_t il_http_response_feed(il_http_response_t *r, const uint8_t *data,
                                  size_t len, size_t *consumed);

/* Whether the header section of the (final) answer has been read: its
 * status and headers are known, whatever happens to the body. */
bool il_http_response_headers_done(const il_http_response_t *r);

/* The peer closed the connection. IL_OK if that completes a body delimited
 * by the close, IL_ERR_HTTP_EOF if the answer was cut short. */
il_status_t il_http_response_eof(il_http_response_t *r);

#endif

/* SPDX-License-Identifier: Apache-2.0 */
/* http_request.c - writes one HTTP/1.1 request into the caller's buffer.
 *
 * Every caller string is checked before a byte is written: a control byte
 * (< 0x20 or 0x7f) anywhere is IL_ERR_UNSAFE_CHAR, so no CR/LF can split a
 * header or the request line. The method, path and query key go into the
 * request line raw, so a space there is refused as well. The path parameter
 * and the query value are percent-encoded like Go's url.PathEscape and
 * url.QueryEscape. The caller's own headers are checked once, when they are
 * given (il_http_headers_check; il_client_set_headers calls it): no control
 * byte in a value but HTAB (as Go's net/http allows), and a name that is
 * not empty and holds no control byte, space or colon, so that no header
 * can end or start another. The writer copies them as they are: a firmware
 * that sends none links no checking code. */
#include <string.h>
#include "il_http.h"
#include "il_text.h"

typedef struct request_writer {
    uint8_t *buf;
    size_t cap, len;
    bool full;       /* something did not fit: the request is unusable */
} request_writer_t;

static void request_put_bytes(request_writer_t *w, const void *src, size_t n)
{
    if (w->full || n > w->cap - w->len) {
        w->full = true;
        return;
    }
    if (n > 0)
        memcpy(w->buf + w->len, src, n);
    w->len += n;
}

static void request_put(request_writer_t *w, const char *s)
{
    request_put_bytes(w, s, strlen(s));
}

/* "Name: value\r\n"; name_colon_space is "Name: " */
static void request_put_header(request_writer_t *w, const char *name_colon_space, const char *value)
{
    request_put(w, name_colon_space);
    request_put(w, value);
    request_put(w, "\r\n");
}

static void request_put_decimal(request_writer_t *w, size_t v)
{
    char digits[IL_UDEC_MAX];
    request_put_bytes(w, digits, il_udec(v, digits));
}

/* il_put_fn over the writer, for il_pct_encode */
static void request_put_sink(void *w, const char *p, size_t n)
{
    request_put_bytes(w, p, n);
}

/* True if s holds a control byte, or a space when it goes raw into the
 * request line. NULL is safe (nothing is sent). */
static bool request_is_unsafe(const char *s, bool in_request_line)
{
    for (; s != NULL && *s != '\0'; s++) {
        uint8_t c = (uint8_t)*s;
        if (c < 0x20 || c == 0x7f || (in_request_line && c == ' '))
            return true;
    }
    return false;
}

static bool request_is_empty(const char *s)
{
    return s == NULL || s[0] == '\0';
}

il_status_t il_http_headers_check(const il_http_header_t *headers, size_t n)
{
    size_t i;
    const char *p;
    if (n > 0 && headers == NULL)
        return IL_ERR_ARG;
    for (i = 0; i < n; i++) {
        if (headers[i].name == NULL || headers[i].value == NULL)
            return IL_ERR_ARG;
        if (headers[i].name[0] == '\0')
            return IL_ERR_UNSAFE_CHAR;
        for (p = headers[i].name; *p != '\0'; p++)
            if ((uint8_t)*p <= ' ' || *p == ':' || *p == 0x7f)
                return IL_ERR_UNSAFE_CHAR;
        for (p = headers[i].value; *p != '\0'; p++)
            if (((uint8_t)*p < ' ' && *p != '\t') || *p == 0x7f)
                return IL_ERR_UNSAFE_CHAR;
    }
    return IL_OK;
}

/* The caller's headers, "name: value" each (checked when they were given). */
static void request_put_caller_headers(request_writer_t *w, const il_http_request_t *req)
{
    size_t i;
    for (i = 0; i < req->nheaders; i++) {
        request_put(w, req->headers[i].name);
        request_put_header(w, ": ", req->headers[i].value);
    }
}

/* Every caller string checked before a byte is written: IL_OK,
 * IL_ERR_ARG or IL_ERR_UNSAFE_CHAR. */
static il_status_t request_check(const il_http_request_t *req, const char *ua)
{
    const char *checked[8 + IL_PROXY];   /* the proxy's credentials too, when built in */
    size_t i;

    if (request_is_empty(req->method) || request_is_empty(req->path) ||
        request_is_empty(req->host) || (req->body == NULL && req->body_len > 0))
        return IL_ERR_ARG;
    checked[0] = req->method;       /* the first three go raw into the request line */
    checked[1] = req->path;
    checked[2] = req->query_key;
    checked[3] = req->query_value;
    checked[4] = req->path_param;
    checked[5] = req->host;
    checked[6] = req->token;
    checked[7] = ua;
#if IL_PROXY
    checked[8] = req->proxy_authorization;
    if (req->absolute_form && request_is_unsafe(req->host, true)) return IL_ERR_UNSAFE_CHAR;
#endif
    for (i = 0; i < 8 + IL_PROXY; i++) {
        if (request_is_unsafe(checked[i], i < 3))
            return IL_ERR_UNSAFE_CHAR;
    }
    return req->nheaders > 0 && req->headers == NULL ? IL_ERR_ARG : IL_OK;
}

/* "METHOD [http://host]path[param][?key=value] HTTP/1.1\r\n" */
static void request_put_request_line(request_writer_t *w, const il_http_request_t *req)
{
    request_put(w, req->method);
    request_put(w, " ");
#if IL_PROXY
    if (req->absolute_form) {          /* as Go writes it: the Host header's value */
        request_put(w, "http://");
        request_put(w, req->host);
    }
#endif
    request_put(w, req->path);
    il_pct_encode(req->path_param, IL_PCT_PATH, request_put_sink, w);
    if (!request_is_empty(req->query_key)) {
        request_put(w, "?");
        request_put(w, req->query_key);
        request_put(w, "=");
        il_pct_encode(req->query_value, IL_PCT_QUERY, request_put_sink, w);
    }
    request_put(w, " HTTP/1.1\r\n");
}

/* The header section, its empty line included. */
static void request_put_headers(request_writer_t *w, const il_http_request_t *req,
                                const char *ua)
{
    request_put_header(w, "Host: ", req->host);
    request_put_header(w, "User-Agent: ", ua);
    request_put(w, "Accept: application/json\r\n");
    if (!request_is_empty(req->token))
        request_put_header(w, "Authorization: Token ", req->token);
    if (req->body != NULL) {
        request_put(w, "Content-Type: application/json\r\nContent-Length: ");
        request_put_decimal(w, req->body_len);
        request_put(w, "\r\n");
    }
    if (req->close)
        request_put(w, "Connection: close\r\n");
#if IL_PROXY
    if (!request_is_empty(req->proxy_authorization))
        request_put_header(w, "Proxy-Authorization: ", req->proxy_authorization);
#endif
    request_put_caller_headers(w, req);
    request_put(w, "\r\n");
}

il_status_t il_http_request_write(const il_http_request_t *req, uint8_t *buf,
                                  size_t cap, size_t *out_len)
{
    request_writer_t w;
    const char *ua;
    il_status_t st;

    if (req == NULL || buf == NULL || out_len == NULL)
        return IL_ERR_ARG;
    ua = req->user_agent != NULL ? req->user_agent : IL_USER_AGENT;
    st = request_check(req, ua);
    if (st != IL_OK)
        return st;
    w.buf = buf;
    w.cap = cap;
    w.len = 0;
    w.full = false;
    request_put_request_line(&w, req);
    request_put_headers(&w, req, ua);
    if (req->body != NULL)
        request_put_bytes(&w, req->body, req->body_len);
    if (w.full)
        return IL_ERR_REQUEST_TOO_LARGE;
    *out_len = w.len;
    return IL_OK;
}

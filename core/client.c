/* SPDX-License-Identifier: Apache-2.0 */
/* client.c - the operations: one request, one answer, decoded, over the
 * caller's transport and buffers. */
#include <string.h>
#include "il_client.h"
#include "il_text.h"

static const char client_body_inactive[] = "{\"status\":\"inactive\"}";

void il_client_init(il_client_t *c, const il_transport_t *t, const char *host_header,
                    const char *token, uint8_t *req_buf, size_t req_cap,
                    uint8_t *body_buf, size_t body_cap, const il_json_scratch_t *json)
{
    memset(c, 0, sizeof(*c));
    c->transport = t;
    c->host_header = host_header;
    c->token = token;
    c->req_buf = req_buf;
    c->req_cap = req_cap;
    c->body_buf = body_buf;
    c->body_cap = body_cap;
    if (json != NULL) c->json = *json;
}

void il_client_set_transport(il_client_t *c, const il_transport_t *t)
{
    if (c != NULL) c->transport = t;
}

void il_client_set_body_buffer(il_client_t *c, uint8_t *body_buf, size_t body_cap,
                               const il_json_scratch_t *json)
{
    if (c == NULL) return;
    c->body_buf = body_buf;
    c->body_cap = body_cap;
    if (json != NULL) c->json = *json;
}

il_status_t il_client_set_headers(il_client_t *c, const il_http_header_t *headers, size_t n)
{
    il_status_t st = c != NULL ? il_http_headers_check(headers, n) : IL_ERR_ARG;
    if (c == NULL) return st;
    c->headers = st == IL_OK ? headers : NULL;
    c->nheaders = st == IL_OK ? n : 0;
    return st;
}

void il_client_set_watch(il_client_t *c, il_http_watch_fn fn, void *ctx)
{
    if (c == NULL) return;
    c->watch_fn = fn;
    c->watch_ctx = ctx;
}

il_status_t il_id_check(const char *id)
{
    size_t i;
    bool nonzero = false;
    if (id == NULL) return IL_ERR_ARG;
    for (i = 0; id[i] != '\0'; i++) {
        if (i >= 16) return IL_ERR_ID_LENGTH;
    }
    if (i != 16) return IL_ERR_ID_LENGTH;
    for (i = 0; i < 16; i++) {
        char ch = id[i];
        if (!((ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f') || (ch >= 'A' && ch <= 'F')))
            return IL_ERR_ID_INVALID;
        if (ch != '0') nonzero = true;
    }
    return nonzero ? IL_OK : IL_ERR_ID_INVALID;
}

/* Go's check: (?:application|text)/(?:vnd\.[^;]+\+)?json, unanchored, any case. */
static bool client_json_type_at(const char *p)
{
    const char *q;
    if (il_ascii_istarts(p, "json")) return true;
    if (!il_ascii_istarts(p, "vnd.") || p[4] == '\0' || p[4] == ';') return false;
    for (q = p + 5; *q && *q != ';'; q++)
        if (*q == '+' && il_ascii_istarts(q + 1, "json")) return true;
    return false;
}

static bool client_content_type_is_json(const char *ct)
{
    const char *p;
    for (p = ct; *p; p++) {
        if (il_ascii_istarts(p, "application/") && client_json_type_at(p + 12)) return true;
        if (il_ascii_istarts(p, "text/") && client_json_type_at(p + 5)) return true;
    }
    return false;
}

/* Write and send the request; req_buf does not keep it either way. */
static il_status_t client_send_request(il_client_t *c, const il_http_request_t *req)
{
    size_t len = 0;
    il_status_t st = il_http_request_write(req, c->req_buf, c->req_cap, &len);
    if (st != IL_OK) {                          /* a partial request may hold the token */
        il_wipe(c->req_buf, c->req_cap);
        return st;
    }
    st = il_transport_send_all(c->transport, c->req_buf, len);
    il_wipe(c->req_buf, len);                   /* the token does not linger */
    return st;
}

/* Read the answer, reusing req_buf as the receive buffer (wiped after);
 * res->body_len tells how much of the body buffer it filled. */
static il_status_t client_read_answer(il_client_t *c, il_result_t *res)
{
    il_status_t st = IL_NEED_MORE;
    size_t touched = 0;
    il_http_response_init(&c->resp, c->body_buf, c->body_cap);
    c->resp.watch_fn = c->watch_fn;
    c->resp.watch_ctx = c->watch_ctx;
    while (st == IL_NEED_MORE) {
        size_t used = 0;
        int32_t n = c->transport->recv(c->transport->ctx, c->req_buf, c->req_cap);
        if (n <= 0) {
            st = n < 0 ? (il_status_t)-n : il_http_response_eof(&c->resp);
            break;
        }
        if ((size_t)n > touched) touched = (size_t)n;
        st = il_http_response_feed(&c->resp, c->req_buf, (size_t)n, &used);
        if (st == IL_OK && used != (size_t)n) c->resp.keep_alive = false;
    }
    il_wipe(c->req_buf, touched);
    res->body_len = c->resp.body_len;
    return st;
}

/* A >= 300 answer: decode its error body into res->error (an empty body
 * decodes to nothing, as in Go); the status it maps to. */
static il_status_t client_error_answer(il_client_t *c, il_result_t *res)
{
    if (c->resp.body_len > 0 && !client_content_type_is_json(c->resp.content_type))
        res->error_decode = IL_ERR_CONTENT_TYPE;
    else if (c->resp.body_len > 0)
        res->error_decode = il_json_decode_error((char *)c->body_buf, c->resp.body_len,
                                                 &c->json, &res->error);
    if (c->resp.status < 400) return IL_ERR_REDIRECT;
    return c->resp.status < 500 ? IL_ERR_HTTP_4XX : IL_ERR_HTTP_5XX;
}

/* Send req, read the answer, fill the HTTP part of res; decode an error body.
 * Returns IL_OK for a 2xx whose body may be decoded by the caller (and
 * IL_ERR_CONTENT_TYPE for a 2xx whose body is not JSON). */
static il_status_t client_exchange(il_client_t *c, const il_http_request_t *req,
                                   il_result_t *res)
{
    il_status_t st;

    c->reusable = false;
    if (c->transport == NULL || c->req_buf == NULL || c->body_buf == NULL) return IL_ERR_ARG;
    st = client_send_request(c, req);
    if (st == IL_OK) st = client_read_answer(c, res);
    if (st != IL_OK) return st;

    c->reusable = c->resp.keep_alive;
    res->http_status = c->resp.status;
    res->status_text = c->resp.status_text;
    res->content_type = c->resp.content_type;
    res->location = c->resp.location;
    if (c->resp.status >= 300) return client_error_answer(c, res);
    if (c->resp.body_len > 0 && !client_content_type_is_json(c->resp.content_type))
        return IL_ERR_CONTENT_TYPE;
    return IL_OK;
}

static il_status_t client_begin(il_client_t *c, il_result_t *res)
{
    if (res == NULL) return IL_ERR_ARG;
    memset(res, 0, sizeof(*res));
    res->status_text = "";
    res->content_type = "";
    res->location = "";
    if (c == NULL) {
        res->status = IL_ERR_ARG;
        return IL_ERR_ARG;
    }
    res->body = c->body_buf;
    res->auth.perms = c->json.perms;
    res->auth.perms_cap = c->json.perms_cap;
    return IL_OK;
}

static il_status_t client_end(il_result_t *res, il_status_t st)
{
    res->status = st;
    return st;
}

static void client_request(il_client_t *c, il_http_request_t *req, const char *method,
                           const char *path, const char *param)
{
    memset(req, 0, sizeof(*req));
    req->method = method;
    req->path = path;
    req->path_param = param;
    req->host = c->host_header;
    req->token = c->token;
    req->user_agent = c->user_agent;
    req->headers = c->headers;
    req->nheaders = c->nheaders;
}

/* Whether an answered ID is the one asked for: influxd reads IDs in either
 * case of hex and answers them in lower case. A surplus or stale answer on
 * a kept-alive connection is for another ID, or has none. */
static bool client_same_id(il_str_t answered, const char *id)
{
    return il_ascii_ieq(answered.p, answered.n, id);    /* an absent one (NULL, 0) is not id */
}

/* GET or PATCH of one authorization under prefix; PATCH checks the result. */
static il_status_t client_auth_call(il_client_t *c, const char *prefix, const char *id,
                                    bool inactivate, il_result_t *res)
{
    il_http_request_t req;
    il_status_t st = client_begin(c, res);
    if (st != IL_OK) return st;
    st = il_id_check(id);
    if (st != IL_OK) return client_end(res, st);
    client_request(c, &req, inactivate ? "PATCH" : "GET", prefix, id);
    if (inactivate) {
        req.body = client_body_inactive;
        req.body_len = sizeof(client_body_inactive) - 1;
    }
    st = client_exchange(c, &req, res);
    if (st == IL_OK)
        st = il_json_decode_auth((char *)c->body_buf, c->resp.body_len, &c->json, &res->auth);
    if (st == IL_OK && !client_same_id(res->auth.id, id)) st = IL_ERR_ANSWER_MISMATCH;
    if (st == IL_OK && inactivate && !il_str_eq(res->auth.status, "inactive"))
        st = IL_ERR_POSTCONDITION;
    return client_end(res, st);
}

il_status_t il_auth_find(il_client_t *c, const char *id, il_result_t *res)
{
    return client_auth_call(c, "/api/v2/authorizations/", id, false, res);
}

il_status_t il_auth_inactivate(il_client_t *c, const char *id, il_result_t *res)
{
    return client_auth_call(c, "/api/v2/authorizations/", id, true, res);
}

il_status_t il_legacy_inactivate(il_client_t *c, const char *id, il_result_t *res)
{
    return client_auth_call(c, "/private/legacy/authorizations/", id, true, res);
}

il_status_t il_legacy_find_by_username(il_client_t *c, const char *name, il_result_t *res)
{
    il_http_request_t req;
    il_status_t st = client_begin(c, res);
    if (st != IL_OK) return st;
    if (name == NULL) return client_end(res, IL_ERR_ARG);
    client_request(c, &req, "GET", "/private/legacy/authorizations", NULL);
    req.query_key = "token";
    req.query_value = name;
    st = client_exchange(c, &req, res);
    if (st == IL_OK)
        st = il_json_decode_auth_list((char *)c->body_buf, c->resp.body_len, &c->json,
                                      &res->auth, &res->matches);
    if (st == IL_OK && res->matches == 0) st = IL_ERR_NO_MATCH;
    /* a legacy authorization's token is its username: the filter is exact */
    if (st == IL_OK && !il_str_eq(res->auth.token, name)) st = IL_ERR_ANSWER_MISMATCH;
    return client_end(res, st);
}

il_status_t il_signin(il_client_t *c, il_result_t *res)
{
    il_http_request_t req;
    il_status_t st = client_begin(c, res);
    if (st != IL_OK) return st;
    client_request(c, &req, "POST", "/api/v2/signin", NULL);
    st = client_exchange(c, &req, res);
    if (st == IL_ERR_CONTENT_TYPE) st = IL_OK;     /* a 2xx: its body is not read */
    return client_end(res, st);
}

il_status_t il_user_find(il_client_t *c, const char *id, il_result_t *res)
{
    il_http_request_t req;
    il_status_t st = client_begin(c, res);
    if (st != IL_OK) return st;
    st = il_id_check(id);
    if (st != IL_OK) return client_end(res, st);
    client_request(c, &req, "GET", "/api/v2/users/", id);
    st = client_exchange(c, &req, res);
    if (st == IL_OK)
        st = il_json_decode_user((char *)c->body_buf, c->resp.body_len, &c->json, &res->user);
    if (st == IL_OK && !client_same_id(res->user.id, id)) st = IL_ERR_ANSWER_MISMATCH;
    return client_end(res, st);
}

/* SPDX-License-Identifier: Apache-2.0 */
/* client.c - the operations: one request, one answer, decoded, over the
 * caller's transport and buffers. */
#include <string.h>
#include "il_client.h"
#include "il_text.h"

static const char client_body_inactive[] = "{\"status\":\"inactive\"}";
#define CLIENT_INACTIVE (client_body_inactive + 11)    /* "inactive", 8 bytes */

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
    c->status_buf = c->status_small;
    c->status_cap = sizeof c->status_small;
}

void il_client_set_status_buffer(il_client_t *c, char *buf, size_t cap)
{
    if (c == NULL) return;
    if (buf == NULL || cap == 0) {
        buf = c->status_small;
        cap = sizeof c->status_small;
    }
    c->status_buf = buf;
    c->status_cap = cap;
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

void il_client_set_proxy(il_client_t *c, bool absolute_form, const char *proxy_authorization)
{
    if (c == NULL) return;
    c->proxy_absolute = absolute_form;
    c->proxy_authorization = proxy_authorization;
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
    bool hex = true, nonzero = false;
    if (id == NULL) return IL_ERR_ARG;
    for (i = 0; id[i] != '\0'; i++) {
        if (i >= 16) return IL_ERR_ID_LENGTH;
        if (il_hex_value(id[i]) < 0) hex = false;
        if (id[i] != '0') nonzero = true;
    }
    if (i != 16) return IL_ERR_ID_LENGTH;
    return hex && nonzero ? IL_OK : IL_ERR_ID_INVALID;
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

/* The answer's body as it streams in: at its first byte (the status and
 * headers are known then), the decoder starts with the model it decodes
 * with, whatever the Content-Type says (the caller may check it: see
 * il_client.h). */
static void client_on_body(void *ctx, const uint8_t *p, size_t n)
{
    il_client_t *c = ctx;
    if (!c->body_seen) {
        uint8_t m = c->model;
        void *out = c->out;
        if (c->resp.status >= 300) {
            m = c->resp.status == 401 ? c->model_401 : IL_JSON_M_ERROR;
            c->res->error_model = m;
            out = &c->res->error;
        }
        c->body_seen = true;
        il_json_begin(&c->dec, m, out, (char *)c->body_buf, c->body_cap, &c->json);
    }
    il_json_feed(&c->dec, p, n);
}

/* Read the answer, reusing req_buf as the receive buffer (wiped after). */
static il_status_t client_read_answer(il_client_t *c, il_result_t *res)
{
    il_status_t st = IL_NEED_MORE;
    size_t touched = 0;
    il_http_response_init(&c->resp, c->status_buf, c->status_cap, client_on_body, c);
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
    if (c->body_seen) res->body_len = c->dec.store_used;
    return st;
}

/* The body's verdict: IL_OK (none: Go's zero value), or the decoder's
 * (res->json_error says why, res->dropped what was not kept). */
static il_status_t client_body_end(il_client_t *c, il_result_t *res)
{
    il_status_t st;
    if (!c->body_seen) return IL_OK;
    st = il_json_end(&c->dec);
    res->json_error = c->dec.err;
    res->dropped = c->dec.dropped;
    return st;
}

/* Send req, read the answer (a 2xx decoded with model into out), fill the
 * HTTP part of res; a >= 300 answer's body goes to res->error. */
static il_status_t client_exchange(il_client_t *c, const il_http_request_t *req, il_result_t *res,
                                   uint8_t model, void *out)
{
    il_status_t st;

    c->reusable = false;
    if (c->transport == NULL || c->req_buf == NULL || c->body_buf == NULL) return IL_ERR_ARG;
    c->res = res;
    c->model = model;
    c->out = out;
    c->body_seen = false;
    st = client_send_request(c, req);
    if (st == IL_OK) st = client_read_answer(c, res);
    if (st != IL_OK) return st;

    c->reusable = c->resp.keep_alive;
    res->http_status = c->resp.status;
    res->status_text = c->resp.status_text;
    res->content_type = c->resp.content_type;
    res->location = c->resp.location;
    if (c->resp.status < 300) return client_body_end(c, res);
    res->error_decode = client_body_end(c, res);
    if (c->resp.status < 400) return IL_ERR_REDIRECT;
    return c->resp.status < 500 ? IL_ERR_HTTP_4XX : IL_ERR_HTTP_5XX;
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
    c->model_401 = IL_JSON_M_ERROR;
    res->body = c->body_buf;
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
#if IL_PROXY
    req->absolute_form = c->proxy_absolute;
    req->proxy_authorization = c->proxy_authorization;
#endif
    req->headers = c->headers;
    req->nheaders = c->nheaders;
}

/* Whether an answered ID is the one asked for: influxd reads IDs in either
 * case of hex and answers them in lower case. A surplus or stale answer on
 * a kept-alive connection is for another ID, or has none. */
static il_status_t client_check_id(const il_result_t *res, il_str_t answered, const char *id, il_status_t st)
{
    if (st != IL_OK || il_ascii_ieq(answered.p, answered.n, id)) return st;
    /* an absent one is not id, unless it was dropped for want of room */
    return answered.p == NULL && res->dropped > 0 ? IL_ERR_JSON_TOO_LARGE : IL_ERR_ANSWER_MISMATCH;
}

/* A decoded answer's strings that did not fit: never a silent truncation. */
static il_status_t client_kept(const il_result_t *res, il_status_t st)
{
    return st == IL_OK && res->dropped > 0 ? IL_ERR_JSON_TOO_LARGE : st;
}

/* GET (a 401 decoded as model_401) or, when model_401 is IL_JSON_M_ERROR,
 * PATCH of one authorization under prefix; PATCH checks the result: its
 * status decides, whatever else of the answer did not fit. An answer for
 * another ID (or none) is a mismatch first. */
static il_status_t client_auth_call(il_client_t *c, const char *prefix, const char *id,
                                    uint8_t model_401, il_result_t *res)
{
    il_http_request_t req;
    bool inactivate = model_401 == IL_JSON_M_ERROR;
    il_str_t status;
    il_status_t st = client_begin(c, res);
    if (st != IL_OK) return st;
    c->model_401 = model_401;
    st = il_id_check(id);
    if (st != IL_OK) return client_end(res, st);
    client_request(c, &req, inactivate ? "PATCH" : "GET", prefix, id);
    if (inactivate) {
        req.body = client_body_inactive;
        req.body_len = sizeof(client_body_inactive) - 1;
    }
    st = client_exchange(c, &req, res, IL_JSON_M_AUTHORIZATION, &res->auth);
    st = client_check_id(res, res->auth.id, id, st);
    status = res->auth.status;
    if (st != IL_OK || !inactivate) st = client_kept(res, st);
    else if (status.n != 8 || status.p == NULL || memcmp(status.p, CLIENT_INACTIVE, 8) != 0)
        st = status.p == NULL && res->dropped > 0 ? IL_ERR_JSON_TOO_LARGE : IL_ERR_POSTCONDITION;
    return client_end(res, st);
}

/* The official client's API decodes a 401 to this GET with its
 * UnauthorizedRequestError model (influx-cli api/api_authorizations*.gen.go). */
il_status_t il_auth_find(il_client_t *c, const char *id, il_result_t *res)
{
    return client_auth_call(c, "/api/v2/authorizations/", id, IL_JSON_M_UNAUTHORIZED_REQUEST_ERROR, res);
}

il_status_t il_auth_inactivate(il_client_t *c, const char *id, il_result_t *res)
{
    return client_auth_call(c, "/api/v2/authorizations/", id, IL_JSON_M_ERROR, res);
}

il_status_t il_legacy_inactivate(il_client_t *c, const char *id, il_result_t *res)
{
    return client_auth_call(c, "/private/legacy/authorizations/", id, IL_JSON_M_ERROR, res);
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
    st = client_kept(res, client_exchange(c, &req, res, IL_JSON_M_AUTHORIZATIONS, &res->auth));
    if (c->body_seen) res->matches = c->dec.count;
    if (st == IL_OK && res->matches == 0) st = IL_ERR_NO_MATCH;
    /* a legacy authorization's token is its username: the filter is exact */
    if (st == IL_OK && !il_str_eq(res->auth.token, name)) st = IL_ERR_ANSWER_MISMATCH;
    return client_end(res, st);
}

il_status_t il_signin(il_client_t *c, il_result_t *res)
{
    il_http_request_t req;
    il_error_body_t unused;
    il_status_t st = client_begin(c, res);
    if (st != IL_OK) return st;
    client_request(c, &req, "POST", "/api/v2/signin", NULL);
    st = client_exchange(c, &req, res, IL_JSON_M_ERROR, &unused);
    if (st != IL_OK && res->http_status >= 200 && res->http_status < 300 &&
        il_status_class(st) == IL_CLASS_BODY)
        st = IL_OK;                                 /* a 2xx: what its body is does not matter */
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
    st = client_exchange(c, &req, res, IL_JSON_M_USER_RESPONSE, &res->user);
    st = client_check_id(res, res->user.id, id, st);
    st = client_kept(res, st);
    return client_end(res, st);
}

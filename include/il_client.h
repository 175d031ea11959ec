/* SPDX-License-Identifier: Apache-2.0 */
/* il_client.h - the operations: find, inactivate, look up, over any transport.
 *
 * Memory: one il_client_t holds everything a request needs, and all of it is
 * the caller's: the client struct, the request buffer, the body buffer, the
 * JSON scratch and the strings passed in (host header, token, IDs, names).
 * Nothing is copied except the il_json_scratch_t struct itself (not its
 * arrays); everything given must stay valid while the client uses it. The
 * client never allocates and never waits by itself: every wait is the
 * transport's, bounded by the port's deadline (il_transport.h).
 *
 * Answers of any size: a body is decoded as it arrives (il_json.h) and is
 * never held whole; the body buffer keeps only the strings of the answer
 * that the result points to (IDs, token, status, description, user); the
 * permissions are counted and given one by one to the scratch's callback.
 * What does not fit is dropped and counted (res->dropped), never cut: the
 * operation then says IL_ERR_JSON_TOO_LARGE, except the inactivations,
 * whose verdict is the answered status alone (IL_OK when it reads
 * "inactive", however little else of the answer was kept).
 *
 * Secrets: the request buffer holds the token only while a request is being
 * sent, and is wiped after every call, whatever its outcome. The token
 * string and the body buffer (which holds the answered authorizations,
 * tokens included) are the caller's to wipe (il_wipe.h); il_result_t.body
 * and body_len say how much of the body buffer an answer used.
 *
 * Results: a result's strings point into the client: status_text into its
 * status buffer, content_type and location into c (valid until the next
 * call on c); body,
 * auth, user and error into the body buffer (valid until that buffer is used
 * again: the next call, unless il_client_set_body_buffer gave c another
 * one). Copy what you need before the next call.
 *
 * Batches: there is no batch call. To inactivate many authorizations over
 * one connection (one TLS handshake), call il_auth_inactivate (or
 * il_legacy_inactivate) again on the same client while c->reusable is true
 * after the previous call; when it is false (the server closed, or the
 * answer broke the framing), close the transport, connect again and give
 * the client the new one (il_client_set_transport). The README's library
 * example is the reference use.
 *
 * Statuses. Every operation returns IL_OK or a status of these groups
 * (each operation below says which), and stores it in res->status when res
 * is not NULL:
 *  - [local] found before anything is sent:
 *    IL_ERR_ARG: c, res or the ID or name is NULL, or c has no transport,
 *      request buffer or body buffer;
 *    IL_ERR_ID_LENGTH, IL_ERR_ID_INVALID: the ID fails il_id_check;
 *    IL_ERR_UNSAFE_CHAR: a control byte in the token, host header, user
 *      agent or name (il_http_request_write);
 *    IL_ERR_REQUEST_TOO_LARGE: the request does not fit the request buffer.
 *  - [transport] as the transport reports them (negated, il_transport.h):
 *    IL_ERR_SEND, IL_ERR_RECV, IL_ERR_TIMEOUT, the TLS port's IL_ERR_TLS_*;
 *    IL_ERR_SEND too if a send broke the contract by returning 0.
 *  - [framing] the answer's (il_http_response_feed): IL_ERR_HTTP_STATUS_LINE,
 *    IL_ERR_HTTP_HEADER, IL_ERR_HTTP_HEADER_TOO_LONG,
 *    IL_ERR_HTTP_CL_AND_CHUNKED, IL_ERR_HTTP_LENGTH, IL_ERR_HTTP_CHUNK,
 *    IL_ERR_HTTP_HEADER_SECTION_TOO_LARGE and IL_ERR_HTTP_EOF (the peer
 *    closed before the answer was complete).
 *  - [refused] what the server answered: IL_ERR_REDIRECT (3xx, never
 *    followed; see res->location), IL_ERR_HTTP_4XX, IL_ERR_HTTP_5XX;
 *    res->error holds the decoded error body when res->error_decode is IL_OK.
 *  - [body] a 2xx whose body is not what was asked for: IL_ERR_JSON (not
 *    JSON, or a field of the wrong type, as Go's encoding/json finds them:
 *    res->json_error says which, for Go's texts), IL_ERR_JSON_TOO_LARGE (a
 *    kept string did not fit the body buffer, or the answer nests deeper
 *    than the scratch allows). An empty body is Go's zero value: an
 *    authorization or user of empty strings, a list of no entries. A body
 *    is decoded as JSON whatever its Content-Type says (res->content_type):
 *    the official client decodes one only when its type matches
 *    (?:application|text)/(?:vnd\.[^;]+\+)?json, a check the CLI makes
 *    itself (boards/linux/cli_errors.c, cli_answer_type). IL_ERR_ANSWER_MISMATCH:
 *    the answer is not for what was asked (another ID, no ID, another
 *    username); a surplus or stale answer on a kept-alive connection reads
 *    so: close it. */
#ifndef IL_CLIENT_H
#define IL_CLIENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "il_http.h"
#include "il_json.h"
#include "il_status.h"
#include "il_transport.h"
#include "il_wipe.h"

typedef struct il_result {
    il_status_t status;         /* same as the return value */
    int http_status;            /* 0 when no answer was parsed */
    const char *status_text;    /* "404 Not Found" ("" when no answer) */
    const char *content_type;   /* answer's Content-Type ("" when absent) */
    const char *location;       /* Location of a 3xx ("" otherwise) */
    const uint8_t *body;        /* the body buffer this call used */
    size_t body_len;            /* the most of it the answer's kept strings used, also of an
                                 * answer that failed part way (0 when none came) */
    size_t dropped;             /* kept strings that did not fit the body buffer (they read
                                 * as absent) */
    il_json_error_t json_error; /* why a body did not decode (IL_ERR_JSON on a 2xx answer,
                                 * error_decode IL_ERR_JSON on a >= 300 one) */
    il_status_t error_decode;   /* a >= 300 answer: IL_OK when its body was decoded into
                                 * error (an empty body decodes to nothing, as in Go), else
                                 * why not (IL_ERR_JSON, IL_ERR_JSON_TOO_LARGE); IL_OK when
                                 * there was none */
    uint8_t error_model;        /* what a >= 300 answer's body was decoded as: IL_JSON_M_ERROR,
                                 * or IL_JSON_M_UNAUTHORIZED_REQUEST_ERROR (a 401 to
                                 * il_auth_find, as the official client's API has it) */
    il_error_body_t error;      /* influxd's {code, message[, err]} on >= 300 */
    il_auth_t auth;             /* the authorization answered */
    il_user_t user;             /* il_user_find */
    size_t matches;             /* il_legacy_find_by_username: entries answered */
} il_result_t;

/* Visible so that it can be allocated statically; set it up with
 * il_client_init and the il_client_set_* calls. Callers read reusable, and
 * may set user_agent after il_client_init; the rest is the client's. */
typedef struct il_client {
    const il_transport_t *transport;  /* connected by the caller */
    const char *host_header;          /* il_url_t.host_header */
    const char *token;                /* API token; NULL/"" sends no Authorization */
    const char *user_agent;           /* NULL: IL_USER_AGENT */
    uint8_t *req_buf;                 /* request, then received bytes (IL_DEFAULT_REQUEST_BUF) */
    size_t req_cap;
    uint8_t *body_buf;                /* the kept strings of an answer (IL_DEFAULT_BODY_BUF) */
    size_t body_cap;
    il_json_scratch_t json;           /* the permissions' callback, nesting */
    bool proxy_absolute;              /* through an HTTP proxy: requests in absolute form */
    const char *proxy_authorization;  /* its Proxy-Authorization value, or NULL */
    const il_http_header_t *headers;  /* il_client_set_headers */
    size_t nheaders;
    il_http_watch_fn watch_fn;        /* il_client_set_watch */
    void *watch_ctx;
    char *status_buf;                 /* the answer's status text: status_small, or the */
    size_t status_cap;                /* caller's (il_client_set_status_buffer) */
    char status_small[IL_HTTP_STATUS_TEXT_MAX];
    il_http_response_t resp;          /* parser state (about 600 B) */
    il_json_t dec;                    /* the answer's decoder */
    il_result_t *res;                 /* the call under way: its result, */
    void *out;                        /* where its 2xx answer goes, */
    uint8_t model, model_401;         /* the models of that answer and of a 401's body, */
    bool body_seen;                   /* and whether a body came (it is decoded) */
    bool reusable;                    /* after a call: connection may carry the next request */
} il_client_t;


/* Set up *c with the caller's transport (may be NULL until
 * il_client_set_transport), Host header value, token and buffers: req_buf
 * holds each request and then the bytes received, body_buf the kept
 * strings of each answer, json the decoder's scratch (the struct is copied;
 * NULL: permissions counted only, 64 levels of nesting). No I/O, no
 * status. */
void il_client_init(il_client_t *c, const il_transport_t *t, const char *host_header,
                    const char *token, uint8_t *req_buf, size_t req_cap,
                    uint8_t *body_buf, size_t body_cap, const il_json_scratch_t *json);

/* The transport of the next calls, e.g. after a reconnect. No I/O. */
void il_client_set_transport(il_client_t *c, const il_transport_t *t);

/* The body buffer and JSON scratch of the next calls (json NULL keeps the
 * current scratch). The previous buffers are not touched again, so a
 * previous result's decoded strings stay valid: one answer can be kept
 * while the next request is made. No I/O. */
void il_client_set_body_buffer(il_client_t *c, uint8_t *body_buf, size_t body_cap,
                               const il_json_scratch_t *json);

/* Plain HTTP through an HTTP proxy (not for a CONNECT tunnel, whose
 * requests are the origin server's): absolute_form writes every request
 * line as "GET http://host[:port]/path", and proxy_authorization (NULL:
 * none) goes in a Proxy-Authorization header, which the request buffer
 * holds only while the request is sent (a secret, like the token). The
 * caller keeps the string valid and wipes it. No I/O. */
void il_client_set_proxy(il_client_t *c, bool absolute_form, const char *proxy_authorization);

/* Where the status text of the next answers goes (res->status_text): buf,
 * cap bytes, NUL-terminated and cut to fit; a reason as long as any Go
 * accepts needs IL_HTTP_HEADER_SECTION_MAX bytes. Without this call (or
 * with buf NULL), the client's own IL_HTTP_STATUS_TEXT_MAX bytes. No I/O. */
void il_client_set_status_buffer(il_client_t *c, char *buf, size_t cap);

/* Headers of the caller's own sent with every request of the next calls
 * (after the client's: Host, User-Agent, Accept, Authorization, ...), e.g.
 * a session's Cookie; headers[0..n) must stay valid while they are used
 * (NULL, 0: none). Checked here (il_http_headers_check): IL_OK, or
 * IL_ERR_ARG / IL_ERR_UNSAFE_CHAR and the client keeps none. No I/O. */
il_status_t il_client_set_headers(il_client_t *c, const il_http_header_t *headers, size_t n);

/* The caller's look at the headers of every answer of the next calls, as
 * il_http_watch_fn says (fn NULL: none), e.g. a Set-Cookie. No I/O. */
void il_client_set_watch(il_client_t *c, il_http_watch_fn fn, void *ctx);

/* GET /api/v2/authorizations/{id}: res->auth. A 401's body is decoded as
 * the official client's UnauthorizedRequestError (res->error_model).
 * IL_OK, or [local] (IL_ERR_ARG, IL_ERR_ID_LENGTH, IL_ERR_ID_INVALID,
 * IL_ERR_UNSAFE_CHAR, IL_ERR_REQUEST_TOO_LARGE), [transport], [framing],
 * [refused] or [body]. */
il_status_t il_auth_find(il_client_t *c, const char *id, il_result_t *res);

/* PATCH /api/v2/authorizations/{id} with {"status":"inactive"}: res->auth
 * is the authorization answered. IL_OK only when its status reads
 * "inactive" (res->dropped then says whether any other string of it did
 * not fit); IL_ERR_POSTCONDITION when a 2xx answer says otherwise;
 * IL_ERR_JSON_TOO_LARGE when the status itself did not fit; or
 * [local] (IL_ERR_ARG, IL_ERR_ID_LENGTH, IL_ERR_ID_INVALID,
 * IL_ERR_UNSAFE_CHAR, IL_ERR_REQUEST_TOO_LARGE), [transport], [framing],
 * [refused] or [body]. */
il_status_t il_auth_inactivate(il_client_t *c, const char *id, il_result_t *res);

/* PATCH /private/legacy/authorizations/{id} (v1 compatibility): the same
 * body, result and statuses as il_auth_inactivate. */
il_status_t il_legacy_inactivate(il_client_t *c, const char *id, il_result_t *res);

/* GET /private/legacy/authorizations?token=NAME (name percent-encoded as
 * Go's url.QueryEscape): res->auth is the first match, res->matches the
 * count. IL_OK; IL_ERR_NO_MATCH when the list is empty (an empty body
 * too); or [local]
 * (IL_ERR_ARG, IL_ERR_UNSAFE_CHAR, IL_ERR_REQUEST_TOO_LARGE), [transport],
 * [framing], [refused] or [body]. */
il_status_t il_legacy_find_by_username(il_client_t *c, const char *name, il_result_t *res);

/* GET /api/v2/users/{id}: res->user.
 * IL_OK, or [local] (IL_ERR_ARG, IL_ERR_ID_LENGTH, IL_ERR_ID_INVALID,
 * IL_ERR_UNSAFE_CHAR, IL_ERR_REQUEST_TOO_LARGE), [transport], [framing],
 * [refused] or [body]. */
il_status_t il_user_find(il_client_t *c, const char *id, il_result_t *res);

/* POST /api/v2/signin, no body: a user session. The credentials are the
 * caller's, as a header "Authorization: Basic <base64 of user:password>"
 * among il_client_set_headers's, with the client's token NULL or ""; the
 * session comes back in a Set-Cookie header (il_client_set_watch). IL_OK
 * for any 2xx answer (its body is not read, as the official CLI reads
 * none), or [local] (IL_ERR_ARG, IL_ERR_UNSAFE_CHAR,
 * IL_ERR_REQUEST_TOO_LARGE), [transport], [framing] or [refused]. */
il_status_t il_signin(il_client_t *c, il_result_t *res);

/* Check an influxd ID locally: 16 hex characters, not all zeros. No I/O.
 * IL_OK; IL_ERR_ID_LENGTH; IL_ERR_ID_INVALID; IL_ERR_ARG when id is NULL. */
il_status_t il_id_check(const char *id);

#endif

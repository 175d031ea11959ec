/* SPDX-License-Identifier: Apache-2.0 */
/* il_client.h - the operations: find, inactivate, look up, over any transport.
 *
 * One il_client_t holds everything a request needs; all memory is the
 * caller's. A result's strings point into the client's buffers and stay
 * valid until the next call on the same client.
 *
 * Batches: there is no batch call. To inactivate many authorizations over
 * one connection (one TLS handshake), call il_auth_inactivate (or
 * il_legacy_inactivate) again on the same client while c->reusable is true
 * after the previous call; when it is false (the server closed, or the
 * answer broke the framing), close the transport and connect again. Copy
 * what you need from a result before the next call. boards/linux/cli_run.c
 * does exactly this for `influx-lite auth inactive --id A --id B ...`. */
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

typedef struct il_client {
    const il_transport_t *transport;  /* connected by the caller */
    const char *host_header;          /* il_url_t.host_header */
    const char *token;                /* API token; NULL/"" sends no Authorization */
    const char *user_agent;           /* NULL: IL_USER_AGENT */
    uint8_t *req_buf;                 /* request bytes (IL_DEFAULT_REQUEST_BUF) */
    size_t req_cap;
    uint8_t *body_buf;                /* response body (IL_DEFAULT_BODY_BUF) */
    size_t body_cap;
    il_json_scratch_t json;           /* tokens and permissions */
    il_http_response_t resp;          /* parser state (about 1 KB) */
    bool reusable;                    /* after a call: connection may carry the next request */
} il_client_t;

typedef struct il_result {
    il_status_t status;         /* same as the return value */
    int http_status;            /* 0 when no answer was parsed */
    const char *status_text;    /* "404 Not Found" ("" when no answer) */
    const char *content_type;   /* answer's Content-Type ("" when absent) */
    const char *location;       /* Location of a 3xx ("" otherwise) */
    bool error_decoded;         /* an error body was decoded into error */
    il_status_t error_decode_status; /* why it was not (IL_ERR_CONTENT_TYPE, IL_ERR_JSON, ...) */
    il_error_body_t error;      /* influxd's {code, message} on >= 300 */
    il_auth_t auth;             /* the authorization answered */
    il_user_t user;             /* il_user_find */
    size_t matches;             /* il_legacy_find_by_username: entries answered */
} il_result_t;

/* Set up *c with the caller's buffers; no I/O. */
void il_client_init(il_client_t *c, const il_transport_t *t, const char *host_header,
                    const char *token, uint8_t *req_buf, size_t req_cap,
                    uint8_t *body_buf, size_t body_cap, const il_json_scratch_t *json);

/* GET /api/v2/authorizations/{id}. */
il_status_t il_auth_find(il_client_t *c, const char *id, il_result_t *res);

/* PATCH /api/v2/authorizations/{id} with {"status":"inactive"}; after a 200
 * the answered status must read "inactive", else IL_ERR_POSTCONDITION. */
il_status_t il_auth_inactivate(il_client_t *c, const char *id, il_result_t *res);

/* PATCH /private/legacy/authorizations/{id}, same rules (v1 compatibility). */
il_status_t il_legacy_inactivate(il_client_t *c, const char *id, il_result_t *res);

/* GET /private/legacy/authorizations?token=NAME: res->auth is the first match,
 * res->matches the count; IL_ERR_NO_MATCH when the list is empty. */
il_status_t il_legacy_find_by_username(il_client_t *c, const char *name, il_result_t *res);

/* GET /api/v2/users/{id}: res->user. */
il_status_t il_user_find(il_client_t *c, const char *id, il_result_t *res);

/* Check an influxd ID locally: 16 hex characters, not all zeros.
 * IL_ERR_ID_LENGTH, IL_ERR_ID_INVALID, or IL_OK. */
il_status_t il_id_check(const char *id);

#endif

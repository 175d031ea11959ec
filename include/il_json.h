/* SPDX-License-Identifier: Apache-2.0 */
/* il_json.h - decode InfluxDB answers with jsmn into fixed structs.
 *
 * Strings are il_str_t views into the caller's body buffer. Decoding rewrites
 * JSON string escapes (\n, \uXXXX, surrogate pairs) in place, so the body
 * buffer is modified and must outlive the decoded structs. */
#ifndef IL_JSON_H
#define IL_JSON_H

#include <stdbool.h>
#include <stddef.h>
#define JSMN_HEADER
#include <jsmn.h>
#undef JSMN_HEADER
#include "il_status.h"

typedef struct il_str {
    const char *p;   /* not NUL-terminated; NULL when the field was absent */
    size_t n;
} il_str_t;

typedef struct il_permission {
    il_str_t action;      /* "read" / "write" */
    il_str_t type;        /* resource.type */
    il_str_t id;          /* resource.id, may be absent */
    il_str_t org_id;      /* resource.orgID, may be absent */
} il_permission_t;

/* An authorization (v2) or a legacy (v1) authorization: same shape. */
typedef struct il_auth {
    il_str_t id, token, status, description, org_id, org, user_id, user;
    il_permission_t *perms;   /* caller's array */
    size_t perms_count;
    size_t perms_cap;
} il_auth_t;

typedef struct il_user {
    il_str_t id, name, status;
} il_user_t;

typedef struct il_error_body {
    il_str_t code, message, err;   /* influxd's {code, message[, err]} */
} il_error_body_t;

/* Caller-owned scratch for one decode. */
typedef struct il_json_scratch {
    jsmntok_t *toks;
    size_t toks_cap;
    il_permission_t *perms;
    size_t perms_cap;
} il_json_scratch_t;

/* Each decoder: IL_OK; IL_ERR_JSON when the body is not JSON or a field has
 * the wrong type; IL_ERR_JSON_TOO_LARGE when the token or permission array is
 * too small ("response too large for buffer": never a silent truncation).
 * Unknown fields are ignored; key names match case-insensitively as in Go. */
il_status_t il_json_decode_auth(char *body, size_t len, const il_json_scratch_t *s,
                                il_auth_t *out);
il_status_t il_json_decode_user(char *body, size_t len, const il_json_scratch_t *s,
                                il_user_t *out);
il_status_t il_json_decode_error(char *body, size_t len, const il_json_scratch_t *s,
                                 il_error_body_t *out);
/* {"authorizations":[...]} : *count is the number of entries, *first the
 * first one (decoded into s->perms). */
il_status_t il_json_decode_auth_list(char *body, size_t len, const il_json_scratch_t *s,
                                     il_auth_t *first, size_t *count);

/* True if s equals the NUL-terminated lit exactly. */
bool il_str_eq(il_str_t s, const char *lit);

#endif

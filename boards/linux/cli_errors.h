/* SPDX-License-Identifier: Apache-2.0 */
/* cli_errors.h - error messages composed like the official CLI's, and the
 * exit code of each failure class. */
#ifndef CLI_ERRORS_H
#define CLI_ERRORS_H

#include <stdbool.h>
#include <stdint.h>
#include "il_client.h"
#include "cli_out.h"

enum cli_exit {
    CLI_EXIT_OK = 0,
    CLI_EXIT_USAGE = 1,          /* usage, flags, env, config, URL, local validation */
    CLI_EXIT_NETWORK = 2,        /* DNS, connect, timeout, send/recv, TLS */
    CLI_EXIT_REFUSED = 3,        /* 4xx, 3xx not followed, username not found */
    CLI_EXIT_SERVER = 4,         /* 5xx, malformed HTTP, non-JSON, too large */
    CLI_EXIT_POSTCONDITION = 5   /* 200 but the authorization is not inactive */
};

int cli_exit_code(il_status_t st);

/* What the failing request was, for Go's url.Error text
 * `<Method> "<url>": <cause>`. */
typedef struct cli_req {
    const char *method;       /* "Get" / "Patch" */
    const char *scheme;       /* "http" / "https" (lower case) */
    const char *host_header;  /* host[:port] as written */
    const char *dial_host;    /* host for "dial tcp" texts (IPv6 without brackets) */
    uint16_t port;
    const char *path;         /* fixed prefix */
    const char *param;        /* path parameter or NULL */
    const char *query_key;    /* or NULL */
    const char *query_value;
    bool unauthorized_model;  /* GET /api/v2/authorizations/{id}: 401 bodies have any code */
    bool connecting;          /* the failure happened while connecting */
} cli_req_t;

/* Go url.PathEscape / url.QueryEscape of s into b. */
void cli_put_path_escaped(cli_buf_t *b, const char *s);
void cli_put_query_escaped(cli_buf_t *b, const char *s);

/* The request's URL as Go prints it. */
void cli_put_req_url(cli_buf_t *b, const cli_req_t *rq);

/* The part after "<context>: " for a failed call: status text + server
 * message, url.Error, decode error, post-condition... body/body_len is the
 * raw answer body (for a JSON syntax error text), may be NULL. */
void cli_put_failure(cli_buf_t *b, il_status_t st, const il_result_t *res, const cli_req_t *rq,
                     const uint8_t *body, size_t body_len);

/* Is code one of influxd's ErrorCode values? */
bool cli_error_code_valid(const char *p, size_t n);

#endif

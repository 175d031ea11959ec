/* SPDX-License-Identifier: Apache-2.0 */
/* cli_headers.h - the headers every request of a run carries besides the
 * client's own, as the official CLI sets them (influx-cli v2.8.0
 * cmd/influx/global.go newApiClient, api/configuration_default.go
 * NewAPIConfig, api/client.gen.go prepareRequest):
 *   --trace-debug-id X (or INFLUX_TRACE_DEBUG_ID, even empty):
 *       "Zap-Trace-Span: X" and "Influx-Debug-Id: X", the sign-in included;
 *   --extra-http-header "key:value" (repeatable; INFLUX_EXTRA_HTTP_HEADER
 *       holds comma-separated ones): split at the first colon, kept in a map
 *       by the key as written (a later value replaces an earlier one, and a
 *       key written exactly "Authorization", "Cookie", "Zap-Trace-Span" or
 *       "influx-debug-id" replaces the CLI's own value: the token, the
 *       session, the trace ID), then added under Go's canonical name; not on
 *       the sign-in, which the official CLI makes with its own client;
 *   a session (cli_signin.c): "Cookie: influxdb-oss-session=<session>".
 * What Go's net/http then does is done here before anything is sent: a name
 * that is not a token or a value with a control byte other than HTAB fails
 * the first request with its texts (Transport.roundTrip: "net/http: invalid
 * header field name %q" / "... value for %q"); values are sent trimmed of
 * blanks (Header.write); Host, User-Agent, Content-Length,
 * Transfer-Encoding and Trailer given this way are not sent
 * (Request.write keeps its own). The values are secrets (wiped, redacted). */
#ifndef CLI_HEADERS_H
#define CLI_HEADERS_H

#include <stdbool.h>
#include <stddef.h>
#include "il_http.h"
#include "cli_args.h"
#include "cli_out.h"
#include "cli_req.h"

#define CLI_HEADERS_MAX (CLI_MAX_EXTRA_HEADERS + 4)
#define CLI_HEADERS_EXTRA_MAX 8192   /* --extra-http-header and --trace-debug-id text */
#define CLI_HEADERS_MEM (CLI_HEADERS_EXTRA_MAX + 20480)   /* and a session, Basic credentials */

typedef struct cli_headers {
    il_http_header_t all[CLI_HEADERS_MAX];    /* every one given, canonical, sorted by name */
    size_t nall;
    il_http_header_t list[CLI_HEADERS_MAX];   /* the flow's requests': those Go sends */
    size_t n;
    il_http_header_t secrets[CLI_HEADERS_MAX];  /* --extra-http-header's: their values are secrets */
    size_t nsecrets;
    il_http_header_t signin[3];               /* the sign-in's: its Basic credentials, the trace ID */
    size_t nsignin;
    bool send_token;          /* the token goes out (no "Authorization" key replaced it) */
    bool user_cookie;         /* a "Cookie" key replaced the session's */
    bool trace;               /* --trace-debug-id (or its variable) is set */
    const char *signin_trace;      /* its value, trimmed, for the sign-in */
    const char *signin_trace_raw;  /* as given */
    char mem[CLI_HEADERS_MEM];                /* names and values, NUL-terminated (wiped) */
    size_t used;
} cli_headers_t;

/* Read the arguments into h, as newApiClient reads them. CLI_EXIT_OK, or
 * CLI_EXIT_USAGE with "Error: ..." in err: `header flag syntax "key:value",
 * missing value in "h"`, or too long. */
int cli_headers_parse(cli_headers_t *h, const cli_args_t *a, cli_buf_t *err);

/* What Go's transport checks when the first request goes out: first names
 * the flow's first request, signin the sign-in's (NULL: none), which goes
 * first and carries only the trace ID's headers. CLI_EXIT_OK, or
 * CLI_EXIT_USAGE with the first request's failure in err. */
int cli_headers_check(cli_headers_t *h, const cli_req_t *first, const cli_req_t *signin, cli_buf_t *err);

/* The session's Cookie header among the flow's (unless a "Cookie" key
 * replaced it); false when there is no room. */
bool cli_headers_set_session(cli_headers_t *h, const char *session);

/* The sign-in's Authorization header: "Basic " + base64 of userpass[0..n). */
bool cli_headers_set_basic(cli_headers_t *h, const char *userpass, size_t n);

/* Wipe every name and value. */
void cli_headers_wipe(cli_headers_t *h);

#endif

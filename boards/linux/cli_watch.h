/* SPDX-License-Identifier: Apache-2.0 */
/* cli_watch.h - what the CLI reads itself from the headers of an answer
 * (il_client_set_watch):
 *  - the official CLI's trace line (influx-cli api/client.gen.go callAPI):
 *    when an answer's first "trace-sampled" header is exactly "true",
 *    stderr gets "trace-id: " (or $INFLUX_CLI_TRACE_PRINT_PREFIX, even
 *    empty) + its first "trace-id" header + "\n", as soon as the answer's
 *    headers are in, whatever happens to its body and to the request;
 *  - during the sign-in, the session: the value of the first Set-Cookie
 *    whose name contains "influxdb" (clients/signin/signin.go GetCookie over
 *    net/http Response.Cookies: a cookie whose name is not a token or whose
 *    value has a byte Go refuses is skipped). */
#ifndef CLI_WATCH_H
#define CLI_WATCH_H

#include <stdbool.h>
#include <stddef.h>
#include "cli_dump.h"
#include "cli_out.h"
#include "cli_secret.h"

#define CLI_TRACE_ID_MAX 512       /* a longer trace-id is cut there */
#define CLI_SESSION_MAX 4096       /* a Set-Cookie's name=value part longer than this is skipped */

/* The buffers, touched only when an answer has these headers. */
typedef struct cli_watch_mem {
    char trace_id[CLI_TRACE_ID_MAX];
    char part[CLI_SESSION_MAX + 1];      /* a Set-Cookie's text up to its first ';' */
    char session[CLI_SESSION_MAX + 1];   /* the session found (wiped by cli_watch_wipe) */
} cli_watch_mem_t;

typedef struct cli_watch {
    /* what the trace line needs */
    const char *prefix;            /* "trace-id: " or the variable's */
    cli_buf_t *err;                /* where it goes, at once (scrubbed, after the dump) */
    const cli_secrets_t *scrub;    /* non-NULL: written at once (every byte passes the redaction) */
    cli_dump_t *dump;
    cli_watch_mem_t *mem;
    bool cookies;                  /* the sign-in: read Set-Cookie */
    /* the answer being read */
    int reading;                   /* the header: 0 none, else WATCH_* (cli_watch.c) */
    bool sampled_seen, trace_seen, part_done, part_over, session_found;
    char sampled[8];
    size_t sampled_len, trace_len, part_len;
} cli_watch_t;

/* Start: nothing read; the trace line goes to err, flushed at once through
 * scrub (NULL: left in err); mem is not touched until a header needs it. */
void cli_watch_init(cli_watch_t *w, cli_watch_mem_t *mem, const char *prefix, cli_buf_t *err,
                    const cli_secrets_t *scrub, cli_dump_t *dump);

/* il_http_watch_fn over w. */
bool cli_watch_header(void *w, int event, const char *p, size_t n);

/* Before each request: forget the last answer's headers. */
void cli_watch_begin(cli_watch_t *w);

/* After each request: its trace line, when its answer's headers were in
 * (headers_done) and asked for one. */
void cli_watch_end(cli_watch_t *w, bool headers_done);

/* Wipe what held the session. */
void cli_watch_wipe(cli_watch_t *w);

#endif

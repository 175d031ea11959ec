/* SPDX-License-Identifier: Apache-2.0 */
/* cli_dump.h - --http-debug: a transport layer that copies what passes
 * through it to stderr, as the official CLI's log.Printf dump does: a
 * timestamp line at each change of direction, then the bytes, with the
 * values of the headers that carry secrets redacted at any split of the
 * bytes: in requests Authorization (its scheme kept: "Authorization: Token
 * <redacted>"), Cookie, Proxy-Authorization and the --extra-http-header ones, in answers
 * Set-Cookie (a session). Both directions then pass the CLI's one
 * redaction (the stderr stream, cli_redact.h), so an echo of a secret in an
 * answer, or a secret anywhere else, is not printed either. */
#ifndef CLI_DUMP_H
#define CLI_DUMP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "il_http.h"
#include "il_transport.h"
#include "cli_redact.h"

#define CLI_DUMP_NAME_MAX 64      /* a longer header name is never one to redact */

typedef struct cli_dump {
    il_transport_t t;             /* the layer: send/recv through lower */
    const il_transport_t *lower;
    const il_http_header_t *secret;   /* more request headers whose values are secrets */
    size_t nsecret;
    bool mid_line;                /* the last dumped byte was not a newline */
    int last_dir;                 /* 0 none, 1 send, 2 recv */
    int state;                    /* where in a line (cli_dump.c) */
    size_t held_len, scheme_len;
    char held[CLI_DUMP_NAME_MAX]; /* a line's first bytes, while they may be a name to redact */
    cli_redact_stream_t *rs;      /* stderr's redaction (NULL: written as they are) */
} cli_dump_t;

/* Start a dump with nothing written yet, writing through rs (may be NULL). */
void cli_dump_init(cli_dump_t *d, cli_redact_stream_t *rs);

/* Put the dump on top of lower (which must outlive it): the transport to
 * use instead. */
const il_transport_t *cli_dump_wrap(cli_dump_t *d, const il_transport_t *lower);

/* Redact the values of these request headers too (names[i].name; the
 * array must outlive d). */
void cli_dump_secret_headers(cli_dump_t *d, const il_http_header_t *names, size_t n);

/* The redaction over a byte stream (exposed for tests): feeds data of
 * direction dir (1 sent, 2 received), appends the redacted copy to out
 * (cap bytes), returns its length. */
size_t cli_dump_redact(cli_dump_t *d, int dir, const uint8_t *data, size_t len, char *out, size_t cap);

/* Send what the redaction kept back, and if the dump left stderr in the
 * middle of a line, end that line (an error message then starts on its own
 * line). */
void cli_dump_end_line(cli_dump_t *d);

#endif

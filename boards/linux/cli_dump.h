/* SPDX-License-Identifier: Apache-2.0 */
/* cli_dump.h - --http-debug: a transport layer that copies what passes
 * through it to stderr, as the official CLI's log.Printf dump does: a
 * timestamp line at each change of direction, requests with their
 * Authorization and Proxy-Authorization headers redacted (at any split of
 * the bytes), answers as they came. */
#ifndef CLI_DUMP_H
#define CLI_DUMP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "il_transport.h"

typedef struct cli_dump {
    il_transport_t t;             /* the layer: send/recv through lower */
    const il_transport_t *lower;
    bool line_start, redacting;
    bool mid_line;                /* the last dumped byte was not a newline */
    int last_dir;                 /* 0 none, 1 send, 2 recv */
    unsigned match;               /* bytes of the header name matched so far */
    unsigned pat;                 /* which name: 0 "authorization:", 1 "proxy-authorization:" */
    char held[24];                /* those bytes, as they came */
} cli_dump_t;

/* Start a dump with nothing written yet. */
void cli_dump_init(cli_dump_t *d);

/* Put the dump on top of lower (which must outlive it): the transport to
 * use instead. */
const il_transport_t *cli_dump_wrap(cli_dump_t *d, const il_transport_t *lower);

/* The redaction over a byte stream (exposed for tests): feeds data,
 * appends the redacted copy to out (cap bytes), returns its length. */
size_t cli_dump_redact(cli_dump_t *d, const uint8_t *data, size_t len, char *out, size_t cap);

/* If the dump left stderr in the middle of a line, end that line (an error
 * message then starts on its own line). */
void cli_dump_end_line(cli_dump_t *d);

#endif

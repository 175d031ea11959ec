/* SPDX-License-Identifier: Apache-2.0 */
/* cli_dump.h - --http-debug: a transport layer that copies what passes
 * through it to stderr, as the official CLI's log.Printf dump does: a
 * timestamp line at each change of direction, requests with their
 * Authorization header redacted (at any split of the bytes), answers as
 * they came; both directions then pass the CLI's one redaction (the stderr
 * stream, cli_redact.h), so an echo of a secret in an answer is not printed. */
#ifndef CLI_DUMP_H
#define CLI_DUMP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "il_transport.h"
#include "cli_redact.h"

typedef struct cli_dump {
    il_transport_t t;             /* the layer: send/recv through lower */
    const il_transport_t *lower;
    bool line_start, redacting;
    bool mid_line;                /* the last dumped byte was not a newline */
    int last_dir;                 /* 0 none, 1 send, 2 recv */
    unsigned match;               /* bytes of "authorization:" matched so far */
    char held[16];                /* those bytes, as they came */
    cli_redact_stream_t *rs;      /* stderr's redaction (NULL: written as they are) */
} cli_dump_t;

/* Start a dump with nothing written yet, writing through rs (may be NULL). */
void cli_dump_init(cli_dump_t *d, cli_redact_stream_t *rs);

/* Put the dump on top of lower (which must outlive it): the transport to
 * use instead. */
const il_transport_t *cli_dump_wrap(cli_dump_t *d, const il_transport_t *lower);

/* The redaction over a byte stream (exposed for tests): feeds data,
 * appends the redacted copy to out (cap bytes), returns its length. */
size_t cli_dump_redact(cli_dump_t *d, const uint8_t *data, size_t len, char *out, size_t cap);

/* Send what the redaction kept back, and if the dump left stderr in the
 * middle of a line, end that line (an error message then starts on its own
 * line). */
void cli_dump_end_line(cli_dump_t *d);

#endif

/* SPDX-License-Identifier: Apache-2.0 */
/* cli_secret.h - the caller's token: out of argv at once, never on
 * stderr, and wiped at exit with everything that held it; the other
 * secrets of a run (a session, the --extra-http-header and
 * --trace-debug-id values) never on stderr either. */
#ifndef CLI_SECRET_H
#define CLI_SECRET_H

#include <stddef.h>
#include "cli_args.h"
#include "cli_dump.h"
#include "cli_headers.h"
#include "cli_out.h"

#define CLI_TOKEN_MAX 1024
#define CLI_SCRUB_MAX (CLI_HEADERS_MAX + 2)

/* Where stderr's text is scrubbed of the token and the other secrets. */
typedef struct cli_scrub {
    const char *token;            /* NULL or "": nothing to scrub */
    char *esc;                    /* the caller's scratch: a secret URL-escaped */
    size_t esc_cap;
    const char *more[CLI_SCRUB_MAX];  /* the other secrets */
    size_t nmore;
} cli_scrub_t;

/* Scrub s too (NULL or "": nothing; kept by pointer). */
void cli_secret_add(cli_scrub_t *s, const char *secret);

/* Scrub the values of h's --extra-http-header headers too. */
void cli_secret_add_headers(cli_scrub_t *s, const cli_headers_t *h);

/* Copy a->token into copy[0..CLI_TOKEN_MAX) and wipe it from argv, so
 * /proc/PID/cmdline stops showing it; a->token then points at the copy. */
void cli_secret_take_token(cli_args_t *a, int argc, char **argv, char *copy);

/* The --extra-http-header values given as arguments out of argv, as the
 * token: copied into copy[0..cap) (a->extra then points there), the
 * arguments' bytes wiped. */
void cli_secret_take_extra(cli_args_t *a, char *copy, size_t cap);

/* Write err to stderr: every occurrence of the token, verbatim or
 * URL-escaped, becomes "<redacted>"; after an --http-debug dump that did
 * not end a line (dump may be NULL), the text starts its own line. */
void cli_secret_err_flush(cli_buf_t *err, cli_scrub_t *s, cli_dump_t *dump);

#endif

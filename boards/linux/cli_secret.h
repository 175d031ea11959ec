/* SPDX-License-Identifier: Apache-2.0 */
/* cli_secret.h - the caller's token: out of argv at once, never on
 * stderr, and wiped at exit with everything that held it. */
#ifndef CLI_SECRET_H
#define CLI_SECRET_H

#include <stddef.h>
#include "cli_args.h"
#include "cli_dump.h"
#include "cli_out.h"

#define CLI_TOKEN_MAX 1024

/* Where stderr's text is scrubbed of the token. */
typedef struct cli_scrub {
    const char *token;            /* NULL or "": nothing to scrub */
    const char *extra[2];         /* other secrets (the proxy's password, its Basic value), or NULL */
    char *esc;                    /* the caller's scratch: the token URL-escaped */
    size_t esc_cap;
} cli_scrub_t;

/* Copy a->token into copy[0..CLI_TOKEN_MAX) and wipe it from argv, so
 * /proc/PID/cmdline stops showing it; a->token then points at the copy. */
void cli_secret_take_token(cli_args_t *a, int argc, char **argv, char *copy);

/* Write err to stderr: every occurrence of the token, verbatim or
 * URL-escaped, becomes "<redacted>"; after an --http-debug dump that did
 * not end a line (dump may be NULL), the text starts its own line. */
void cli_secret_err_flush(cli_buf_t *err, cli_scrub_t *s, cli_dump_t *dump);

#endif

/* SPDX-License-Identifier: Apache-2.0 */
/* cli_secret.h - the caller's token: the process made undumpable and
 * untraceable first, the token out of argv at once (whatever its length),
 * copied into the run's memory and registered with the redaction
 * (cli_redact.h), which wipes it at exit. */
#ifndef CLI_SECRET_H
#define CLI_SECRET_H

#include <stdbool.h>
#include <stddef.h>
#include "cli_args.h"
#include "cli_dump.h"
#include "cli_out.h"
#include "cli_redact.h"

#define CLI_TOKEN_MAX 8192           /* the token's bytes and its NUL */

/* No core dump and no ptrace by other processes of the same user from now
 * on (prctl PR_SET_DUMPABLE 0, RLIMIT_CORE 0): called before any secret is
 * read. */
void cli_secret_harden(void);

/* Wipe every value of the token flags in argv (-t X, --token X, -token X,
 * --t X, and the =X forms), and any argument that is the token itself, so
 * /proc/PID/cmdline stops showing any of them;
 * the token a->token names, when it was one of them, is first copied into
 * copy[0..CLI_TOKEN_MAX) and a->token points there (a longer one sets
 * a->token_too_long and leaves a->token empty). */
void cli_secret_take_token(cli_args_t *a, int argc, char **argv, char *copy);

/* The token the run uses (tok, from any source) into copy[0..CLI_TOKEN_MAX),
 * registered with s: returns the copy (tok itself when it is the copy
 * already), or NULL when it does not fit in CLI_TOKEN_MAX or s. */
const char *cli_secret_hold_token(cli_secrets_t *s, char *copy, const char *tok);

/* Write err to stderr (through its redaction): after an --http-debug dump
 * (dump may be NULL), what the dump kept back goes out first and the text
 * starts its own line. */
void cli_secret_err_flush(cli_buf_t *err, cli_dump_t *dump);

#endif

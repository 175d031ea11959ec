/* SPDX-License-Identifier: Apache-2.0 */
/* cli_secret.h - the caller's secrets: the process made undumpable and
 * untraceable first, the token and the --extra-http-header values out of
 * argv at once (whatever their length), copied into the run's memory and
 * registered with the redaction (cli_redact.h), which wipes them at exit;
 * the other secrets of a run (a session, the --extra-http-header values,
 * a config's cookie) are registered as they become known. */
#ifndef CLI_SECRET_H
#define CLI_SECRET_H

#include <stdbool.h>
#include <stddef.h>
#include "cli_args.h"
#include "cli_dump.h"
#include "cli_headers.h"
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

/* The --extra-http-header values given as arguments out of argv, as the
 * token: copied into copy[0..cap) (a->extra then points there), the
 * arguments' bytes wiped. */
void cli_secret_take_extra(cli_args_t *a, char *copy, size_t cap);

/* Register secret (NULL or "": nothing) with s: the CLI's own memory, wiped
 * at exit with the rest. */
void cli_secret_add(cli_secrets_t *s, const char *secret);

/* Register the values of h's --extra-http-header headers with s. */
void cli_secret_add_headers(cli_secrets_t *s, const cli_headers_t *h);

/* Write err to stderr (through its redaction): after an --http-debug dump
 * (dump may be NULL), what the dump kept back goes out first and the text
 * starts its own line. */
void cli_secret_err_flush(cli_buf_t *err, cli_dump_t *dump);

#endif

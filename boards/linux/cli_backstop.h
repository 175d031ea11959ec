/* SPDX-License-Identifier: Apache-2.0 */
/* cli_backstop.h - the DNS backstop. Every wait of a connection polls with
 * the deadline, except the name lookup (getaddrinfo has no deadline): while
 * connecting to a name, an interval timer set to the deadline plus a small
 * margin ends the process with the timeout line composed beforehand. A
 * pointer to that line is the CLI's one global: a signal handler can reach
 * nothing else (with it, whether the handler is installed, which is the
 * process's). A run that connects to no name never touches the line's
 * memory (a page less). */
#ifndef CLI_BACKSTOP_H
#define CLI_BACKSTOP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "cli_redact.h"
#include "cli_req.h"

/* Where the line is composed (the caller's, in its run memory). */
typedef struct cli_backstop {
    char msg[2048];
    volatile size_t len;
} cli_backstop_t;

/* Use b for the backstop from now on (before any other call); b is not
 * touched until the first cli_backstop_arm. */
void cli_backstop_init(cli_backstop_t *b);

/* Compose rq's "lookup HOST: i/o timeout" line, redacted of secrets (a
 * handler cannot redact), and arm the timer for deadline_ms
 * (il_posix_now_ms's clock). */
void cli_backstop_arm(const cli_req_t *rq, const cli_secrets_t *secrets, int64_t deadline_ms);

/* Stop the timer (the lookup is over). */
void cli_backstop_disarm(void);

/* Wipe the line, if one was composed (at exit: it may name a secret the
 * redaction did not know). */
void cli_backstop_wipe(void);

#endif

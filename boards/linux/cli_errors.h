/* SPDX-License-Identifier: Apache-2.0 */
/* cli_errors.h - a failed request's message, composed like the official
 * CLI's, and the exit code of each failure class. */
#ifndef CLI_ERRORS_H
#define CLI_ERRORS_H

#include <stdbool.h>
#include <stdint.h>
#include "il_client.h"
#include "cli_out.h"
#include "cli_req.h"

enum cli_exit {
    CLI_EXIT_OK = 0,
    CLI_EXIT_USAGE = 1,          /* usage, flags, env, config, URL, local validation */
    CLI_EXIT_NETWORK = 2,        /* DNS, connect, timeout, send/recv, TLS */
    CLI_EXIT_REFUSED = 3,        /* 4xx, 3xx not followed, username not found */
    CLI_EXIT_SERVER = 4,         /* 5xx, malformed HTTP, non-JSON, too large, not what was asked */
    CLI_EXIT_POSTCONDITION = 5,  /* 200 but the authorization is not inactive */
    CLI_EXIT_OUTPUT = 6,         /* done, but the output was lost: stdout closed, full, a broken pipe */
    CLI_EXIT_LOCAL = 7,          /* out of file descriptors or memory */
    CLI_EXIT_SIGNAL = 128        /* + the signal that stopped the run: 130 SIGINT, 143 SIGTERM */
};

/* The exit code of a status: a lookup by its class (il_status_class). */
int cli_exit_code(il_status_t st);

/* "Error: " + the formatted text (cli_putf's %s and %q) + "\n" into err;
 * returns code. */
int cli_fail(cli_buf_t *err, int code, const char *fmt, ...);

/* The part after "<context>: " for a failed call: status text + server
 * message, url.Error, decode error (Go's words for res->json_error),
 * post-condition... */
void cli_put_failure(cli_buf_t *b, il_status_t st, const il_result_t *res, const cli_req_t *rq);

/* Go's os.PathError, "Error: <op> <path>: <errno e's text>\n", into err
 * ("Error: open FILE: no such file or directory"); returns code, or
 * CLI_EXIT_LOCAL when e says the process ran out of file descriptors or
 * memory. */
int cli_fail_path(cli_buf_t *err, int code, const char *op, const char *path, int e);

/* Whether errno e says the process ran out of file descriptors or memory
 * (CLI_EXIT_LOCAL's class). */
bool cli_errno_no_resources(int e);

/* errno e's text as Go prints it (strerror, first letter in lower case). */
void cli_put_errno(cli_buf_t *b, int e);

/* Is code one of influxd's ErrorCode values? */
bool cli_error_code_valid(const char *p, size_t n);

/* Whether Go's generated client decodes a body of Content-Type ct:
 * (?:application|text)/(?:vnd\.[^;]+\+)?json, unanchored, in any case
 * (influx-cli api/client.go, jsonCheck). */
bool cli_content_type_json(const char *ct);

/* st, or IL_ERR_CONTENT_TYPE for an answer whose non-empty body Go would
 * not decode (its client checks the type first; the core decodes every
 * body): a 2xx's status, a >= 300's res->error_decode (st is kept). */
il_status_t cli_answer_type(const il_client_t *c, il_result_t *res, il_status_t st);

#endif

/* SPDX-License-Identifier: Apache-2.0 */
/* cli_call.h - one request of a flow over the run's connection: connect
 * when needed (with the DNS backstop), reopen a kept-alive connection the
 * server had closed, retry connection failures with backoff (--retries,
 * within the deadline). No HTTP answer is ever retried. */
#ifndef CLI_CALL_H
#define CLI_CALL_H

#include "il_client.h"
#include "cli_flow.h"
#include "cli_req.h"

typedef il_status_t (*cli_op_fn)(il_client_t *, const char *, il_result_t *);

/* op(&f->client, arg, res) with the connection handling above; rq names
 * the request for the backstop's message and gets rq->connecting. */
il_status_t cli_call(cli_flow_t *f, cli_op_fn op, const char *arg, il_result_t *res, cli_req_t *rq);

#endif

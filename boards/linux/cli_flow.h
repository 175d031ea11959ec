/* SPDX-License-Identifier: Apache-2.0 */
/* cli_flow.h - one inactivation, as the official CLI makes it:
 *   auth inactive:           GET the authorization, then PATCH it inactive;
 *   v1 auth set-inactive:    [GET by username,] PATCH it inactive, then GET
 *                            its user for the table's user columns.
 * Each inactivation has its own --timeout deadline; requests go over the
 * run's connection (cli_call.c), which stays open between inactivations. */
#ifndef CLI_FLOW_H
#define CLI_FLOW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "il_client.h"
#include "cli_net.h"
#include "cli_out.h"
#include "cli_headers.h"
#include "cli_perms.h"
#include "cli_plan.h"
#include "cli_print.h"
#include "cli_req.h"
#include "cli_watch.h"

#define CLI_FLOW_ID_MAX 128

/* The caller's memory for requests and answers. */
typedef struct cli_flow_bufs {
    uint8_t *req;                 /* one request (and the receive buffer) */
    size_t req_cap;
    uint8_t *body;                /* answers: they hold tokens, wiped at exit */
    size_t body_cap;
    uint8_t *user_body;           /* v1's user lookup, so the PATCH answer stays */
    size_t user_body_cap;
    cli_perms_t *perms;           /* the answered authorization's permissions */
    uint8_t *nest;                /* the decoder's nesting bits */
    size_t nest_cap;
    char *status;                 /* the answers' status texts, their reasons whole */
    size_t status_cap;
    char *idbuf, *uidbuf;         /* IDs taken from answers (v1), CLI_FLOW_ID_MAX bytes each */
} cli_flow_bufs_t;

typedef struct cli_flow {
    const cli_plan_t *plan;
    int64_t timeout_ms;           /* each inactivation's deadline */
    unsigned retries;             /* --retries */
    cli_net_t *net;
    cli_buf_t *err;               /* failures are written here */
    cli_flow_bufs_t bufs;
    il_client_t client;
    il_result_t res_a, res_b;     /* the authorization, the user */
    size_t body_hwm, user_body_hwm;   /* how much of each body buffer held answers */
    unsigned attempts;            /* times the last request was sent (cli_call: retries, reconnects) */
    const cli_secrets_t *secrets;     /* a Token cell that holds one of them is redacted (NULL: none) */
    const cli_headers_t *headers; /* sent with every request (NULL: none) */
    cli_watch_t *watch;           /* reads every answer's headers (NULL: none) */
} cli_flow_t;

/* Set up *f (no I/O; no headers, no watch); every pointer must outlive it. */
void cli_flow_init(cli_flow_t *f, const cli_plan_t *plan, const cli_args_t *a, cli_net_t *net,
                   const cli_flow_bufs_t *bufs, cli_buf_t *err);

/* Inactivate id (NULL: the plan's username): CLI_EXIT_OK with the answered
 * authorization in *row (pointing into f's buffers, valid until the next
 * call), or the exit code with the failure written to f->err. */
int cli_flow_inactivate(cli_flow_t *f, const char *id, cli_row_t *row);

/* The first request of the plan's flow for id (NULL: by username), as the
 * error texts name it. */
void cli_flow_first_req(const cli_plan_t *plan, const char *id, cli_req_t *rq);

/* rq (a cli_flow_first_req's) made the sign-in: POST /api/v2/signin, named
 * by the official CLI's context alone. */
void cli_flow_signin_req(cli_req_t *rq);

/* Local checks of id (NULL: the plan's username): nothing unsafe or
 * malformed is ever sent. CLI_EXIT_OK, or the usage failure in err. */
int cli_flow_check_local(const cli_plan_t *plan, const char *id, cli_buf_t *err);

/* cli_flow_check_local for an ID of ids (or of --id: ids knows it not),
 * which may hold a control byte (a NUL included): such an ID is refused
 * whole, never cut. */
int cli_flow_check_line(const cli_plan_t *plan, const cli_ids_t *ids, const char *id, cli_buf_t *err);

/* Wipe what the answers left in the body buffers and the client. */
void cli_flow_wipe(cli_flow_t *f);

#endif

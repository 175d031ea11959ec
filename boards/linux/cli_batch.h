/* SPDX-License-Identifier: Apache-2.0 */
/* cli_batch.h - many inactivations (--ids-from), one after
 * the other over one kept-alive connection: each with its own deadline,
 * failures on stderr as they happen, successes streamed (the table aligned
 * over all rows, in blocks of the table text's size; JSON as one array), a
 * summary of the failed IDs at the end. */
#ifndef CLI_BATCH_H
#define CLI_BATCH_H

#include "cli_args.h"
#include "cli_flow.h"
#include "cli_ids.h"
#include "cli_print.h"
#include "cli_secret.h"

/* IDs for a summary line: as many as fit the text, the rest counted. */
typedef struct cli_batch_list {
    cli_buf_t text;
    unsigned long listed, unlisted;
} cli_batch_list_t;

/* The caller's memory for the two lists. */
typedef struct cli_batch_mem {
    char *failed;
    size_t failed_cap;
    char *done;
    size_t done_cap;
} cli_batch_mem_t;

typedef struct cli_batch {
    cli_flow_t *flow;             /* inactivates, writes failures to flow->err */
    cli_ids_t *ids;               /* the IDs after the first two */
    const cli_args_t *args;       /* --json, --hide-headers, --ids-from */
    cli_table_t *table;
    cli_buf_t *out;
    cli_batch_list_t failed;      /* the failed IDs, for the summary */
    cli_batch_list_t done;        /* the IDs inactivated, should a signal stop the batch */
    unsigned long total, nfailed;
    int first_code;               /* the exit code: the first failure's */
    bool any_json;
} cli_batch_t;

/* Inactivate first, next, then every ID ids gives; the exit code. mem (the
 * caller's) holds the lists of failed and done IDs. A SIGINT or SIGTERM
 * (cli_signal.h) stops the batch: the rows done so far are written, and the
 * summary says which IDs were done and which failed. */
int cli_batch_run(cli_batch_t *b, const char *first, const char *next, const cli_batch_mem_t *mem);

#endif

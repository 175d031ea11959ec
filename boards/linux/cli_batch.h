/* SPDX-License-Identifier: Apache-2.0 */
/* cli_batch.h - many inactivations (--id repeated, --ids-from), one after
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

typedef struct cli_batch {
    cli_flow_t *flow;             /* inactivates, writes failures to flow->err */
    cli_ids_t *ids;               /* the IDs after the first two */
    const cli_args_t *args;       /* --json, --hide-headers, --ids-from */
    cli_table_t *table;
    cli_buf_t *out;
    cli_buf_t failed;             /* the failed IDs, for the summary */
    unsigned long total, nfailed, unlisted;
    int first_code;               /* the exit code: the first failure's */
    bool any_json;
} cli_batch_t;

/* Inactivate first, next, then every ID ids gives; the exit code. failed_mem
 * (the caller's) holds the failed IDs' list. */
int cli_batch_run(cli_batch_t *b, const char *first, const char *next, char *failed_mem, size_t failed_cap);

#endif

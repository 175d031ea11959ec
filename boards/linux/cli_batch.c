/* SPDX-License-Identifier: Apache-2.0 */
/* cli_batch.c - the batch loop and its summary (see cli_batch.h). */
#include "cli_batch.h"

#include <string.h>

#include "cli_errors.h"

/* An ID the summary can print as it is (else it is quoted). */
static bool plain_id(const char *s, size_t n)
{
    if (n == 0) return false;
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)s[i] <= 0x20 || (unsigned char)s[i] >= 0x7f || s[i] == ',') return false;
    return true;
}

static void batch_success(cli_batch_t *b, const cli_row_t *row)
{
    if (!b->args->json) {
        cli_table_put(b->table, b->out, row);
        return;
    }
    cli_print_json_item(b->out, row, !b->any_json);
    cli_buf_flush(b->out, 1);
    b->any_json = true;
}

static void batch_failure(cli_batch_t *b, const char *id, int code)
{
    size_t mark = b->failed.len, len;
    (void)cli_ids_has_ctl(b->ids, id, &len);
    if (b->first_code == CLI_EXIT_OK) b->first_code = code;
    if (b->nfailed > 0) cli_puts(&b->failed, ", ");
    if (plain_id(id, len)) cli_put(&b->failed, id, len);
    else cli_put_quoted(&b->failed, id, len);
    if (b->failed.overflow) {
        b->failed.len = mark;
        b->failed.overflow = false;
        b->unlisted++;
    }
    b->nfailed++;
    cli_secret_err_flush(b->flow->err, &b->flow->net->dump);   /* each failure as it happens */
}

/* The end: a failed --ids-from read, the output's end, the summary. */
static void batch_end(cli_batch_t *b)
{
    cli_buf_t *err = b->flow->err;
    if (b->ids->error != CLI_IDS_OK) {
        int code = cli_ids_fail(b->ids, err);
        if (b->first_code == CLI_EXIT_OK) b->first_code = code;
    }
    if (!b->args->json) cli_table_flush(b->table, b->out);
    else if (b->any_json) cli_print_json_end(b->out, true);
    if (b->nfailed == 0) return;
    cli_puts(err, "Error: ");
    cli_put_uint(err, b->nfailed);
    cli_puts(err, " of ");
    cli_put_uint(err, b->total);
    cli_puts(err, " inactivations failed: ");
    cli_put(err, b->failed.p, b->failed.len);
    if (b->unlisted > 0) {
        cli_puts(err, " and ");
        cli_put_uint(err, b->unlisted);
        cli_puts(err, " more");
    }
    cli_putc(err, '\n');
}

int cli_batch_run(cli_batch_t *b, const char *first, const char *next, char *failed_mem, size_t failed_cap)
{
    const char *id = first;
    cli_row_t row;
    cli_buf_init(&b->failed, failed_mem, failed_cap);
    b->total = b->nfailed = b->unlisted = 0;
    b->first_code = CLI_EXIT_OK;
    b->any_json = false;
    cli_buf_stream(b->out, 1);
    cli_table_begin(b->table, b->flow->plan->v1, b->args->hide_headers);
    while (id != NULL) {
        b->total++;
        int code = cli_flow_check_line(b->flow->plan, b->ids, id, b->flow->err);
        if (code == CLI_EXIT_OK) code = cli_flow_inactivate(b->flow, id, &row);
        if (code == CLI_EXIT_OK) batch_success(b, &row);
        else batch_failure(b, id, code);
        id = next;
        next = id != NULL ? cli_ids_next(b->ids) : NULL;
    }
    cli_net_close(b->flow->net);
    batch_end(b);
    return b->first_code;
}

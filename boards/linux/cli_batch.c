/* SPDX-License-Identifier: Apache-2.0 */
/* cli_batch.c - the batch loop and its summary (see cli_batch.h). */
#include "cli_batch.h"

#include <string.h>

#include "cli_errors.h"
#include "cli_signal.h"

/* An ID the summary can print as it is (else it is quoted). */
static bool plain_id(const char *s, size_t n)
{
    if (n == 0) return false;
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)s[i] <= 0x20 || (unsigned char)s[i] >= 0x7f || s[i] == ',') return false;
    return true;
}

/* id appended to a list of IDs for a summary, ", "-separated (whole: an
 * --ids-from line may hold a NUL); what does not fit is only counted. */
static void batch_list_add(const cli_batch_t *b, cli_batch_list_t *l, const char *id)
{
    size_t mark = l->text.len, len;
    (void)cli_ids_has_ctl(b->ids, id, &len);
    if (l->listed > 0) cli_puts(&l->text, ", ");
    if (plain_id(id, len)) cli_put(&l->text, id, len);
    else cli_put_quoted(&l->text, id, len);
    if (l->text.overflow) {
        l->text.len = mark;
        l->text.overflow = false;
        l->unlisted++;
    } else {
        l->listed++;
    }
}

/* The list, and " and N more" for the IDs that did not fit. */
static void batch_list_put(cli_buf_t *err, const cli_batch_list_t *l)
{
    cli_put(err, l->text.p, l->text.len);
    if (l->unlisted > 0) {
        cli_puts(err, " and ");
        cli_put_uint(err, l->unlisted);
        cli_puts(err, " more");
    }
}

static void batch_success(cli_batch_t *b, const char *id, const cli_row_t *row)
{
    batch_list_add(b, &b->done, id);
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
    if (b->first_code == CLI_EXIT_OK) b->first_code = code;
    batch_list_add(b, &b->failed, id);
    b->nfailed++;
    cli_secret_err_flush(b->flow->err, &b->flow->net->dump);   /* each failure as it happens */
}

/* A SIGINT or SIGTERM stopped the batch: which IDs were done, which not. */
static void batch_interrupted(cli_batch_t *b, cli_buf_t *err)
{
    cli_puts(err, "Error: interrupted by ");
    cli_puts(err, cli_signal_name(cli_signal_caught()));
    cli_puts(err, ": ");
    cli_put_uint(err, b->total - b->nfailed);
    cli_puts(err, " of ");
    cli_put_uint(err, b->total);
    cli_puts(err, " inactivations done");
    if (b->total > b->nfailed) {
        cli_puts(err, ": ");
        batch_list_put(err, &b->done);
    }
    if (b->nfailed > 0) {
        cli_puts(err, "; not done: ");
        batch_list_put(err, &b->failed);
    }
    cli_putc(err, '\n');
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
    if (cli_signal_caught() != 0) {
        batch_interrupted(b, err);
        return;
    }
    if (b->nfailed == 0) return;
    cli_puts(err, "Error: ");
    cli_put_uint(err, b->nfailed);
    cli_puts(err, " of ");
    cli_put_uint(err, b->total);
    cli_puts(err, " inactivations failed: ");
    batch_list_put(err, &b->failed);
    cli_putc(err, '\n');
}

static void batch_list_init(cli_batch_list_t *l, char *mem, size_t cap)
{
    cli_buf_init(&l->text, mem, cap);
    l->listed = l->unlisted = 0;
}

int cli_batch_run(cli_batch_t *b, const char *first, const char *next, const cli_batch_mem_t *mem)
{
    const char *id = first;
    cli_row_t row;
    batch_list_init(&b->failed, mem->failed, mem->failed_cap);
    batch_list_init(&b->done, mem->done, mem->done_cap);
    b->total = b->nfailed = 0;
    b->first_code = CLI_EXIT_OK;
    b->any_json = false;
    cli_buf_stream(b->out, 1);
    cli_table_begin(b->table, b->flow->plan->v1, b->args->hide_headers);
    /* a SIGINT or SIGTERM starts no new ID (one under way ends at once) */
    while (id != NULL && cli_signal_caught() == 0) {
        b->total++;
        int code = cli_flow_check_line(b->flow->plan, b->ids, id, b->flow->err);
        if (code == CLI_EXIT_OK) code = cli_flow_inactivate(b->flow, id, &row);
        if (code == CLI_EXIT_OK) batch_success(b, id, &row);
        else batch_failure(b, id, code);
        id = next;
        next = id != NULL && cli_signal_caught() == 0 ? cli_ids_next(b->ids) : NULL;
    }
    cli_net_close(b->flow->net);
    batch_end(b);
    return b->first_code;
}

/* SPDX-License-Identifier: Apache-2.0 */
/* cli_print.h - the success output: the official table or JSON object. */
#ifndef CLI_PRINT_H
#define CLI_PRINT_H

#include <stdbool.h>
#include <stddef.h>
#include "il_json.h"
#include "cli_out.h"
#include "cli_perms.h"
#include "cli_tabwriter.h"

/* One printed authorization (both commands print the same shape). */
typedef struct cli_row {
    il_str_t id, description, token, status, user_name, user_id;
    const cli_perms_t *perms;     /* its permission strings */
} cli_row_t;

/* A table of many rows (batch), aligned together as Go's tabwriter would
 * for a list: begin, add each row, flush at the end. The rows are kept in
 * the caller's text memory (and at most CLI_TW_MAX_LINES - 2 rows):
 * cli_table_add returns false when the row does not fit; flush then (that
 * block is aligned on its own) and add it again. The header is written
 * once, before the first block. */
typedef struct cli_table {
    cli_buf_t text;           /* the rows before alignment */
    size_t rows;
    bool v1, hide, header_done;
    cli_tw_t *tw;             /* the tabwriter's scratch */
} cli_table_t;

/* Use mem[0..cap) for the rows and tw as the tabwriter's scratch (both the
 * caller's, kept by pointer). */
void cli_table_init(cli_table_t *t, char *mem, size_t cap, cli_tw_t *tw);
void cli_table_begin(cli_table_t *t, bool v1, bool hide_headers);
bool cli_table_add(cli_table_t *t, const cli_row_t *row);
/* add, or flush the block and add (a row too large alone goes out unaligned) */
void cli_table_put(cli_table_t *t, cli_buf_t *out, const cli_row_t *row);
void cli_table_flush(cli_table_t *t, cli_buf_t *out);

/* The table of one row: v1 selects the v1 headers. */
void cli_print_table(cli_table_t *t, cli_buf_t *out, const cli_row_t *row, bool v1, bool hide_headers);
/* The same in two steps: cli_table_row puts the row's text (and the header's)
 * in t's memory, t->text.p[0..t->text.len) (false: they do not fit), then
 * cli_table_row_out writes the aligned table to out, or, when they did not
 * fit, what fits of the row unaligned (using all of t's memory). */
bool cli_table_row(cli_table_t *t, const cli_row_t *row, bool v1, bool hide_headers);
void cli_table_row_out(cli_table_t *t, cli_buf_t *out, const cli_row_t *row, bool fitted);

/* The JSON object (SetIndent("", "\t")), followed by a newline. */
void cli_print_json(cli_buf_t *out, const cli_row_t *row);

/* A JSON array of objects, streamed (json.Encoder SetIndent("", "\t") of a
 * list): each item, then the end (any: at least one item was written;
 * otherwise the whole array is "[]"). */
void cli_print_json_item(cli_buf_t *out, const cli_row_t *row, bool first);
void cli_print_json_end(cli_buf_t *out, bool any);

#endif

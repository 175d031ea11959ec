/* SPDX-License-Identifier: Apache-2.0 */
/* cli_print.c - table (Go tabwriter, TAB padding) and JSON output. */
#include "cli_print.h"
#include "il_wipe.h"

#include "cli_json_out.h"
#include "cli_tabwriter.h"

void cli_table_init(cli_table_t *t, char *mem, size_t cap, cli_tw_t *tw)
{
    cli_buf_init(&t->text, mem, cap);
    t->tw = tw;
    t->rows = 0;
    t->v1 = t->hide = t->header_done = false;
}

/* The rows before alignment: a whole batch table (header once, one row per
 * success) up to the text memory or CLI_TW_MAX_LINES - 1 lines; when the
 * next row does not fit, what is there is aligned and written as one block
 * and the table goes on in a new block (without the header). */
void cli_table_begin(cli_table_t *t, bool v1, bool hide_headers)
{
    t->text.len = 0;
    t->text.overflow = false;
    t->rows = 0;
    t->v1 = v1;
    t->hide = hide_headers;
    t->header_done = false;
}

static void table_row_text(cli_buf_t *t, const cli_row_t *row)
{
    cli_put_decoded(t, row->id);
    cli_putc(t, '\t');
    cli_put_decoded(t, row->description);
    cli_putc(t, '\t');
    cli_put_decoded(t, row->token);
    cli_putc(t, '\t');
    cli_put_decoded(t, row->user_name);
    cli_putc(t, '\t');
    cli_put_decoded(t, row->user_id);
    cli_putc(t, '\t');
    cli_putc(t, '[');
    const char *p;
    size_t n, at = 0;
    while (cli_perms_next(row->perms, &at, &p, &n)) {
        cli_put(t, p, n);
        if (at < row->perms->len) cli_putc(t, ' ');
    }
    cli_puts(t, "]\n");
}

bool cli_table_add(cli_table_t *t, const cli_row_t *row)
{
    size_t mark = t->text.len;
    if (!t->hide && !t->header_done && t->text.len == 0) {
        cli_puts(&t->text, t->v1 ? "ID\tDescription\tUsername\tv2 User Name\tv2 User ID\tPermissions\n"
                                 : "ID\tDescription\tToken\tUser Name\tUser ID\tPermissions\n");
    }
    table_row_text(&t->text, row);
    if (t->text.overflow || t->rows + 2 >= CLI_TW_MAX_LINES) {
        il_wipe(t->text.p + mark, t->text.len - mark);
        t->text.len = mark;
        t->text.overflow = false;
        return false;
    }
    t->rows++;
    return true;
}

/* One row on its own, unaligned (larger than the whole table text): what
 * fits of it goes to out. */
static void table_put_unaligned(cli_table_t *t, cli_buf_t *out, const cli_row_t *row)
{
    cli_buf_t r;
    cli_buf_init(&r, t->text.p, t->text.cap);
    table_row_text(&r, row);
    cli_put(out, r.p, r.len);
    if (r.overflow) out->overflow = true;
    il_wipe(r.p, r.len);
}

void cli_table_put(cli_table_t *t, cli_buf_t *out, const cli_row_t *row)
{
    if (cli_table_add(t, row)) return;
    cli_table_flush(t, out);
    if (cli_table_add(t, row)) return;
    table_put_unaligned(t, out, row);
}

void cli_table_flush(cli_table_t *t, cli_buf_t *out)
{
    if (t->text.len > 0 && !cli_tabwriter(t->tw, out, t->text.p, t->text.len, 0, 8, 1, '\t')) {
        /* more cells than the tables hold (TABs or LFs inside values):
         * unaligned but complete */
        cli_put(out, t->text.p, t->text.len);
    }
    if (t->text.len > 0) t->header_done = true;
    il_wipe(t->text.p, t->text.len);      /* rows hold authorizations' tokens */
    t->text.len = 0;
    t->rows = 0;
}

bool cli_table_row(cli_table_t *t, const cli_row_t *row, bool v1, bool hide_headers)
{
    cli_table_begin(t, v1, hide_headers);
    return cli_table_add(t, row);
}

void cli_table_row_out(cli_table_t *t, cli_buf_t *out, const cli_row_t *row, bool fitted)
{
    if (!fitted) {
        /* one row larger than the table text: keep what fits, say so */
        out->overflow = true;
        table_put_unaligned(t, out, row);
        return;
    }
    cli_table_flush(t, out);
}

void cli_print_table(cli_table_t *t, cli_buf_t *out, const cli_row_t *row, bool v1, bool hide_headers)
{
    cli_table_row_out(t, out, row, cli_table_row(t, row, v1, hide_headers));
}

static void json_field(cli_buf_t *out, const char *ind, const char *key, il_str_t v)
{
    cli_puts(out, ind);
    cli_puts(out, "\t\"");
    cli_puts(out, key);
    cli_puts(out, "\": ");
    cli_json_string(out, v.p != NULL ? v.p : "", v.p != NULL ? v.n : 0);
    cli_puts(out, ",\n");
}

/* One object as json.Encoder with SetIndent(ind, "\t") writes it, without
 * the final newline. */
static void json_object(cli_buf_t *out, const cli_row_t *row, const char *ind)
{
    cli_puts(out, "{\n");
    json_field(out, ind, "id", row->id);
    json_field(out, ind, "description", row->description);
    json_field(out, ind, "token", row->token);
    json_field(out, ind, "status", row->status);
    json_field(out, ind, "userName", row->user_name);
    json_field(out, ind, "userID", row->user_id);
    cli_puts(out, ind);
    cli_puts(out, "\t\"permissions\": [");
    if (row->perms->count == 0) {
        cli_puts(out, "]\n");
        cli_puts(out, ind);
        cli_putc(out, '}');
        return;
    }
    cli_putc(out, '\n');
    const char *p;
    size_t n, at = 0;
    while (cli_perms_next(row->perms, &at, &p, &n)) {
        cli_puts(out, ind);
        cli_puts(out, "\t\t");
        cli_json_string(out, p, n);
        cli_puts(out, at < row->perms->len ? ",\n" : "\n");
    }
    cli_puts(out, ind);
    cli_puts(out, "\t]\n");
    cli_puts(out, ind);
    cli_putc(out, '}');
}

void cli_print_json(cli_buf_t *out, const cli_row_t *row)
{
    json_object(out, row, "");
    cli_putc(out, '\n');
}

void cli_print_json_item(cli_buf_t *out, const cli_row_t *row, bool first)
{
    cli_puts(out, first ? "[\n\t" : ",\n\t");
    json_object(out, row, "\t");
}

void cli_print_json_end(cli_buf_t *out, bool any)
{
    cli_puts(out, any ? "\n]\n" : "[]\n");
}

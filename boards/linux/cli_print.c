/* SPDX-License-Identifier: Apache-2.0 */
/* cli_print.c - table (Go tabwriter, TAB padding) and JSON output. */
#include "cli_print.h"
#include "il_wipe.h"

#include "cli_json_out.h"
#include "cli_tabwriter.h"

static void put_str(cli_buf_t *b, il_str_t s)
{
    if (s.p != NULL) cli_put(b, s.p, s.n);
}

void cli_put_permission(cli_buf_t *b, const il_permission_t *p)
{
    put_str(b, p->action);
    cli_putc(b, ':');
    if (p->org_id.p != NULL && p->org_id.n > 0) {
        cli_puts(b, "orgs/");
        put_str(b, p->org_id);
    }
    cli_putc(b, '/');
    put_str(b, p->type);
    if (p->id.p != NULL && p->id.n > 0) {
        cli_putc(b, '/');
        put_str(b, p->id);
    }
}

/* The rows before alignment: a whole batch table (header once, one row per
 * success) up to CLI_TABLE_TEXT bytes or CLI_TW_MAX_LINES - 1 lines; when the
 * next row does not fit, what is there is aligned and written as one block
 * and the table goes on in a new block (without the header). */
static cli_buf_t table CLI_PAGE_START;   /* its page also holds table_mem's start */
static size_t table_rows;
static bool table_v1, table_hide, table_header_done;
static char table_mem[CLI_TABLE_TEXT];

void cli_table_begin(bool v1, bool hide_headers)
{
    cli_buf_init(&table, table_mem, sizeof table_mem);
    table_rows = 0;
    table_v1 = v1;
    table_hide = hide_headers;
    table_header_done = false;
}

static void table_row_text(cli_buf_t *t, const cli_row_t *row)
{
    put_str(t, row->id);
    cli_putc(t, '\t');
    put_str(t, row->description);
    cli_putc(t, '\t');
    put_str(t, row->token);
    cli_putc(t, '\t');
    put_str(t, row->user_name);
    cli_putc(t, '\t');
    put_str(t, row->user_id);
    cli_putc(t, '\t');
    cli_putc(t, '[');
    for (size_t i = 0; i < row->nperms; i++) {
        if (i > 0) cli_putc(t, ' ');
        cli_put_permission(t, &row->perms[i]);
    }
    cli_puts(t, "]\n");
}

bool cli_table_add(const cli_row_t *row)
{
    size_t mark = table.len;
    if (!table_hide && !table_header_done && table.len == 0) {
        cli_puts(&table, table_v1 ? "ID\tDescription\tUsername\tv2 User Name\tv2 User ID\tPermissions\n"
                                  : "ID\tDescription\tToken\tUser Name\tUser ID\tPermissions\n");
    }
    table_row_text(&table, row);
    if (table.overflow || table_rows + 2 >= CLI_TW_MAX_LINES) {
        il_wipe(table.p + mark, table.len - mark);
        table.len = mark;
        table.overflow = false;
        return false;
    }
    table_rows++;
    return true;
}

void cli_table_put(cli_buf_t *out, const cli_row_t *row)
{
    if (cli_table_add(row)) return;
    cli_table_flush(out);
    if (cli_table_add(row)) return;
    /* larger than the whole table text on its own: unaligned but complete */
    cli_buf_t t;
    cli_buf_init(&t, table_mem, sizeof table_mem);
    table_row_text(&t, row);
    cli_put(out, t.p, t.len);
    if (t.overflow) out->overflow = true;
}

size_t cli_table_rows(void)
{
    return table_rows;
}

void cli_table_flush(cli_buf_t *out)
{
    if (table.len > 0 && !cli_tabwriter(out, table.p, table.len, 0, 8, 1, '\t')) {
        /* more cells than the tables hold (TABs or LFs inside values):
         * unaligned but complete */
        cli_put(out, table.p, table.len);
    }
    if (table.len > 0) table_header_done = true;
    il_wipe(table.p, table.len);      /* rows hold authorizations' tokens */
    table.len = 0;
    table_rows = 0;
}

void cli_print_table(cli_buf_t *out, const cli_row_t *row, bool v1, bool hide_headers)
{
    cli_table_begin(v1, hide_headers);
    if (!cli_table_add(row)) {
        /* one row larger than the table text: keep what fits, say so */
        out->overflow = true;
        cli_buf_t t;
        cli_buf_init(&t, table_mem, sizeof table_mem);
        table_row_text(&t, row);
        cli_put(out, t.p, t.len);
        return;
    }
    cli_table_flush(out);
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
    if (row->nperms == 0) {
        cli_puts(out, "]\n");
        cli_puts(out, ind);
        cli_putc(out, '}');
        return;
    }
    cli_putc(out, '\n');
    for (size_t i = 0; i < row->nperms; i++) {
        /* the permission string, then JSON-encoded */
        char mem[1024];
        cli_buf_t p;
        cli_buf_init(&p, mem, sizeof mem);
        cli_put_permission(&p, &row->perms[i]);
        if (p.overflow) out->overflow = true;
        cli_puts(out, ind);
        cli_puts(out, "\t\t");
        cli_json_string(out, p.p, p.len);
        cli_puts(out, i + 1 < row->nperms ? ",\n" : "\n");
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

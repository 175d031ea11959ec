/* cli_print.c - table (Go tabwriter, TAB padding) and JSON output. */
#include "cli_print.h"

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

/* The rows before alignment: as large as the biggest body plus the
 * permission strings (about 3 times an answer's permission bytes). */
static char table_mem[160 * 1024];

void cli_print_table(cli_buf_t *out, const cli_row_t *row, bool v1, bool hide_headers)
{
    cli_buf_t t;
    cli_buf_init(&t, table_mem, sizeof table_mem);
    if (!hide_headers) {
        cli_puts(&t, v1 ? "ID\tDescription\tUsername\tv2 User Name\tv2 User ID\tPermissions\n"
                        : "ID\tDescription\tToken\tUser Name\tUser ID\tPermissions\n");
    }
    put_str(&t, row->id);
    cli_putc(&t, '\t');
    put_str(&t, row->description);
    cli_putc(&t, '\t');
    put_str(&t, row->token);
    cli_putc(&t, '\t');
    put_str(&t, row->user_name);
    cli_putc(&t, '\t');
    put_str(&t, row->user_id);
    cli_putc(&t, '\t');
    cli_putc(&t, '[');
    for (size_t i = 0; i < row->nperms; i++) {
        if (i > 0) cli_putc(&t, ' ');
        cli_put_permission(&t, &row->perms[i]);
    }
    cli_puts(&t, "]\n");
    if (t.overflow) out->overflow = true;
    if (!cli_tabwriter(out, t.p, t.len, 0, 8, 1, '\t')) {
        /* more cells than the tables hold (TABs or LFs inside values):
         * unaligned but complete */
        cli_put(out, t.p, t.len);
    }
}

static void json_field(cli_buf_t *out, const char *key, il_str_t v)
{
    cli_puts(out, "\t\"");
    cli_puts(out, key);
    cli_puts(out, "\": ");
    cli_json_string(out, v.p != NULL ? v.p : "", v.p != NULL ? v.n : 0);
    cli_puts(out, ",\n");
}

void cli_print_json(cli_buf_t *out, const cli_row_t *row)
{
    cli_puts(out, "{\n");
    json_field(out, "id", row->id);
    json_field(out, "description", row->description);
    json_field(out, "token", row->token);
    json_field(out, "status", row->status);
    json_field(out, "userName", row->user_name);
    json_field(out, "userID", row->user_id);
    cli_puts(out, "\t\"permissions\": [");
    if (row->nperms == 0) {
        cli_puts(out, "]\n}\n");
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
        cli_puts(out, "\t\t");
        cli_json_string(out, p.p, p.len);
        cli_puts(out, i + 1 < row->nperms ? ",\n" : "\n");
    }
    cli_puts(out, "\t]\n}\n");
}

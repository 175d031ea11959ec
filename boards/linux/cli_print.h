/* cli_print.h - the success output: the official table or JSON object. */
#ifndef CLI_PRINT_H
#define CLI_PRINT_H

#include <stdbool.h>
#include <stddef.h>
#include "il_json.h"
#include "cli_out.h"

/* One printed authorization (both commands print the same shape). */
typedef struct cli_row {
    il_str_t id, description, token, status, user_name, user_id;
    const il_permission_t *perms;
    size_t nperms;
} cli_row_t;

/* The permission string of the official CLI: action:orgs/ORG/type[/id] or
 * action:/type[/id] without an org. */
void cli_put_permission(cli_buf_t *b, const il_permission_t *p);

/* The table: v1 selects the v1 headers. */
void cli_print_table(cli_buf_t *out, const cli_row_t *row, bool v1, bool hide_headers);

/* The JSON object (SetIndent("", "\t")), followed by a newline. */
void cli_print_json(cli_buf_t *out, const cli_row_t *row);

#endif

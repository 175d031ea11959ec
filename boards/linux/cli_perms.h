/* SPDX-License-Identifier: Apache-2.0 */
/* cli_perms.h - the permissions of the answered authorization, kept as the
 * official CLI prints them (influx-cli api/permission_string.go:
 * action:orgs/ORG/type[/id], or action:/type[/id] without an org), one
 * after the other as the decoder hands them over (il_perm_fn): an
 * authorization of any number of permissions costs its printed text only,
 * whatever the size of the answer it came in. */
#ifndef CLI_PERMS_H
#define CLI_PERMS_H

#include <stdbool.h>
#include <stddef.h>
#include "il_json.h"
#include "cli_out.h"

typedef struct cli_perms {
    char *mem;          /* the caller's: each permission as a 4-byte length and its text */
    size_t cap, len;
    size_t count;
    bool overflow;      /* a permission did not fit: the list is not the answer's */
} cli_perms_t;

/* An empty list in mem[0..cap). */
void cli_perms_init(cli_perms_t *l, char *mem, size_t cap);

/* il_perm_fn: p appended (NULL: the list starts again). */
void cli_perms_add(void *list, const il_permission_t *p);

/* The permission string of p (into any buffer). */
void cli_put_permission(cli_buf_t *b, const il_permission_t *p);

/* The permission at offset *at (0: the first) in *s and *n, and *at past
 * it; false after the last. */
bool cli_perms_next(const cli_perms_t *l, size_t *at, const char **s, size_t *n);

#endif

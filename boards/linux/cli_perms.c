/* SPDX-License-Identifier: Apache-2.0 */
/* cli_perms.c - the answered permissions as printed text (see cli_perms.h). */
#include "cli_perms.h"

#include <stdint.h>
#include <string.h>

void cli_put_permission(cli_buf_t *b, const il_permission_t *p)
{
    cli_put_decoded(b, p->action);
    cli_putc(b, ':');
    if (p->org_id.p != NULL && p->org_id.n > 0) {
        cli_puts(b, "orgs/");
        cli_put_decoded(b, p->org_id);
    }
    cli_putc(b, '/');
    cli_put_decoded(b, p->type);
    if (p->id.p != NULL && p->id.n > 0) {
        cli_putc(b, '/');
        cli_put_decoded(b, p->id);
    }
}

void cli_perms_init(cli_perms_t *l, char *mem, size_t cap)
{
    l->mem = mem;
    l->cap = cap;
    l->len = 0;
    l->count = 0;
    l->overflow = false;
}

void cli_perms_add(void *list, const il_permission_t *p)
{
    cli_perms_t *l = list;
    cli_buf_t b;
    uint32_t n;
    if (p == NULL) {
        cli_perms_init(l, l->mem, l->cap);
        return;
    }
    if (l->overflow || l->cap - l->len < sizeof n) {
        l->overflow = true;
        return;
    }
    cli_buf_init(&b, l->mem + l->len + sizeof n, l->cap - l->len - sizeof n);
    cli_put_permission(&b, p);
    if (b.overflow || b.len > UINT32_MAX) {
        l->overflow = true;
        return;
    }
    n = (uint32_t)b.len;
    memcpy(l->mem + l->len, &n, sizeof n);
    l->len += sizeof n + b.len;
    l->count++;
}

bool cli_perms_next(const cli_perms_t *l, size_t *at, const char **s, size_t *n)
{
    uint32_t len;
    if (*at >= l->len) return false;
    memcpy(&len, l->mem + *at, sizeof len);
    *s = l->mem + *at + sizeof len;
    *n = len;
    *at += sizeof len + len;
    return true;
}

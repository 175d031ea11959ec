/* SPDX-License-Identifier: Apache-2.0 */
/* cli_secret.c - the token out of argv and off stderr (see cli_secret.h).
 *
 * Server-provided text (error messages, Location) is printed as the
 * official CLI does, except the caller's token: a hostile or careless
 * server that echoes it (in a message, a redirect target) does not get it
 * onto the terminal or into a log. */
#include "cli_secret.h"

#include <stdint.h>
#include <string.h>

#include "il_wipe.h"

static const char redacted[] = "<redacted>";

void cli_secret_take_token(cli_args_t *a, int argc, char **argv, char *copy)
{
    size_t n;
    if (!a->token_set || a->token == NULL || a->token[0] == '\0') return;
    n = strlen(a->token);
    if (n >= CLI_TOKEN_MAX) return;
    memcpy(copy, a->token, n + 1);
    a->token = copy;
    for (int i = 1; i < argc; i++) {
        char *arg = argv[i], *eq = strchr(arg, '=');
        if (strcmp(arg, copy) == 0) il_wipe(arg, n);
        else if (arg[0] == '-' && eq != NULL && strcmp(eq + 1, copy) == 0) il_wipe(eq + 1, n);
    }
}

void cli_secret_take_extra(cli_args_t *a, char *copy, size_t cap)
{
    size_t used = 0;
    if (a->nextra == a->nextra_env) return;
    for (size_t i = a->nextra_env; i < a->nextra; i++) {
        cli_text_t *t = &a->scratch->flags.extra[i];
        if (t->n > cap - used) return;    /* too long: refused later, still in argv */
        memcpy(copy + used, t->p, t->n);
        il_wipe((void *)(uintptr_t)t->p, t->n);
        t->p = copy + used;
        used += t->n;
    }
}

/* Every pat[0..plen) in b becomes "<redacted>" (or stars, when the longer
 * text no longer fits). Patterns under 4 bytes are left alone. */
static void scrub_one(cli_buf_t *b, const char *pat, size_t plen)
{
    const size_t rlen = sizeof redacted - 1;
    if (plen < 4) return;
    for (size_t i = 0; i + plen <= b->len;) {
        if (memcmp(b->p + i, pat, plen) != 0) {
            i++;
        } else if (b->len - plen + rlen <= b->cap) {
            memmove(b->p + i + rlen, b->p + i + plen, b->len - i - plen);
            memcpy(b->p + i, redacted, rlen);
            b->len = b->len - plen + rlen;
            i += rlen;
        } else {
            memset(b->p + i, '*', plen);
            i += plen;
        }
    }
}

/* One secret, verbatim and URL-escaped. */
static void scrub_secret(cli_buf_t *b, cli_scrub_t *s, const char *secret)
{
    cli_buf_t e;
    if (secret == NULL || secret[0] == '\0') return;
    scrub_one(b, secret, strlen(secret));
    cli_buf_init(&e, s->esc, s->esc_cap);
    cli_put_query_escaped(&e, secret);
    if (!e.overflow) scrub_one(b, e.p, e.len);
    cli_buf_init(&e, s->esc, s->esc_cap);
    cli_put_path_escaped(&e, secret);
    if (!e.overflow) scrub_one(b, e.p, e.len);
    il_wipe(s->esc, s->esc_cap);
}

static void scrub_token(cli_buf_t *b, cli_scrub_t *s)
{
    scrub_secret(b, s, s->token);
    for (size_t i = 0; i < s->nmore; i++) scrub_secret(b, s, s->more[i]);
}

void cli_secret_add(cli_scrub_t *s, const char *secret)
{
    if (secret != NULL && secret[0] != '\0' && s->nmore < CLI_SCRUB_MAX) s->more[s->nmore++] = secret;
}

void cli_secret_add_headers(cli_scrub_t *s, const cli_headers_t *h)
{
    for (size_t i = 0; i < h->nsecrets; i++) cli_secret_add(s, h->secrets[i].value);
}

void cli_secret_err_flush(cli_buf_t *err, cli_scrub_t *s, cli_dump_t *dump)
{
    if (err->len == 0) return;
    scrub_token(err, s);
    cli_buf_end_line(err);          /* a line cut by the buffer still ends */
    err->overflow = false;
    if (dump != NULL) cli_dump_end_line(dump);
    cli_buf_flush(err, 2);
}

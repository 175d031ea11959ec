/* SPDX-License-Identifier: Apache-2.0 */
/* cli_secret.c - the token out of argv, held, registered; the process kept
 * from dumping or being traced (see cli_secret.h). */
#include "cli_secret.h"

#include <stdint.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>

#include "il_wipe.h"

void cli_secret_harden(void)
{
    struct rlimit none = {0, 0};
    /* not dumpable: no core file, /proc/PID/mem and ptrace(ATTACH) refused
     * to processes of the same user (root's CAP_SYS_PTRACE still can) */
    (void)prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
    (void)setrlimit(RLIMIT_CORE, &none);
}

/* The flags whose values are secrets, as Go's flag package spells them
 * (one or two dashes). */
static const char *const secret_flags[] = {"t", "token", NULL};

/* Whether arg is one of those flags: *value then points after its '=', or
 * is NULL when the value is the next argument. */
static bool secret_flag(char *arg, char **value)
{
    char *name;
    size_t len;
    if (arg[0] != '-') return false;
    name = arg + (arg[1] == '-' ? 2 : 1);
    len = strcspn(name, "=");
    for (size_t k = 0; secret_flags[k] != NULL; k++) {
        if (strlen(secret_flags[k]) != len || memcmp(secret_flags[k], name, len) != 0) continue;
        *value = name[len] == '=' ? name + len + 1 : NULL;
        return true;
    }
    return false;
}

/* Whether p lies within one of argv's strings. */
static bool in_argv(const char *p, int argc, char **argv)
{
    for (int i = 1; i < argc; i++)
        if (p >= argv[i] && p <= argv[i] + strlen(argv[i])) return true;
    return false;
}

void cli_secret_take_token(cli_args_t *a, int argc, char **argv, char *copy)
{
    bool copied = false;
    if (a->token != NULL && a->token[0] != '\0' && in_argv(a->token, argc, argv)) {
        size_t n = strlen(a->token);
        if (n < CLI_TOKEN_MAX) {
            memcpy(copy, a->token, n + 1);
            a->token = copy;
            copied = true;
        } else {
            a->token = "";
            a->token_too_long = true;
        }
    }
    for (int i = 1; i < argc; i++) {
        char *value;
        if (copied && strcmp(argv[i], copy) == 0) {
            il_wipe(argv[i], strlen(argv[i]));      /* the token given again, elsewhere */
            continue;
        }
        if (!secret_flag(argv[i], &value)) continue;
        if (value == NULL && i + 1 < argc) value = argv[++i];
        if (value != NULL) il_wipe(value, strlen(value));
    }
}

const char *cli_secret_hold_token(cli_secrets_t *s, char *copy, const char *tok)
{
    size_t n;
    if (tok == NULL || tok[0] == '\0') return tok;
    n = strlen(tok);
    if (n >= CLI_TOKEN_MAX) return NULL;
    if (tok != copy) memmove(copy, tok, n + 1);
    return cli_secrets_add(s, copy, n) ? copy : NULL;
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

void cli_secret_add(cli_secrets_t *s, const char *secret)
{
    if (secret != NULL && secret[0] != '\0') (void)cli_secrets_add(s, (char *)(uintptr_t)secret, strlen(secret));
}

void cli_secret_add_headers(cli_secrets_t *s, const cli_headers_t *h)
{
    for (size_t i = 0; i < h->nsecrets; i++) cli_secret_add(s, h->secrets[i].value);
}

void cli_secret_err_flush(cli_buf_t *err, cli_dump_t *dump)
{
    if (err->len == 0) return;
    cli_buf_end_line(err);          /* a line cut by the buffer still ends */
    err->overflow = false;
    if (dump != NULL) cli_dump_end_line(dump);
    cli_buf_flush(err, 2);
}

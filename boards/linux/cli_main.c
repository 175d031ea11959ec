/* SPDX-License-Identifier: Apache-2.0 */
/* cli_main.c - the program: parse, dispatch, print, wipe (see cli_run.h).
 * Output is written only at the end (a batch streams it); stdout first, as
 * the official CLI prints the help before the error. */
#include "cli_run.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "il_config.h"
#include "il_wipe.h"
#include "cli_backstop.h"
#include "cli_complete.h"
#include "cli_errors.h"
#include "cli_help.h"
#include "cli_mem.h"
#include "cli_signal.h"


/* "-t -abc" was read as "-t=-abc": say so, as the official CLI does, but
 * without the token its text echoes. */
static void main_token_warnings(cli_mem_t *m, cli_getenv_fn env)
{
    const char *term;
    bool color;
    if (m->args.token_warnings == 0) return;
    term = env("TERM");
    color = isatty(1) && (term == NULL || strcmp(term, "dumb") != 0);
    for (unsigned i = 0; i < m->args.token_warnings; i++) {
        const char *f = m->args.token_warning_flag[i];
        if (color) cli_puts(&m->out, "\x1b[93m");
        cli_putf(&m->out, "warning: %s <token> interpreted as %s=<token>, consider using %s=<token> syntax when "
                          "tokens start with a hyphen", f, f, f);
        if (color) cli_puts(&m->out, "\x1b[0m");
        cli_putc(&m->out, '\n');
    }
}

/* path.Base(os.Args[0]): the name the completion scripts call back. */
static const char *main_prog(int argc, char **argv)
{
    const char *p = argc > 0 && argv[0] != NULL && argv[0][0] != '\0' ? argv[0] : ".";
    const char *slash = strrchr(p, '/');
    return slash != NULL && slash[1] != '\0' ? slash + 1 : p;
}

/* What the arguments asked for: help, the version, a usage error, a run. */
static int main_dispatch(cli_mem_t *m, cli_getenv_fn env, const char *prog)
{
    const cli_args_t *a = &m->args;
    switch (a->action) {
    case CLI_ACT_HELP:
        cli_puts(&m->out, cli_help_text(a->level));
        return CLI_EXIT_OK;
    case CLI_ACT_VERSION:
        cli_puts(&m->out, "influx-lite " IL_VERSION "\n");
        return CLI_EXIT_OK;
    case CLI_ACT_USAGE:
        cli_putf(&m->out, a->app_usage ? "Incorrect Usage. %s\n\n%s" : "Incorrect Usage: %s\n\n%s", a->err,
                 cli_help_text(a->level));
        return cli_fail(&m->err, CLI_EXIT_USAGE, "%s", a->err);
    case CLI_ACT_ERROR:
        if (a->with_help) cli_puts(&m->out, cli_help_text(a->level));
        return cli_fail(&m->err, CLI_EXIT_USAGE, "%s", a->err);
    case CLI_ACT_COMPLETE:
        cli_complete_answer(&m->out, a, env);
        return CLI_EXIT_OK;
    case CLI_ACT_SCRIPT:
        return cli_complete_script(&m->out, &m->err, a, prog);
    case CLI_ACT_RUN:
    default:
        return cli_run(m);
    }
}

/* What held a secret, or a server's answer that may echo one, does not
 * outlive the run: the registered secrets (the token), the configs file's
 * text and error, the answers, the client's kept header copies, what the
 * redaction kept back, the DNS backstop's line. */
static void main_wipe(cli_mem_t *m)
{
    size_t text = m->plan.configs.text_len, cap = sizeof m->config_file.text;
    cli_secrets_wipe(&m->secrets);
    il_wipe(m->token, strnlen(m->token, sizeof m->token));
    cli_proxy_wipe(&m->proxy);
    if (text > 0) {
        il_wipe(m->config_file.text, text < cap ? text + 1 : cap);
        il_wipe(m->config_file.err, sizeof m->config_file.err);
    }
    il_wipe(m->args.err, sizeof m->args.err);
    cli_flow_wipe(&m->flow);
    if (m->plan.with_headers) cli_headers_wipe(&m->headers);
    if (m->args.nextra > m->args.nextra_env) il_wipe(m->extra_copy, sizeof m->extra_copy);
    if (m->plan.cookie != NULL && m->watch.mem != NULL) cli_watch_wipe(&m->watch);
    cli_redact_stream_wipe(&m->out_rs);
    cli_redact_stream_wipe(&m->err_rs);
    cli_backstop_wipe();
}

/* The output buffers, each writing through its redaction. */
static void main_outputs(cli_mem_t *m)
{
    cli_secrets_init(&m->secrets, m->secret_grams, CLI_SECRET_GRAMS);
    cli_redact_stream_init(&m->out_rs, &m->secrets, 1);
    cli_redact_stream_init(&m->err_rs, &m->secrets, 2);
    cli_buf_init(&m->out, m->out_mem, sizeof m->out_mem);
    cli_buf_init(&m->err, m->err_mem, sizeof m->err_mem);
    m->out.rs = &m->out_rs;
    m->err.rs = &m->err_rs;
    cli_dump_init(&m->net.dump, &m->err_rs);
    m->plan.token_mem = m->token;
    m->plan.secrets = &m->secrets;
}

int cli_main(int argc, char **argv, cli_getenv_fn env)
{
    cli_mem_t *m = &cli_mem;
    int code;
    cli_stdio_hold(&m->stdio);            /* before anything opens a descriptor */
    cli_signal_init();
    cli_secret_harden();
    cli_backstop_init(&m->backstop);
    main_outputs(m);
    if (m->stdio.closed[1]) cli_buf_fail(&m->out, EBADF);
    cli_args_parse(&m->args, &m->args_scratch, argc, argv, env);
    cli_secret_take_token(&m->args, argc, argv, m->token);
    cli_secret_take_extra(&m->args, m->extra_copy, sizeof m->extra_copy);
    /* from argv or INFLUX_TOKEN: held and searched for from now on (the
     * plan holds the one it uses, perhaps another, in the same memory) */
    if (m->args.token != NULL) (void)cli_secret_hold_token(&m->secrets, m->token, m->args.token);
    m->env = env;
    main_token_warnings(m, env);
    code = main_dispatch(m, env, main_prog(argc, argv));
    (void)cli_buf_finish(&m->out, 1);     /* what the redaction kept back too: a failure there is lost output */
    code = cli_stdio_report_lost(&m->out, &m->err, &m->tally, code);
    if (cli_signal_caught() != 0) code = CLI_EXIT_SIGNAL + cli_signal_caught();
    cli_secret_err_flush(&m->err, &m->net.dump);
    (void)cli_redact_flush(&m->err_rs);
    main_wipe(m);
    return code;
}

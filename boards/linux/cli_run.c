/* SPDX-License-Identifier: Apache-2.0 */
/* cli_run.c - a leaf command: plan it, print the warnings, then one
 * inactivation or a batch over one connection (see cli_mem.h, cli_run). */
#include "cli_mem.h"

#include "il_wipe.h"
#include "cli_errors.h"

/* The connection, as --host, --skip-verify, --http-debug and the TLS flags
 * ask. */
static void run_net_init(cli_mem_t *m)
{
    const cli_args_t *a = &m->args;
    il_tls_conn_t *tls = NULL, *proxy_tls = NULL;
#ifdef IL_HAVE_TLS
    tls = &m->tls;
    proxy_tls = &m->proxy_tls;
#endif
    cli_net_init(&m->net, &m->plan.url, a->skip_verify, a->http_debug, 0);
    cli_dump_init(&m->net.dump, &m->err_rs);      /* the dump passes stderr's redaction */
    cli_net_set_tls(&m->net, tls, a->ca_cert_set ? a->ca_cert : NULL, a->pin_set ? a->pin : NULL);
    cli_net_set_proxy(&m->net, &m->proxy, m->req_buf, sizeof m->req_buf, proxy_tls);
    cli_net_set_status_buffer(&m->net, m->status_text, sizeof m->status_text);
}

/* The proxy of the run (Go's ProxyFromEnvironment), its secrets registered
 * with the one redaction; a refusal reads as the first request's failure would. */
static int run_proxy(cli_mem_t *m)
{
    cli_buf_t why;
    cli_req_t rq;
    cli_buf_init(&why, m->proxy_why, sizeof m->proxy_why);
    int code = cli_proxy_resolve(&m->proxy, &m->plan.url, m->env, &why);
    if (m->proxy.has_pass) cli_secret_add(&m->secrets, m->proxy.pass);
    if (m->proxy.basic[0] != '\0') cli_secret_add(&m->secrets, m->proxy.basic + 6);   /* after "Basic " */
    if (code == CLI_EXIT_OK && m->proxy.bad_port) {
        cli_putf(&why, "proxyconnect tcp: dial tcp: address %s: invalid port", m->proxy.port_text);
        code = CLI_EXIT_USAGE;
    }
    if (code == CLI_EXIT_OK) return code;
    cli_flow_first_req(&m->plan, m->plan.by_name ? NULL : m->plan.first_id, &rq);
    cli_req_put_context(&m->err, &rq);
    cli_req_put_url_error(&m->err, &rq);
    cli_put(&m->err, why.p, why.len);
    cli_putc(&m->err, '\n');
    il_wipe(m->proxy_why, sizeof m->proxy_why);
    return code;
}

static void run_flow_init(cli_mem_t *m)
{
    /* a request with more headers than the client's own takes the big buffer */
    bool big = m->plan.with_headers;
    cli_flow_bufs_t bufs = {
        big ? m->req_big : m->req_buf, big ? sizeof m->req_big : sizeof m->req_buf, cli_body_mem, sizeof cli_body_mem,
        m->user_body_buf, sizeof m->user_body_buf, &m->perms, m->json_nest, sizeof m->json_nest,
        m->status_text, sizeof m->status_text, m->idbuf, m->uidbuf,
    };
    cli_perms_init(&m->perms, m->row_mem, CLI_PERM_TEXT);
    cli_flow_init(&m->flow, &m->plan, &m->args, &m->net, &bufs, &m->err);
    m->flow.secrets = &m->secrets;
    m->flow.headers = big ? &m->headers : NULL;
    m->flow.watch = &m->watch;
    cli_watch_init(&m->watch, &m->watch_mem, m->args.trace_prefix, &m->err, &m->secrets, &m->net.dump);
}

/* The row printed: its texts one after the other in row_mem (cli_mem.h),
 * each with at least its own size left: the table's after the permissions',
 * stdout's after the table's. Everything is known once the row is: a row
 * larger than the output buffer streams out. */
static void run_single_print(cli_mem_t *m, const cli_row_t *row)
{
    char *next = m->row_mem + m->perms.len;
    bool fitted;
    cli_buf_stream(&m->out, 1);
    if (m->args.json) {
        (void)cli_buf_move(&m->out, next, CLI_OUT_BUF);
        cli_print_json(&m->out, row);
        return;
    }
    cli_table_init(&m->table, next, CLI_TABLE_TEXT, &m->tw);
    fitted = cli_table_row(&m->table, row, m->plan.v1, m->args.hide_headers);
    /* (a row that did not fit takes the whole table memory) */
    if (fitted) (void)cli_buf_move(&m->out, next + m->table.text.len, CLI_OUT_BUF);
    cli_table_row_out(&m->table, &m->out, row, fitted);
}

/* One inactivation, its row printed (or the failure). */
static int run_single(cli_mem_t *m)
{
    cli_row_t row;
    int code = cli_flow_inactivate(&m->flow, m->plan.by_name ? NULL : m->plan.first_id, &row);
    m->tally.run = true;
    m->tally.total = 1;
    m->tally.done = code == CLI_EXIT_OK;
    if (code == CLI_EXIT_OK) run_single_print(m, &row);
    cli_net_close(&m->net);
    return code;
}

static int run_batch(cli_mem_t *m)
{
    cli_batch_t *b = &m->batch;
    b->flow = &m->flow;
    b->ids = &m->ids;
    b->args = &m->args;
    b->table = &m->table;
    b->out = &m->out;
    cli_batch_mem_t mem = {m->failed_mem, sizeof m->failed_mem - 32, m->done_mem, sizeof m->done_mem - 32};
    int code = cli_batch_run(b, m->plan.first_id, m->plan.next_id, &mem);
    m->tally.run = m->tally.batch = true;
    m->tally.total = b->total;
    m->tally.done = b->total - b->nfailed;
    return code;
}

int cli_run(cli_mem_t *m)
{
    int code;
    cli_ids_init(&m->ids, m->ids_buf, sizeof m->ids_buf, m->id_lines);
    m->ids.stdin_closed = m->stdio.closed[0];
    cli_tw_init(&m->tw, m->tw_lines);
    cli_table_init(&m->table, m->row_mem + CLI_PERM_TEXT, CLI_TABLE_TEXT, &m->tw);   /* a batch's */
    m->plan.headers = &m->headers;
    code = cli_plan_make(&m->plan, &m->args, &m->config_file, &m->ids, &m->err);
    if (code == CLI_EXIT_OK) code = run_proxy(m);
    if (code != CLI_EXIT_OK) return code;
    if (m->args.skip_verify) cli_puts(&m->err, "warning: TLS certificate verification is disabled (--skip-verify)\n");
    /* warnings go out before any --http-debug dump */
    cli_buf_flush(&m->out, 1);
    cli_secret_err_flush(&m->err, &m->net.dump);
    run_net_init(m);
    run_flow_init(m);
    if (m->plan.with_headers) {
        cli_secret_add_headers(&m->secrets, &m->headers);
        cli_dump_secret_headers(&m->net.dump, m->headers.secrets, m->headers.nsecrets);
    }
    if (m->plan.cookie != NULL) {
        code = cli_signin(&m->flow, &m->args, m->plan.cookie, &m->headers, &m->watch, &m->signin);
        cli_secret_add(&m->secrets, m->watch_mem.session);
        if (code != CLI_EXIT_OK) {
            cli_net_close(&m->net);
            return code;
        }
    }
    return m->plan.batch ? run_batch(m) : run_single(m);
}

/* SPDX-License-Identifier: Apache-2.0 */
/* cli_flow.c - the v2 and v1 inactivation flows (see cli_flow.h). */
#include "cli_flow.h"

#include <string.h>

#include "cli_call.h"
#include "cli_errors.h"
#include "cli_gourl.h"
#include "il_wipe.h"

/* The official CLI's error contexts, one per request kind. */
static const char ctx_find[] = "could not find auth with ID ";
static const char ctx_update[] = "could not update status of auth with ID ";
static const char ctx_v1_update[] = "failed to update status of authorization with ID ";
static const char ctx_v1_find[] = "could not find v1 auth with token (username) ";
static const char ctx_user[] = "could not find user from User ID ";
static const char ctx_signin[] = "error creating session: error signing in, verify signin was not called against "
                                 "cloud influxdb: ";

void cli_flow_init(cli_flow_t *f, const cli_plan_t *plan, const cli_args_t *a, cli_net_t *net,
                   const cli_flow_bufs_t *bufs, cli_buf_t *err)
{
    f->plan = plan;
    f->timeout_ms = a->timeout_ms;
    f->retries = a->retries;
    f->net = net;
    f->err = err;
    f->bufs = *bufs;
    f->body_hwm = f->user_body_hwm = 0;
    f->secrets = NULL;
    f->headers = NULL;
    f->watch = NULL;
}

void cli_flow_first_req(const cli_plan_t *plan, const char *id, cli_req_t *rq)
{
    memset(rq, 0, sizeof *rq);
    rq->scheme = plan->gourl.scheme;
    rq->host_header = plan->gourl.authority;
    rq->dial_host = plan->gourl.authority;
    rq->method = "Patch";
    rq->value = id;
    if (!plan->v1) {
        rq->context = ctx_find;
        rq->method = "Get";
        rq->path = "/api/v2/authorizations/";
        rq->param = id;
    } else if (id == NULL) {
        rq->context = ctx_v1_find;
        rq->value = plan->username;
        rq->method = "Get";
        rq->path = "/private/legacy/authorizations";
        rq->query_key = "token";
        rq->query_value = plan->username;
    } else {
        rq->context = ctx_v1_update;
        rq->path = "/private/legacy/authorizations/";
        rq->param = id;
    }
}

void cli_flow_signin_req(cli_req_t *rq)
{
    rq->context = ctx_signin;
    rq->value = NULL;
    rq->method = "Post";
    rq->path = "/api/v2/signin";
    rq->param = rq->query_key = rq->query_value = NULL;
}

int cli_flow_check_local(const cli_plan_t *plan, const char *id, cli_buf_t *err)
{
    cli_req_t rq;
    cli_flow_first_req(plan, id, &rq);
    if (id == NULL) {
        if (!cli_has_ctl(plan->username)) return CLI_EXIT_OK;
        cli_req_put_context(err, &rq);
        cli_puts(err, "the username contains a control character; nothing was sent\n");
        return CLI_EXIT_USAGE;
    }
    il_status_t st = il_id_check(id);
    if (st == IL_OK) return CLI_EXIT_OK;
    cli_req_put_context(err, &rq);
    cli_puts(err, st == IL_ERR_ID_LENGTH ? "id must have a length of 16 bytes\n" : "invalid ID\n");
    return CLI_EXIT_USAGE;
}

int cli_flow_check_line(const cli_plan_t *plan, const cli_ids_t *ids, const char *id, cli_buf_t *err)
{
    cli_req_t rq;
    size_t len;
    if (id == NULL || !cli_ids_has_ctl(ids, id, &len)) return cli_flow_check_local(plan, id, err);
    cli_flow_first_req(plan, id, &rq);
    cli_putf(err, "Error: %s", rq.context);
    cli_put_quoted(err, id, len);
    cli_puts(err, ": the ID contains a control character; nothing was sent\n");
    return CLI_EXIT_USAGE;
}

/* The failure of a request: "Error: <context>"<value>": <failure>". */
static int flow_report(cli_flow_t *f, il_status_t st, const il_result_t *res, const cli_req_t *rq)
{
    cli_req_put_context(f->err, rq);
    cli_put_failure(f->err, st, res, rq);
    cli_putc(f->err, '\n');
    return cli_exit_code(st);
}

/* A failure found in an answer, not in a request's status. */
static int flow_refuse(cli_flow_t *f, const cli_req_t *rq, const char *why)
{
    cli_req_put_context(f->err, rq);
    cli_putf(f->err, "%s\n", why);
    return CLI_EXIT_SERVER;
}

/* One request of the flow, named by context and value for its errors. */
static il_status_t flow_call(cli_flow_t *f, cli_req_t *rq, const char *context, const char *value,
                             cli_op_fn op, il_result_t *res)
{
    rq->context = context;
    rq->value = value;
    return cli_answer_type(&f->client, res, cli_call(f, op, value, res, rq));
}

/* What a Token cell shows instead of the caller's own secret. */
static const char token_redacted[] = "<redacted>";

static void row_from_auth(cli_flow_t *f, cli_row_t *row, const il_auth_t *a, il_str_t user_name,
                          il_str_t user_id)
{
    row->id = a->id;
    row->description = a->description;
    row->token = a->token;
    /* a device that inactivates itself gets its own token back: a cell
     * sharing a run with the caller's secret is not printed (README) */
    if (f->secrets != NULL && a->token.p != NULL && cli_secrets_found_in(f->secrets, a->token.p, a->token.n)) {
        row->token.p = token_redacted;
        row->token.n = sizeof token_redacted - 1;
    }
    row->status = a->status;
    row->user_name = user_name;
    row->user_id = user_id;
    row->perms = f->bufs.perms;
}

/* The inactivation was applied (the answer reads "inactive"), but not all
 * of the answer was kept to print it: say so (the token stays inactive). */
static int flow_unprintable(cli_flow_t *f, const cli_req_t *rq)
{
    if (f->res_a.dropped == 0 && !f->bufs.perms->overflow) return CLI_EXIT_OK;
    cli_req_put_context(f->err, rq);
    cli_puts(f->err, "the authorization is inactive, but its answer is too large to print\n");
    return CLI_EXIT_SERVER;
}

/* Whether the authorization just found (f->res_a) is the caller's own: the
 * PATCH then inactivates the token it is sent with. (influxd 2.9 answers
 * no token: such a self-revocation is not recognised.) */
static bool flow_is_self(const cli_flow_t *f)
{
    const char *token = f->plan->token;
    return token != NULL && token[0] != '\0' && il_str_eq(f->res_a.auth.token, token);
}

/* The PATCH's answer goes to the v1 user lookup's buffer, without the
 * permissions' callback: the GET's answer in res_a, and its permissions,
 * stay for the row. */
static void flow_keep_first_answer(cli_flow_t *f)
{
    il_json_scratch_t scratch = {NULL, NULL, f->bufs.nest, f->bufs.nest_cap};
    il_client_set_body_buffer(&f->client, f->bufs.user_body, f->bufs.user_body_cap, &scratch);
}

/* A self-revocation whose PATCH was sent more than once (a reset hid the
 * first answer, --retries sent it again) and then refused with influxd's
 * 401 "token is inactive": the caller's token, the one inactivated, is
 * inactive, so the first PATCH was applied and the post-condition holds. */
static bool flow_self_applied(const cli_flow_t *f, il_status_t st, const il_result_t *res)
{
    return st == IL_ERR_HTTP_4XX && res->http_status == 401 && f->attempts > 1 && res->error_decode == IL_OK &&
           il_str_eq(res->error.message, "token is inactive");
}

/* auth inactive: GET, then PATCH. */
static int flow_v2(cli_flow_t *f, cli_req_t *rq, const char *id, cli_row_t *row)
{
    static const char inactive[] = "inactive";
    il_status_t st = flow_call(f, rq, ctx_find, id, il_auth_find, &f->res_a);
    /* the GET only asks whether it exists (the official CLI drops its
     * answer): strings too long to keep do not matter */
    if (st == IL_ERR_JSON_TOO_LARGE) st = IL_OK;
    if (st != IL_OK) return flow_report(f, st, &f->res_a, rq);
    bool self = flow_is_self(f);
    if (self) flow_keep_first_answer(f);
    il_result_t *patch = self ? &f->res_b : &f->res_a;
    rq->method = "Patch";
    st = flow_call(f, rq, ctx_update, id, il_auth_inactivate, patch);
    if (st != IL_OK && !(self && flow_self_applied(f, st, patch))) return flow_report(f, st, patch, rq);
    /* a self-revocation's row is the GET's answer: the PATCH's (or the
     * 401 after it) said the status is inactive */
    row_from_auth(f, row, &patch->auth, patch->auth.user, patch->auth.user_id);
    if (self) {
        row_from_auth(f, row, &f->res_a.auth, f->res_a.auth.user, f->res_a.auth.user_id);
        row->status.p = inactive;
        row->status.n = sizeof inactive - 1;
    }
    return flow_unprintable(f, rq);
}

/* An ID from an answer, as Go decodes it, NUL-terminated in dst; false
 * when it is absent or does not fit. */
static bool copy_id(char *dst, size_t cap, il_str_t s)
{
    cli_buf_t b;
    cli_buf_init(&b, dst, cap - 1);
    cli_put_decoded(&b, s);
    dst[b.len] = '\0';
    return s.p != NULL && !b.overflow;
}

/* v1 by username: GET the list, keep the first match's ID in f->bufs.idbuf. */
static int flow_v1_lookup(cli_flow_t *f, cli_req_t *rq)
{
    const char *name = f->plan->username;
    il_status_t st = flow_call(f, rq, ctx_v1_find, name, il_legacy_find_by_username, &f->res_a);
    /* only the first match's ID is used: other strings too long to keep do
     * not matter (a missing ID is refused below) */
    if (st == IL_ERR_JSON_TOO_LARGE && f->res_a.matches > 0) st = IL_OK;
    if (st != IL_OK) return flow_report(f, st, &f->res_a, rq);
    /* an ID from the server is checked as the caller's are: nothing
     * malformed is sent, and the fault is the server's (exit 4) */
    if (!copy_id(f->bufs.idbuf, CLI_FLOW_ID_MAX, f->res_a.auth.id) || il_id_check(f->bufs.idbuf) != IL_OK)
        return flow_refuse(f, rq, "server answered an invalid authorization ID");
    rq->query_key = NULL;
    rq->query_value = NULL;
    return CLI_EXIT_OK;
}

/* v1: the user of the inactivated authorization, into res_b (its own
 * buffers: the PATCH answer in the body buffer stays for the row). */
static int flow_v1_user(cli_flow_t *f, cli_req_t *rq)
{
    il_json_scratch_t scratch = {NULL, NULL, f->bufs.nest, f->bufs.nest_cap};
    bool kept = copy_id(f->bufs.uidbuf, CLI_FLOW_ID_MAX, f->res_a.auth.user_id);   /* absent: "", as Go's */
    il_client_set_body_buffer(&f->client, f->bufs.user_body, f->bufs.user_body_cap, &scratch);
    rq->method = "Get";
    rq->path = "/api/v2/users/";
    rq->param = f->bufs.uidbuf;
    rq->context = ctx_user;
    rq->value = f->bufs.uidbuf;
    /* a user ID from the server is checked as the caller's IDs are: the
     * fault is the server's (exit 4) */
    if (f->res_a.auth.user_id.p != NULL && (!kept || il_id_check(f->bufs.uidbuf) != IL_OK))
        return flow_refuse(f, rq, "server answered an invalid user ID");
    il_status_t st = flow_call(f, rq, ctx_user, f->bufs.uidbuf, il_user_find, &f->res_b);
    return st == IL_OK ? CLI_EXIT_OK : flow_report(f, st, &f->res_b, rq);
}

/* v1 auth set-inactive: [lookup,] PATCH, user. */
static int flow_v1(cli_flow_t *f, cli_req_t *rq, const char *id, cli_row_t *row)
{
    int code = id == NULL ? flow_v1_lookup(f, rq) : CLI_EXIT_OK;
    if (code != CLI_EXIT_OK) return code;
    if (id == NULL) id = f->bufs.idbuf;
    rq->method = "Patch";
    rq->path = "/private/legacy/authorizations/";
    rq->param = id;
    il_status_t st = flow_call(f, rq, ctx_v1_update, id, il_legacy_inactivate, &f->res_a);
    if (st != IL_OK) return flow_report(f, st, &f->res_a, rq);
    code = flow_unprintable(f, rq);
    if (code == CLI_EXIT_OK) code = flow_v1_user(f, rq);
    if (code != CLI_EXIT_OK) return code;
    row_from_auth(f, row, &f->res_a.auth, f->res_b.user.name, f->res_b.user.id);
    return CLI_EXIT_OK;
}

int cli_flow_inactivate(cli_flow_t *f, const char *id, cli_row_t *row)
{
    il_json_scratch_t scratch = {cli_perms_add, f->bufs.perms, f->bufs.nest, f->bufs.nest_cap};
    const il_url_t *url = &f->plan->url;
    cli_req_t rq;
    cli_net_set_deadline(f->net, il_posix_now_ms() + f->timeout_ms);
    bool token = f->headers == NULL || f->headers->send_token;
    il_client_init(&f->client, NULL, url->host_header, token ? f->plan->token : NULL, f->bufs.req,
                   f->bufs.req_cap, f->bufs.body, f->bufs.body_cap, &scratch);
    il_client_set_status_buffer(&f->client, f->bufs.status, f->bufs.status_cap);
    if (f->headers != NULL) (void)il_client_set_headers(&f->client, f->headers->list, f->headers->n);
    if (f->watch != NULL) il_client_set_watch(&f->client, cli_watch_header, f->watch);
    cli_flow_first_req(f->plan, id, &rq);
    rq.host_header = url->host_header;
    rq.dial_host = cli_net_dial_host(f->net);
    rq.port = cli_net_dial_port(f->net);
    rq.proxied = f->net->proxy != NULL;
    rq.tunnel = rq.proxied ? &f->net->tunnel : NULL;
    rq.target_host = url->host;
    rq.target_port = url->port;
    const cli_proxy_t *px = f->net->proxy;
    if (px != NULL && cli_net_absolute_form(f->net))
        il_client_set_proxy(&f->client, true, px->basic[0] != '\0' ? px->basic : NULL);
    rq.net = &f->net->addrs;
    memset(row, 0, sizeof *row);
    return f->plan->v1 ? flow_v1(f, &rq, id, row) : flow_v2(f, &rq, id, row);
}

void cli_flow_wipe(cli_flow_t *f)
{
    il_wipe(f->bufs.body, f->body_hwm);
    il_wipe(f->bufs.user_body, f->user_body_hwm);
    il_wipe(&f->client.resp, sizeof f->client.resp);   /* status text, Location, Content-Type as answered */
}

/* SPDX-License-Identifier: Apache-2.0 */
/* cli_plan.c - settle a leaf command before anything is sent (see
 * cli_plan.h). The order of the checks is the official CLI's: configs
 * file, host URL (url.Parse), positional arguments (middleware.NoArgs),
 * v1's --id/--username rule, then influx-lite's local checks of the token,
 * the IDs and the URL. */
#include "cli_plan.h"

#include <errno.h>
#include <stdint.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "cli_errors.h"
#include "cli_flow.h"
#include "cli_local.h"
#include "cli_secret.h"

static const char *const auth_siblings[] = {"create", "delete", "list", "ls", "find", "active", "inactive",
                                            "help", "h", NULL};
static const char *const v1_auth_siblings[] = {"create", "delete", "list", "ls", "find", "set-active",
                                               "set-inactive", "set-password", "help", "h", NULL};

/* "Error: " + what the configs file's reader said (cerr over cf->err). */
static int plan_config_fail(cli_config_file_t *cf, const cli_buf_t *cerr, cli_buf_t *err, int code)
{
    cf->err[cerr->len] = '\0';
    return cli_fail(err, code, "%s", cf->err);
}

/* The token: from --token-file when it says so (else as chosen), held in
 * p->token_mem and registered as a secret. */
static int plan_token(cli_plan_t *p, const cli_args_t *a, cli_buf_t *err)
{
    int code;
    if (a->token_sources_clash)
        return cli_fail(err, CLI_EXIT_USAGE, "specify --token or --token-file (INFLUX_TOKEN or INFLUX_TOKEN_FILE), "
                                             "not both");
    if (a->token_file_set) {
        code = cli_local_token_file(a->token_file, p->token_mem, CLI_TOKEN_MAX, err);
        if (code != CLI_EXIT_OK) return code;
        p->token = p->token_mem;
    }
    if (a->token_too_long || (p->token = cli_secret_hold_token(p->secrets, p->token_mem, p->token)) == NULL) {
        p->token = "";
        cli_puts(err, "Error: the token is longer than ");
        cli_put_uint(err, CLI_TOKEN_MAX - 1);
        cli_puts(err, " bytes; nothing was sent\n");
        return CLI_EXIT_USAGE;
    }
    return CLI_EXIT_OK;
}

/* The configs file and the config it selects: host and token. */
static int plan_config(cli_plan_t *p, const cli_args_t *a, cli_config_file_t *cf, cli_buf_t *err)
{
    int code;
    bool loose = false;
    cli_buf_t cerr;
    if (a->configs_path[0] != '\0') {
        size_t pl = strlen(a->configs_path);
        if (pl >= sizeof p->config_path) pl = sizeof p->config_path - 1;
        memcpy(p->config_path, a->configs_path, pl);
        p->config_path[pl] = '\0';
    } else {
        cli_config_default_path(p->config_path, sizeof p->config_path, NULL);
    }
    cli_buf_init(&cerr, cf->err, sizeof cf->err - 1);
    cli_configs_init(&p->configs, &cf->mem);
    cli_config_load_result_t lr =
        cli_config_load(p->config_path, cf->text, sizeof cf->text, &p->configs, &loose, &cerr);
    if (lr == CLI_CONFIG_BAD) return plan_config_fail(cf, &cerr, err, CLI_EXIT_USAGE);
    if (lr == CLI_CONFIG_NO_RESOURCES) return plan_config_fail(cf, &cerr, err, CLI_EXIT_LOCAL);
    if (lr == CLI_CONFIG_LOADED && loose)
        cli_putf(err, "warning: configs file %s is readable by group or others and holds tokens; run chmod 600 on it\n",
                 p->config_path);
    const cli_config_t *cfg = cli_config_select(&p->configs, a->active_config_set ? a->active_config : NULL, &cerr);
    if (cfg == NULL) return plan_config_fail(cf, &cerr, err, CLI_EXIT_USAGE);
    p->host = a->host_set ? a->host : cfg->url;
    p->token = a->token_set ? a->token : cfg->token;
    code = plan_token(p, a, err);
    if (code != CLI_EXIT_OK) return code;
    /* newApiClient: a session only when the token is empty (cmd/influx/global.go) */
    p->cookie = p->token[0] == '\0' && cfg->cookie[0] != '\0' ? cfg->cookie : NULL;
    if (p->cookie != NULL && !cli_secrets_add(p->secrets, (char *)(uintptr_t)p->cookie, strlen(p->cookie)))
        return cli_fail(err, CLI_EXIT_USAGE, "the configs file's cookie is too long to keep secret; nothing was sent");
    return CLI_EXIT_OK;
}

/* Positional arguments: only a sibling command's name is tolerated. */
static int plan_positional(const cli_plan_t *p, const cli_args_t *a, cli_buf_t *err)
{
    const char *const *sib = p->v1 ? v1_auth_siblings : auth_siblings;
    if (a->npositional == 0) return CLI_EXIT_OK;
    for (size_t i = 0; sib[i] != NULL; i++)
        if (strcmp(sib[i], a->positional[0]) == 0) return CLI_EXIT_OK;
    return cli_fail(err, CLI_EXIT_USAGE, p->v1 ? "unknown command %q for \"set-inactive\""
                                               : "unknown command %q for \"inactive\"", a->positional[0]);
}

/* --id or --ids-from, not both; v1: --id (or --ids-from) or --username, not both. */
static int plan_id_rules(cli_plan_t *p, const cli_args_t *a, cli_buf_t *err)
{
    bool have_ids = a->id[0] != '\0' || a->ids_from_set;
    p->username = a->username;
    if (a->id_set && a->ids_from_set) return cli_fail(err, CLI_EXIT_USAGE, "specify --id or --ids-from, not both");
    if (p->v1 && !have_ids && a->username[0] == '\0')
        return cli_fail(err, CLI_EXIT_USAGE, "id or username required");
    if (p->v1 && have_ids && a->username[0] != '\0')
        return cli_fail(err, CLI_EXIT_USAGE, "specify id or username, not both");
    p->by_name = p->v1 && a->username[0] != '\0';
    return CLI_EXIT_OK;
}

/* The first two IDs (they tell a single inactivation from a batch). */
static int plan_ids(cli_plan_t *p, const cli_args_t *a, cli_ids_t *ids, cli_buf_t *err)
{
    int e;
    if (p->by_name) return CLI_EXIT_OK;
    if (a->ids_from_set && (e = cli_ids_open(ids, a->ids_from, a->timeout_ms)) != 0)
        return cli_fail_path(err, CLI_EXIT_USAGE, "open", a->ids_from, e);
    p->first_id = a->ids_from_set ? cli_ids_next(ids) : a->id;
    if (p->first_id == NULL && ids->error != CLI_IDS_OK) return cli_ids_fail(ids, err);
    if (p->first_id == NULL) return cli_fail(err, CLI_EXIT_USAGE, "no authorization ID in %s", ids->path);
    p->next_id = cli_ids_next(ids);
    p->batch = p->next_id != NULL || ids->error != CLI_IDS_OK;   /* a batch reports the list's end */
    return CLI_EXIT_OK;
}

/* The scheme, as Go's transport refuses it: after the first request is named. */
static int plan_scheme(const cli_plan_t *p, cli_buf_t *err)
{
    cli_req_t rq;
    if (p->gourl.scheme_ok) return CLI_EXIT_OK;
    cli_flow_first_req(p, p->by_name ? NULL : p->first_id, &rq);
    cli_req_put_context(err, &rq);
    cli_req_put_url_error(err, &rq);
    cli_putf(err, "unsupported protocol scheme %q\n", p->gourl.scheme);
    return CLI_EXIT_USAGE;
}

/* The host name Go dials (u.Hostname()): no port, no brackets. */
static void plan_dial_name(const cli_plan_t *p, char *out, size_t cap)
{
    const char *h = p->gourl.authority;
    size_t n = p->gourl.port != NULL ? strlen(h) - p->gourl.port_len - 1 : strlen(h);
    if (n >= 2 && h[0] == '[' && h[n - 1] == ']') h++, n -= 2;
    if (n >= cap) n = cap - 1;
    memcpy(out, h, n);
    out[n] = '\0';
}

/* What Go's transport and dialer refuse before connecting, in their
 * order: an empty host (Transport.roundTrip), a port beyond 16 bits (net's
 * parsePort), a name its resolver gives up on unasked. */
static int plan_host(const cli_plan_t *p, cli_buf_t *err)
{
    char name[IL_URL_HOST_MAX + 8];
    cli_req_t rq;
    int code = CLI_EXIT_USAGE;
    plan_dial_name(p, name, sizeof name);
    bool no_host = p->gourl.authority[0] == '\0', bad_port = cli_gourl_port_bad(&p->gourl);
    bool unknown = !no_host && !bad_port && cli_go_no_such_host(name);
    if (!no_host && !bad_port && !unknown) return CLI_EXIT_OK;
    cli_flow_first_req(p, p->by_name ? NULL : p->first_id, &rq);
    cli_req_put_context(err, &rq);
    cli_req_put_url_error(err, &rq);
    if (no_host) {
        cli_puts(err, "http: no Host in request URL\n");
    } else if (bad_port) {
        cli_puts(err, "dial tcp: address ");
        cli_put(err, p->gourl.port, p->gourl.port_len);
        cli_puts(err, ": invalid port\n");
    } else {
        cli_putf(err, "dial tcp: lookup %s: no such host\n", name);
        code = CLI_EXIT_NETWORK;
    }
    return code;
}

/* The URL to connect to, and what it needs (TLS, a readable --ca-cert). */
static int plan_url(cli_plan_t *p, const cli_args_t *a, cli_buf_t *err)
{
    int code = plan_host(p, err);
    if (code != CLI_EXIT_OK) return code;
    il_status_t st = il_url_parse(p->host, &p->url);
    if (st != IL_OK) return cli_fail(err, CLI_EXIT_USAGE, "host URL %q is invalid: %s", p->host, il_status_str(st));
#ifndef IL_HAVE_TLS
    if (p->url.tls)
        return cli_fail(err, CLI_EXIT_USAGE,
                        "host URL %q needs TLS, but this influx-lite was built without TLS support", p->host);
#endif
    if (p->url.tls && !a->skip_verify) return cli_local_check_ca(a->ca_cert_set ? a->ca_cert : NULL, err);
    if (a->ca_cert_set) return cli_local_check_ca(a->ca_cert, err);
    return CLI_EXIT_OK;
}

/* The headers as Go's transport checks them on the first request (the
 * sign-in's, when there is one, carries only the trace ID's). */
static int plan_headers(const cli_plan_t *p, cli_buf_t *err)
{
    cli_req_t first, signin;
    if (!p->with_headers) return CLI_EXIT_OK;
    cli_flow_first_req(p, p->by_name ? NULL : p->first_id, &first);
    cli_flow_first_req(p, NULL, &signin);
    cli_flow_signin_req(&signin);
    return cli_headers_check(p->headers, &first, p->cookie != NULL ? &signin : NULL, err);
}

/* Everything checked before the first byte is sent. */
static int plan_local(cli_plan_t *p, const cli_args_t *a, const cli_ids_t *ids, cli_buf_t *err)
{
    int code = CLI_EXIT_OK;
    if (cli_has_ctl(p->token))
        return cli_fail(err, CLI_EXIT_USAGE, "the token contains a control character (CR, LF or another byte "
                                             "below 0x20, or 0x7f); nothing was sent");
    if (!p->batch) code = cli_flow_check_line(p, ids, p->by_name ? NULL : p->first_id, err);
    if (code == CLI_EXIT_OK) code = plan_scheme(p, err);
    if (code == CLI_EXIT_OK) code = plan_headers(p, err);
    if (code == CLI_EXIT_OK) code = plan_url(p, a, err);
    return code;
}

int cli_plan_make(cli_plan_t *p, const cli_args_t *a, cli_config_file_t *cf, cli_ids_t *ids, cli_buf_t *err)
{
    const char *reason;
    int code;
    p->v1 = a->level == CLI_LEVEL_V1_SET_INACTIVE;
    p->by_name = p->batch = p->with_headers = false;
    p->first_id = p->next_id = NULL;
    p->host = p->token = p->cookie = NULL;
    code = plan_config(p, a, cf, err);
    if (code != CLI_EXIT_OK) return code;
    reason = cli_gourl_parse(p->host, &p->gourl);
    if (reason != NULL) {
        cli_putf(err, "Error: host URL %q is invalid: parse ", p->host);
        cli_put_quoted(err, p->host, p->gourl.quote_len);
        cli_putf(err, ": %s\n", reason);
        return CLI_EXIT_USAGE;
    }
    /* newApiClient, before middleware.NoArgs (the headers' memory is touched only when used) */
    p->with_headers = a->nextra > 0 || a->trace_id_set || p->cookie != NULL;
    if (p->with_headers) code = cli_headers_parse(p->headers, a, err);
    if (code == CLI_EXIT_OK) code = plan_positional(p, a, err);
    if (code == CLI_EXIT_OK) code = plan_id_rules(p, a, err);
    if (code == CLI_EXIT_OK) code = plan_ids(p, a, ids, err);
    if (code == CLI_EXIT_OK) code = plan_local(p, a, ids, err);
    return code;
}

/* cli_run.c - the two command flows over il_client (see cli_run.h).
 *
 * Order of work, as the official CLI: argv rewrite, flag parse, -h,
 * required flags, configs file (+ -c), host URL, positional args, local
 * validation, requests, output. Output is written only at the end; every
 * buffer is static. */
#include "cli_run.h"

#include <string.h>
#include <unistd.h>

#include "il_client.h"
#include "il_config.h"
#include "il_url.h"
#include "cli_config.h"
#include "cli_errors.h"
#include "cli_net.h"
#include "cli_out.h"
#include "cli_print.h"

#define CLI_DEADLINE_MS 30000
#define CLI_REQ_BUF 1024
#define CLI_BODY_BUF (64 * 1024)
#define CLI_USER_BODY_BUF (16 * 1024)
#define CLI_JSON_TOKENS 2048
#define CLI_PERMISSIONS 128

static char out_mem[256 * 1024];
static char err_mem[16 * 1024];
static char config_text[CLI_CONFIG_FILE_MAX + 2];
static cli_configs_t configs;
static cli_args_t args;

static uint8_t req_buf[CLI_REQ_BUF];
static uint8_t body_buf[CLI_BODY_BUF];
static uint8_t user_body_buf[CLI_USER_BODY_BUF];
static jsmntok_t json_toks[CLI_JSON_TOKENS];
static il_permission_t perms[CLI_PERMISSIONS];
static il_permission_t user_perms[4];
static il_client_t client;
static il_result_t res_a, res_b;
static il_url_t url;
static cli_net_t net;

typedef struct run {
    cli_buf_t out, err;
    const char *host;
    const char *token;
    char scheme[16];          /* lower-cased scheme of host ("" when none) */
    char authority[IL_URL_HOST_MAX + 8];  /* Go's u.Host of host */
    bool scheme_ok;           /* http or https */
} run_t;

static const char *const auth_siblings[] = {
    "create", "delete", "list", "ls", "find", "active", "inactive", "help", "h", NULL};
static const char *const v1_auth_siblings[] = {
    "create", "delete", "list", "ls", "find", "set-active", "set-inactive", "set-password",
    "help", "h", NULL};

static int fail_line(run_t *r, int code)
{
    cli_putc(&r->err, '\n');
    return code;
}

/* Go url.Parse, only the checks that happen before a request is made:
 * control bytes, "missing protocol scheme", the colon in a first path
 * segment. Fills r->scheme / r->authority. false with err text set. */
static bool go_parse_host(run_t *r, const char *h)
{
    size_t n = strlen(h);
    const char *reason = NULL;
    size_t i;
    for (i = 0; i < n; i++) {
        unsigned char c = (unsigned char)h[i];
        if (c < 0x20 || c == 0x7f) {
            reason = "net/url: invalid control character in URL";
            break;
        }
    }
    const char *rest = h;
    r->scheme[0] = '\0';
    if (reason == NULL) {
        for (i = 0; i < n; i++) {
            char c = h[i];
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) continue;
            if ((c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.') {
                if (i == 0) break;
                continue;
            }
            if (c == ':') {
                if (i == 0) {
                    reason = "missing protocol scheme";
                } else if (i < sizeof r->scheme) {
                    for (size_t k = 0; k < i; k++) {
                        char s = h[k];
                        r->scheme[k] = (s >= 'A' && s <= 'Z') ? (char)(s - 'A' + 'a') : s;
                    }
                    r->scheme[i] = '\0';
                    rest = h + i + 1;
                } else {
                    /* a long scheme: keep a marker that is never http(s) */
                    memcpy(r->scheme, "?", 2);
                    rest = h + i + 1;
                }
            }
            break;
        }
    }
    if (reason == NULL && r->scheme[0] == '\0' && rest[0] != '/') {
        const char *colon = strchr(rest, ':');
        const char *slash = strchr(rest, '/');
        if (colon != NULL && (slash == NULL || colon < slash))
            reason = "first path segment in URL cannot contain colon";
    }
    if (reason != NULL) {
        cli_puts(&r->err, "Error: host URL ");
        cli_put_quoted(&r->err, h, n);
        cli_puts(&r->err, " is invalid: parse ");
        cli_put_quoted(&r->err, h, n);
        cli_puts(&r->err, ": ");
        cli_puts(&r->err, reason);
        return false;
    }
    r->authority[0] = '\0';
    if (rest[0] == '/' && rest[1] == '/') {
        const char *a = rest + 2;
        size_t k = strcspn(a, "/?#");
        if (k >= sizeof r->authority) k = sizeof r->authority - 1;
        memcpy(r->authority, a, k);
        r->authority[k] = '\0';
    }
    r->scheme_ok = strcmp(r->scheme, "http") == 0 || strcmp(r->scheme, "https") == 0;
    return true;
}

static bool has_ctl(const char *s)
{
    for (; *s != '\0'; s++) {
        unsigned char c = (unsigned char)*s;
        if (c < 0x20 || c == 0x7f) return true;
    }
    return false;
}

typedef il_status_t (*op_fn)(il_client_t *, const char *, il_result_t *);

/* One call with a reconnect when a reused connection turned out closed. */
static il_status_t call(op_fn fn, const char *arg, il_result_t *res, cli_req_t *rq)
{
    for (int attempt = 0; attempt < 2; attempt++) {
        bool fresh = false;
        if (!net.connected) {
            il_status_t st = cli_net_connect(&net);
            if (st != IL_OK) {
                memset(res, 0, sizeof *res);
                res->status = st;
                res->status_text = "";
                res->content_type = "";
                res->location = "";
                rq->connecting = true;
                return st;
            }
            fresh = true;
        }
        client.transport = net.cur;
        il_status_t st = fn(&client, arg, res);
        bool dropped = st == IL_ERR_SEND || st == IL_ERR_RECV ||
                       (st == IL_ERR_HTTP_EOF && res->http_status == 0);
        if (st != IL_OK || !client.reusable) cli_net_close(&net);
        if (dropped && !fresh) continue;
        return st;
    }
    return IL_ERR_RECV;
}

static void put_context(cli_buf_t *b, const char *prefix, const char *value)
{
    cli_puts(b, "Error: ");
    cli_puts(b, prefix);
    cli_put_quoted(b, value, strlen(value));
    cli_puts(b, ": ");
}

static int report(run_t *r, const char *prefix, const char *value, il_status_t st,
                  const il_result_t *res, const cli_req_t *rq)
{
    put_context(&r->err, prefix, value);
    cli_put_failure(&r->err, st, res, rq, client.resp.body, client.resp.body_len);
    return fail_line(r, cli_exit_code(st));
}

static void copy_str(char *dst, size_t cap, il_str_t s)
{
    size_t n = s.p != NULL ? s.n : 0;
    if (n >= cap) n = cap - 1;
    if (n > 0) memcpy(dst, s.p, n);
    dst[n] = '\0';
}

static int run_command(run_t *r, cli_getenv_fn env)
{
    bool v1 = args.level == CLI_LEVEL_V1_SET_INACTIVE;

    /* configs file */
    char path[1200];
    if (args.configs_path[0] != '\0') {
        size_t pl = strlen(args.configs_path);
        if (pl >= sizeof path) pl = sizeof path - 1;
        memcpy(path, args.configs_path, pl);
        path[pl] = '\0';
    } else {
        cli_config_default_path(path, sizeof path, NULL);
    }
    bool loose = false;
    cli_buf_t cerr;
    char cerr_mem[1600];
    cli_buf_init(&cerr, cerr_mem, sizeof cerr_mem);
    cli_config_load_result_t lr = cli_config_load(path, config_text, sizeof config_text, &configs,
                                                  &loose, &cerr);
    if (lr == CLI_CONFIG_BAD) {
        cli_puts(&r->err, "Error: ");
        cli_put(&r->err, cerr.p, cerr.len);
        return fail_line(r, CLI_EXIT_USAGE);
    }
    if (lr == CLI_CONFIG_LOADED && loose) {
        cli_puts(&r->err, "warning: configs file ");
        cli_puts(&r->err, path);
        cli_puts(&r->err, " is readable by group or others and holds tokens; run chmod 600 on it\n");
    }
    const cli_config_t *cfg = cli_config_select(&configs, args.active_config_set ? args.active_config : NULL, &cerr);
    if (cfg == NULL) {
        cli_puts(&r->err, "Error: ");
        cli_put(&r->err, cerr.p, cerr.len);
        return fail_line(r, CLI_EXIT_USAGE);
    }
    r->host = args.host_set ? args.host : cfg->url;
    r->token = args.token_set ? args.token : cfg->token;

    /* host URL (what url.Parse rejects) */
    if (!go_parse_host(r, r->host)) return fail_line(r, CLI_EXIT_USAGE);

    /* positional arguments (middleware.NoArgs) */
    if (args.npositional > 0) {
        const char *const *sib = v1 ? v1_auth_siblings : auth_siblings;
        bool ok = false;
        for (size_t i = 0; sib[i] != NULL; i++)
            if (strcmp(sib[i], args.positional[0]) == 0) ok = true;
        if (!ok) {
            cli_puts(&r->err, "Error: unknown command ");
            cli_put_quoted(&r->err, args.positional[0], strlen(args.positional[0]));
            cli_puts(&r->err, v1 ? " for \"set-inactive\"" : " for \"inactive\"");
            return fail_line(r, CLI_EXIT_USAGE);
        }
    }

    /* v1: --id or --username */
    const char *id = args.id;
    const char *username = args.username;
    if (v1) {
        if (id[0] == '\0' && username[0] == '\0') {
            cli_puts(&r->err, "Error: id or username required");
            return fail_line(r, CLI_EXIT_USAGE);
        }
        if (id[0] != '\0' && username[0] != '\0') {
            cli_puts(&r->err, "Error: specify id or username, not both");
            return fail_line(r, CLI_EXIT_USAGE);
        }
    }
    bool by_name = v1 && username[0] != '\0';

    const char *ctx_find = "could not find auth with ID ";
    const char *ctx_update = "could not update status of auth with ID ";
    const char *ctx_v1_update = "failed to update status of authorization with ID ";
    const char *ctx_v1_find = "could not find v1 auth with token (username) ";
    const char *ctx_user = "could not find user from User ID ";
    const char *first_ctx = v1 ? (by_name ? ctx_v1_find : ctx_v1_update) : ctx_find;
    const char *first_val = by_name ? username : id;

    /* local validation: nothing unsafe or malformed is ever sent */
    if (has_ctl(r->token)) {
        cli_puts(&r->err, "Error: the token contains a control character (CR, LF or another byte "
                          "below 0x20, or 0x7f); nothing was sent");
        return fail_line(r, CLI_EXIT_USAGE);
    }
    if (by_name) {
        if (has_ctl(username)) {
            put_context(&r->err, first_ctx, first_val);
            cli_puts(&r->err, "the username contains a control character; nothing was sent");
            return fail_line(r, CLI_EXIT_USAGE);
        }
    } else {
        il_status_t st = il_id_check(id);
        if (st != IL_OK) {
            put_context(&r->err, first_ctx, first_val);
            cli_puts(&r->err, st == IL_ERR_ID_LENGTH ? "id must have a length of 16 bytes" : "invalid ID");
            return fail_line(r, CLI_EXIT_USAGE);
        }
    }

    cli_req_t rq;
    memset(&rq, 0, sizeof rq);
    rq.scheme = r->scheme;
    rq.host_header = r->authority;
    rq.dial_host = r->authority;
    if (v1) {
        if (by_name) {
            rq.method = "Get";
            rq.path = "/private/legacy/authorizations";
            rq.query_key = "token";
            rq.query_value = username;
        } else {
            rq.method = "Patch";
            rq.path = "/private/legacy/authorizations/";
            rq.param = id;
        }
    } else {
        rq.method = "Get";
        rq.path = "/api/v2/authorizations/";
        rq.param = id;
        rq.unauthorized_model = true;
    }

    if (!r->scheme_ok) {
        put_context(&r->err, first_ctx, first_val);
        cli_puts(&r->err, rq.method);
        cli_puts(&r->err, " \"");
        cli_put_req_url(&r->err, &rq);
        cli_puts(&r->err, "\": unsupported protocol scheme ");
        cli_put_quoted(&r->err, r->scheme, strlen(r->scheme));
        return fail_line(r, CLI_EXIT_USAGE);
    }
    il_status_t ust = il_url_parse(r->host, &url);
    if (ust != IL_OK) {
        cli_puts(&r->err, "Error: host URL ");
        cli_put_quoted(&r->err, r->host, strlen(r->host));
        cli_puts(&r->err, " is invalid: ");
        cli_puts(&r->err, il_status_str(ust));
        return fail_line(r, CLI_EXIT_USAGE);
    }
#ifndef IL_HAVE_TLS
    if (url.tls) {
        cli_puts(&r->err, "Error: host URL ");
        cli_put_quoted(&r->err, r->host, strlen(r->host));
        cli_puts(&r->err, " needs TLS, but this influx-lite was built without TLS support");
        return fail_line(r, CLI_EXIT_USAGE);
    }
#endif
    rq.host_header = url.host_header;
    rq.dial_host = url.host;
    rq.port = url.port;
    (void)env;

    if (args.skip_verify)
        cli_puts(&r->err, "warning: TLS certificate verification is disabled (--skip-verify)\n");
    /* warnings go out before any --http-debug dump */
    cli_buf_flush(&r->out, 1);
    cli_buf_flush(&r->err, 2);

    il_json_scratch_t scratch = {json_toks, CLI_JSON_TOKENS, perms, CLI_PERMISSIONS};
    il_client_init(&client, NULL, url.host_header, r->token, req_buf, sizeof req_buf, body_buf,
                   sizeof body_buf, &scratch);
    cli_net_init(&net, &url, args.skip_verify, args.http_debug,
                 il_posix_now_ms() + CLI_DEADLINE_MS);

    cli_row_t row;
    memset(&row, 0, sizeof row);
    il_status_t st;
    static char idbuf[128], uidbuf[128];

    if (!v1) {
        st = call(il_auth_find, id, &res_a, &rq);
        if (st != IL_OK) {
            cli_net_close(&net);
            return report(r, ctx_find, id, st, &res_a, &rq);
        }
        rq.method = "Patch";
        rq.connecting = false;
        st = call(il_auth_inactivate, id, &res_a, &rq);
        cli_net_close(&net);
        if (st != IL_OK) return report(r, ctx_update, id, st, &res_a, &rq);
        const il_auth_t *a = &res_a.auth;
        row.id = a->id;
        row.description = a->description;
        row.token = a->token;
        row.status = a->status;
        row.user_name = a->user;
        row.user_id = a->user_id;
        row.perms = a->perms;
        row.nperms = a->perms_count;
    } else {
        if (by_name) {
            st = call(il_legacy_find_by_username, username, &res_a, &rq);
            if (st != IL_OK) {
                cli_net_close(&net);
                return report(r, ctx_v1_find, username, st, &res_a, &rq);
            }
            if (res_a.auth.id.p == NULL || res_a.auth.id.n >= sizeof idbuf) {
                cli_net_close(&net);
                put_context(&r->err, ctx_v1_find, username);
                cli_puts(&r->err, "the answer holds no usable authorization ID");
                return fail_line(r, CLI_EXIT_SERVER);
            }
            copy_str(idbuf, sizeof idbuf, res_a.auth.id);
            id = idbuf;
            rq.query_key = NULL;
            rq.query_value = NULL;
        }
        rq.method = "Patch";
        rq.path = "/private/legacy/authorizations/";
        rq.param = id;
        rq.connecting = false;
        st = call(il_legacy_inactivate, id, &res_a, &rq);
        if (st != IL_OK) {
            cli_net_close(&net);
            return report(r, ctx_v1_update, id, st, &res_a, &rq);
        }
        copy_str(uidbuf, sizeof uidbuf, res_a.auth.user_id);
        /* keep the PATCH answer: the user lookup gets its own buffers */
        client.body_buf = user_body_buf;
        client.body_cap = sizeof user_body_buf;
        client.json.perms = user_perms;
        client.json.perms_cap = sizeof user_perms / sizeof user_perms[0];
        rq.method = "Get";
        rq.path = "/api/v2/users/";
        rq.param = uidbuf;
        rq.unauthorized_model = false;
        rq.connecting = false;
        if (has_ctl(uidbuf)) {
            cli_net_close(&net);
            put_context(&r->err, ctx_user, uidbuf);
            cli_puts(&r->err, "the user ID contains a control character; nothing was sent");
            return fail_line(r, CLI_EXIT_SERVER);
        }
        st = call(il_user_find, uidbuf, &res_b, &rq);
        cli_net_close(&net);
        if (st != IL_OK) return report(r, ctx_user, uidbuf, st, &res_b, &rq);
        const il_auth_t *a = &res_a.auth;
        row.id = a->id;
        row.description = a->description;
        row.token = a->token;
        row.status = a->status;
        row.user_name = res_b.user.name;
        row.user_id = res_b.user.id;
        row.perms = a->perms;
        row.nperms = a->perms_count;
    }

    if (args.json) cli_print_json(&r->out, &row);
    else cli_print_table(&r->out, &row, v1, args.hide_headers);
    if (r->out.overflow) {
        r->out.len = 0;
        cli_puts(&r->err, "Error: output too large for buffer");
        return fail_line(r, CLI_EXIT_SERVER);
    }
    return CLI_EXIT_OK;
}

int cli_main(int argc, char **argv, cli_getenv_fn env)
{
    static run_t r;
    int code;
    memset(&r, 0, sizeof r);
    cli_buf_init(&r.out, out_mem, sizeof out_mem);
    cli_buf_init(&r.err, err_mem, sizeof err_mem);

    cli_args_parse(&args, argc, argv, env);

    for (unsigned i = 0; i < args.token_warnings; i++) {
        const char *f = args.token_warning_flag[i];
        const char *term = env("TERM");
        bool color = isatty(1) && (term == NULL || strcmp(term, "dumb") != 0);
        if (color) cli_puts(&r.out, "\x1b[93m");
        /* the official text echoes the token; influx-lite never prints it */
        cli_puts(&r.out, "warning: ");
        cli_puts(&r.out, f);
        cli_puts(&r.out, " <token> interpreted as ");
        cli_puts(&r.out, f);
        cli_puts(&r.out, "=<token>, consider using ");
        cli_puts(&r.out, f);
        cli_puts(&r.out, "=<token> syntax when tokens start with a hyphen");
        if (color) cli_puts(&r.out, "\x1b[0m");
        cli_putc(&r.out, '\n');
    }

    switch (args.action) {
    case CLI_ACT_HELP:
        cli_puts(&r.out, cli_help_text(args.level));
        code = CLI_EXIT_OK;
        break;
    case CLI_ACT_VERSION:
        cli_puts(&r.out, "influx-lite " IL_VERSION "\n");
        code = CLI_EXIT_OK;
        break;
    case CLI_ACT_USAGE:
        cli_puts(&r.out, args.app_usage ? "Incorrect Usage. " : "Incorrect Usage: ");
        cli_puts(&r.out, args.err);
        cli_puts(&r.out, "\n\n");
        cli_puts(&r.out, cli_help_text(args.level));
        cli_puts(&r.err, "Error: ");
        cli_puts(&r.err, args.err);
        cli_putc(&r.err, '\n');
        code = CLI_EXIT_USAGE;
        break;
    case CLI_ACT_ERROR:
        if (args.with_help) cli_puts(&r.out, cli_help_text(args.level));
        cli_puts(&r.err, "Error: ");
        cli_puts(&r.err, args.err);
        cli_putc(&r.err, '\n');
        code = CLI_EXIT_USAGE;
        break;
    case CLI_ACT_RUN:
    default:
        code = run_command(&r, env);
        break;
    }
    /* stdout first (the help precedes the error, as the official prints) */
    cli_buf_flush(&r.out, 1);
    cli_buf_flush(&r.err, 2);
    return code;
}

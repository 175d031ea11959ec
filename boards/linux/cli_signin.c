/* SPDX-License-Identifier: Apache-2.0 */
/* cli_signin.c - a session from the config's cookie (see cli_signin.h). */
#include "cli_signin.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "il_wipe.h"
#include "cli_call.h"
#include "cli_errors.h"
#include "cli_prompt.h"
#include "cli_values.h"

static const char ctx_session[] = "error creating session: ";

/* "Error: error creating session: " + why + "\n"; returns code. */
static int signin_fail(cli_flow_t *f, int code, const char *why)
{
    cli_putf(f->err, "Error: %s%s\n", ctx_session, why);
    return code;
}

/* Go's os error texts start in lower case. */
static int signin_fail_errno(cli_flow_t *f, int e)
{
    char why[128];
    const char *m = strerror(e);
    size_t n = strlen(m);
    if (n >= sizeof why) n = sizeof why - 1;
    memcpy(why, m, n);
    why[n] = '\0';
    if (why[0] >= 'A' && why[0] <= 'Z' && (why[1] < 'A' || why[1] > 'Z')) why[0] = (char)(why[0] - 'A' + 'a');
    return signin_fail(f, CLI_EXIT_USAGE, why);
}

/* The cookie decoded into m->userpass: its length, or -1 with the failure. */
static long signin_decode(cli_flow_t *f, const char *cookie, cli_signin_mem_t *m, int *code)
{
    size_t n = 0, bad = 0;
    int r = cli_b64_std_decode(cookie, strlen(cookie), (uint8_t *)m->userpass, CLI_USERPASS_MAX, &n, &bad);
    if (r == -1) {
        cli_putf(f->err, "Error: %sillegal base64 data at input byte ", ctx_session);
        cli_put_uint(f->err, bad);
        cli_putc(f->err, '\n');
    } else if (r != 0) {
        cli_putf(f->err, "Error: %sthe config's cookie is longer than %s bytes\n", ctx_session, "4096");
    } else if (memchr(m->userpass, '\0', n) != NULL) {
        cli_putf(f->err, "Error: %sthe config's cookie holds a NUL byte\n", ctx_session);
    } else {
        m->userpass[n] = '\0';
        return (long)n;
    }
    *code = CLI_EXIT_USAGE;
    return -1;
}

/* The password typed at the terminal, after "user:" in m->userpass. */
static int signin_prompt(cli_flow_t *f, const cli_args_t *a, cli_signin_mem_t *m, size_t user_len)
{
    static const char prompt[] = "Please provide your password: ";
    size_t len = 0;
    int e = cli_prompt_password(prompt, 0, m->password, sizeof m->password, &len, il_posix_now_ms() + a->timeout_ms);
    if (e == ETIMEDOUT) return signin_fail(f, CLI_EXIT_USAGE, "read /dev/stdin: i/o timeout");
    if (e == EMSGSIZE) return signin_fail(f, CLI_EXIT_USAGE, "the password is longer than 4096 bytes");
    if (e != 0) return signin_fail_errno(f, e);
    (void)cli_write_fd(1, "\n", 1);
    if (memchr(m->password, '\0', len) != NULL)
        return signin_fail(f, CLI_EXIT_USAGE, "the password holds a NUL byte");
    m->userpass[user_len] = ':';
    memcpy(m->userpass + user_len + 1, m->password, len + 1);
    return CLI_EXIT_OK;
}

/* "user:password" in m->userpass, asking for the password when the cookie
 * does not hold exactly one. */
static int signin_credentials(cli_flow_t *f, const cli_args_t *a, const char *cookie, cli_signin_mem_t *m)
{
    int code = CLI_EXIT_OK;
    long n = signin_decode(f, cookie, m, &code);
    size_t colons = 0;
    if (n < 0) return code;
    for (long i = 0; i < n; i++) colons += m->userpass[i] == ':';
    if (colons == 1) return CLI_EXIT_OK;
    char *first = strchr(m->userpass, ':');
    size_t user_len = first != NULL ? (size_t)(first - m->userpass) : (size_t)n;
    il_wipe(m->userpass + user_len, sizeof m->userpass - user_len);
    return signin_prompt(f, a, m, user_len);
}

static il_status_t signin_op(il_client_t *c, const char *arg, il_result_t *res)
{
    (void)arg;
    return il_signin(c, res);
}

/* POST /api/v2/signin: CLI_EXIT_OK with the session in w. */
static int signin_request(cli_flow_t *f, cli_headers_t *h, cli_watch_t *w)
{
    il_json_scratch_t scratch = {NULL, NULL, f->bufs.nest, f->bufs.nest_cap};
    const il_url_t *url = &f->plan->url;
    cli_req_t rq;
    il_result_t res;
    cli_flow_first_req(f->plan, NULL, &rq);
    cli_flow_signin_req(&rq);
    rq.host_header = url->host_header;
    rq.dial_host = url->host;
    rq.port = url->port;
    cli_net_set_deadline(f->net, il_posix_now_ms() + f->timeout_ms);
    il_client_init(&f->client, NULL, url->host_header, NULL, f->bufs.req, f->bufs.req_cap, f->bufs.body,
                   f->bufs.body_cap, &scratch);
    il_client_set_status_buffer(&f->client, f->bufs.status, f->bufs.status_cap);
    (void)il_client_set_headers(&f->client, h->signin, h->nsignin);
    il_client_set_watch(&f->client, cli_watch_header, w);
    w->cookies = true;
    il_status_t st = cli_call(f, signin_op, NULL, &res, &rq);
    if (res.http_status >= 300) st = cli_answer_type(&f->client, &res, st);   /* a 2xx's body is not read */
    w->cookies = false;
    if (st != IL_OK) {
        cli_req_put_context(f->err, &rq);
        cli_put_failure(f->err, st, &res, &rq);
        cli_putc(f->err, '\n');
        return cli_exit_code(st);
    }
    if (!w->session_found) return signin_fail(f, CLI_EXIT_SERVER, "failure getting session cookie, invalid cookies");
    return CLI_EXIT_OK;
}

int cli_signin(cli_flow_t *f, const cli_args_t *a, const char *cookie, cli_headers_t *h, cli_watch_t *w,
               cli_signin_mem_t *m)
{
    int code = signin_credentials(f, a, cookie, m);
    if (code == CLI_EXIT_OK && !cli_headers_set_basic(h, m->userpass, strlen(m->userpass)))
        code = signin_fail(f, CLI_EXIT_USAGE, "the credentials are too long");
    il_wipe(m, sizeof *m);
    if (code == CLI_EXIT_OK) code = signin_request(f, h, w);
    if (code == CLI_EXIT_OK && !cli_headers_set_session(h, w->mem->session))
        code = signin_fail(f, CLI_EXIT_USAGE, "the session cookie is too long");
    return code;
}

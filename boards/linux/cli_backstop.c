/* SPDX-License-Identifier: Apache-2.0 */
/* cli_backstop.c - the DNS backstop (see cli_backstop.h). */
#if !defined(_DEFAULT_SOURCE)
#define _DEFAULT_SOURCE 1        /* setitimer */
#endif
#include "cli_backstop.h"

#include <signal.h>
#include <string.h>
#include <sys/time.h>
#include <unistd.h>

#include "il_posix.h"
#include "il_wipe.h"
#include "cli_errors.h"

#define CLI_BACKSTOP_MARGIN_MS 250

/* what the signal handler writes: composed before the lookup starts */
static cli_backstop_t *backstop;
static bool installed;       /* the SIGALRM handler, once a line was composed */

void cli_backstop_init(cli_backstop_t *b)
{
    backstop = b;
}

static void backstop_fire(int sig)
{
    size_t n = backstop->len;
    (void)sig;
    if (n > 0 && write(2, backstop->msg, n) < 0) { /* nothing more to do */ }
    _exit(CLI_EXIT_NETWORK);
}

static void backstop_compose(const cli_req_t *rq, const cli_secrets_t *secrets)
{
    char line[sizeof backstop->msg];
    cli_buf_t b;
    cli_buf_init(&b, line, sizeof line);
    cli_req_put_context(&b, rq);
    cli_req_put_url_error(&b, rq);
    cli_putf(&b, "%sdial tcp: lookup %s: i/o timeout\n", rq->proxied ? "proxyconnect tcp: " : "", rq->dial_host);
    if (b.overflow) line[b.len - 1] = '\n';
    backstop->len = 0;
    backstop->len = cli_redact_to_buf(secrets, line, b.len, backstop->msg, sizeof backstop->msg);
    il_wipe(line, b.len);
}

void cli_backstop_arm(const cli_req_t *rq, const cli_secrets_t *secrets, int64_t deadline_ms)
{
    struct itimerval it;
    backstop_compose(rq, secrets);
    if (!installed) {
        struct sigaction sa;
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = backstop_fire;
        sigemptyset(&sa.sa_mask);
        sigaction(SIGALRM, &sa, NULL);
        installed = true;
    }
    int64_t left = deadline_ms - il_posix_now_ms() + CLI_BACKSTOP_MARGIN_MS;
    if (left < 1) left = 1;
    memset(&it, 0, sizeof it);
    it.it_value.tv_sec = (time_t)(left / 1000);
    it.it_value.tv_usec = (suseconds_t)(left % 1000) * 1000;
    setitimer(ITIMER_REAL, &it, NULL);
}

void cli_backstop_disarm(void)
{
    struct itimerval it;
    memset(&it, 0, sizeof it);
    setitimer(ITIMER_REAL, &it, NULL);
}

void cli_backstop_wipe(void)
{
    if (installed) il_wipe(backstop->msg, backstop->len);
}

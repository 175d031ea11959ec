/* SPDX-License-Identifier: Apache-2.0 */
/* args.c - the command line of the Linux lwIP programs (influx-lite-lwip,
 * influx-lite-lwip-sock) and their failure messages. */
#include "args.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void lwip_usage(void)
{
    fprintf(stderr,
            "usage: influx-lite-lwip[-sock] --tap DEV --ip A --mask M --gw G [--dns D] --host URL\n"
            "                              --token T --id ID [--timeout-ms N] [--ca FILE] [--skip-verify]\n"
            "                              [--ntp ADDR] [--proxy ADDR:PORT]\n");
}

/* Where the value of the option flag goes; NULL for an unknown option. */
static const char **args_slot(lwip_args_t *a, const char *flag)
{
    const struct { const char *flag; const char **slot; } options[] = {
        { "--tap", &a->tap }, { "--ip", &a->ip }, { "--mask", &a->mask }, { "--gw", &a->gw },
        { "--dns", &a->dns }, { "--host", &a->host }, { "--token", &a->token },
        { "--id", &a->id }, { "--ca", &a->ca }, { "--timeout-ms", &a->timeout_ms }, { "--ntp", &a->ntp },
        { "--proxy", &a->proxy },
    };
    for (size_t k = 0; k < sizeof options / sizeof options[0]; k++)
        if (strcmp(flag, options[k].flag) == 0) return options[k].slot;
    return NULL;
}

/* false on an unknown option, a missing value or a missing required option,
 * and for a timeout outside 1..600000 ms. */
static bool lwip_args_parse(int argc, char **argv, lwip_args_t *a, long *timeout_ms)
{
    *a = (lwip_args_t){ .tap = "tap0", .mask = "255.255.255.0" };
    for (int i = 1; i < argc; i++) {
        const char **slot;
        if (strcmp(argv[i], "--skip-verify") == 0) {
            a->skip_verify = true;
            continue;
        }
        slot = i + 1 < argc ? args_slot(a, argv[i]) : NULL;
        if (slot == NULL) return false;
        *slot = argv[++i];
    }
    *timeout_ms = a->timeout_ms != NULL ? strtol(a->timeout_ms, NULL, 10) : 10000;
    return a->ip != NULL && a->gw != NULL && a->host != NULL && a->id != NULL &&
           *timeout_ms > 0 && *timeout_ms <= 600000;
}

il_status_t lwip_args_start(int argc, char **argv, bool ntp_ok, lwip_args_t *a, long *timeout_ms, il_url_t *url)
{
    il_status_t st;
    if (!lwip_args_parse(argc, argv, a, timeout_ms) || (!ntp_ok && a->ntp != NULL)) {
        lwip_usage();
        return IL_ERR_ARG;
    }
    st = il_url_parse(a->host, url);
    if (st != IL_OK) fprintf(stderr, "error: --host: %s\n", il_status_str(st));
    return st;
}

static void lwip_print_failure(const il_url_t *url, il_status_t st, board_step_t step, const il_result_t *res)
{
    if (step == BOARD_STEP_CONNECT) {
        fprintf(stderr, "error: connect %s:%u: %s\n", url->host, url->port, il_status_str(st));
        return;
    }
    if (step == BOARD_STEP_TLS) {
        fprintf(stderr, "error: TLS: %s\n", il_status_str(st));
        return;
    }
    fprintf(stderr, "error: %s", il_status_str(st));
    if (res->http_status != 0) fprintf(stderr, " (HTTP %s)", res->status_text);
    if (res->http_status >= 300 && res->error_decode == IL_OK)
        fprintf(stderr, ": %.*s", (int)res->error.message.n,
                res->error.message.p ? res->error.message.p : "");
    fprintf(stderr, "\n");
}

il_status_t lwip_print_result(const il_url_t *url, il_status_t st, board_step_t step, const il_result_t *res)
{
    if (st != IL_OK) {
        lwip_print_failure(url, st, step, res);
        return st;
    }
    printf("inactivated %.*s: status %.*s, %zu permissions\n", (int)res->auth.id.n,
           res->auth.id.p ? res->auth.id.p : "", (int)res->auth.status.n, res->auth.status.p, res->auth.perms_count);
    if (res->dropped > 0) printf("strings not kept: %zu\n", res->dropped);   /* the buffer's limit */
    return st;
}

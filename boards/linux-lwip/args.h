/* SPDX-License-Identifier: Apache-2.0 */
/* args.h - the command line of the Linux lwIP programs and their failure
 * messages (boards/linux-lwip, boards/linux-lwip-sock). */
#ifndef IL_LINUX_LWIP_ARGS_H
#define IL_LINUX_LWIP_ARGS_H

#include <stdbool.h>
#include "board_inactivate.h"
#include "il_client.h"
#include "il_url.h"

/* The command line: every option but --skip-verify takes a value. */
typedef struct lwip_args {
    const char *tap, *ip, *mask, *gw, *dns;
    const char *host, *token, *id, *ca, *ntp, *proxy;
    const char *timeout_ms;
    bool skip_verify;
} lwip_args_t;

/* The command line (every option but --skip-verify takes a value; a
 * timeout of 1..600000 ms), then --host as a URL into url: IL_OK, or the status
 * to exit with after one line on stderr (usage; --ntp where ntp_ok is false;
 * the URL's error). */
il_status_t lwip_args_start(int argc, char **argv, bool ntp_ok, lwip_args_t *a, long *timeout_ms, il_url_t *url);

/* The run's outcome: one line on stderr for a failure of step (connect, TLS,
 * the request), else the inactivated ID, its status and permissions on
 * stdout (and the strings the buffer could not keep). Returns st. */
il_status_t lwip_print_result(const il_url_t *url, il_status_t st, board_step_t step, const il_result_t *res);

#endif

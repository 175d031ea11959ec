/* SPDX-License-Identifier: Apache-2.0 */
/* cli_signal.h - the signals a run handles. SIGPIPE never kills it: a write
 * to a closed pipe fails with EPIPE and is reported as lost output
 * (cli_stdio.h), after the inactivations are done. SIGINT and SIGTERM stop
 * it cleanly: every network wait ends at once (il_posix_set_interrupt), no
 * new request is started, the batch reports which IDs were done, the
 * buffers are wiped, and the exit code is 128 + the signal (130, 143). A
 * second one of them ends the process at once (the default action). */
#ifndef CLI_SIGNAL_H
#define CLI_SIGNAL_H

#include <stdbool.h>

/* Install the handlers (once, at start). */
void cli_signal_init(void);

/* 0, or the signal (SIGINT, SIGTERM) that asked the run to stop. */
int cli_signal_caught(void);

/* "SIGINT", "SIGTERM" (the signals handled), else "signal". */
const char *cli_signal_name(int sig);

#endif

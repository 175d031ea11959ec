/* SPDX-License-Identifier: Apache-2.0 */
/* cli_stdio.h - the standard file descriptors, and output that was lost.
 *
 * A descriptor 0, 1 or 2 closed when the run starts is held at once (on
 * /dev/null, or where there is none, as in an empty chroot, on the read end
 * of a pipe whose write end is closed: it reads EOF and refuses writes), so
 * that no socket or file the run opens takes its number: otherwise a
 * --json batch meant for a closed stdout would go into the TCP connection,
 * tokens and all, in clear even under HTTPS. Which ones were closed is
 * remembered: output meant for a closed stdout, and a write to stdout that
 * fails (a full disk, a closed pipe), is lost output. The inactivations
 * still happen; at the end the loss is one "Error: write /dev/stdout: ..."
 * line on stderr (when it is open) and the exit code CLI_EXIT_OUTPUT,
 * unless an inactivation failed (its code is kept). */
#ifndef CLI_STDIO_H
#define CLI_STDIO_H

#include <stdbool.h>
#include "cli_out.h"

typedef struct cli_stdio {
    bool closed[3];               /* fd 0, 1, 2 were closed at start */
} cli_stdio_t;

/* Hold every closed standard descriptor; record which were closed. */
void cli_stdio_hold(cli_stdio_t *s);

/* What the run did, for the lost-output line: nothing to say (a help text,
 * say), one inactivation, or a batch of total IDs of which done succeeded. */
typedef struct cli_tally {
    bool run, batch;
    unsigned long done, total;
} cli_tally_t;

/* When out lost output: its line into err, and the exit code (code, or
 * CLI_EXIT_OUTPUT when code is CLI_EXIT_OK); else code. */
int cli_stdio_report_lost(const cli_buf_t *out, cli_buf_t *err, const cli_tally_t *t, int code);

#endif

/* SPDX-License-Identifier: Apache-2.0 */
/* cli_stdio.c - the standard descriptors held, lost output reported (see
 * cli_stdio.h). */
#include "cli_stdio.h"

#include <fcntl.h>
#include <poll.h>
#include <unistd.h>

#include "cli_errors.h"

/* Fill the lowest free descriptor, fd (every lower one is open). */
static void stdio_placeholder(int fd)
{
    int p[2];
    int got = open("/dev/null", O_RDWR | O_NOCTTY);
    if (got < 0) {
        if (pipe(p) != 0) return;
        close(p[1]);              /* a write end nobody reads would block the writer */
        got = p[0];
    }
    if (got != fd) {
        (void)dup2(got, fd);
        close(got);
    }
}

void cli_stdio_hold(cli_stdio_t *s)
{
    struct pollfd p[3] = { { 0, 0, 0 }, { 1, 0, 0 }, { 2, 0, 0 } };
    (void)poll(p, 3, 0);         /* one call for the three: a closed one answers POLLNVAL */
    for (int fd = 0; fd < 3; fd++) s->closed[fd] = (p[fd].revents & POLLNVAL) != 0;
    for (int fd = 0; fd < 3; fd++)
        if (s->closed[fd]) stdio_placeholder(fd);
}

int cli_stdio_report_lost(const cli_buf_t *out, cli_buf_t *err, const cli_tally_t *t, int code)
{
    if (!out->lost) return code;
    cli_puts(err, "Error: write /dev/stdout: ");
    cli_put_errno(err, out->write_errno);
    cli_puts(err, ": output lost");
    if (t->batch) {
        cli_puts(err, " (");
        cli_put_uint(err, t->done);
        cli_puts(err, " of ");
        cli_put_uint(err, t->total);
        cli_puts(err, " inactivations done)");
    } else if (t->run && t->done > 0) {
        cli_puts(err, " (the inactivation is done)");
    }
    cli_putc(err, '\n');
    return code == CLI_EXIT_OK ? CLI_EXIT_OUTPUT : code;
}

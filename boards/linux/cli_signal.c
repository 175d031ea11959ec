/* SPDX-License-Identifier: Apache-2.0 */
/* cli_signal.c - SIGPIPE ignored, SIGINT and SIGTERM caught (see
 * cli_signal.h). */
#include "cli_signal.h"

#include <signal.h>
#include <string.h>

#include "il_posix.h"

/* The signal that asked the run to stop: written by the handler only. */
static volatile sig_atomic_t caught;

static void signal_stop(int sig)
{
    caught = sig;
}

/* A signal ignored when the run started (a background job's SIGINT, nohup)
 * stays ignored, as shells expect of the programs they start. */
static void catch_unless_ignored(int sig, const struct sigaction *sa)
{
    struct sigaction old;
    if (sigaction(sig, NULL, &old) == 0 && old.sa_handler == SIG_IGN) return;
    sigaction(sig, sa, NULL);
}

void cli_signal_init(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sigemptyset(&sa.sa_mask);
    sa.sa_handler = SIG_IGN;
    sigaction(SIGPIPE, &sa, NULL);
    /* no SA_RESTART: a wait the signal interrupts returns EINTR and reads
     * the flag; SA_RESETHAND: a second signal is not caught */
    sa.sa_handler = signal_stop;
    sa.sa_flags = (int)SA_RESETHAND;
    sigaddset(&sa.sa_mask, SIGINT);
    sigaddset(&sa.sa_mask, SIGTERM);
    catch_unless_ignored(SIGINT, &sa);
    catch_unless_ignored(SIGTERM, &sa);
    il_posix_set_interrupt(&caught);
}

int cli_signal_caught(void)
{
    return (int)caught;
}

const char *cli_signal_name(int sig)
{
    return sig == SIGINT ? "SIGINT" : sig == SIGTERM ? "SIGTERM" : "signal";
}

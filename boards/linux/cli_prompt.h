/* SPDX-License-Identifier: Apache-2.0 */
/* cli_prompt.h - a password read from the terminal, as the official CLI
 * reads the sign-in's (influx-cli clients/signin/signin.go: golang.org/x/term
 * ReadPassword on standard input), within a deadline. */
#ifndef CLI_PROMPT_H
#define CLI_PROMPT_H

#include <stddef.h>
#include <stdint.h>

/* Write prompt to fd 1, then read one line from fd, a terminal, into
 * buf[0..cap) as x/term's readPassword does: echo off, canonical mode and
 * signals on, CR read as NL (its termios changes), then bytes up to '\n'
 * (not kept), a '\b' taking back the byte before it, '\r' ignored; the
 * terminal's settings restored after. The echo goes off before the prompt
 * shows, so that nothing typed at once is echoed (the prompt shows when fd
 * is no terminal too, as the official CLI prints it first). 0 with the
 * password's length in *len (buf NUL-terminated); else an errno: ENOTTY
 * (or EBADF) when fd is not a terminal, as tcgetattr says, ETIMEDOUT when
 * deadline_ms (il_posix_now_ms clock) passed first, EIO when the terminal
 * went away, EMSGSIZE for a line that does not fit. A SIGINT,
 * SIGTERM, SIGHUP or SIGQUIT while it waits restores the terminal, wipes
 * buf and then ends the process as that signal does. */
int cli_prompt_password(const char *prompt, int fd, char *buf, size_t cap, size_t *len, int64_t deadline_ms);

#endif

/* SPDX-License-Identifier: Apache-2.0 */
/* cli_ids.h - a batch's authorization IDs: the lines of --ids-from (a file,
 * a FIFO or pipe, or "-" for stdin), read in pieces through the caller's
 * buffer. (--id is one ID: repeated, the last one counts, as Go's flag
 * package does.)
 *
 * Reading never waits without end: each line waits at most the timeout (for
 * a writer to open a FIFO, for the line's bytes), a line is at most
 * CLI_ID_LINE_MAX bytes (an endless one, such as /dev/zero's, ends the
 * list with an error), and a line holding a NUL or another control byte is
 * kept whole and flagged, never cut into something that looks like an ID. */
#ifndef CLI_IDS_H
#define CLI_IDS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "cli_out.h"

#define CLI_ID_LINE_MAX 1024         /* --ids-from: a longer line ends the list with an error */

typedef enum cli_ids_error {
    CLI_IDS_OK,
    CLI_IDS_ERRNO,                           /* read failed: errno in read_errno */
    CLI_IDS_TIMEOUT,                         /* no line within the timeout */
    CLI_IDS_LONG_LINE                        /* a line longer than CLI_ID_LINE_MAX */
} cli_ids_error_t;

typedef char cli_id_line_t[CLI_ID_LINE_MAX + 1];

typedef struct cli_ids {
    int fd;                                  /* -1: no file (or done) */
    const char *path;                        /* as the errors name it ("stdin" for -) */
    char *buf;                               /* the caller's read buffer */
    size_t cap, pos, len;
    int slot;
    int64_t timeout_ms;                      /* each line's wait */
    unsigned long lineno;                    /* lines read so far */
    cli_ids_error_t error;                   /* why the list ended early */
    int read_errno;                          /* CLI_IDS_ERRNO: the errno */
    size_t lens[2];                          /* each line's length (it may hold a NUL) */
    bool ctl[2];                             /* it holds a control byte */
    bool stdin_closed;                       /* fd 0 was closed when the run started: "-" is EBADF */
    cli_id_line_t *lines;                    /* the current ID and the one looked ahead (the caller's 2) */
} cli_ids_t;

/* Start with no file (cli_ids_next gives NULL); buf[0..cap) the caller's
 * read buffer, lines[0..2) where the lines go (the caller's too). */
void cli_ids_init(cli_ids_t *s, char *buf, size_t cap, cli_id_line_t *lines);

/* Read the lines of path ("-": stdin), each within timeout_ms. 0, or the
 * errno of open (the file is then not read; EBADF for "-" when stdin was
 * closed). Opening never blocks; a SIGINT or SIGTERM (cli_signal.h) ends
 * the lines. */
int cli_ids_open(cli_ids_t *s, const char *path, int64_t timeout_ms);

/* The next ID, NULL at the end (then s->error tells a list that ended
 * early). File lines lose their surrounding blanks; blank lines and
 * "# comments" are skipped. The string stays valid until the call after
 * next. */
const char *cli_ids_next(cli_ids_t *s);

/* Whether id (a string cli_ids_next gave) holds a control byte, and its
 * length (a NUL may be part of it). */
bool cli_ids_has_ctl(const cli_ids_t *s, const char *id, size_t *len);

/* "Error: read PATH: <why the list ended>\n" into err; CLI_EXIT_USAGE. */
int cli_ids_fail(const cli_ids_t *s, cli_buf_t *err);

/* Close the file, if any (also done at its end). */
void cli_ids_close(cli_ids_t *s);

#endif

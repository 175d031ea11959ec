/* SPDX-License-Identifier: Apache-2.0 */
/* cli_ids.h - a batch's authorization IDs: the lines of --ids-from (a file,
 * or "-" for stdin), read in pieces through the caller's buffer. (--id is one
 * ID: repeated, the last one counts, as Go's flag package does.) */
#ifndef CLI_IDS_H
#define CLI_IDS_H

#include <stdbool.h>
#include <stddef.h>

#define CLI_ID_LINE_MAX 255          /* --ids-from: longer lines are cut (and fail the ID check) */

typedef struct cli_ids {
    int fd;                                  /* -1: no file (or done) */
    const char *path;                        /* as the errors name it ("stdin" for -) */
    char *buf;                               /* the caller's read buffer */
    size_t cap, pos, len;
    int slot;
    int read_errno;                          /* a read failed (0: none) */
    bool stdin_closed;                       /* fd 0 was closed when the run started: "-" is EBADF */
    char lines[2][CLI_ID_LINE_MAX + 1];      /* the current ID and the one looked ahead */
} cli_ids_t;

/* Start with no file (cli_ids_next gives NULL). */
void cli_ids_init(cli_ids_t *s, char *buf, size_t cap);

/* Read the lines of path ("-": stdin). 0, or the errno of open (the file is
 * then not read; EBADF for "-" when stdin was closed). A read that a SIGINT
 * or SIGTERM interrupts ends the lines. */
int cli_ids_open(cli_ids_t *s, const char *path);

/* The next ID, NULL at the end (then s->read_errno tells a failed read).
 * File lines lose their surrounding blanks; blank lines and "# comments"
 * are skipped. The string stays valid until the call after next. */
const char *cli_ids_next(cli_ids_t *s);

/* Close the file, if any (also done at its end). */
void cli_ids_close(cli_ids_t *s);

#endif

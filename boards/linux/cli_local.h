/* SPDX-License-Identifier: Apache-2.0 */
/* cli_local.h - the local files the CLI reads (the configs file,
 * --token-file, --ca-cert, $SSL_CERT_FILE, the files of $SSL_CERT_DIR):
 * regular files only, opened without ever blocking (O_NONBLOCK, then
 * fstat), bounded in size. A FIFO with no writer, a device such as
 * /dev/zero, or a huge file each end at once with one clear error; the null
 * device reads as an empty file. */
#ifndef CLI_LOCAL_H
#define CLI_LOCAL_H

#include <stdbool.h>
#include <stddef.h>
#include "cli_out.h"

#define CLI_CA_FILE_MAX ((size_t)16 * 1024 * 1024)   /* a CA bundle (a system one is about 200 KB) */

typedef enum cli_local_why {
    CLI_LOCAL_OK,
    CLI_LOCAL_OPEN,             /* open failed: errno in e */
    CLI_LOCAL_DIR,              /* a directory */
    CLI_LOCAL_NOT_REGULAR,      /* a FIFO, a device, a socket */
    CLI_LOCAL_TOO_LARGE,        /* larger than the bound */
    CLI_LOCAL_READ              /* read failed: errno in e */
} cli_local_why_t;

typedef struct cli_local {
    cli_local_why_t why;
    int e;                      /* CLI_LOCAL_OPEN: errno */
    const char *kind;           /* CLI_LOCAL_NOT_REGULAR: "a FIFO", "a character device", ... */
    bool loose;                 /* readable by group or others */
    bool empty;                 /* the null device */
} cli_local_t;

/* Open path for reading if it is a regular file of at most max bytes: the
 * descriptor (close it), or -1 with r->why telling why not. */
int cli_local_open(const char *path, size_t max, cli_local_t *r);

/* "Error: " + why r refused path ("open PATH: no such file or directory",
 * "read PATH: is a directory", "open PATH: not a regular file (a FIFO)",
 * "WHAT PATH: larger than MAX bytes") + "\n" into err, without the
 * "Error: " when bare; returns CLI_EXIT_USAGE (CLI_EXIT_LOCAL when the
 * process ran out of file descriptors or memory). */
int cli_local_fail(cli_buf_t *err, bool bare, const char *what, const char *path, size_t max, const cli_local_t *r);

/* Read a regular file of at most max - 1 bytes into buf[0..max), NUL
 * terminated: its length, or -1 with r->why telling why not (what was read
 * is wiped). */
long cli_local_read(const char *path, char *buf, size_t max, cli_local_t *r);

/* The token of --token-file / $INFLUX_TOKEN_FILE into buf[0..cap): the
 * file's bytes without one trailing newline (LF or CRLF). CLI_EXIT_OK, or
 * the usage error in err (an empty token is one). */
int cli_local_token_file(const char *path, char *buf, size_t cap, cli_buf_t *err);

/* The trust anchors the TLS port will read, checked before anything is
 * sent: ca_file (--ca-cert) when given, else $SSL_CERT_FILE, else every
 * file of $SSL_CERT_DIR (entries that cannot be opened are passed over, as
 * Go does). CLI_EXIT_OK or the usage error in err. */
int cli_local_check_ca(const char *ca_file, cli_buf_t *err);

#endif

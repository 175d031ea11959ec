/* SPDX-License-Identifier: Apache-2.0 */
/* cli_out.h - a bounded output buffer and Go-compatible text helpers.
 *
 * Everything the CLI prints is first assembled in a caller-owned buffer and
 * written with write(2) at the end; nothing here allocates. */
#ifndef CLI_OUT_H
#define CLI_OUT_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "il_json.h"

struct cli_redact_stream;

typedef struct cli_buf {
    char *p;
    size_t cap;
    size_t len;
    bool overflow;     /* something did not fit and was dropped */
    int stream_fd;     /* >= 0: a full buffer is written to this fd instead of dropping */
    struct cli_redact_stream *rs;   /* non-NULL: every write goes through this redaction (cli_redact.h) */
} cli_buf_t;

/* Use mem[0..cap) (the caller's) as an empty buffer. */
void cli_buf_init(cli_buf_t *b, char *mem, size_t cap);

/* From now on, write the buffer to fd whenever it is full (batch output:
 * memory stays bounded whatever the number of rows). */
void cli_buf_stream(cli_buf_t *b, int fd);

/* Append: what does not fit is dropped and sets b->overflow (or, streaming,
 * goes out to the stream first). */
void cli_put(cli_buf_t *b, const char *s, size_t n);
void cli_puts(cli_buf_t *b, const char *s);
void cli_putc(cli_buf_t *b, char c);
void cli_put_uint(cli_buf_t *b, unsigned long v);

/* Append fmt with its arguments, all NUL-terminated strings: %s as it is,
 * %q quoted as Go's strconv.Quote, %% a percent sign. */
void cli_putf(cli_buf_t *b, const char *fmt, ...);
void cli_vputf(cli_buf_t *b, const char *fmt, va_list ap);

/* Go strconv.Quote of s[0..n) (what fmt's %q prints for a string). Text
 * escaped here is redacted after, when written (cli_redact.c says why that
 * order: the redaction decodes these escapes itself). */
void cli_put_quoted(cli_buf_t *b, const char *s, size_t n);

/* Go url.PathEscape / url.QueryEscape of s. */
void cli_put_path_escaped(cli_buf_t *b, const char *s);
void cli_put_query_escaped(cli_buf_t *b, const char *s);

/* Write the buffer to fd (all of it, EINTR and short writes continued;
 * through b->rs, which writes to its own fd, when set), then wipe and empty
 * it. 0, or -1 when fd refused. */
int cli_buf_flush(cli_buf_t *b, int fd);

/* Write p[0..n) to fd, all of it (EINTR and short writes continued);
 * false when fd refused. */
bool cli_write_fd(int fd, const void *p, size_t n);

/* Number of runes in s[0..n), each invalid byte counting as one. */
size_t cli_utf8_count(const char *s, size_t n);

/* Append a string decoded from an answer as Go's decoder holds it: each
 * byte of invalid UTF-8 as U+FFFD (decode.go unquoteBytes; the core keeps
 * the bytes as they came). An absent string appends nothing. */
void cli_put_decoded(cli_buf_t *b, il_str_t s);

#endif

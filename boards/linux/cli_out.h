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
    int write_errno;   /* why writes of this buffer fail (0: they do not): once set, nothing more is written */
    bool lost;         /* bytes meant for the fd were not written (write_errno says why) */
    struct cli_redact_stream *rs;   /* non-NULL: every write goes through this redaction (cli_redact.h) */
} cli_buf_t;

/* Use mem[0..cap) (the caller's) as an empty buffer. */
void cli_buf_init(cli_buf_t *b, char *mem, size_t cap);

/* From now on, write the buffer to fd whenever it is full (batch output:
 * memory stays bounded whatever the number of rows). */
void cli_buf_stream(cli_buf_t *b, int fd);

/* Move an empty buffer to mem[0..cap) (the caller's), keeping how it is
 * written (stream, failure, redaction): false, and nothing moved, when it
 * holds bytes. */
bool cli_buf_move(cli_buf_t *b, char *mem, size_t cap);

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

/* s[0..n), text from a server printed on stderr (an error message, a
 * reason phrase, a header), unquoted: C0 controls, DEL, C1 controls
 * (U+0080-U+009F) and bytes that are not UTF-8 escaped as strconv.Quote
 * escapes them (\n, \t, \x1b, \u009b, \xff), so that one error line stays
 * one line and no terminal escape reaches the terminal; everything else,
 * quotes and backslashes included, as it is. */
void cli_put_escaped(cli_buf_t *b, const char *s, size_t n);

/* Go url.PathEscape / url.QueryEscape of s. */
void cli_put_path_escaped(cli_buf_t *b, const char *s);
void cli_put_query_escaped(cli_buf_t *b, const char *s);

/* Write the buffer to fd (all of it, EINTR and short writes continued;
 * through b->rs, which writes to its own fd, when set), then wipe and empty
 * it. 0, or -1 when the bytes were not written: the first failure's errno
 * is kept in b->write_errno, b->lost is set, and no later flush of b
 * writes anything (nor do the writes of a streaming b). */
int cli_buf_flush(cli_buf_t *b, int fd);

/* cli_buf_flush, then what b->rs kept back (the end of the output): a
 * failure of either is b's, as in cli_buf_flush. */
int cli_buf_finish(cli_buf_t *b, int fd);

/* From now on, writes of b fail with errno e (e.g. EBADF: its fd was closed
 * when the run started); nothing is lost until something is written. */
void cli_buf_fail(cli_buf_t *b, int e);

/* A buffer cut short (b->overflow) still ends its last line: the cut text
 * ends at a whole UTF-8 sequence, then '\n'. */
void cli_buf_end_line(cli_buf_t *b);

/* Write p[0..n) to fd, all of it (EINTR and short writes continued, unless
 * a SIGINT or SIGTERM stopped the run); false when fd refused, with the
 * reason in errno. */
bool cli_write_fd(int fd, const void *p, size_t n);

/* Number of runes in s[0..n), each invalid byte counting as one. */
size_t cli_utf8_count(const char *s, size_t n);

/* Append a string decoded from an answer as Go's decoder holds it: each
 * byte of invalid UTF-8 as U+FFFD (decode.go unquoteBytes; the core keeps
 * the bytes as they came). An absent string appends nothing. */
void cli_put_decoded(cli_buf_t *b, il_str_t s);

/* The same, for stderr: a string decoded from an answer (invalid bytes as
 * U+FFFD) with its controls escaped as cli_put_escaped escapes them. */
void cli_put_decoded_escaped(cli_buf_t *b, il_str_t s);

#endif

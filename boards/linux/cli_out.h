/* SPDX-License-Identifier: Apache-2.0 */
/* cli_out.h - a bounded output buffer and Go-compatible text helpers.
 *
 * Everything the CLI prints is first assembled in a caller-owned buffer and
 * written with write(2) at the end; nothing here allocates. */
#ifndef CLI_OUT_H
#define CLI_OUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Starts a group of static data that a run touches together on a page of its
 * own: every page a run touches costs a page fault (see cli_run.c, memory). */
#if defined(__GNUC__)
#define CLI_PAGE_START __attribute__((aligned(4096)))
#else
#define CLI_PAGE_START
#endif

typedef struct cli_buf {
    char *p;
    size_t cap;
    size_t len;
    bool overflow;     /* something did not fit and was dropped */
    int stream_fd;     /* >= 0: a full buffer is written to this fd instead of dropping */
} cli_buf_t;

void cli_buf_init(cli_buf_t *b, char *mem, size_t cap);

/* From now on, write the buffer to fd whenever it is full (batch output:
 * memory stays bounded whatever the number of rows). */
void cli_buf_stream(cli_buf_t *b, int fd);
void cli_put(cli_buf_t *b, const char *s, size_t n);
void cli_puts(cli_buf_t *b, const char *s);
void cli_putc(cli_buf_t *b, char c);
void cli_put_uint(cli_buf_t *b, unsigned long v);

/* Go strconv.Quote of s[0..n) (what fmt's %q prints for a string). */
void cli_put_quoted(cli_buf_t *b, const char *s, size_t n);

/* Write the buffer to fd, retrying on EINTR and short writes. */
int cli_buf_flush(cli_buf_t *b, int fd);

/* Decode one UTF-8 rune from s[0..n) (n > 0) like Go's utf8.DecodeRune:
 * returns the byte count; an invalid or short sequence gives *r = 0xFFFD
 * and 1. */
size_t cli_utf8_decode(const unsigned char *s, size_t n, uint32_t *r);

/* Number of runes in s[0..n), each invalid byte counting as one. */
size_t cli_utf8_count(const char *s, size_t n);

#endif

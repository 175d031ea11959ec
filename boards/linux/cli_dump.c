/* SPDX-License-Identifier: Apache-2.0 */
/* cli_dump.c - the --http-debug dump (see cli_dump.h). */
#include "cli_dump.h"

#include <string.h>
#include <time.h>

#include "cli_out.h"

#include "il_text.h"

/* Where in a line the redaction is. */
enum { DUMP_NAME, DUMP_PASS, DUMP_SCHEME, DUMP_DROP };

void cli_dump_init(cli_dump_t *d, cli_redact_stream_t *rs)
{
    memset(d, 0, sizeof *d);
    d->rs = rs;
    d->state = DUMP_NAME;
}

void cli_dump_secret_headers(cli_dump_t *d, const il_http_header_t *names, size_t n)
{
    d->secret = names;
    d->nsecret = n;
}

/* The name held, if its value is a secret in direction dir: as it is shown. */
static const char *dump_secret_name(const cli_dump_t *d, int dir)
{
    static const char *const sent[] = {"Authorization", "Cookie", "Proxy-Authorization"};
    if (dir == 2) return il_ascii_ieq(d->held, d->held_len, "set-cookie") ? "Set-Cookie" : NULL;
    for (size_t i = 0; i < sizeof sent / sizeof sent[0]; i++)
        if (il_ascii_ieq(d->held, d->held_len, sent[i])) return sent[i];
    for (size_t i = 0; i < d->nsecret; i++)
        if (il_ascii_ieq(d->held, d->held_len, d->secret[i].name)) return d->secret[i].name;
    return NULL;
}

/* Appends to out[*o..cap). */
static void dump_out(char *out, size_t cap, size_t *o, const char *p, size_t n)
{
    for (size_t i = 0; i < n && *o < cap; i++) out[(*o)++] = p[i];
}

/* The colon after a held name: the name and the start of its value. */
static void dump_colon(cli_dump_t *d, int dir, char *out, size_t cap, size_t *o)
{
    const char *name = dump_secret_name(d, dir);
    if (name == NULL) {
        dump_out(out, cap, o, d->held, d->held_len);
        dump_out(out, cap, o, ":", 1);
        d->state = DUMP_PASS;
    } else {
        dump_out(out, cap, o, name, strlen(name));
        dump_out(out, cap, o, ": ", 2);
        d->scheme_len = 0;
        if (strcmp(name, "Authorization") != 0) dump_out(out, cap, o, "<redacted>", 10);
        d->state = strcmp(name, "Authorization") == 0 ? DUMP_SCHEME : DUMP_DROP;
    }
    d->held_len = 0;
}

/* One byte of a redacted value: dropped up to the line's end (Authorization's
 * scheme word kept first). */
static void dump_secret_byte(cli_dump_t *d, char c, char *out, size_t cap, size_t *o)
{
    bool eol = c == '\r' || c == '\n';
    if (d->state == DUMP_SCHEME) {
        if (!eol && c != ' ' && c != '\t') {
            dump_out(out, cap, o, &c, 1);
            d->scheme_len++;
            return;
        }
        if (!eol && d->scheme_len == 0) return;      /* the blanks before it */
        dump_out(out, cap, o, " <redacted>", 11);
        d->state = DUMP_DROP;
    }
    if (!eol) return;
    dump_out(out, cap, o, &c, 1);
    d->state = c == '\n' ? DUMP_NAME : DUMP_PASS;
}

size_t cli_dump_redact(cli_dump_t *d, int dir, const uint8_t *data, size_t len, char *out, size_t cap)
{
    size_t o = 0;
    for (size_t i = 0; i < len; i++) {
        char c = (char)data[i];
        if (d->state == DUMP_SCHEME || d->state == DUMP_DROP) {
            dump_secret_byte(d, c, out, cap, &o);
            continue;
        }
        if (d->state == DUMP_NAME) {
            if (c == ':' && d->held_len > 0) {
                dump_colon(d, dir, out, cap, &o);
                continue;
            }
            if (il_ascii_tchar(c) && d->held_len < sizeof d->held) {
                d->held[d->held_len++] = c;
                continue;
            }
            dump_out(out, cap, &o, d->held, d->held_len);   /* not a header line we redact */
            d->held_len = 0;
            d->state = DUMP_PASS;
        }
        dump_out(out, cap, &o, &c, 1);
        if (c == '\n') d->state = DUMP_NAME;
    }
    return o;
}

/* Dumped bytes to stderr, through the redaction. */
static void dump_write(cli_dump_t *d, const void *p, size_t n)
{
    if (d->rs != NULL) (void)cli_redact_write(d->rs, p, n);
    else (void)cli_write_fd(2, p, n);
    if (n > 0) d->mid_line = ((const char *)p)[n - 1] != '\n';
}

/* Bytes held at a change of direction: out as they are. */
static void dump_release(cli_dump_t *d)
{
    if (d->held_len > 0) {
        dump_write(d, d->held, d->held_len);
    }
    d->held_len = 0;
    d->state = DUMP_NAME;
}

void cli_dump_end_line(cli_dump_t *d)
{
    if (d->mid_line) dump_write(d, "\n", 1);
    if (d->rs != NULL) (void)cli_redact_flush(d->rs);
    d->mid_line = false;
}

/* v as exactly n decimal digits at s (the low ones). */
static void put_digits(char *s, long v, int n)
{
    while (n-- > 0) {
        s[n] = (char)('0' + v % 10);
        v /= 10;
    }
}

/* log.Printf's prefix, then a newline, as the official --http-debug:
 * "2006/01/02 15:04:05 ". Formatted here, not by strftime: musl's goes
 * through snprintf, whose floating-point formats bring FPU instructions
 * into the static binary (tests/arch checks the MIPS one has none). */
static void dump_stamp(cli_dump_t *d, int dir)
{
    char s[] = "0000/00/00 00:00:00 \n";
    struct tm tm;
    time_t t = time(NULL);
    if (d->last_dir == dir) return;
    d->last_dir = dir;
    dump_release(d);
    cli_dump_end_line(d);          /* the last dump did not end a line */
    if (localtime_r(&t, &tm) == NULL || tm.tm_year + 1900L < 0 || tm.tm_year + 1900L > 9999) {
        dump_write(d, "\n", 1);
        return;
    }
    put_digits(s, tm.tm_year + 1900L, 4);
    put_digits(s + 5, tm.tm_mon + 1, 2);
    put_digits(s + 8, tm.tm_mday, 2);
    put_digits(s + 11, tm.tm_hour, 2);
    put_digits(s + 14, tm.tm_min, 2);
    put_digits(s + 17, tm.tm_sec, 2);
    dump_write(d, s, sizeof s - 1);
}

/* What one send (dir 1) or recv (dir 2) moved, r bytes of data (none when
 * r <= 0): stamped, redacted a kilobyte at a time. */
static void dump_bytes(cli_dump_t *d, int dir, const uint8_t *data, int32_t r)
{
    char out[2048];
    if (r <= 0) return;
    dump_stamp(d, dir);
    for (size_t off = 0; off < (size_t)r; off += 1024) {
        size_t chunk = (size_t)r - off > 1024 ? 1024 : (size_t)r - off;
        size_t k = cli_dump_redact(d, dir, data + off, chunk, out, sizeof out);
        dump_write(d, out, k);
    }
}

static int32_t dump_send(void *ctx, const uint8_t *data, size_t len)
{
    cli_dump_t *d = ctx;
    int32_t r = d->lower->send(d->lower->ctx, data, len);
    dump_bytes(d, 1, data, r);
    return r;
}

static int32_t dump_recv(void *ctx, uint8_t *buf, size_t cap)
{
    cli_dump_t *d = ctx;
    int32_t r = d->lower->recv(d->lower->ctx, buf, cap);
    dump_bytes(d, 2, buf, r);
    return r;
}

const il_transport_t *cli_dump_wrap(cli_dump_t *d, const il_transport_t *lower)
{
    d->lower = lower;
    d->t.ctx = d;
    d->t.send = dump_send;
    d->t.recv = dump_recv;
    return &d->t;
}

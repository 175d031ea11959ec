/* SPDX-License-Identifier: Apache-2.0 */
/* cli_dump.c - the --http-debug dump (see cli_dump.h). */
#include "cli_dump.h"

#include <string.h>
#include <time.h>

#include "cli_out.h"

/* The headers whose values are secrets, and what is printed instead. */
static const char *const redact_pat[] = {"authorization:", "proxy-authorization:"};
static const char *const redacted_header[] = {"Authorization: Token <redacted>", "Proxy-Authorization: <redacted>"};

void cli_dump_init(cli_dump_t *d)
{
    memset(d, 0, sizeof *d);
    d->line_start = true;
}

/* One byte of a redacted header's value: dropped up to the line's end. */
static size_t dump_redacting(cli_dump_t *d, uint8_t c, char *out, size_t cap)
{
    if (c != '\r' && c != '\n') return 0;
    d->redacting = false;
    d->line_start = c == '\n';
    if (cap == 0) return 0;
    out[0] = (char)c;
    return 1;
}

/* At a line's start, c may continue "authorization:": true when it was
 * taken (held back, or the whole name matched and the redacted header
 * written); else what was held goes out first. *o is the output length. */
static bool dump_match(cli_dump_t *d, uint8_t c, char *out, size_t cap, size_t *o)
{
    uint8_t lc = (c >= 'A' && c <= 'Z') ? (uint8_t)(c - 'A' + 'a') : c;
    if (d->match == 0) d->pat = lc == 'p' ? 1u : 0u;
    if (lc == (uint8_t)redact_pat[d->pat][d->match]) {
        d->held[d->match++] = (char)c;
        d->line_start = false;
        if (redact_pat[d->pat][d->match] == '\0') {
            for (const char *r = redacted_header[d->pat]; *r != '\0'; r++)
                if (*o < cap) out[(*o)++] = *r;
            d->match = 0;
            d->redacting = true;
        }
        return true;
    }
    for (unsigned k = 0; k < d->match; k++)
        if (*o < cap) out[(*o)++] = d->held[k];
    d->match = 0;
    return false;
}

size_t cli_dump_redact(cli_dump_t *d, const uint8_t *data, size_t len, char *out, size_t cap)
{
    size_t o = 0;
    for (size_t i = 0; i < len; i++) {
        uint8_t c = data[i];
        if (d->redacting) {
            o += dump_redacting(d, c, out + o, cap - o);
            continue;
        }
        if ((d->line_start || d->match > 0) && dump_match(d, c, out, cap, &o)) continue;
        if (o < cap) out[o++] = (char)c;
        d->line_start = c == '\n';
    }
    return o;
}

void cli_dump_end_line(cli_dump_t *d)
{
    if (d->mid_line) (void)cli_write_fd(2, "\n", 1);
    d->mid_line = false;
}

/* log.Printf's prefix, then a newline, as the official --http-debug. */
static void dump_stamp(cli_dump_t *d, int dir)
{
    char s[40];
    struct tm tm;
    size_t k = 0;
    time_t t = time(NULL);
    if (d->last_dir == dir) return;
    d->last_dir = dir;
    cli_dump_end_line(d);          /* the last dump did not end a line */
    if (localtime_r(&t, &tm) != NULL) k = strftime(s, sizeof s, "%Y/%m/%d %H:%M:%S \n", &tm);
    if (k == 0) {
        s[0] = '\n';
        k = 1;
    }
    (void)cli_write_fd(2, s, k);
}

static int32_t dump_send(void *ctx, const uint8_t *data, size_t len)
{
    cli_dump_t *d = ctx;
    int32_t r = d->lower->send(d->lower->ctx, data, len);
    if (r > 0) {
        char out[2048];
        dump_stamp(d, 1);
        for (size_t off = 0; off < (size_t)r; off += 1024) {
            size_t chunk = (size_t)r - off > 1024 ? 1024 : (size_t)r - off;
            size_t k = cli_dump_redact(d, data + off, chunk, out, sizeof out);
            (void)cli_write_fd(2, out, k);
            if (k > 0) d->mid_line = out[k - 1] != '\n';
        }
    }
    return r;
}

static int32_t dump_recv(void *ctx, uint8_t *buf, size_t cap)
{
    cli_dump_t *d = ctx;
    int32_t r = d->lower->recv(d->lower->ctx, buf, cap);
    if (r > 0) {
        dump_stamp(d, 2);
        (void)cli_write_fd(2, buf, (size_t)r);
        d->mid_line = buf[r - 1] != '\n';
    }
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

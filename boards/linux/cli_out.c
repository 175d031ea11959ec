/* SPDX-License-Identifier: Apache-2.0 */
/* cli_out.c - bounded output buffer, Go %q quoting, UTF-8 decoding. */
#include "cli_out.h"
#include "il_wipe.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

void cli_buf_init(cli_buf_t *b, char *mem, size_t cap)
{
    b->p = mem;
    b->cap = cap;
    b->len = 0;
    b->overflow = false;
    b->stream_fd = -1;
}

void cli_buf_stream(cli_buf_t *b, int fd)
{
    b->stream_fd = fd;
}

static void write_fd(int fd, const char *p, size_t n)
{
    while (n > 0) {
        ssize_t w = write(fd, p, n);
        if (w < 0) {
            if (errno == EINTR) continue;
            return;
        }
        p += w;
        n -= (size_t)w;
    }
}

void cli_put(cli_buf_t *b, const char *s, size_t n)
{
    size_t room = b->cap - b->len;
    if (n > room && b->stream_fd >= 0) {
        write_fd(b->stream_fd, b->p, b->len);
        il_wipe(b->p, b->len);
        b->len = 0;
        room = b->cap;
        if (n > room) {
            write_fd(b->stream_fd, s, n);
            return;
        }
    }
    if (n > room) {
        n = room;
        b->overflow = true;
    }
    if (n > 0) {
        memcpy(b->p + b->len, s, n);
        b->len += n;
    }
}

void cli_puts(cli_buf_t *b, const char *s)
{
    cli_put(b, s, strlen(s));
}

void cli_putc(cli_buf_t *b, char c)
{
    cli_put(b, &c, 1);
}

void cli_put_uint(cli_buf_t *b, unsigned long v)
{
    char tmp[24];
    size_t i = sizeof tmp;
    do {
        tmp[--i] = (char)('0' + (v % 10u));
        v /= 10u;
    } while (v != 0 && i > 0);
    cli_put(b, tmp + i, sizeof tmp - i);
}

size_t cli_utf8_decode(const unsigned char *s, size_t n, uint32_t *r)
{
    unsigned char c = s[0];
    uint32_t v;
    size_t need;
    uint32_t min;

    if (c < 0x80) {
        *r = c;
        return 1;
    }
    if (c >= 0xC2 && c <= 0xDF) {
        need = 1; v = c & 0x1Fu; min = 0x80;
    } else if (c >= 0xE0 && c <= 0xEF) {
        need = 2; v = c & 0x0Fu; min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
        need = 3; v = c & 0x07u; min = 0x10000;
    } else {
        *r = 0xFFFD;
        return 1;
    }
    if (n < need + 1) {
        *r = 0xFFFD;
        return 1;
    }
    for (size_t i = 1; i <= need; i++) {
        if ((s[i] & 0xC0u) != 0x80u) {
            *r = 0xFFFD;
            return 1;
        }
        v = (v << 6) | (s[i] & 0x3Fu);
    }
    if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) {
        *r = 0xFFFD;
        return 1;
    }
    *r = v;
    return need + 1;
}

size_t cli_utf8_count(const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0, count = 0;
    while (i < n) {
        uint32_t r;
        i += cli_utf8_decode(u + i, n - i, &r);
        count++;
    }
    return count;
}

static const char hexdig[] = "0123456789abcdef";

/* Go's unicode.IsPrint, approximated: Go's tables are not carried here.
 * C0/C1 controls, DEL, the soft hyphen, surrogates, the line and paragraph
 * separators, non-characters and the Unicode "format" block U+200B..U+200F,
 * U+202A..U+202E, U+2060..U+206F and U+FEFF are not printable. */
static bool rune_printable(uint32_t r)
{
    if (r < 0x20 || (r >= 0x7F && r <= 0xA0) || r == 0xAD) return false;
    if (r >= 0x200B && r <= 0x200F) return false;
    if (r >= 0x2028 && r <= 0x202E) return false;
    if (r >= 0x2060 && r <= 0x206F) return false;
    if (r == 0xFEFF || r == 0xFFFE || r == 0xFFFF) return false;
    if (r >= 0xE000 && r <= 0xF8FF) return false;      /* private use */
    if (r >= 0xF0000) return false;
    return true;
}

void cli_put_quoted(cli_buf_t *b, const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0;
    cli_putc(b, '"');
    while (i < n) {
        uint32_t r;
        size_t w = cli_utf8_decode(u + i, n - i, &r);
        if (w == 1 && r == 0xFFFD) {
            char e[4] = {'\\', 'x', hexdig[u[i] >> 4], hexdig[u[i] & 15]};
            cli_put(b, e, 4);
            i++;
            continue;
        }
        if (r == '"' || r == '\\') {
            cli_putc(b, '\\');
            cli_putc(b, (char)r);
        } else if (rune_printable(r)) {
            cli_put(b, s + i, w);
        } else if (r < 0x80) {
            switch (r) {
            case '\a': cli_puts(b, "\\a"); break;
            case '\b': cli_puts(b, "\\b"); break;
            case '\f': cli_puts(b, "\\f"); break;
            case '\n': cli_puts(b, "\\n"); break;
            case '\r': cli_puts(b, "\\r"); break;
            case '\t': cli_puts(b, "\\t"); break;
            case '\v': cli_puts(b, "\\v"); break;
            default: {
                char e[4] = {'\\', 'x', hexdig[r >> 4], hexdig[r & 15]};
                cli_put(b, e, 4);
            }
            }
        } else if (r < 0x10000) {
            char e[6] = {'\\', 'u', hexdig[(r >> 12) & 15], hexdig[(r >> 8) & 15],
                         hexdig[(r >> 4) & 15], hexdig[r & 15]};
            cli_put(b, e, 6);
        } else {
            char e[10] = {'\\', 'U', '0', '0', hexdig[(r >> 20) & 15], hexdig[(r >> 16) & 15],
                          hexdig[(r >> 12) & 15], hexdig[(r >> 8) & 15],
                          hexdig[(r >> 4) & 15], hexdig[r & 15]};
            cli_put(b, e, 10);
        }
        i += w;
    }
    cli_putc(b, '"');
}

int cli_buf_flush(cli_buf_t *b, int fd)
{
    size_t off = 0;
    while (off < b->len) {
        ssize_t w = write(fd, b->p + off, b->len - off);
        if (w < 0) {
            if (errno == EINTR) continue;
            return -1;
        }
        off += (size_t)w;
    }
    il_wipe(b->p, b->len);        /* output may hold an authorization's token */
    b->len = 0;
    return 0;
}

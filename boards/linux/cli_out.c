/* SPDX-License-Identifier: Apache-2.0 */
/* cli_out.c - bounded output buffer, Go %q quoting, writes to a file
 * descriptor. */
#include "cli_out.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "il_text.h"
#include "il_transport.h"
#include "il_wipe.h"
#include "cli_redact.h"
#include "cli_signal.h"

void cli_buf_init(cli_buf_t *b, char *mem, size_t cap)
{
    b->p = mem;
    b->cap = cap;
    b->len = 0;
    b->overflow = false;
    b->stream_fd = -1;
    b->write_errno = 0;
    b->lost = false;
    b->rs = NULL;
}

void cli_buf_fail(cli_buf_t *b, int e)
{
    b->write_errno = e;
}

void cli_buf_stream(cli_buf_t *b, int fd)
{
    b->stream_fd = fd;
}

bool cli_buf_move(cli_buf_t *b, char *mem, size_t cap)
{
    if (b->len > 0) return false;
    b->p = mem;
    b->cap = cap;
    return true;
}

/* A file descriptor as an il_transport_t's context: a failed write's errno
 * is kept in err. */
typedef struct fd_ctx {
    int fd, err;
} fd_ctx_t;

/* il_transport_t send over a file descriptor. A signal that interrupts a
 * blocked write (a full pipe nobody reads) ends it when it stopped the run. */
static int32_t fd_send(void *ctx, const uint8_t *data, size_t len)
{
    fd_ctx_t *c = ctx;
    ssize_t w;
    if (len > 0x7fffffff) len = 0x7fffffff;
    do {
        w = write(c->fd, data, len);
    } while (w < 0 && errno == EINTR && cli_signal_caught() == 0);
    if (w > 0) return (int32_t)w;
    c->err = w < 0 ? errno : EIO;
    return -(int32_t)IL_ERR_SEND;
}

bool cli_write_fd(int fd, const void *p, size_t n)
{
    fd_ctx_t c = {fd, 0};
    il_transport_t t = {&c, fd_send, NULL};
    if (il_transport_send_all(&t, p, n) == IL_OK) return true;
    errno = c.err;
    return false;
}

/* A write of b failed (errno says why, when it does): nothing more is
 * written. */
static bool buf_failed(cli_buf_t *b)
{
    if (b->write_errno == 0) b->write_errno = errno != 0 ? errno : EIO;
    b->lost = true;
    return false;
}

/* p[0..n) out to fd for b, through its redaction when it has one: after
 * the first failure nothing more is written. */
static bool buf_write(cli_buf_t *b, int fd, const char *p, size_t n)
{
    if (n == 0) return true;
    if (b->write_errno != 0) return buf_failed(b);
    errno = 0;
    if (b->rs != NULL ? cli_redact_write(b->rs, p, n) : cli_write_fd(fd, p, n)) return true;
    return buf_failed(b);
}

void cli_put(cli_buf_t *b, const char *s, size_t n)
{
    size_t room = b->cap - b->len;
    if (n > room && b->stream_fd >= 0) {
        (void)buf_write(b, b->stream_fd, b->p, b->len);
        il_wipe(b->p, b->len);
        b->len = 0;
        room = b->cap;
        if (n > room) {
            (void)buf_write(b, b->stream_fd, s, n);
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
    char d[IL_UDEC_MAX];
    cli_put(b, d, il_udec(v, d));
}

void cli_vputf(cli_buf_t *b, const char *fmt, va_list ap)
{
    while (*fmt != '\0') {
        size_t lit = strcspn(fmt, "%");
        cli_put(b, fmt, lit);
        fmt += lit;
        if (*fmt == '\0') break;
        if (fmt[1] == 's') {
            cli_puts(b, va_arg(ap, const char *));
        } else if (fmt[1] == 'q') {
            const char *s = va_arg(ap, const char *);
            cli_put_quoted(b, s, strlen(s));
        } else {
            cli_putc(b, '%');       /* "%%", or a stray '%' as it is */
        }
        fmt += fmt[1] != '\0' ? 2 : 1;
    }
}

void cli_putf(cli_buf_t *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    cli_vputf(b, fmt, ap);
    va_end(ap);
}

size_t cli_utf8_count(const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0, count = 0;
    while (i < n) {
        uint32_t r;
        i += il_utf8_decode(u + i, n - i, &r);
        count++;
    }
    return count;
}

void cli_put_decoded(cli_buf_t *b, il_str_t s)
{
    const unsigned char *u = (const unsigned char *)s.p;
    size_t i = 0, start = 0;
    while (u != NULL && i < s.n) {
        uint32_t r;
        size_t w = il_utf8_decode(u + i, s.n - i, &r);
        if (w == 1 && u[i] >= 0x80) {
            cli_put(b, s.p + start, i - start);
            cli_put(b, "\xef\xbf\xbd", 3);
            start = i + 1;
        }
        i += w;
    }
    if (u != NULL) cli_put(b, s.p + start, s.n - start);
}

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

/* "\" + kind + the low `digits` hex digits of v, lower case as Go writes them. */
static void put_hex_escape(cli_buf_t *b, char kind, uint32_t v, unsigned digits)
{
    char e[10];
    size_t n = 0;
    e[n++] = '\\';
    e[n++] = kind;
    while (digits-- > 0) e[n++] = il_hex_digit(v >> (4 * digits), false);
    cli_put(b, e, n);
}

/* A rune Go's %q does not print as it is. */
static void put_rune_escape(cli_buf_t *b, uint32_t r)
{
    static const char short_escapes[] = "\aa\bb\ff\nn\rr\tt\vv";
    const char *s;
    if (r < 0x80 && r != 0 && (s = strchr(short_escapes, (int)r)) != NULL && (s - short_escapes) % 2 == 0) {
        char e[2] = {'\\', s[1]};
        cli_put(b, e, 2);
    } else if (r < 0x80) {
        put_hex_escape(b, 'x', r, 2);
    } else if (r < 0x10000) {
        put_hex_escape(b, 'u', r, 4);
    } else {
        put_hex_escape(b, 'U', r, 8);
    }
}

/* Whether r is escaped in text printed unquoted: C0 controls, DEL and C1
 * controls (0x80-0x9F), which move the cursor, end lines or start terminal
 * escape sequences. */
static bool rune_control(uint32_t r)
{
    return r < 0x20 || (r >= 0x7F && r <= 0x9F);
}

/* s[0..n) as Go's strconv.Quote writes it between its quotes (quoted), or
 * with only invalid bytes and controls escaped, the same way (unquoted);
 * decoded: each invalid byte as U+FFFD instead, as Go's JSON decoder holds it. */
static void put_escaped_text(cli_buf_t *b, const char *s, size_t n, bool quoted, bool decoded)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0, plain = 0;      /* s[plain..i) goes out as it is */
    while (i < n) {
        uint32_t r;
        size_t w = il_utf8_decode(u + i, n - i, &r);
        bool invalid = w == 1 && r == 0xFFFD;
        bool backslashed = quoted && (r == '"' || r == '\\');
        if (!invalid && !backslashed && (quoted ? rune_printable(r) : !rune_control(r))) {
            i += w;
            continue;
        }
        cli_put(b, s + plain, i - plain);
        if (invalid && decoded) {
            cli_put(b, "\xef\xbf\xbd", 3);
        } else if (invalid) {
            put_hex_escape(b, 'x', u[i], 2);
        } else if (backslashed) {
            char e[2] = {'\\', (char)r};
            cli_put(b, e, 2);
        } else {
            put_rune_escape(b, r);
        }
        i += w;
        plain = i;
    }
    cli_put(b, s + plain, n - plain);
}

void cli_put_quoted(cli_buf_t *b, const char *s, size_t n)
{
    cli_putc(b, '"');
    put_escaped_text(b, s, n, true, false);
    cli_putc(b, '"');
}

void cli_put_escaped(cli_buf_t *b, const char *s, size_t n)
{
    put_escaped_text(b, s, n, false, false);
}

void cli_put_decoded_escaped(cli_buf_t *b, il_str_t s)
{
    if (s.p != NULL) put_escaped_text(b, s.p, s.n, false, true);
}

/* il_put_fn over a cli_buf_t, for il_pct_encode */
static void buf_sink(void *b, const char *p, size_t n)
{
    cli_put(b, p, n);
}

void cli_put_path_escaped(cli_buf_t *b, const char *s)
{
    il_pct_encode(s, IL_PCT_PATH, buf_sink, b);
}

void cli_put_query_escaped(cli_buf_t *b, const char *s)
{
    il_pct_encode(s, IL_PCT_QUERY, buf_sink, b);
}

int cli_buf_flush(cli_buf_t *b, int fd)
{
    bool ok = buf_write(b, fd, b->p, b->len);
    il_wipe(b->p, b->len);        /* output may hold an authorization's token */
    b->len = 0;
    return ok ? 0 : -1;
}

int cli_buf_finish(cli_buf_t *b, int fd)
{
    bool ok = cli_buf_flush(b, fd) == 0;
    if (b->rs == NULL || b->write_errno != 0) return ok ? 0 : -1;
    errno = 0;
    if (!cli_redact_flush(b->rs)) ok = buf_failed(b);
    return ok ? 0 : -1;
}

void cli_buf_end_line(cli_buf_t *b)
{
    size_t n = b->len;
    if (!b->overflow || n == 0 || b->p[n - 1] == '\n') return;
    n--;                                      /* room for the newline */
    size_t start = n;                         /* the last sequence must be whole */
    while (start > 0 && n - start < 3 && ((unsigned char)b->p[start - 1] & 0xC0) == 0x80) start--;
    if (start > 0 && (unsigned char)b->p[start - 1] >= 0xC0) {
        uint32_t r;
        size_t lead = start - 1;
        size_t w = il_utf8_decode((const unsigned char *)b->p + lead, n - lead, &r);
        if (w != n - lead || r == 0xFFFD) n = lead;      /* cut inside the sequence */
    }
    b->p[n] = '\n';
    b->len = n + 1;
}

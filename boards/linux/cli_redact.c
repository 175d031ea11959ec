/* SPDX-License-Identifier: Apache-2.0 */
/* cli_redact.c - the redaction of everything the CLI prints: one pass over
 * the positions of a text, and the streams that carry it across writes (see
 * cli_redact.h).
 *
 * Order with the escaping of server text on stderr (Go's %q, cli_out.c):
 * escaping happens when a message is composed, redaction when it is
 * written, so redaction comes last and sees exactly the bytes that leave.
 * It decodes backslash escapes itself (cli_secrets.c), so a secret that
 * escaping rewrote (a quote, a control byte, invalid UTF-8) is still found;
 * redacting first would leave the escaped form of such a secret, which the
 * escaping helper cannot know to be one. */
#include "cli_redact.h"

#include <string.h>

#include "il_wipe.h"
#include "cli_out.h"

static const char redacted[] = "<redacted>";

size_t cli_redact_run(const cli_secrets_t *s, const char *t, size_t len, size_t limit, bool final,
                      cli_redact_state_t *st, cli_sink_fn sink, void *ctx)
{
    size_t end = final ? len : (len >= CLI_REDACT_SPAN ? len - (CLI_REDACT_SPAN - 1) : 0);
    size_t run = 0;                   /* the start of the text not given to sink yet */
    size_t m, me;                     /* the next position where a run starts, and its end from there */
    cli_scan_t sc;
    if (end > limit) end = limit;
    cli_scan_start(&sc, t, len);
    m = cli_scan_next(s, &sc, 0, end, &me);
    for (size_t i = 0; i < end && s->any; i++) {
        if (i == m) {
            if (i + me > st->cover) st->cover = i + me;
            m = cli_scan_next(s, &sc, i + 1, end, &me);
        }
        if (i >= st->cover) {
            st->in_region = false;
            continue;
        }
        if (i > run) (void)sink(ctx, t + run, i - run);
        if (!st->in_region) (void)sink(ctx, redacted, sizeof redacted - 1);
        st->in_region = true;
        run = i + 1;
    }
    if (end > run) (void)sink(ctx, t + run, end - run);
    st->cover = st->cover > end ? st->cover - end : 0;
    return end;
}

/* ---- into a buffer ---- */

static bool buf_sink(void *ctx, const char *p, size_t n)
{
    cli_put(ctx, p, n);
    return true;
}

size_t cli_redact_to_buf(const cli_secrets_t *s, const char *t, size_t n, char *out, size_t cap)
{
    cli_buf_t b;
    cli_redact_state_t st = {0, false};
    cli_buf_init(&b, out, cap);
    (void)cli_redact_run(s, t, n, n, true, &st, buf_sink, &b);
    if (b.overflow && b.len > 0 && n > 0 && t[n - 1] == '\n') b.p[b.len - 1] = '\n';
    return b.len;
}

bool cli_secrets_found_in(const cli_secrets_t *s, const char *t, size_t n)
{
    cli_scan_t sc;
    size_t e;
    cli_scan_start(&sc, t, n);
    return cli_scan_next(s, &sc, 0, n, &e) < n;
}

/* ---- streams ---- */

void cli_redact_stream_init(cli_redact_stream_t *rs, const cli_secrets_t *s, int fd)
{
    memset(rs, 0, sizeof *rs);
    rs->secrets = s;
    rs->fd = fd;
}

void cli_redact_stream_to(cli_redact_stream_t *rs, cli_sink_fn sink, void *ctx)
{
    rs->sink = sink;
    rs->sink_ctx = ctx;
}

static bool fd_sink(void *ctx, const char *p, size_t n)
{
    cli_redact_stream_t *rs = ctx;
    bool ok = rs->sink != NULL ? rs->sink(rs->sink_ctx, p, n) : cli_write_fd(rs->fd, p, n);
    if (!ok) rs->failed = true;
    return !rs->failed;
}

/* What is kept back: positions [from, len) of t. */
static void stream_keep(cli_redact_stream_t *rs, const char *t, size_t from, size_t len)
{
    memmove(rs->hold, t + from, len - from);
    rs->nhold = len - from;
}

/* Decide the kept-back bytes, with the start of p (n bytes) to look at:
 * how many bytes of p that took (all of them when they went out with the
 * kept ones, or are kept now; 0 when p is still to be read from its start,
 * st then referring to p[0]). */
static size_t stream_decide_held(cli_redact_stream_t *rs, const char *p, size_t n, bool final)
{
    size_t h = rs->nhold, k = n < CLI_REDACT_SPAN ? n : CLI_REDACT_SPAN, d, used = 0;
    bool last = final && n <= CLI_REDACT_SPAN;   /* p ends the text and fits: all goes out now */
    memcpy(rs->work, rs->hold, h);
    memcpy(rs->work + h, p, k);
    d = cli_redact_run(rs->secrets, rs->work, h + k, last ? h + k : h, last, &rs->st, fd_sink, rs);
    rs->nhold = 0;
    if (d < h) {                        /* p is short: all of it is kept too */
        stream_keep(rs, rs->work, d, h + k);
        used = n;
    } else if (d == h + k) {
        rs->st.cover = 0;
        rs->st.in_region = false;
        used = n;
    }
    il_wipe(rs->work, h + k);
    return used;
}

bool cli_redact_write(cli_redact_stream_t *rs, const char *p, size_t n)
{
    const cli_secrets_t *s = rs->secrets;
    bool final;
    size_t d;
    if (n == 0) return !rs->failed;
    if (s == NULL || !s->any) {
        (void)fd_sink(rs, p, n);
        return !rs->failed;
    }
    /* no secret holds a newline: no run crosses the one that ends p */
    final = p[n - 1] == '\n' && (s->bytes['\n' >> 3] & (1u << ('\n' & 7))) == 0;
    if (rs->nhold > 0 && stream_decide_held(rs, p, n, final) == n) return !rs->failed;
    d = cli_redact_run(s, p, n, n, final, &rs->st, fd_sink, rs);
    stream_keep(rs, p, d, n);
    if (final) {
        rs->st.cover = 0;
        rs->st.in_region = false;
    }
    return !rs->failed;
}

bool cli_redact_flush(cli_redact_stream_t *rs)
{
    if (rs->nhold > 0 && rs->secrets != NULL)
        (void)cli_redact_run(rs->secrets, rs->hold, rs->nhold, rs->nhold, true, &rs->st, fd_sink, rs);
    il_wipe(rs->hold, rs->nhold);
    rs->nhold = 0;
    rs->st.cover = 0;
    rs->st.in_region = false;
    return !rs->failed;
}

void cli_redact_stream_wipe(cli_redact_stream_t *rs)
{
    (void)cli_redact_flush(rs);
    il_wipe(rs->hold, sizeof rs->hold);
    il_wipe(rs->work, sizeof rs->work);
}

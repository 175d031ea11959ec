/* SPDX-License-Identifier: Apache-2.0 */
/* cli_watch.c - the answer headers the CLI reads itself (see cli_watch.h). */
#include "cli_watch.h"

#include <string.h>

#include "il_http.h"
#include "il_text.h"
#include "il_wipe.h"

enum { WATCH_NONE, WATCH_SAMPLED, WATCH_TRACE_ID, WATCH_SET_COOKIE };

void cli_watch_init(cli_watch_t *w, cli_watch_mem_t *mem, const char *prefix, cli_buf_t *err,
                    const cli_secrets_t *scrub, cli_dump_t *dump)
{
    memset(w, 0, sizeof *w);
    w->mem = mem;
    w->prefix = prefix;
    w->err = err;
    w->scrub = scrub;
    w->dump = dump;
}

void cli_watch_begin(cli_watch_t *w)
{
    w->reading = WATCH_NONE;
    w->sampled_seen = w->trace_seen = false;
    w->sampled_len = w->trace_len = 0;
}

/* Keep c at buf[*len] while it fits in cap (the rest is cut). */
static void watch_keep(char *buf, size_t cap, size_t *len, char c)
{
    if (*len < cap) buf[(*len)++] = c;
}

/* Blanks off the end: Go's header reader trims them. */
static size_t watch_trim_end(const char *s, size_t n)
{
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t')) n--;
    return n;
}

/* net/http's cookie rules: a value byte Go refuses (parseCookieValue). */
static bool watch_cookie_byte_ok(char c)
{
    return c >= 0x20 && c < 0x7f && c != '"' && c != ';' && c != '\\';
}

/* The name=value part of a Set-Cookie line, as Go's readSetCookies reads
 * it: the session when its name contains "influxdb". */
static void watch_cookie_part(cli_watch_t *w)
{
    const char *s = w->mem->part, *eq;
    size_t n = watch_trim_end(s, w->part_len), nl, vl;
    while (n > 0 && (*s == ' ' || *s == '\t')) {
        s++;
        n--;
    }
    eq = memchr(s, '=', n);
    if (w->part_over || eq == NULL) return;
    const char *v = eq + 1;
    vl = n - (size_t)(v - s);
    nl = watch_trim_end(s, (size_t)(eq - s));
    if (nl == 0) return;
    for (size_t i = 0; i < nl; i++)
        if (!il_ascii_tchar(s[i])) return;
    if (vl > 1 && v[0] == '"' && v[vl - 1] == '"') {
        v++;
        vl -= 2;
    }
    for (size_t i = 0; i < vl; i++)
        if (!watch_cookie_byte_ok(v[i])) return;
    bool named = false;
    for (size_t i = 0; i + 8 <= nl && !named; i++) named = memcmp(s + i, "influxdb", 8) == 0;
    if (!named) return;
    memcpy(w->mem->session, v, vl);
    w->mem->session[vl] = '\0';
    w->session_found = true;
}

/* A header's name: which of ours it is. */
static int watch_which(const cli_watch_t *w, const char *p, size_t n)
{
    if (il_ascii_ieq(p, n, "trace-sampled") && !w->sampled_seen) return WATCH_SAMPLED;
    if (il_ascii_ieq(p, n, "trace-id") && !w->trace_seen) return WATCH_TRACE_ID;
    if (il_ascii_ieq(p, n, "set-cookie") && w->cookies && !w->session_found) return WATCH_SET_COOKIE;
    return WATCH_NONE;
}

/* One byte of the value being read. */
static void watch_value(cli_watch_t *w, char c)
{
    if (w->reading == WATCH_SAMPLED) {
        watch_keep(w->sampled, sizeof w->sampled, &w->sampled_len, c);
    } else if (w->reading == WATCH_TRACE_ID) {
        watch_keep(w->mem->trace_id, sizeof w->mem->trace_id, &w->trace_len, c);
    } else if (!w->part_done) {
        if (c == ';') w->part_done = true;
        else if (w->part_len < CLI_SESSION_MAX) w->mem->part[w->part_len++] = c;
        else w->part_over = true;
    }
}

bool cli_watch_header(void *ctx, int event, const char *p, size_t n)
{
    cli_watch_t *w = ctx;
    if (event == IL_HTTP_WATCH_NAME) {
        w->reading = watch_which(w, p, n);
        w->part_len = 0;
        w->part_done = w->part_over = false;
        return w->reading != WATCH_NONE;
    }
    if (event == IL_HTTP_WATCH_VALUE) {
        for (size_t i = 0; i < n; i++) watch_value(w, p[i]);
        return false;
    }
    if (w->reading == WATCH_SAMPLED) w->sampled_seen = true;
    if (w->reading == WATCH_TRACE_ID) w->trace_seen = true;
    if (w->reading == WATCH_SET_COOKIE) watch_cookie_part(w);
    il_wipe(w->mem->part, w->part_len);
    w->reading = WATCH_NONE;
    return false;
}

void cli_watch_end(cli_watch_t *w, bool headers_done)
{
    size_t n = watch_trim_end(w->sampled, w->sampled_len);
    if (!headers_done || !w->sampled_seen || n != 4 || memcmp(w->sampled, "true", 4) != 0) return;
    cli_puts(w->err, w->prefix);
    cli_put(w->err, w->mem->trace_id, watch_trim_end(w->mem->trace_id, w->trace_len));
    cli_putc(w->err, '\n');
    if (w->scrub != NULL) cli_secret_err_flush(w->err, w->dump);
}

void cli_watch_wipe(cli_watch_t *w)
{
    il_wipe(w->mem->session, sizeof w->mem->session);
    il_wipe(w->mem->part, sizeof w->mem->part);
    w->session_found = false;
}

/* SPDX-License-Identifier: Apache-2.0 */
/* cli_headers.c - the run's extra request headers (see cli_headers.h). */
#include "cli_headers.h"

#include <string.h>

#include "il_text.h"
#include "il_wipe.h"
#include "cli_errors.h"

/* One key of the official CLI's DefaultHeader map, as written. */
typedef struct hdr_entry {
    cli_text_t key, value;
    bool extra;             /* --extra-http-header's (its value is a secret) */
} hdr_entry_t;

/* The map: keys in order of first appearance, a later value replaces. */
typedef struct hdr_map {
    hdr_entry_t e[CLI_MAX_EXTRA_HEADERS + 2];
    size_t n;
} hdr_map_t;

static void map_set(hdr_map_t *m, const char *key, size_t klen, const char *val, size_t vlen, bool extra)
{
    size_t i;
    for (i = 0; i < m->n; i++)
        if (m->e[i].key.n == klen && memcmp(m->e[i].key.p, key, klen) == 0) break;
    if (i == m->n) m->n++;
    m->e[i].key.p = key;
    m->e[i].key.n = klen;
    m->e[i].value.p = val;
    m->e[i].value.n = vlen;
    m->e[i].extra = extra;
}

/* Copy s[0..n) into h->mem, NUL-terminated; NULL when it does not fit. */
static char *hdr_copy(cli_headers_t *h, const char *s, size_t n)
{
    char *out;
    if (n >= sizeof h->mem - h->used) return NULL;
    out = h->mem + h->used;
    memcpy(out, s, n);
    out[n] = '\0';
    h->used += n + 1;
    return out;
}

/* Go's textproto.CanonicalMIMEHeaderKey, in place: a name with a byte that
 * is not a token character stays as it is. */
static void hdr_canonical(char *name)
{
    bool upper = true;
    for (const char *p = name; *p != '\0'; p++)
        if (!il_ascii_tchar(*p)) return;
    for (char *p = name; *p != '\0'; p++) {
        char c = *p;
        if (upper && c >= 'a' && c <= 'z') c = (char)(c - 'a' + 'A');
        else if (!upper && c >= 'A' && c <= 'Z') c = (char)(c - 'A' + 'a');
        *p = c;
        upper = c == '-';
    }
}

/* textproto.TrimString: blanks off both ends of s[0..*n); returns the start. */
static const char *hdr_trim(const char *s, size_t *n)
{
    while (*n > 0 && (s[0] == ' ' || s[0] == '\t' || s[0] == '\r' || s[0] == '\n')) {
        s++;
        (*n)--;
    }
    while (*n > 0 && (s[*n - 1] == ' ' || s[*n - 1] == '\t' || s[*n - 1] == '\r' || s[*n - 1] == '\n')) (*n)--;
    return s;
}

/* httpguts.ValidHeaderFieldValue of v[0..n): no control byte but HTAB. */
static bool hdr_value_valid(const char *v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (((unsigned char)v[i] < ' ' && v[i] != '\t') || v[i] == 0x7f) return false;
    return true;
}

/* Go's transport check of one header (value NULL: the value given was not
 * valid): false with its error for rq in err. */
static bool hdr_valid(const char *name, const char *value, const cli_req_t *rq, cli_buf_t *err)
{
    bool name_ok = name[0] != '\0';
    for (const char *p = name; *p != '\0'; p++) name_ok = name_ok && il_ascii_tchar(*p);
    if (name_ok && value != NULL) return true;
    cli_req_put_context(err, rq);
    cli_req_put_url_error(err, rq);
    cli_putf(err, name_ok ? "net/http: invalid header field value for %q\n"
                          : "net/http: invalid header field name %q\n", name);
    return false;
}

/* Request.write writes these from its own fields, never from the map. */
static bool hdr_not_sent(const char *name)
{
    static const char *const own[] = {"Host", "User-Agent", "Content-Length", "Transfer-Encoding", "Trailer"};
    for (size_t i = 0; i < sizeof own / sizeof own[0]; i++)
        if (strcmp(own[i], name) == 0) return true;
    return false;
}

/* Add name: value to list[0..*n) in name order (stable): false when full. */
static bool hdr_insert(il_http_header_t *list, size_t *n, size_t cap, const char *name, const char *value)
{
    size_t i = *n;
    if (*n == cap) return false;
    while (i > 0 && strcmp(list[i - 1].name, name) > 0) {
        list[i] = list[i - 1];
        i--;
    }
    list[i].name = name;
    list[i].value = value;
    (*n)++;
    return true;
}

/* The map's entries, canonical and trimmed, into h->all in name order. */
static int hdr_collect(cli_headers_t *h, const hdr_map_t *m, cli_buf_t *err)
{
    for (size_t i = 0; i < m->n; i++) {
        size_t vn = m->e[i].value.n;
        const char *v = hdr_trim(m->e[i].value.p, &vn);
        char *name = hdr_copy(h, m->e[i].key.p, m->e[i].key.n), *value = hdr_copy(h, v, vn);
        if (name == NULL || value == NULL || h->used > CLI_HEADERS_EXTRA_MAX)
            return cli_fail(err, CLI_EXIT_USAGE, "the --extra-http-header and --trace-debug-id values are too long "
                                                 "(at most %s bytes in all)", "8192");
        if (strcmp(name, "Authorization") == 0) h->send_token = false;
        if (strcmp(name, "Cookie") == 0) h->user_cookie = true;
        hdr_canonical(name);
        if (m->e[i].extra) {
            h->secrets[h->nsecrets].name = name;
            h->secrets[h->nsecrets++].value = value;
        }
        if (!hdr_value_valid(m->e[i].value.p, m->e[i].value.n)) value = NULL;   /* as given, before the trim */
        (void)hdr_insert(h->all, &h->nall, CLI_HEADERS_MAX, name, value);
    }
    return CLI_EXIT_OK;
}

int cli_headers_parse(cli_headers_t *h, const cli_args_t *a, cli_buf_t *err)
{
    hdr_map_t m;
    h->nall = h->n = h->nsignin = h->nsecrets = h->used = 0;
    h->send_token = true;
    h->user_cookie = false;
    h->trace = a->trace_id_set;
    m.n = 0;
    if (a->trace_id_set) {
        /* NewAPIConfig's DefaultHeader keys, as written there */
        map_set(&m, "Zap-Trace-Span", 14, a->trace_id, strlen(a->trace_id), false);
        map_set(&m, "influx-debug-id", 15, a->trace_id, strlen(a->trace_id), false);
    }
    for (size_t i = 0; i < a->nextra; i++) {
        const char *colon = memchr(a->extra[i].p, ':', a->extra[i].n);
        if (colon == NULL) {
            cli_puts(err, "Error: header flag syntax \"key:value\", missing value in ");
            cli_put_quoted(err, a->extra[i].p, a->extra[i].n);
            cli_putc(err, '\n');
            return CLI_EXIT_USAGE;
        }
        map_set(&m, a->extra[i].p, (size_t)(colon - a->extra[i].p), colon + 1,
                a->extra[i].n - (size_t)(colon - a->extra[i].p) - 1, true);
    }
    if (a->trace_id_set) {
        /* the sign-in's own client: the trace ID's, from the flag itself */
        size_t vn = strlen(a->trace_id);
        const char *v = hdr_trim(a->trace_id, &vn);
        h->signin_trace = hdr_copy(h, v, vn);
        h->signin_trace_raw = a->trace_id;
    }
    return hdr_collect(h, &m, err);
}

int cli_headers_check(cli_headers_t *h, const cli_req_t *first, const cli_req_t *signin, cli_buf_t *err)
{
    static const char *const trace_names[] = {"Influx-Debug-Id", "Zap-Trace-Span"};
    h->n = 0;
    h->nsignin = 1;     /* [0]: the Basic credentials, set before the sign-in */
    h->signin[0].name = "Authorization";
    h->signin[0].value = "";
    for (size_t i = 0; signin != NULL && h->trace && i < 2; i++) {
        const char *raw = h->signin_trace_raw;
        if (!hdr_valid(trace_names[i], hdr_value_valid(raw, strlen(raw)) ? raw : NULL, signin, err))
            return CLI_EXIT_USAGE;
        h->signin[h->nsignin].name = trace_names[i];
        h->signin[h->nsignin++].value = h->signin_trace != NULL ? h->signin_trace : "";
    }
    for (size_t i = 0; i < h->nall; i++) {
        if (!hdr_valid(h->all[i].name, h->all[i].value, first, err)) return CLI_EXIT_USAGE;
        if (!hdr_not_sent(h->all[i].name)) (void)hdr_insert(h->list, &h->n, CLI_HEADERS_MAX, h->all[i].name,
                                                            h->all[i].value);
    }
    return CLI_EXIT_OK;
}

bool cli_headers_set_session(cli_headers_t *h, const char *session)
{
    static const char prefix[] = "influxdb-oss-session=";
    size_t n = strlen(session);
    char *v;
    if (h->user_cookie) return true;
    if (sizeof prefix + n > sizeof h->mem - h->used) return false;
    v = h->mem + h->used;
    memcpy(v, prefix, sizeof prefix - 1);
    memcpy(v + sizeof prefix - 1, session, n + 1);
    h->used += sizeof prefix + n;
    return hdr_insert(h->list, &h->n, CLI_HEADERS_MAX, "Cookie", v);
}

/* il_put_fn into h->mem (the caller checked the room). */
static void hdr_put(void *sink, const char *p, size_t n)
{
    cli_headers_t *h = sink;
    memcpy(h->mem + h->used, p, n);
    h->used += n;
}

bool cli_headers_set_basic(cli_headers_t *h, const char *userpass, size_t n)
{
    char *v = h->mem + h->used;
    if (6 + (n + 2) / 3 * 4 + 1 > sizeof h->mem - h->used || h->nsignin == 0) return false;
    hdr_put(h, "Basic ", 6);
    il_b64_encode((const uint8_t *)userpass, n, hdr_put, h);
    h->mem[h->used++] = '\0';
    h->signin[0].value = v;
    return true;
}

void cli_headers_wipe(cli_headers_t *h)
{
    il_wipe(h->mem, h->used);
    h->used = 0;
}

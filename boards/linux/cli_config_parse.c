/* SPDX-License-Identifier: Apache-2.0 */
/* cli_config_parse.c - the strict TOML subset of the configs file (see
 * cli_config.h): tables, keys, basic and literal strings, booleans,
 * comments. Parsed in place; every error names its line. */
#include "cli_config.h"

#include <string.h>

#include "il_text.h"

enum { CFG_K_URL, CFG_K_TOKEN, CFG_K_ORG, CFG_K_ACTIVE, CFG_K_PREVIOUS, CFG_K_COOKIE, CFG_K_COUNT };
static const char *const cfg_keys[CFG_K_COUNT] = {"url", "token", "org", "active", "previous", "cookie"};

typedef struct cfg_parser {
    char *p;                  /* current position */
    char *end;                /* end of the current line */
    cli_buf_t *err;
    unsigned long line;
    cli_configs_t *out;
    cli_config_t *cur;        /* the table being filled (NULL before the first) */
    bool seen[CFG_K_COUNT];   /* the known keys given in cur */
} cfg_parser_t;

/* A value: a string (NUL-terminated in place) or a boolean. */
typedef struct cfg_value {
    bool is_str, b;
    char *s;
    size_t slen;
} cfg_value_t;

static bool cfg_fail(cfg_parser_t *ps, const char *msg)
{
    cli_puts(ps->err, "line ");
    cli_put_uint(ps->err, ps->line);
    cli_puts(ps->err, ": ");
    cli_puts(ps->err, msg);
    return false;
}

static void cfg_skip_ws(cfg_parser_t *ps)
{
    while (ps->p < ps->end && (*ps->p == ' ' || *ps->p == '\t')) ps->p++;
}

/* Nothing left on the line but blanks and a comment (without controls). */
static bool cfg_at_line_end(cfg_parser_t *ps)
{
    cfg_skip_ws(ps);
    if (ps->p >= ps->end) return true;
    if (*ps->p != '#') return false;
    for (const char *q = ps->p + 1; q < ps->end; q++) {
        unsigned char c = (unsigned char)*q;
        if ((c < 0x20 && c != '\t') || c == 0x7f) return false;
    }
    ps->p = ps->end;
    return true;
}

static bool cfg_is_bare(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
}

/* \uXXXX or \UXXXXXXXX (ps->p after the u): the code point, UTF-8 at *w. */
static bool cfg_unicode_escape(cfg_parser_t *ps, int digits, char **w)
{
    unsigned long r = 0;
    if (ps->end - ps->p < digits) return cfg_fail(ps, "invalid unicode escape");
    for (int i = 0; i < digits; i++) {
        int h = il_hex_value(ps->p[i]);
        if (h < 0) return cfg_fail(ps, "invalid unicode escape");
        r = (r << 4) | (unsigned long)h;
    }
    if (r > 0x10FFFF || (r >= 0xD800 && r <= 0xDFFF)) return cfg_fail(ps, "invalid unicode escape");
    ps->p += digits;
    *w += il_utf8_put((uint32_t)r, *w);
    return true;
}

/* One escape of a basic string (ps->p after the backslash), decoded at *w. */
static bool cfg_escape(cfg_parser_t *ps, char **w)
{
    static const char simple[] = "b\bt\tn\nf\fr\r\"\"\\\\";
    if (ps->p >= ps->end) return cfg_fail(ps, "unterminated string");
    char c = *ps->p++;
    if (c == 'u' || c == 'U') return cfg_unicode_escape(ps, c == 'u' ? 4 : 8, w);
    for (size_t i = 0; simple[i] != '\0'; i += 2) {
        if (simple[i] == c) {
            *(*w)++ = simple[i + 1];
            return true;
        }
    }
    return cfg_fail(ps, "invalid escape sequence in a string");
}

/* A basic ("...") or literal ('...') string starting at ps->p, decoded in
 * place from the opening quote on (writes never pass the read position). */
static bool cfg_string(cfg_parser_t *ps, char **out, size_t *outlen)
{
    char q = *ps->p;
    char *w = ps->p;
    char *start = w;
    if (ps->end - ps->p >= 3 && ps->p[1] == q && ps->p[2] == q)
        return cfg_fail(ps, "multi-line strings are not supported");
    for (ps->p++;; ) {
        if (ps->p >= ps->end) return cfg_fail(ps, "unterminated string");
        char c = *ps->p++;
        unsigned char uc = (unsigned char)c;
        if (c == q) break;
        if ((uc < 0x20 && c != '\t') || uc == 0x7f) return cfg_fail(ps, "control character in a string");
        if (q == '\'' || c != '\\') *w++ = c;
        else if (!cfg_escape(ps, &w)) return false;
    }
    *out = start;
    *outlen = (size_t)(w - start);
    return true;
}

/* A key or table name: bare or quoted. Not NUL-terminated yet. */
static bool cfg_key(cfg_parser_t *ps, char **out, size_t *outlen)
{
    cfg_skip_ws(ps);
    if (ps->p < ps->end && (*ps->p == '"' || *ps->p == '\'')) {
        if (!cfg_string(ps, out, outlen)) return false;
    } else {
        char *s = ps->p;
        while (ps->p < ps->end && cfg_is_bare(*ps->p)) ps->p++;
        if (ps->p == s) return cfg_fail(ps, "expected a key");
        *out = s;
        *outlen = (size_t)(ps->p - s);
    }
    cfg_skip_ws(ps);
    if (ps->p < ps->end && *ps->p == '.') return cfg_fail(ps, "dotted keys are not supported");
    return true;
}

/* "[name]": a new config. */
static bool cfg_table(cfg_parser_t *ps)
{
    char *k;
    size_t klen;
    ps->p++;
    if (ps->p < ps->end && *ps->p == '[') return cfg_fail(ps, "arrays of tables are not supported");
    if (!cfg_key(ps, &k, &klen)) return false;
    if (ps->p >= ps->end || *ps->p != ']') return cfg_fail(ps, "expected ']' after the table name");
    ps->p++;
    if (!cfg_at_line_end(ps)) return cfg_fail(ps, "unexpected text after the table name");
    k[klen] = '\0';
    for (size_t i = 0; i < ps->out->count; i++)
        if (strcmp(ps->out->items[i].name, k) == 0) return cfg_fail(ps, "table defined twice");
    if (ps->out->count >= ps->out->cap) return cfg_fail(ps, "too many configs");
    ps->cur = &ps->out->items[ps->out->count++];
    ps->cur->name = k;
    ps->cur->url = ps->cur->token = ps->cur->org = ps->cur->cookie = "";
    ps->cur->active = ps->cur->previous = false;
    memset(ps->seen, 0, sizeof ps->seen);
    return true;
}

/* The value after "key =". */
static bool cfg_value(cfg_parser_t *ps, cfg_value_t *v)
{
    memset(v, 0, sizeof *v);
    cfg_skip_ws(ps);
    if (ps->p >= ps->end) return cfg_fail(ps, "expected a value after '='");
    if (*ps->p == '"' || *ps->p == '\'') {
        v->is_str = true;
        return cfg_string(ps, &v->s, &v->slen);
    }
    if (ps->end - ps->p >= 4 && memcmp(ps->p, "true", 4) == 0) {
        ps->p += 4;
        v->b = true;
        return true;
    }
    if (ps->end - ps->p >= 5 && memcmp(ps->p, "false", 5) == 0) {
        ps->p += 5;
        return true;
    }
    return cfg_fail(ps, "unsupported value (only strings and booleans are read)");
}

/* Which known key k[0..n) is: exact first, then ASCII case-insensitive
 * (BurntSushi/toml's fallback); -1 for an unknown key (ignored). */
static int cfg_known_key(const char *k, size_t n)
{
    for (int i = 0; i < CFG_K_COUNT; i++)
        if (strlen(cfg_keys[i]) == n && memcmp(k, cfg_keys[i], n) == 0) return i;
    for (int i = 0; i < CFG_K_COUNT; i++)
        if (il_ascii_ieq(k, n, cfg_keys[i])) return i;
    return -1;
}

/* Store a known key's value in the current config. */
static bool cfg_assign(cfg_parser_t *ps, int which, cfg_value_t *v)
{
    if (ps->seen[which]) return cfg_fail(ps, "key defined twice");
    ps->seen[which] = true;
    bool want_str = which == CFG_K_URL || which == CFG_K_TOKEN || which == CFG_K_ORG || which == CFG_K_COOKIE;
    if (want_str && !v->is_str) return cfg_fail(ps, "value must be a string");
    if (!want_str && v->is_str) return cfg_fail(ps, "value must be a boolean");
    if (v->is_str) v->s[v->slen] = '\0';
    if (which == CFG_K_URL) ps->cur->url = v->s;
    else if (which == CFG_K_TOKEN) ps->cur->token = v->s;
    else if (which == CFG_K_ORG) ps->cur->org = v->s;
    else if (which == CFG_K_COOKIE) ps->cur->cookie = v->s;
    else if (which == CFG_K_ACTIVE) ps->cur->active = v->b;
    else if (which == CFG_K_PREVIOUS) ps->cur->previous = v->b;
    return true;
}

/* "key = value". */
static bool cfg_key_value(cfg_parser_t *ps)
{
    char *k;
    size_t klen;
    cfg_value_t v;
    if (!cfg_key(ps, &k, &klen)) return false;
    if (ps->p >= ps->end || *ps->p != '=') return cfg_fail(ps, "expected '=' after a key");
    ps->p++;
    if (!cfg_value(ps, &v)) return false;
    if (!cfg_at_line_end(ps)) return cfg_fail(ps, "unexpected text after the value");
    if (ps->cur == NULL) return cfg_fail(ps, "key outside of a [table]");
    int which = cfg_known_key(k, klen);
    return which < 0 || cfg_assign(ps, which, &v);
}

static bool cfg_line(cfg_parser_t *ps)
{
    if (memchr(ps->p, '\0', (size_t)(ps->end - ps->p)) != NULL) return cfg_fail(ps, "NUL byte in the file");
    if (cfg_at_line_end(ps)) return true;
    return *ps->p == '[' ? cfg_table(ps) : cfg_key_value(ps);
}

bool cli_config_parse(char *text, size_t len, cli_configs_t *out, cli_buf_t *err)
{
    cfg_parser_t ps;
    char *line = text;
    char *text_end = text + len;
    memset(&ps, 0, sizeof ps);
    ps.err = err;
    ps.out = out;
    out->count = 0;
    text[len] = '\0';
    while (line < text_end) {
        char *nl = memchr(line, '\n', (size_t)(text_end - line));
        ps.end = nl != NULL ? nl : text_end;
        if (ps.end > line && ps.end[-1] == '\r') ps.end--;
        ps.p = line;
        ps.line++;
        if (!cfg_line(&ps)) return false;
        line = nl != NULL ? nl + 1 : text_end;
    }
    return true;
}

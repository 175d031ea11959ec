/* SPDX-License-Identifier: Apache-2.0 */
/* cli_config.c - configs file reader (see cli_config.h). */
#include "cli_config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

typedef struct cfg_parser {
    char *p;          /* current position */
    char *end;        /* end of the current line */
    cli_buf_t *err;
    unsigned long line;
} cfg_parser_t;

static bool fail(cfg_parser_t *ps, const char *msg)
{
    cli_puts(ps->err, "line ");
    cli_put_uint(ps->err, ps->line);
    cli_puts(ps->err, ": ");
    cli_puts(ps->err, msg);
    return false;
}

static void skip_ws(cfg_parser_t *ps)
{
    while (ps->p < ps->end && (*ps->p == ' ' || *ps->p == '\t')) ps->p++;
}

static bool at_line_end(cfg_parser_t *ps)
{
    skip_ws(ps);
    if (ps->p >= ps->end) return true;
    if (*ps->p == '#') {
        for (const char *q = ps->p + 1; q < ps->end; q++) {
            unsigned char c = (unsigned char)*q;
            if ((c < 0x20 && c != '\t') || c == 0x7f) return false;
        }
        ps->p = ps->end;
        return true;
    }
    return false;
}

static bool is_bare(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
           c == '_' || c == '-';
}

static int hexval(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

static size_t put_utf8(char *w, unsigned long r)
{
    if (r < 0x80) { w[0] = (char)r; return 1; }
    if (r < 0x800) {
        w[0] = (char)(0xC0 | (r >> 6)); w[1] = (char)(0x80 | (r & 0x3F)); return 2;
    }
    if (r < 0x10000) {
        w[0] = (char)(0xE0 | (r >> 12)); w[1] = (char)(0x80 | ((r >> 6) & 0x3F));
        w[2] = (char)(0x80 | (r & 0x3F)); return 3;
    }
    w[0] = (char)(0xF0 | (r >> 18)); w[1] = (char)(0x80 | ((r >> 12) & 0x3F));
    w[2] = (char)(0x80 | ((r >> 6) & 0x3F)); w[3] = (char)(0x80 | (r & 0x3F)); return 4;
}

/* A basic ("...") or literal ('...') string starting at ps->p, decoded in
 * place from the opening quote on. *out / *outlen: the decoded text. */
static bool parse_string(cfg_parser_t *ps, char **out, size_t *outlen)
{
    char q = *ps->p;
    char *w = ps->p;          /* writes never pass the read position */
    char *start = w;
    if (ps->end - ps->p >= 3 && ps->p[1] == q && ps->p[2] == q)
        return fail(ps, "multi-line strings are not supported");
    ps->p++;
    for (;;) {
        if (ps->p >= ps->end) return fail(ps, "unterminated string");
        char c = *ps->p;
        unsigned char uc = (unsigned char)c;
        if (c == q) {
            ps->p++;
            break;
        }
        if ((uc < 0x20 && c != '\t') || uc == 0x7f)
            return fail(ps, "control character in a string");
        if (q == '\'' || c != '\\') {
            *w++ = c;
            ps->p++;
            continue;
        }
        /* escape */
        ps->p++;
        if (ps->p >= ps->end) return fail(ps, "unterminated string");
        c = *ps->p++;
        switch (c) {
        case 'b': *w++ = '\b'; break;
        case 't': *w++ = '\t'; break;
        case 'n': *w++ = '\n'; break;
        case 'f': *w++ = '\f'; break;
        case 'r': *w++ = '\r'; break;
        case '"': *w++ = '"'; break;
        case '\\': *w++ = '\\'; break;
        case 'u':
        case 'U': {
            int digits = c == 'u' ? 4 : 8;
            unsigned long r = 0;
            if (ps->end - ps->p < digits) return fail(ps, "invalid unicode escape");
            for (int i = 0; i < digits; i++) {
                int h = hexval(ps->p[i]);
                if (h < 0) return fail(ps, "invalid unicode escape");
                r = (r << 4) | (unsigned long)h;
            }
            if (r > 0x10FFFF || (r >= 0xD800 && r <= 0xDFFF))
                return fail(ps, "invalid unicode escape");
            ps->p += digits;
            w += put_utf8(w, r);
            break;
        }
        default:
            return fail(ps, "invalid escape sequence in a string");
        }
    }
    *out = start;
    *outlen = (size_t)(w - start);
    return true;
}

/* A key or table name: bare or quoted. Not NUL-terminated yet. */
static bool parse_key(cfg_parser_t *ps, char **out, size_t *outlen)
{
    skip_ws(ps);
    if (ps->p < ps->end && (*ps->p == '"' || *ps->p == '\'')) {
        if (!parse_string(ps, out, outlen)) return false;
    } else {
        char *s = ps->p;
        while (ps->p < ps->end && is_bare(*ps->p)) ps->p++;
        if (ps->p == s) return fail(ps, "expected a key");
        *out = s;
        *outlen = (size_t)(ps->p - s);
    }
    skip_ws(ps);
    if (ps->p < ps->end && *ps->p == '.') return fail(ps, "dotted keys are not supported");
    return true;
}

static bool key_is(const char *k, size_t n, const char *lit, bool fold)
{
    if (strlen(lit) != n) return false;
    for (size_t i = 0; i < n; i++) {
        char a = k[i], b = lit[i];
        if (fold && a >= 'A' && a <= 'Z') a = (char)(a - 'A' + 'a');
        if (a != b) return false;
    }
    return true;
}

enum { K_URL, K_TOKEN, K_ORG, K_ACTIVE, K_PREVIOUS, K_COOKIE, K_COUNT };
static const char *const known_keys[K_COUNT] = {"url", "token", "org", "active", "previous", "cookie"};

bool cli_config_parse(char *text, size_t len, cli_configs_t *out, cli_buf_t *err)
{
    cfg_parser_t ps = {0};
    cli_config_t *cur = NULL;
    bool seen[K_COUNT] = {false};
    char *line = text;
    char *text_end = text + len;
    ps.err = err;
    out->count = 0;
    text[len] = '\0';

    while (line < text_end) {
        char *nl = memchr(line, '\n', (size_t)(text_end - line));
        char *next = nl != NULL ? nl + 1 : text_end;
        char *e = nl != NULL ? nl : text_end;
        if (e > line && e[-1] == '\r') e--;
        ps.line++;
        ps.p = line;
        ps.end = e;
        if (memchr(line, '\0', (size_t)(e - line)) != NULL) return fail(&ps, "NUL byte in the file");

        if (at_line_end(&ps)) {
            line = next;
            continue;
        }
        char *k;
        size_t klen;
        if (*ps.p == '[') {
            ps.p++;
            if (ps.p < ps.end && *ps.p == '[') return fail(&ps, "arrays of tables are not supported");
            if (!parse_key(&ps, &k, &klen)) return false;
            if (ps.p >= ps.end || *ps.p != ']') return fail(&ps, "expected ']' after the table name");
            ps.p++;
            if (!at_line_end(&ps)) return fail(&ps, "unexpected text after the table name");
            k[klen] = '\0';
            for (size_t i = 0; i < out->count; i++)
                if (strcmp(out->items[i].name, k) == 0) return fail(&ps, "table defined twice");
            if (out->count >= CLI_CONFIG_MAX) return fail(&ps, "too many configs");
            cur = &out->items[out->count++];
            cur->name = k;
            cur->url = cur->token = cur->org = "";
            cur->active = cur->previous = false;
            memset(seen, 0, sizeof seen);
            line = next;
            continue;
        }
        if (!parse_key(&ps, &k, &klen)) return false;
        if (ps.p >= ps.end || *ps.p != '=') return fail(&ps, "expected '=' after a key");
        ps.p++;
        skip_ws(&ps);
        if (ps.p >= ps.end) return fail(&ps, "expected a value after '='");
        bool is_str = false, bval = false;
        char *sval = NULL;
        size_t slen = 0;
        if (*ps.p == '"' || *ps.p == '\'') {
            if (!parse_string(&ps, &sval, &slen)) return false;
            is_str = true;
        } else if (ps.end - ps.p >= 4 && memcmp(ps.p, "true", 4) == 0) {
            ps.p += 4;
            bval = true;
        } else if (ps.end - ps.p >= 5 && memcmp(ps.p, "false", 5) == 0) {
            ps.p += 5;
            bval = false;
        } else {
            return fail(&ps, "unsupported value (only strings and booleans are read)");
        }
        if (!at_line_end(&ps)) return fail(&ps, "unexpected text after the value");
        if (cur == NULL) return fail(&ps, "key outside of a [table]");
        int which = -1;
        for (int i = 0; i < K_COUNT && which < 0; i++)
            if (key_is(k, klen, known_keys[i], false)) which = i;
        for (int i = 0; i < K_COUNT && which < 0; i++)
            if (key_is(k, klen, known_keys[i], true)) which = i;
        if (which >= 0) {
            if (seen[which]) return fail(&ps, "key defined twice");
            seen[which] = true;
            bool want_str = which == K_URL || which == K_TOKEN || which == K_ORG || which == K_COOKIE;
            if (want_str && !is_str) return fail(&ps, "value must be a string");
            if (!want_str && is_str) return fail(&ps, "value must be a boolean");
            if (is_str) sval[slen] = '\0';
            switch (which) {
            case K_URL: cur->url = sval; break;
            case K_TOKEN: cur->token = sval; break;
            case K_ORG: cur->org = sval; break;
            case K_ACTIVE: cur->active = bval; break;
            case K_PREVIOUS: cur->previous = bval; break;
            default: break;   /* cookie: not used */
            }
        }
        line = next;
    }
    return true;
}

cli_config_load_result_t cli_config_load(const char *path, char *text, size_t cap,
                                         cli_configs_t *out, bool *loose, cli_buf_t *err)
{
    struct stat st;
    size_t len = 0;
    int fd;
    out->count = 0;
    out->text_len = 0;       /* what text holds, kept current so every return can be wiped */
    *loose = false;
    do {
        fd = open(path, O_RDONLY | O_CLOEXEC);
    } while (fd < 0 && errno == EINTR);
    if (fd < 0) return CLI_CONFIG_ABSENT;
    if (fstat(fd, &st) == 0) {
        if (S_ISDIR(st.st_mode)) {
            close(fd);
            cli_puts(err, "read ");
            cli_puts(err, path);
            cli_puts(err, ": is a directory");
            return CLI_CONFIG_BAD;
        }
        *loose = (st.st_mode & (S_IRGRP | S_IROTH)) != 0;
    }
    for (;;) {
        if (len + 1 >= cap) {
            close(fd);
            cli_puts(err, "configs file ");
            cli_puts(err, path);
            cli_puts(err, ": larger than ");
            cli_put_uint(err, (unsigned long)(cap - 2));
            cli_puts(err, " bytes");
            return CLI_CONFIG_BAD;
        }
        ssize_t r = read(fd, text + len, cap - 1 - len);
        if (r < 0) {
            if (errno == EINTR) continue;
            int e = errno;
            close(fd);
            cli_puts(err, "read ");
            cli_puts(err, path);
            cli_puts(err, ": ");
            cli_puts(err, e == EISDIR ? "is a directory" : "read error");
            return CLI_CONFIG_BAD;
        }
        if (r == 0) break;
        len += (size_t)r;
        out->text_len = len;
    }
    close(fd);
    char msg[256];
    cli_buf_t m;
    cli_buf_init(&m, msg, sizeof msg);
    bool parsed = cli_config_parse(text, len, out, &m);
    out->text_len = len;
    if (!parsed) {
        cli_puts(err, "configs file ");
        cli_puts(err, path);
        cli_puts(err, ": ");
        cli_put(err, m.p, m.len);
        return CLI_CONFIG_BAD;
    }
    return CLI_CONFIG_LOADED;
}

static const cli_config_t default_config = {"default", "http://localhost:8086", "", "", true, false};

const cli_config_t *cli_config_select(const cli_configs_t *cs, const char *want, cli_buf_t *err)
{
    if (want != NULL) {
        const char *name = want;
        if (strcmp(want, "-") == 0) {
            name = "";
            for (size_t i = 0; i < cs->count; i++) {
                if (cs->items[i].previous) {
                    name = cs->items[i].name;
                    break;
                }
            }
        }
        for (size_t i = 0; i < cs->count; i++)
            if (strcmp(cs->items[i].name, name) == 0) return &cs->items[i];
        cli_puts(err, "config ");
        cli_put_quoted(err, name, strlen(name));
        cli_puts(err, " is not found");
        return NULL;
    }
    for (size_t i = 0; i < cs->count; i++)
        if (cs->items[i].active) return &cs->items[i];
    if (cs->count > 0) return &cs->items[0];
    return &default_config;
}

/* The home directory of uid from a passwd file, read in pieces. */
static bool passwd_home(const char *passwd_path, unsigned long uid, char *out, size_t cap)
{
    char buf[512];            /* small: a deep stack costs a page fault per page */
    char line[1024];
    size_t llen = 0;
    bool skipping = false, found = false;
    int fd = open(passwd_path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return false;
    for (;;) {
        ssize_t r = read(fd, buf, sizeof buf);
        if (r < 0 && errno == EINTR) continue;
        size_t n = r > 0 ? (size_t)r : 0;
        bool eof = r <= 0;
        for (size_t i = 0; i <= n && !found; i++) {
            bool eol = (i == n) ? eof : buf[i] == '\n';
            if (i == n && !eof) break;
            if (!eol) {
                if (llen + 1 < sizeof line) line[llen++] = buf[i];
                else skipping = true;
                continue;
            }
            line[llen] = '\0';
            if (!skipping && llen > 0 && line[0] != '#') {
                /* name:pw:uid:gid:gecos:home:shell */
                char *f[7] = {0};
                size_t nf = 0;
                char *s = line;
                f[nf++] = s;
                for (; *s != '\0' && nf < 7; s++) {
                    if (*s == ':') {
                        *s = '\0';
                        f[nf++] = s + 1;
                    }
                }
                if (nf >= 6) {
                    char *endp;
                    unsigned long u = strtoul(f[2], &endp, 10);
                    if (endp != f[2] && *endp == '\0' && u == uid) {
                        size_t hl = strlen(f[5]);
                        if (hl > 0 && hl < cap) {
                            memcpy(out, f[5], hl + 1);
                            found = true;
                        }
                    }
                }
            }
            llen = 0;
            skipping = false;
        }
        if (eof || found) break;
    }
    close(fd);
    return found;
}

void cli_config_default_path(char *out, size_t cap, const char *passwd_path)
{
    static const char suffix[] = "/.influxdbv2/configs";
    size_t hl;
    if (cap < 2) {
        if (cap > 0) out[0] = '\0';
        return;
    }
    /* the home directory straight into out, the suffix after it */
    if (!passwd_home(passwd_path != NULL ? passwd_path : "/etc/passwd", (unsigned long)getuid(),
                     out, cap)) {
        const char *e = getenv("HOME");
        if (e != NULL && e[0] != '\0') {
            hl = strlen(e);
            if (hl >= cap) {
                out[0] = '\0';
                return;
            }
            memcpy(out, e, hl + 1);
        } else if (getcwd(out, cap) == NULL) {
            out[0] = '.';
            out[1] = '\0';
        }
    }
    hl = strlen(out);
    /* Go's filepath.Join cleans a trailing slash away */
    while (hl > 1 && out[hl - 1] == '/') hl--;
    if (hl == 1 && out[0] == '/') hl = 0;
    if (hl + sizeof suffix > cap) {
        out[0] = '\0';
        return;
    }
    memcpy(out + hl, suffix, sizeof suffix);
}

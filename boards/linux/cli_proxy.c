/* SPDX-License-Identifier: Apache-2.0 */
/* cli_proxy.c - the run's proxy from the environment, as Go's
 * http.ProxyFromEnvironment chooses it (see cli_proxy.h). The proxy value
 * is read as Go's url.Parse reads it (net/url's parse, parseAuthority,
 * parseHost, unescape), for what ProxyFromEnvironment uses of it: scheme,
 * userinfo, host and port; its path and query are ignored, as Go's
 * transport ignores them. */
#include <string.h>

#include "il_proxy.h"
#include "il_text.h"
#include "il_wipe.h"
#include "cli_errors.h"
#include "cli_gourl.h"
#include "cli_proxy.h"

/* What url.Parse found, as slices of the value (NULL host: none). */
typedef struct px_url {
    char scheme[16];
    const char *user;     /* userinfo (escaped), or NULL */
    size_t user_n;
    const char *host;     /* u.Host: host[:port], brackets kept */
    size_t host_n;
} px_url_t;

static const char err_ctl[] = "net/url: invalid control character in URL";
static const char err_userinfo[] = "net/url: invalid userinfo";

static bool px_alnum(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

/* Go's unescape: the first bad "%" escape as Go's EscapeError quotes it
 * ("%zz", or what is left), or in host mode an escaped ASCII byte (only
 * "%25" may be) and a byte that needs escaping (InvalidHostError). NULL:
 * fine. why receives the text. */
static bool px_unescape_ok(const char *s, size_t n, bool host, cli_buf_t *why)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '%') {
            if (i + 2 >= n + 0 || il_hex_value(s[i + 1]) < 0 || il_hex_value(s[i + 2]) < 0 ||
                (host && il_hex_value(s[i + 1]) < 8 && memcmp(s + i, "%25", 3) != 0)) {
                size_t k = n - i < 3 ? n - i : 3;
                if (i + 2 < n && il_hex_value(s[i + 1]) >= 0 && il_hex_value(s[i + 2]) >= 0) k = 3;
                cli_puts(why, "invalid URL escape ");
                cli_put_quoted(why, s + i, k);
                return false;
            }
            i += 2;
        } else if (host && c < 0x80 && !px_alnum((char)c) && strchr("-_.~!$&'()*+,;=:[]<>\"", c) == NULL) {
            cli_puts(why, "invalid character ");
            cli_put_quoted(why, s + i, 1);
            cli_puts(why, " in host name");
            return false;
        }
    }
    return true;
}

/* parseHost: brackets and the port's digits, then the host's escapes. */
static bool px_host_ok(const char *h, size_t n, cli_buf_t *why)
{
    const char *colon = NULL;
    size_t i;
    if (n > 0 && h[0] == '[') {
        const char *end = NULL;
        for (i = 0; i < n; i++)
            if (h[i] == ']') end = h + i;
        if (end == NULL) {
            cli_puts(why, "missing ']' in host");
            return false;
        }
        colon = end + 1 < h + n ? end + 1 : NULL;
        if (colon != NULL && *colon != ':') {
            cli_puts(why, "invalid port ");
            cli_put_quoted(why, colon, (size_t)(h + n - colon));
            cli_puts(why, " after host");
            return false;
        }
    } else {
        for (i = 0; i < n; i++)
            if (h[i] == ':') colon = h + i;
    }
    for (const char *p = colon != NULL ? colon + 1 : h + n; p < h + n; p++) {
        if (*p < '0' || *p > '9') {
            cli_puts(why, "invalid port ");
            cli_put_quoted(why, colon, (size_t)(h + n - colon));
            cli_puts(why, " after host");
            return false;
        }
    }
    return px_unescape_ok(h, n, true, why);
}

/* parseAuthority: userinfo (validUserinfo, then its escapes) and host. */
static bool px_authority(px_url_t *u, const char *a, size_t n, cli_buf_t *why)
{
    const char *at = NULL;
    for (size_t i = 0; i < n; i++)
        if (a[i] == '@') at = a + i;
    u->host = at != NULL ? at + 1 : a;
    u->host_n = (size_t)(a + n - u->host);
    if (!px_host_ok(u->host, u->host_n, why)) return false;
    if (at == NULL) return true;
    u->user = a;
    u->user_n = (size_t)(at - a);
    for (size_t i = 0; i < u->user_n; i++) {
        if (!px_alnum(a[i]) && strchr("-._:~!$&'()*+,;=%@", a[i]) == NULL) {
            cli_puts(why, err_userinfo);
            return false;
        }
    }
    return px_unescape_ok(u->user, u->user_n, false, why);
}

/* getScheme: letters, then letters, digits, "+-."; NULL rest: an error. */
static const char *px_scheme(px_url_t *u, const char *s, cli_buf_t *why)
{
    size_t i = 0;
    while ((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') ||
           (i > 0 && ((s[i] >= '0' && s[i] <= '9') || s[i] == '+' || s[i] == '-' || s[i] == '.')))
        i++;
    u->scheme[0] = '\0';
    if (s[i] != ':') return s;
    if (i == 0) {
        cli_puts(why, "missing protocol scheme");
        return NULL;
    }
    if (i < sizeof u->scheme) {
        for (size_t k = 0; k < i; k++) u->scheme[k] = il_ascii_lower(s[k]);
        u->scheme[i] = '\0';
    }
    return s + i + 1;
}

/* url.Parse(s) as far as the proxy needs it: true, or false with the
 * reason in why. */
static bool px_parse(px_url_t *u, const char *s, cli_buf_t *why)
{
    const char *rest, *end;
    memset(u, 0, sizeof *u);
    if (cli_has_ctl(s)) {
        cli_puts(why, err_ctl);
        return false;
    }
    rest = px_scheme(u, s, why);
    if (rest == NULL) return false;
    end = rest + strcspn(rest, "?#");
    if (rest[0] != '/') {
        const char *seg_end = memchr(rest, '/', (size_t)(end - rest));
        if (u->scheme[0] != '\0') return true;                     /* opaque: no host */
        if (memchr(rest, ':', (size_t)((seg_end != NULL ? seg_end : end) - rest)) != NULL) {
            cli_puts(why, "first path segment in URL cannot contain colon");
            return false;
        }
    }
    if (rest[0] == '/' && rest[1] == '/' && (u->scheme[0] != '\0' || rest[2] != '/')) {
        const char *a = rest + 2, *slash = memchr(a, '/', (size_t)(end - a));
        size_t an = (size_t)((slash != NULL ? slash : end) - a);
        if (!px_authority(u, a, an, why)) return false;
        rest = a + an;
    }
    return px_unescape_ok(rest, (size_t)(end - rest), false, why);
}

/* Go's unescape of an already checked userinfo part into out (cap bytes). */
static bool px_decode(const char *s, size_t n, char *out, size_t cap)
{
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c == '%') {
            c = (char)(il_hex_value(s[i + 1]) << 4 | il_hex_value(s[i + 2]));
            i += 2;
        }
        if (o + 1 >= cap) return false;
        out[o++] = c;
    }
    out[o] = '\0';
    return true;
}

/* parseProxy's choice: the value itself when it parses with scheme http,
 * https or socks5 (socks5h too, here), else "http://" + value when that
 * parses. False when neither does (why: the first parse's reason). */
static bool px_choose(px_url_t *u, const char *value, char *prefixed, size_t cap, cli_buf_t *why)
{
    cli_buf_t scratch;
    char mem[160];
    bool ok = px_parse(u, value, why);
    if (ok && (strcmp(u->scheme, "http") == 0 || strcmp(u->scheme, "https") == 0 ||
               strcmp(u->scheme, "socks5") == 0 || strcmp(u->scheme, "socks5h") == 0))
        return true;
    size_t n = strlen(value);
    if (n + 8 > cap) return false;
    for (size_t k = 0; k < 7; k++) prefixed[k] = "http://"[k];
    memcpy(prefixed + 7, value, n + 1);
    cli_buf_init(&scratch, mem, sizeof mem);
    if (px_parse(u, prefixed, &scratch)) {
        why->len = 0;
        return true;
    }
    return false;
}

/* Host and port to dial (Go's canonicalAddr of the proxy URL). */
static void px_endpoint(cli_proxy_t *p, const px_url_t *u)
{
    const char *h = u->host, *port = NULL;
    size_t hn = u->host_n;
    if (hn > 0 && h[0] == '[') {
        const char *end = memchr(h, ']', hn);
        if (end + 1 < h + hn) port = end + 2;
        hn = (size_t)(end - h - 1);
        h++;
    } else {
        const char *colon = NULL;
        for (size_t i = 0; i < hn; i++)
            if (h[i] == ':') colon = h + i;
        if (colon != NULL) {
            port = colon + 1;
            hn = (size_t)(colon - h);
        }
    }
    if (!px_decode(h, hn, p->host, sizeof p->host)) p->host[0] = '\0';
    unsigned long v = 0;
    size_t pn = port != NULL ? (size_t)(u->host + u->host_n - port) : 0;
    for (size_t i = 0; i < pn && v <= 65535; i++) v = v * 10 + (unsigned long)(port[i] - '0');
    if (pn == 0) v = p->kind == CLI_PROXY_SOCKS5 ? 1080 : p->kind == CLI_PROXY_HTTPS ? 443 : 80;
    p->bad_port = v > 65535;
    p->port = (uint16_t)(p->bad_port ? 0 : v);
    if (pn >= sizeof p->port_text) pn = sizeof p->port_text - 1;
    memcpy(p->port_text, pn > 0 ? port : "", pn);
    p->port_text[pn] = '\0';
}

/* The credentials, percent-decoded (Go's u.User.Username(), Password()),
 * and their Basic header value. */
static void px_credentials(cli_proxy_t *p, const px_url_t *u)
{
    const char *colon = u->user != NULL ? memchr(u->user, ':', u->user_n) : NULL;
    size_t un;
    if (u->user == NULL) return;
    un = colon != NULL ? (size_t)(colon - u->user) : u->user_n;
    p->has_user = px_decode(u->user, un, p->user, sizeof p->user);
    p->has_pass = colon != NULL &&
                  px_decode(colon + 1, u->user_n - un - 1, p->pass, sizeof p->pass);
    if (p->has_user && il_proxy_basic(p->user, p->pass, p->basic, sizeof p->basic) != IL_OK)
        il_wipe(p->basic, sizeof p->basic);
}

/* The value of the first of two variables that is set and not empty. */
static const char *px_env(cli_getenv_fn env, const char *upper, const char *lower, const char **name)
{
    const char *v = env(upper);
    *name = upper;
    if (v != NULL && v[0] != '\0') return v;
    v = env(lower);
    *name = lower;
    return v != NULL && v[0] != '\0' ? v : NULL;
}

/* Go's redacted text of value for an error: the password after the
 * userinfo's first ':' becomes "xxxxx", as URL.Redacted writes it. */
static void px_put_redacted(cli_buf_t *b, const char *value)
{
    const char *start = strstr(value, "://"), *at, *colon;
    start = start != NULL ? start + 3 : value;
    size_t auth = strcspn(start, "/?#");
    at = NULL;
    for (size_t i = 0; i < auth; i++)
        if (start[i] == '@') at = start + i;
    colon = at != NULL ? memchr(start, ':', (size_t)(at - start)) : NULL;
    if (colon == NULL) {
        cli_put_quoted(b, value, strlen(value));
        return;
    }
    char mem[600];
    cli_buf_t t;
    cli_buf_init(&t, mem, sizeof mem);
    cli_put(&t, value, (size_t)(colon + 1 - value));
    cli_puts(&t, "xxxxx");
    cli_puts(&t, at);
    cli_put_quoted(b, t.p, t.len);
}

/* URL.Hostname() as Go keeps it: the host of url->host_header as written
 * (il_url lower-cases its host; Go's useProxy compares "localhost" before
 * lower-casing). */
static void px_written_host(const il_url_t *url, char *out, size_t cap)
{
    const char *h = url->host_header;
    size_t n = strlen(h);
    if (n > 0 && h[0] == '[') {
        const char *end = strchr(h, ']');
        h++;
        n = end != NULL ? (size_t)(end - h) : n - 1;
    } else if (strchr(h, ':') != NULL) {
        n = (size_t)(strchr(h, ':') - h);
    }
    if (n >= cap) n = cap - 1;
    memcpy(out, h, n);
    out[n] = '\0';
}

/* The proxy a set variable names (cli_proxy_resolve), apart so that its
 * buffers are on the stack only then: most runs set none, and each page of
 * stack a run reaches costs a page fault. */
#if defined(__GNUC__)
__attribute__((noinline))
#endif
static int px_resolve(cli_proxy_t *p, const il_url_t *url, cli_getenv_fn env, const char *value, cli_buf_t *why)
{
    char written[IL_URL_HOST_MAX];
    char prefixed[1200], reason_mem[200];
    cli_buf_t reason;
    px_url_t u;
    const char *no_proxy_name, *no_proxy;
    cli_buf_init(&reason, reason_mem, sizeof reason_mem);
    if (!px_choose(&u, value, prefixed, sizeof prefixed, &reason)) {
        cli_puts(why, "invalid proxy address ");
        px_put_redacted(why, value);
        cli_puts(why, ": parse ");
        px_put_redacted(why, value);
        cli_puts(why, ": ");
        cli_put(why, reason.p, reason.len);
        il_wipe(prefixed, sizeof prefixed);
        return CLI_EXIT_USAGE;
    }
    const char *cgi = env("REQUEST_METHOD");
    if (!url->tls && cgi != NULL && cgi[0] != '\0') {
        cli_puts(why, "refusing to use HTTP_PROXY value in CGI environment; see golang.org/s/cgihttpproxy");
        il_wipe(prefixed, sizeof prefixed);
        return CLI_EXIT_USAGE;
    }
    no_proxy = px_env(env, "NO_PROXY", "no_proxy", &no_proxy_name);
    px_written_host(url, written, sizeof written);
    if (!cli_noproxy_exempts(no_proxy, written, url->port)) {
        p->kind = strcmp(u.scheme, "https") == 0 ? CLI_PROXY_HTTPS
                : strncmp(u.scheme, "socks5", 6) == 0 ? CLI_PROXY_SOCKS5 : CLI_PROXY_HTTP;
        px_endpoint(p, &u);
        px_credentials(p, &u);
    }
    il_wipe(prefixed, sizeof prefixed);
    return CLI_EXIT_OK;
}

int cli_proxy_resolve(cli_proxy_t *p, const il_url_t *url, cli_getenv_fn env, cli_buf_t *why)
{
    const char *value;
    memset(p, 0, sizeof *p);
    value = url->tls ? px_env(env, "HTTPS_PROXY", "https_proxy", &p->var)
                     : px_env(env, "HTTP_PROXY", "http_proxy", &p->var);
    return value == NULL ? CLI_EXIT_OK : px_resolve(p, url, env, value, why);
}

void cli_proxy_wipe(cli_proxy_t *p)
{
    il_wipe(p->user, sizeof p->user);
    il_wipe(p->pass, sizeof p->pass);
    il_wipe(p->basic, sizeof p->basic);
}

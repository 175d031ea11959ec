/* SPDX-License-Identifier: Apache-2.0 */
/* cli_gourl.c - Go's url.Parse, only the checks that happen before a
 * request is made (see cli_gourl.h). */
#include "cli_gourl.h"

#include <string.h>

#include "il_text.h"

bool cli_has_ctl(const char *s)
{
    for (; *s != '\0'; s++) {
        unsigned char c = (unsigned char)*s;
        if (c < 0x20 || c == 0x7f) return true;
    }
    return false;
}

static bool scheme_letter(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool scheme_other(char c)
{
    return (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.';
}

/* Go's getScheme: a scheme ended by ':' goes into out->scheme (lower case;
 * "?" when longer than it holds, never http(s)) and *rest after it; NULL,
 * or "missing protocol scheme". */
static const char *gourl_scheme(const char *h, cli_gourl_t *out, const char **rest)
{
    size_t i = 0;
    *rest = h;
    out->scheme[0] = '\0';
    while (scheme_letter(h[i]) || (i > 0 && scheme_other(h[i]))) i++;
    if (h[i] != ':') return NULL;              /* no scheme: a path */
    if (i == 0) return "missing protocol scheme";
    if (i < sizeof out->scheme) {
        for (size_t k = 0; k < i; k++) out->scheme[k] = il_ascii_lower(h[k]);
        out->scheme[i] = '\0';
    } else {
        memcpy(out->scheme, "?", 2);
    }
    *rest = h + i + 1;
    return NULL;
}

const char *cli_gourl_parse(const char *host, cli_gourl_t *out)
{
    const char *rest, *reason;
    if (cli_has_ctl(host)) return "net/url: invalid control character in URL";
    reason = gourl_scheme(host, out, &rest);
    if (reason != NULL) return reason;
    if (out->scheme[0] == '\0' && rest[0] != '/') {
        const char *colon = strchr(rest, ':');
        const char *slash = strchr(rest, '/');
        if (colon != NULL && (slash == NULL || colon < slash)) return "first path segment in URL cannot contain colon";
    }
    out->authority[0] = '\0';
    if (rest[0] == '/' && rest[1] == '/') {
        size_t k = strcspn(rest + 2, "/?#");
        if (k >= sizeof out->authority) k = sizeof out->authority - 1;
        memcpy(out->authority, rest + 2, k);
        out->authority[k] = '\0';
    }
    out->scheme_ok = strcmp(out->scheme, "http") == 0 || strcmp(out->scheme, "https") == 0;
    return NULL;
}

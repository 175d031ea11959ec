/* SPDX-License-Identifier: Apache-2.0 */
/* cli_proxy.h - the proxy of a run, as Go's http.ProxyFromEnvironment
 * chooses it (golang.org/x/net/http/httpproxy, read once, as net/http's
 * envProxyFunc does):
 *  - HTTPS_PROXY (else https_proxy) for an https:// host, HTTP_PROXY (else
 *    http_proxy) for an http:// one, never the other; an empty value is unset;
 *  - a value whose scheme is not http, https or socks5 (or that does not
 *    parse) is tried again as "http://" + value (parseProxy); influx-lite
 *    also takes socks5h (README: deliberate differences);
 *  - no proxy for "localhost", loopback IPs, or a host NO_PROXY (else
 *    no_proxy) names (cli_noproxy.c);
 *  - with REQUEST_METHOD set (a CGI program), HTTP_PROXY is refused for
 *    http:// hosts (golang.org/s/cgihttpproxy), HTTPS_PROXY still used.
 * The proxy's credentials (its URL's userinfo, percent-decoded) are secrets:
 * kept here only, wiped by cli_proxy_wipe. */
#ifndef CLI_PROXY_H
#define CLI_PROXY_H

#include <stdbool.h>
#include <stdint.h>
#include "il_url.h"
#include "cli_flags.h"
#include "cli_out.h"

typedef enum cli_proxy_kind {
    CLI_PROXY_DIRECT,
    CLI_PROXY_HTTP,       /* http://: absolute-form requests, or CONNECT for https */
    CLI_PROXY_HTTPS,      /* https://: the same over TLS to the proxy */
    CLI_PROXY_SOCKS5      /* socks5:// or socks5h:// */
} cli_proxy_kind_t;

#define CLI_PROXY_CRED_MAX 256
#define CLI_PROXY_BASIC_MAX 700   /* "Basic " + base64 of user:pass of CLI_PROXY_CRED_MAX each */

typedef struct cli_proxy {
    cli_proxy_kind_t kind;
    char host[IL_URL_HOST_MAX];     /* to dial: Go's URL.Hostname(), brackets dropped */
    uint16_t port;                  /* URL.Port(), else the scheme's (80, 443, 1080) */
    bool bad_port;                  /* a port past 65535 (url.Parse takes it, the dial does not) */
    char port_text[16];             /* as written, for that dial error */
    bool has_user, has_pass;
    char user[CLI_PROXY_CRED_MAX], pass[CLI_PROXY_CRED_MAX];   /* secrets */
    char basic[CLI_PROXY_BASIC_MAX];                            /* the Proxy-Authorization value */
    const char *var;                /* the variable it came from ("HTTPS_PROXY", ...) */
} cli_proxy_t;

/* The proxy for url (http or https), from env. CLI_EXIT_OK with p->kind
 * DIRECT or a proxy; else the exit code, the failure's text (after the
 * request's url.Error prefix, which the caller writes) in why: the CGI
 * refusal, or a value Go could not parse at all (Go would then connect
 * directly without a word; influx-lite refuses: README). */
int cli_proxy_resolve(cli_proxy_t *p, const il_url_t *url, cli_getenv_fn env, cli_buf_t *why);

/* Whether NO_PROXY's value no_proxy exempts host:port (Go's useProxy, with
 * its localhost and loopback rule): false means "use the proxy". */
bool cli_noproxy_exempts(const char *no_proxy, const char *host, uint16_t port);

/* Wipe the credentials. */
void cli_proxy_wipe(cli_proxy_t *p);

#endif

/* SPDX-License-Identifier: Apache-2.0 */
/* cli_gourl.h - Go's url.Parse of --host (net/url/url.go: Parse, parse,
 * getScheme, parseAuthority, parseHost, validOptionalPort, unescape,
 * setPath, setFragment) for the official CLI's exact errors, and what the
 * request then makes of the URL (net/http's NewRequest drops an empty
 * port; the transport refuses an empty host and dials host:port with the
 * scheme's port by default; net's resolver refuses a name that is not a
 * domain name). il_url_parse then takes the URL apart for connecting. */
#ifndef CLI_GOURL_H
#define CLI_GOURL_H

#include <stdbool.h>
#include <stddef.h>
#include "il_url.h"

typedef struct cli_gourl {
    char scheme[16];                       /* lower-cased scheme ("" when none, "?" when too long) */
    char authority[IL_URL_HOST_MAX + 8];   /* Go's u.Host as the request has it: no userinfo, no empty port */
    bool scheme_ok;                        /* http or https */
    const char *port;                      /* the port as written (into the URL), NULL when none */
    size_t port_len;
    size_t quote_len;                      /* how much of the URL url.Error quotes */
    char reason[160];                      /* the error's text when it has a variable part */
} cli_gourl_t;

/* NULL when url.Parse accepts host (*out filled), else its reason
 * ("missing protocol scheme", "invalid port \":x\" after host", ...);
 * out->quote_len says how much of host Go's `parse "..."` shows. */
const char *cli_gourl_parse(const char *host, cli_gourl_t *out);

/* What net.Dial says of a port that does not fit 16 bits ("address 99999:
 * invalid port"), or NULL when the port is fine (or absent). */
bool cli_gourl_port_bad(const cli_gourl_t *u);

/* Whether Go's net dials name as an address literal: an IPv4 dotted quad
 * without leading zeros, or an IPv6 literal. */
bool cli_go_ip_literal(const char *name);

/* Whether Go's resolver gives up on name without asking anyone: it is not
 * a domain name (net's isDomainName: all-numeric names like 127.1 or
 * 0127.0.0.1 are not), or libc would read it as a number (0x7f.1) where Go
 * would only ask DNS, which knows no such name. */
bool cli_go_no_such_host(const char *name);

/* s holds a control byte (below 0x20, or 0x7f). */
bool cli_has_ctl(const char *s);

#endif

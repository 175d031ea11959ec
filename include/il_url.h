/* SPDX-License-Identifier: Apache-2.0 */
/* il_url.h - parse the --host URL.
 *
 * Accepts http:// and https:// URLs with a host name, an IPv4 literal or a
 * bracketed IPv6 literal, an optional port (1..65535) and an optional path,
 * query or fragment, which are ignored as the official CLI ignores them. */
#ifndef IL_URL_H
#define IL_URL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "il_status.h"

#define IL_URL_HOST_MAX 256

typedef struct il_url {
    bool tls;                         /* https */
    uint16_t port;                    /* explicit port, else 80 or 443 */
    bool port_explicit;
    char host[IL_URL_HOST_MAX];       /* name or address, IPv6 without brackets */
    char host_header[IL_URL_HOST_MAX + 8]; /* Host header: host[:port] as written */
} il_url_t;

/* Parse the NUL-terminated url into *out (caller-owned; no pointers into url
 * are kept). IL_ERR_URL_SCHEME for a scheme other than http/https (including
 * none), IL_ERR_URL for anything else that is not a usable URL (empty host,
 * bad port, bad IPv6 literal, control bytes or spaces, too long). */
il_status_t il_url_parse(const char *url, il_url_t *out);

#endif

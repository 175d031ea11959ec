/* SPDX-License-Identifier: Apache-2.0 */
/* cli_gourl.h - the checks Go's url.Parse makes of --host before any
 * request, for the official CLI's exact errors, and what the error texts
 * need of the URL (scheme, authority). il_url_parse then takes the URL
 * apart for connecting. */
#ifndef CLI_GOURL_H
#define CLI_GOURL_H

#include <stdbool.h>
#include "il_url.h"

typedef struct cli_gourl {
    char scheme[16];                       /* lower-cased scheme ("" when none, "?" when too long) */
    char authority[IL_URL_HOST_MAX + 8];   /* Go's u.Host ("" when none) */
    bool scheme_ok;                        /* http or https */
} cli_gourl_t;

/* NULL when url.Parse accepts host (*out filled), else its reason
 * ("missing protocol scheme", ...). */
const char *cli_gourl_parse(const char *host, cli_gourl_t *out);

/* s holds a control byte (below 0x20, or 0x7f). */
bool cli_has_ctl(const char *s);

#endif

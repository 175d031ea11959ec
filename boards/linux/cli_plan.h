/* SPDX-License-Identifier: Apache-2.0 */
/* cli_plan.h - what a leaf command will do, settled before anything is
 * sent: the configs file and the config chosen, the host URL (Go's checks,
 * then ours), positional arguments, v1's --id / --username rule, the first
 * IDs, the token and every local check, in the official CLI's order. */
#ifndef CLI_PLAN_H
#define CLI_PLAN_H

#include <stdbool.h>
#include "il_url.h"
#include "cli_args.h"
#include "cli_config.h"
#include "cli_gourl.h"
#include "cli_headers.h"
#include "cli_ids.h"
#include "cli_out.h"
#include "cli_redact.h"

#define CLI_CONFIG_PATH_MAX 1200

typedef struct cli_plan {
    bool v1;                    /* v1 auth set-inactive */
    bool by_name;               /* v1, by --username */
    bool batch;                 /* more than one ID */
    const char *host;           /* --host, else the config's URL */
    const char *token;          /* --token, else the config's */
    const char *cookie;         /* the config's cookie when the token is "": sign in first (else NULL) */
    cli_headers_t *headers;     /* the caller's: the hidden flags' headers, read and checked here */
    bool with_headers;          /* *headers is used: a hidden flag, or a sign-in */
    const char *username;       /* --username ("" by ID) */
    const char *first_id;       /* the first ID (NULL by name) */
    const char *next_id;        /* the second one (NULL: a single inactivation) */
    cli_gourl_t gourl;          /* host as Go's url.Parse sees it (for error texts) */
    il_url_t url;               /* host to connect to */
    cli_configs_t configs;      /* parsed in the cli_config_file_t's memory */
    char *token_mem;            /* the caller's CLI_TOKEN_MAX bytes: the token is held there */
    cli_secrets_t *secrets;     /* the token is registered there */
    char config_path[CLI_CONFIG_PATH_MAX];
} cli_plan_t;

/* Memory used only when a configs file exists or is bad. */
typedef struct cli_config_file {
    char text[CLI_CONFIG_FILE_MAX + 2];
    char err[1600];
    cli_config_mem_t mem;       /* the TOML reader's records: touched as far as the file needs */
} cli_config_file_t;

/* Settle *p from the arguments, the configs file (read into *cf) and the
 * first IDs of *ids (opened here for --ids-from), and p->headers from the
 * hidden flags; p->token_mem and p->secrets must be set: the token, from
 * wherever it comes, is copied to token_mem and registered, as is a
 * config's cookie. CLI_EXIT_OK, or the exit code with its "Error: ..." line
 * in err; warnings go to err as well. */
int cli_plan_make(cli_plan_t *p, const cli_args_t *a, cli_config_file_t *cf, cli_ids_t *ids, cli_buf_t *err);

#endif

/* SPDX-License-Identifier: Apache-2.0 */
/* cli_args.h - command line and environment, parsed as the official CLI's
 * urfave/cli v1.22.5 + Go flag package do: argument reordering, one or two
 * dashes, -x=v / -x v, bool flags, env defaults, alias conflicts, the
 * "-t -abc" rewrite, and Go's error texts. No allocation: results point
 * into argv and the environment. */
#ifndef CLI_ARGS_H
#define CLI_ARGS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "cli_help.h"

#define CLI_MAX_ARGS 128
#define CLI_DEFAULT_TIMEOUT_MS 30000   /* --timeout default: 30s */
#define CLI_MAX_RETRIES 10

typedef enum cli_action {
    CLI_ACT_RUN,          /* run the leaf command */
    CLI_ACT_HELP,         /* print help of `level` on stdout, exit 0 */
    CLI_ACT_VERSION,      /* print the version, exit 0 */
    CLI_ACT_USAGE,        /* stdout "Incorrect Usage: err\n\n" + help; stderr "Error: err"; exit 1 */
    CLI_ACT_ERROR         /* [help on stdout if with_help]; stderr "Error: err"; exit 1 */
} cli_action_t;

typedef const char *(*cli_getenv_fn)(const char *name);

typedef struct cli_args {
    cli_action_t action;
    cli_level_t level;          /* the command reached */
    bool app_usage;             /* CLI_ACT_USAGE at app/group level: "Incorrect Usage. " */
    bool with_help;             /* CLI_ACT_ERROR: help first (required flag) */
    char err[512];              /* the error text, without "Error: " */
    unsigned token_warnings;    /* "-t -abc" rewrites done (warning lines to print) */
    const char *token_warning_flag[8]; /* "-t" or "--token" of each */

    const char *host, *token, *configs_path, *active_config, *id, *username;
    bool host_set, token_set, configs_path_set, active_config_set, id_set, username_set;
    bool username_from_env;     /* INFLUX_USERNAME supplied it */
    bool skip_verify, json, hide_headers, http_debug;

    /* influx-lite's own flags (OPTIONS, after the documented ones) */
    const char *ids[CLI_MAX_ARGS];  /* every --id / -i value in order (a->id is the last) */
    size_t nids;
    const char *ids_from;       /* --ids-from FILE or "-" */
    bool ids_from_set;
    int64_t timeout_ms;         /* --timeout / INFLUX_LITE_TIMEOUT, > 0 */
    unsigned retries;           /* --retries, 0..CLI_MAX_RETRIES */
    const char *ca_cert;        /* --ca-cert FILE */
    bool ca_cert_set;
    uint8_t pin[32];            /* --pin-sha256 */
    bool pin_set;

    const char *positional[CLI_MAX_ARGS];
    size_t npositional;
} cli_args_t;

/* Parse argv[1..argc) (argv[0] is ignored: `influx` and `influx-lite` behave
 * the same). env looks up an environment variable (NULL when unset). */
void cli_args_parse(cli_args_t *a, int argc, char **argv, cli_getenv_fn env);

/* strconv.ParseBool: 1 t T TRUE true True 0 f F FALSE false False. */
bool cli_parse_bool(const char *s, bool *out);

/* time.ParseDuration ("30s", "1m30s", "500ms", "1.5h", "0"): *ms is the
 * value in milliseconds, rounded up; false when the syntax is invalid. */
bool cli_parse_duration(const char *s, int64_t *ms, bool *negative);

/* A SHA-256 pin: base64 (standard or URL alphabet, padding optional),
 * "sha256//" + base64 (curl), or 64 hex digits (':' between bytes allowed). */
bool cli_parse_pin(const char *s, uint8_t out[32]);

#endif

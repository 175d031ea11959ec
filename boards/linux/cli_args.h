/* SPDX-License-Identifier: Apache-2.0 */
/* cli_args.h - command line and environment, parsed as the official CLI's
 * urfave/cli v1.22.5 + Go flag package do: the command tree, argument
 * reordering, one or two dashes, -x=v / -x v, bool flags, env defaults,
 * alias conflicts, the "-t -abc" rewrite, and Go's error texts (the flag
 * rules themselves are in cli_flags.c). No allocation: results point into
 * argv, the environment and the caller's scratch. */
#ifndef CLI_ARGS_H
#define CLI_ARGS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "cli_flags.h"
#include "cli_help.h"

typedef enum cli_action {
    CLI_ACT_RUN,          /* run the leaf command */
    CLI_ACT_HELP,         /* print help of `level` on stdout, exit 0 */
    CLI_ACT_VERSION,      /* print the version, exit 0 */
    CLI_ACT_USAGE,        /* stdout "Incorrect Usage: err\n\n" + help; stderr "Error: err"; exit 1 */
    CLI_ACT_ERROR,        /* [help on stdout if with_help]; stderr "Error: err"; exit 1 */
    CLI_ACT_COMPLETE,     /* last argument --generate-bash-completion: the candidates (cli_complete.h) */
    CLI_ACT_SCRIPT        /* `completion SHELL`: the script (cli_complete.h) */
} cli_action_t;

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
    bool skip_verify, json, hide_headers, http_debug;

    /* the official CLI's hidden flags */
    const char *trace_id;       /* --trace-debug-id / INFLUX_TRACE_DEBUG_ID */
    bool trace_id_set;          /* given, or the variable exists (urfave IsSet) */
    const cli_text_t *extra;    /* --extra-http-header values (the scratch's) */
    size_t nextra;
    size_t nextra_env;          /* of which the first ones came from the environment */
    const char *trace_prefix;   /* $INFLUX_CLI_TRACE_PRINT_PREFIX, else "trace-id: " */

    /* influx-lite's own flags (OPTIONS, after the documented ones) */
    const char *ids_from;       /* --ids-from FILE or "-" */
    bool ids_from_set;
    int64_t timeout_ms;         /* --timeout / INFLUX_LITE_TIMEOUT, > 0 */
    unsigned retries;           /* --retries, 0..CLI_MAX_RETRIES */
    const char *ca_cert;        /* --ca-cert FILE */
    bool ca_cert_set;
    uint8_t pin[32];            /* --pin-sha256 */
    bool pin_set;
    const char *token_file;     /* --token-file / INFLUX_TOKEN_FILE */
    bool token_file_set;        /* the token comes from it (a flag beats an env variable) */
    bool token_sources_clash;   /* both --token and --token-file, or both variables */
    bool token_too_long;        /* the argv token did not fit CLI_TOKEN_MAX (it is wiped all the same) */

    const char *const *positional;
    size_t npositional;
    size_t nargs;               /* scratch->args in use (after the "-t X" rewrite) */
    bool complete_leaf;         /* CLI_ACT_COMPLETE: a command without sub-commands was reached (level) */
    struct cli_args_scratch *scratch;   /* the caller's, given to cli_args_parse */
} cli_args_t;

/* The parser's scratch (the caller's; a->positional points into it), in the
 * order a run touches it. */
typedef struct cli_args_scratch {
    cli_flag_set_t flags;
    cli_arg_t args[CLI_MAX_ARGS];       /* argv after the "-t X" rewrite */
    cli_arg_t reordered[CLI_MAX_ARGS];
    cli_arg_t rest[CLI_MAX_ARGS];
    const char *positional[CLI_MAX_ARGS];
} cli_args_scratch_t;

/* Parse argv[1..argc) (argv[0] is ignored: `influx` and `influx-lite` behave
 * the same) into *a, with s as scratch (it must outlive a). env looks up an
 * environment variable (NULL when unset). */
void cli_args_parse(cli_args_t *a, cli_args_scratch_t *s, int argc, char **argv, cli_getenv_fn env);

#endif

/* SPDX-License-Identifier: Apache-2.0 */
/* cli_flags.h - the leaf commands' flag set, parsed as urfave/cli v1.22.5
 * (argument reordering, env defaults, "two forms of the same flag") on top
 * of Go's flag package (one or two dashes, -x=v / -x v, bool flags, its
 * error texts). Used by cli_args.c; results point into argv and the
 * environment. */
#ifndef CLI_FLAGS_H
#define CLI_FLAGS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "cli_out.h"

#define CLI_MAX_ARGS 128
#define CLI_DEFAULT_TIMEOUT_MS 30000   /* --timeout default: 30s */
#define CLI_MAX_RETRIES 10
#define CLI_MAX_EXTRA_HEADERS 32       /* --extra-http-header values, environment's included */

typedef const char *(*cli_getenv_fn)(const char *name);

typedef enum cli_flag_id {
    CLI_F_HOST, CLI_F_SKIP_VERIFY, CLI_F_CONFIGS_PATH, CLI_F_ACTIVE_CONFIG, CLI_F_TRACE_ID, CLI_F_EXTRA_HEADER,
    CLI_F_HTTP_DEBUG, CLI_F_JSON, CLI_F_HIDE_HEADERS, CLI_F_TOKEN, CLI_F_ID, CLI_F_USERNAME, CLI_F_IDS_FROM,
    CLI_F_TIMEOUT, CLI_F_RETRIES, CLI_F_CA_CERT, CLI_F_PIN, CLI_F_TOKEN_FILE, CLI_F_HELP, CLI_F_COUNT
} cli_flag_id_t;

/* Bytes p[0..n) of an argument or of the environment (not NUL-terminated). */
typedef struct cli_text {
    const char *p;
    size_t n;
} cli_text_t;

/* One argument after the "-t X" rewrite: text, or text "=" eqval. */
typedef struct cli_arg {
    const char *s;
    const char *eqval;
} cli_arg_t;

/* What the flags said. */
typedef struct cli_flag_set {
    bool visited[CLI_F_COUNT][2];      /* given on the command line, [long, short] form */
    const char *sval[CLI_F_COUNT];     /* value flags: the value (NULL: none) */
    bool bval[CLI_F_COUNT];            /* bool flags */
    bool env_set[CLI_F_COUNT];         /* the environment gave a default */
    int64_t timeout_ms;
    unsigned retries;
    uint8_t pin[32];
    /* --extra-http-header, a urfave StringSliceFlag: the environment's values
     * (split at commas, trimmed), then every one given, in order */
    cli_text_t extra[CLI_MAX_EXTRA_HEADERS];
    size_t nextra;
    size_t nextra_env;                 /* the first ones: the environment's */
} cli_flag_set_t;

/* The i-th flag of the table, in registration order (the help's): its
 * long and short names (NULL: none) and id; false past the last. */
bool cli_flags_def(size_t i, const char *names[2], cli_flag_id_t *id);

/* Start an empty set (defaults: --timeout 30s). */
void cli_flags_init(cli_flag_set_t *fs);

/* The environment's defaults (urfave's flag EnvVar), in registration order;
 * false with the error text in err. */
bool cli_flags_env(cli_flag_set_t *fs, cli_getenv_fn env, cli_buf_t *err);

/* urfave's reorderArgs: flags (with their values) first, then the rest;
 * out and rest each hold n entries. Returns n. */
size_t cli_flags_reorder(const cli_arg_t *in, size_t n, cli_arg_t *out, cli_arg_t *rest);

/* Go's flag.FlagSet.Parse over args: the index of the first positional
 * argument, or -1 with the error text in err. */
long cli_flags_parse(cli_flag_set_t *fs, const cli_arg_t *args, size_t n, cli_buf_t *err);

/* urfave's normalizeFlags: both forms of one flag is an error (in err). */
bool cli_flags_normalize(const cli_flag_set_t *fs, cli_buf_t *err);

/* The flag was on the command line (either form). */
bool cli_flags_given(const cli_flag_set_t *fs, cli_flag_id_t id);

#endif

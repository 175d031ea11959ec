/* SPDX-License-Identifier: Apache-2.0 */
/* cli_config.h - the influx CLI configs file (~/.influxdbv2/configs).
 *
 * A small, strict TOML reader for exactly what `influx config` writes:
 * [name] / ["quoted name"] tables; url, token, org, active, previous, cookie
 * (ignored) keys; basic strings with TOML escapes, literal strings, booleans,
 * comments, blank lines. Unknown keys are ignored, keys fall back to a
 * case-insensitive match. Parsing is in place: names and values point into
 * the caller's text buffer, NUL-terminated. No allocation. */
#ifndef CLI_CONFIG_H
#define CLI_CONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include "cli_out.h"

#define CLI_CONFIG_MAX 64
#define CLI_CONFIG_FILE_MAX (64 * 1024)

typedef struct cli_config {
    const char *name;
    const char *url;      /* "" when absent (absent is not a fallback) */
    const char *token;
    const char *org;
    bool active, previous;
} cli_config_t;

typedef struct cli_configs {
    size_t count;
    size_t text_len;      /* bytes of the file text read (cli_config_load), to wipe */
    cli_config_t *items;  /* the caller's array of cap entries */
    size_t cap;
} cli_configs_t;

/* An empty set over the caller's items[0..cap) (CLI_CONFIG_MAX: the
 * official CLI's files hold far fewer). */
void cli_configs_init(cli_configs_t *cs, cli_config_t *items, size_t cap);

/* Parse text[0..len) (text[len] must be writable). false with err holding
 * "line N: <what>" for a malformed file. */
bool cli_config_parse(char *text, size_t len, cli_configs_t *out, cli_buf_t *err);

typedef enum cli_config_load_result {
    CLI_CONFIG_LOADED,
    CLI_CONFIG_ABSENT,      /* could not be opened: the default config applies */
    CLI_CONFIG_BAD,         /* err holds the whole message (without "Error: ") */
    CLI_CONFIG_NO_RESOURCES /* out of file descriptors or memory: err says so, as BAD */
} cli_config_load_result_t;

/* Read and parse the file at path into text[0..cap). *loose is set when the
 * file is readable by group or others. */
cli_config_load_result_t cli_config_load(const char *path, char *text, size_t cap,
                                         cli_configs_t *out, bool *loose, cli_buf_t *err);

/* Select: want != NULL is -c/--active-config ("-" = the previous one);
 * else the first active, else the first, else the default config
 * (http://localhost:8086, no token). NULL with err set when want is not
 * found: config "NAME" is not found. */
const cli_config_t *cli_config_select(const cli_configs_t *cs, const char *want, cli_buf_t *err);

/* <home>/.influxdbv2/configs, home from /etc/passwd for getuid() (what Go's
 * os/user does without cgo), else $HOME, else the working directory. */
void cli_config_default_path(char *out, size_t cap, const char *passwd_path);

#endif

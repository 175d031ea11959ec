/* SPDX-License-Identifier: Apache-2.0 */
/* cli_config.h - the influx CLI configs file (~/.influxdbv2/configs).
 *
 * Read as the official CLI reads it: any TOML 1.0 document (cli_toml.h,
 * BurntSushi/toml's rules and error texts) decoded into Go's
 * map[string]config.Config (config/config.go): every top-level key must be
 * a table, whose url, token, org and cookie must be strings and active and
 * previous booleans (matched exactly, else case-insensitively as
 * strings.EqualFold does); every other key is ignored. The decoder's type
 * errors are its own texts. Names and values point into the caller's text
 * buffer, decoded in place and NUL-terminated when a config is taken. No
 * allocation. */
#ifndef CLI_CONFIG_H
#define CLI_CONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include "cli_out.h"
#include "cli_toml.h"

#define CLI_CONFIG_FILE_MAX (64 * 1024)

typedef struct cli_config {
    const char *name;
    const char *url;      /* "" when absent (absent is not a fallback) */
    const char *token;
    const char *org;
    const char *cookie;   /* base64 of "user:password" or "user" (influx config create -u/-p): sign in */
    bool active, previous;
} cli_config_t;

/* What parsing a file of up to CLI_CONFIG_FILE_MAX bytes may need. */
typedef struct cli_config_mem {
    cli_toml_node_t nodes[CLI_TOML_NODES(CLI_CONFIG_FILE_MAX)];
    uint32_t slots[65536];
    uint32_t parts[2 * CLI_TOML_NODES(CLI_CONFIG_FILE_MAX)];
} cli_config_mem_t;

typedef struct cli_configs {
    size_t count;         /* configs in the file */
    size_t text_len;      /* bytes of the file text read (cli_config_load), to wipe */
    bool loaded;          /* a file was read (a missing one reads as no configs) */
    cli_toml_doc_t doc;
    cli_toml_mem_t mem;
    cli_config_t sel;     /* the config cli_config_select chose */
} cli_configs_t;

/* An empty set, parsing in mem. */
void cli_configs_init(cli_configs_t *cs, cli_config_mem_t *mem);

/* Parse text[0..len) (text[len] must be writable) and check every config
 * as the official decoder does. false with err holding its text. */
bool cli_config_parse(char *text, size_t len, cli_configs_t *out, cli_buf_t *err);

/* The k-th config (0 <= k < count), in the order of the file. */
void cli_config_get(cli_configs_t *cs, size_t k, cli_config_t *out);

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

/* Select: want != NULL is -c/--active-config ("-" = the previous one, as
 * config/local.go's parsePreviousActive finds it); else the first active,
 * else the first, else the default config (http://localhost:8086, no
 * token). NULL with err set as the official CLI words it: config "NAME" is
 * not found; previous  activated config is not found; more than one
 * previous  activated configs found. */
const cli_config_t *cli_config_select(cli_configs_t *cs, const char *want, cli_buf_t *err);

/* <home>/.influxdbv2/configs, home from /etc/passwd for getuid() (what Go's
 * os/user does without cgo), else $HOME, else the working directory. */
void cli_config_default_path(char *out, size_t cap, const char *passwd_path);

#endif

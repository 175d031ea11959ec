/* SPDX-License-Identifier: Apache-2.0 */
/* cli_toml.h - TOML 1.0 read as the official CLI reads its configs file:
 * BurntSushi/toml at the version influx-cli v2.8.0's go.mod pins
 * (v1.4.1-0.20240526193622-a339e1f7089c): what it accepts, and its errors
 * word for word ("toml: line N (last key "K"): ...", ParseError.Error() in
 * error.go; the texts of lex.go and parse.go).
 *
 * A streaming parser over the file buffer, without heap and without a
 * tree: strings and key names are decoded in place, and what TOML's rules
 * need remembered (which keys and tables exist, their kind, whether they
 * were only implied) is one record per key in the caller's array. Every
 * key costs at least two bytes of the file, so CLI_TOML_NODES(len) records
 * always suffice: the number of keys and tables has no limit short of the
 * file's size. Arrays and inline tables nest at most CLI_TOML_DEPTH_MAX
 * deep (a C stack frame each; Go's grows on demand). */
#ifndef CLI_TOML_H
#define CLI_TOML_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "cli_out.h"

#define CLI_TOML_DEPTH_MAX 256
/* Records for a file of len bytes: the root, and one per key or table. */
#define CLI_TOML_NODES(len) ((len) / 2 + 4)
/* Hash slots needed for them (at most two thirds full). */
#define CLI_TOML_SLOTS(len) (CLI_TOML_NODES(len) / 2 * 3 + 8)

enum { CLI_TOML_MAP = 1, CLI_TOML_AMAP, CLI_TOML_VAL };            /* kind */
#define CLI_TOML_ELEM 2u    /* flags: an element of an array of tables (no name) */
#define CLI_TOML_DEAD 8u    /* flags: replaced by a later definition; not part of the document */
enum { CLI_TOML_STRING = 1, CLI_TOML_INT, CLI_TOML_FLOAT, CLI_TOML_BOOL,   /* vtype of a VAL */
       CLI_TOML_DATETIME, CLI_TOML_ARRAY };

/* One key (or an element of an array of tables). Names and string values
 * are offsets into the text, decoded; elements have no name. */
typedef struct cli_toml_node {
    uint32_t parent;            /* index of the table it belongs to; 0: the root */
    uint32_t name, name_len;
    uint32_t val, val_len;      /* a string's value; an AMAP's current element (val) */
    uint32_t line;              /* line of its last definition, as the decoder names it (0: none) */
    uint8_t kind, vtype, flags;
    uint8_t boolean;            /* a BOOL's value */
} cli_toml_node_t;

/* Where the parser works: the caller's memory. nodes[0..node_cap) with
 * node_cap >= CLI_TOML_NODES(len); slots[0..slot_cap) with slot_cap a power
 * of two >= CLI_TOML_SLOTS(len) (only as many as the file needs are cleared);
 * parts: 2 * node_cap entries (a key's parts until its '='). */
typedef struct cli_toml_mem {
    cli_toml_node_t *nodes;
    uint32_t node_cap;
    uint32_t *slots;
    uint32_t slot_cap;
    uint32_t *parts;
} cli_toml_mem_t;

/* The parse result: nodes[1..count) in order of first definition. */
typedef struct cli_toml_doc {
    char *text;                 /* the file text (decoded in place) */
    const cli_toml_node_t *nodes;
    uint32_t count;
} cli_toml_doc_t;

/* Parse text[0..len): true with *doc filled, or false with err holding the
 * official error text ("toml: line 3 (last key \"a.token\"): strings cannot
 * contain newlines"). */
bool cli_toml_parse(char *text, size_t len, const cli_toml_mem_t *mem, cli_toml_doc_t *doc, cli_buf_t *err);

/* The line (from 1) of offset off in text[0..len). */
uint32_t cli_toml_line_of(const char *text, size_t off);

/* Append Go's %q of the key path of node i (BurntSushi's Key.String(): parts
 * joined by '.', a part that is not a bare key quoted). */
void cli_toml_put_path(cli_buf_t *b, const cli_toml_doc_t *doc, uint32_t i);

#endif

/* SPDX-License-Identifier: Apache-2.0 */
/* cli_toml_int.h - what the parts of the TOML reader share (see
 * cli_toml.h): cli_toml_lex.c reads runes, strings and comments with
 * lex.go's checks and texts; cli_toml_value.c the values (arrays, inline
 * tables), cli_toml_number.c numbers, dates and words, with parse.go's;
 * cli_toml_parse.c the keys, the tables and what they define. */
#ifndef CLI_TOML_INT_H
#define CLI_TOML_INT_H

#include "cli_toml.h"

#define TL_IMPLICIT 1u      /* created only as a parent ("implicit" in parse.go) */
#define TL_ELEM CLI_TOML_ELEM
#define TL_ITYPE_ARRAY 4u   /* the decoder's record says "array" (keyInfo.tomlType == tomlArray) */
#define TL_EOF 0xFFFFFFFFu  /* tl_get's rune at the end of the text */

typedef struct tl {
    char *s;                /* the text after a byte order mark */
    size_t len, pos;
    const cli_toml_mem_t *m;
    uint32_t n;             /* records in use (0 is the root) */
    uint32_t mask;          /* slots in use - 1 */
    uint32_t ctx;           /* the table keys go to (p.context) */
    uint32_t cur, cur_len;  /* the key being defined (p.currentKey), valid when has_cur */
    bool has_cur;
    size_t key_off;         /* offset of the last key or table name read (p.pos) */
    uint32_t nparts;        /* parts of the key being read (m->parts) */
    int depth;              /* arrays and inline tables open */
    bool failed;
    cli_buf_t *err;
    size_t line_off;        /* cli_toml_line_of's cache: line_no is the line of line_off */
    uint32_t line_no;
} tl_t;

/* ---- cli_toml_lex.c ---- */
/* The rune at off: its width (0 at the end, *r = TL_EOF), or -1 after
 * lex.go's error for a control character or invalid UTF-8. */
int tl_get(tl_t *t, size_t off, uint32_t *r);
/* Skip blanks (and newlines too when nl); false on a bad rune. */
bool tl_skip(tl_t *t, bool nl);
/* '#' at t->pos: the comment up to the newline (not taken). */
bool tl_comment(tl_t *t);
/* A string starting at t->pos (its quote or quotes): decoded in place into
 * [*off, *off + *len); *item the offset its item is reported at. Keys:
 * single-line forms only. */
bool tl_string(tl_t *t, bool key, uint32_t *off, uint32_t *len, size_t *item);
/* Start an error at offset off ("toml: line N (last key ...): "); the
 * caller appends the message. NULL when an error was already reported. */
cli_buf_t *tl_error(tl_t *t, size_t off);
/* The offset lex.go reports an error at the end of the text at. */
size_t tl_eof_off(const tl_t *t);
/* Go's %q of a rune (TL_EOF: '\x00'). */
void tl_put_rune_q(cli_buf_t *b, uint32_t r);
/* A rune as UTF-8 (TL_EOF: a NUL byte, as %c of Go's eof). */
void tl_put_rune(cli_buf_t *b, uint32_t r);
bool tl_fail(tl_t *t, size_t off, const char *msg);
uint32_t tl_line(tl_t *t, size_t off);
bool tl_is_bare(uint32_t r);

/* ---- cli_toml_value.c ---- */
/* The value at t->pos (lexValue): the kind and type of what it is, the
 * offset of its item, a string's decoded value. */
typedef struct tl_value {
    uint8_t kind, vtype, boolean;
    size_t item;
    uint32_t soff, slen;
} tl_value_t;
bool tl_value(tl_t *t, bool in_array, tl_value_t *v);

/* ---- cli_toml_number.c ---- */
bool tl_number_value(tl_t *t, uint32_t r, tl_value_t *v);
bool tl_word(tl_t *t, uint32_t first, tl_value_t *v);
bool tl_letter(uint32_t r);
bool tl_digit(uint32_t r);
int tl_peek(tl_t *t, uint32_t *r);
bool tl_take(tl_t *t, bool (*ok)(uint32_t));
bool tl_float_char(uint32_t r);
bool tl_num_fail(tl_t *t, size_t item, const char *what, const char *s, size_t n, const char *why);

/* ---- cli_toml_parse.c ---- */
/* A key (dotted parts), then '=', then its value, in the current table
 * (top level, or an inline table's). */
bool tl_keyval(tl_t *t);
/* The current key's table as an inline table opens ('{' at item). */
bool tl_inline_open(tl_t *t, bool in_array, size_t item, uint32_t *saved_ctx);
/* A key about to hold an array (setType(currentKey, tomlArray)). */
void tl_array_open(tl_t *t, size_t item);

#endif

/* SPDX-License-Identifier: Apache-2.0 */
/* cli_toml_value.c - a value of the configs file: lex.go's lexValue, and
 * arrays and inline tables (lexArrayValue / End, lexInlineTableValue / End,
 * parse.go's valueArray and valueInlineTable) with their error texts;
 * numbers, datetimes and words are cli_toml_number.c's. See cli_toml.h. */
#include "cli_toml_int.h"

#include <string.h>

/* valueArray: '[' at t->pos. */
static bool tl_array(tl_t *t, tl_value_t *v)
{
    uint32_t r;
    int w;
    tl_array_open(t, t->pos);
    t->pos++;
    for (bool need_value = true;;) {
        if (!tl_skip(t, true) || (w = tl_get(t, t->pos, &r)) < 0) return false;
        if (r == '#') {
            if (!tl_comment(t)) return false;
            continue;
        }
        if (r == ']') {
            t->pos++;
            break;
        }
        if (need_value) {
            tl_value_t e;
            if (r == ',') return tl_fail(t, t->pos, "unexpected comma");
            if (!tl_value(t, true, &e)) return false;
            need_value = false;
            continue;
        }
        if (r == ',') {
            t->pos++;
            need_value = true;
            continue;
        }
        cli_buf_t *b = tl_error(t, w == 0 ? tl_eof_off(t) : t->pos);
        if (b != NULL) {
            cli_puts(b, "expected a comma (',') or array terminator (']'), but got ");
            if (w == 0) cli_puts(b, "end of file");
            else cli_putc(b, '\''), tl_put_rune(b, r), cli_putc(b, '\'');
        }
        return false;
    }
    v->kind = CLI_TOML_VAL;
    v->vtype = CLI_TOML_ARRAY;
    return true;
}

/* After an inline table's key and value: ',' or '}' (lexInlineTableValueEnd);
 * *done at the '}'. */
static bool tl_inline_sep(tl_t *t, bool *done)
{
    uint32_t r;
    int w;
    for (;;) {
        if (!tl_skip(t, false) || (w = tl_get(t, t->pos, &r)) < 0) return false;
        if (r == '\n' || r == '\r') return tl_fail(t, t->pos, "newlines not allowed within inline tables");
        if (r != '#') break;
        if (!tl_comment(t)) return false;
    }
    t->pos += (size_t)w;
    if (r == '}') {
        *done = true;
        return true;
    }
    if (r == ',') {
        if (!tl_skip(t, false) || tl_get(t, t->pos, &r) < 0) return false;
        if (r == '}') return tl_fail(t, t->pos, "trailing comma not allowed in inline tables");
        return true;
    }
    cli_buf_t *b = tl_error(t, w == 0 ? tl_eof_off(t) : t->pos - (size_t)w);
    if (b != NULL) {
        cli_puts(b, "expected a comma or an inline table terminator '}', but got ");
        if (w == 0) cli_puts(b, "end of file");
        else cli_putc(b, '\''), tl_put_rune(b, r), cli_putc(b, '\'');
        cli_puts(b, " instead");
    }
    return false;
}

/* valueInlineTable: '{' at t->pos. */
static bool tl_inline(tl_t *t, bool in_array, tl_value_t *v)
{
    uint32_t saved, r, cur = t->cur, cur_len = t->cur_len;
    bool has_cur = t->has_cur, done = false;
    if (!tl_inline_open(t, in_array, t->pos, &saved)) return false;
    t->pos++;
    for (bool first = true; !done; first = false) {
        for (;;) {     /* lexInlineTableValue */
            if (!tl_skip(t, false) || tl_get(t, t->pos, &r) < 0) return false;
            if (r == '\n' || r == '\r') return tl_fail(t, t->pos, "newlines not allowed within inline tables");
            if (r != '#') break;
            if (!tl_comment(t)) return false;
        }
        if (r == ',') return tl_fail(t, t->pos, "unexpected comma");
        if (r == '}' && first) {
            t->pos++;
            break;
        }
        if (!tl_keyval(t) || !tl_inline_sep(t, &done)) return false;
    }
    v->kind = CLI_TOML_MAP;
    v->vtype = 0;
    t->ctx = saved;        /* valueInlineTable's outerContext and outerKey */
    t->cur = cur;
    t->cur_len = cur_len;
    t->has_cur = has_cur;
    return true;
}

/* A string value: its quote at t->pos. */
static bool tl_string_value(tl_t *t, tl_value_t *v)
{
    v->kind = CLI_TOML_VAL;
    v->vtype = CLI_TOML_STRING;
    return tl_string(t, false, &v->soff, &v->slen, &v->item);
}

/* What cannot start a value. */
static bool tl_no_value(tl_t *t, int w, uint32_t r)
{
    if (r == '.') return tl_fail(t, t->pos, "floats must start with a digit, not '.'");
    if (w == 0) return tl_fail(t, tl_eof_off(t), "unexpected EOF; expected value");
    cli_buf_t *b = tl_error(t, t->pos);
    if (b != NULL) cli_puts(b, "expected value but found "), tl_put_rune_q(b, r), cli_puts(b, " instead");
    return false;
}

bool tl_value(tl_t *t, bool in_array, tl_value_t *v)
{
    uint32_t r;
    int w;
    bool ok;
    memset(v, 0, sizeof *v);
    if (!tl_skip(t, false) || (w = tl_get(t, t->pos, &r)) < 0) return false;
    v->item = t->pos;
    if (r == '"' || r == '\'') return tl_string_value(t, v);
    if (++t->depth > CLI_TOML_DEPTH_MAX && (r == '[' || r == '{'))
        return tl_fail(t, t->pos, "arrays and inline tables nested too deep for influx-lite");
    if (r == '[') ok = tl_array(t, v);
    else if (r == '{') ok = tl_inline(t, in_array, v);
    else if (tl_digit(r) || r == '-' || r == '+') ok = tl_number_value(t, r, v);
    else if (tl_letter(r)) ok = tl_word(t, r, v);
    else ok = tl_no_value(t, w, r);
    t->depth--;
    return ok;
}

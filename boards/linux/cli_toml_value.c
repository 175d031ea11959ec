/* SPDX-License-Identifier: Apache-2.0 */
/* cli_toml_value.c - a value of the configs file: what lex.go's lexValue
 * and its number, datetime and bool states take, then what parse.go's
 * valueInteger, valueFloat, valueDatetime (time.ParseInLocation with its
 * four TOML 1.0 layouts, then missingLeadingZero), valueArray and
 * valueInlineTable check, with their error texts. See cli_toml.h. */
#include "cli_toml_int.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "il_text.h"

static bool tl_digit(uint32_t r)
{
    return r >= '0' && r <= '9';
}

static bool tl_hexd(uint32_t r)
{
    return tl_digit(r) || ((r | 0x20) >= 'a' && (r | 0x20) <= 'f');
}

/* unicode.IsLetter, close enough for the messages it chooses between:
 * ASCII letters and the letters of the common alphabets. */
static bool tl_letter(uint32_t r)
{
    if (r == TL_EOF) return false;
    if (r < 0x80) return ((r | 0x20) >= 'a' && (r | 0x20) <= 'z');
    if (r == 0xaa || r == 0xb5 || r == 0xba) return true;
    if (r >= 0xc0 && r <= 0x24f) return r != 0xd7 && r != 0xf7;
    return (r >= 0x370 && r <= 0x52f && r != 0x37e && r != 0x387) || (r >= 0x5d0 && r <= 0x5ea) ||
           (r >= 0x620 && r <= 0x64a) || (r >= 0x3041 && r <= 0x30ff) || (r >= 0x4e00 && r <= 0x9fff) ||
           (r >= 0xac00 && r <= 0xd7a3);
}

/* Read the rune at t->pos into *r (TL_EOF at the end); -1 on a bad rune. */
static int tl_peek(tl_t *t, uint32_t *r)
{
    return tl_get(t, t->pos, r);
}

/* Advance over runes while ok(r); false on a bad rune. */
static bool tl_take(tl_t *t, bool (*ok)(uint32_t))
{
    for (;;) {
        uint32_t r;
        int w = tl_peek(t, &r);
        if (w < 0) return false;
        if (w == 0 || !ok(r)) return true;
        t->pos += (size_t)w;
    }
}

static bool tl_num_char(uint32_t r)
{
    return tl_digit(r) || r == '_';
}

static bool tl_float_char(uint32_t r)
{
    return tl_digit(r) || (r < 0x80 && r != 0 && strchr("_.-+eE", (int)r) != NULL);
}

static bool tl_date_char(uint32_t r)
{
    return tl_digit(r) || (r < 0x80 && r != 0 && strchr("-:Tt .Zz+", (int)r) != NULL);
}

static bool tl_bin_char(uint32_t r)
{
    return r == '0' || r == '1' || r == '_';
}

static bool tl_oct_char(uint32_t r)
{
    return (r >= '0' && r <= '7') || r == '_';
}

static bool tl_hex_char(uint32_t r)
{
    return tl_hexd(r) || r == '_';
}

/* ---- parse.go's checks of a number's text ---- */

static bool tl_underscores_ok(const char *s, size_t n)
{
    static const char *const special[] = {"nan", "+nan", "-nan", "inf", "-inf", "+inf"};
    bool accept = false;
    for (size_t i = 0; i < 6; i++)
        if (strlen(special[i]) == n && memcmp(s, special[i], n) == 0) return true;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '_' && !accept) return false;
        accept = tl_hexd((unsigned char)s[i]);
    }
    return accept;
}

static bool tl_leading_zero(const char *s, size_t n)
{
    if (n > 1 && s[0] == '0' && s[1] != 'b' && s[1] != 'o' && s[1] != 'x') return true;
    return n > 2 && (s[0] == '-' || s[0] == '+') && s[1] == '0';
}

/* "Invalid integer %q: ..." and its kin: what, the text, why. */
static bool tl_num_fail(tl_t *t, size_t item, const char *what, const char *s, size_t n, const char *why)
{
    cli_buf_t *b = tl_error(t, item);
    if (b != NULL) {
        cli_puts(b, what);
        cli_put_quoted(b, s, n);
        cli_puts(b, why);
    }
    return false;
}

static bool tl_range_fail(tl_t *t, size_t item, const char *s, size_t n, const char *size)
{
    cli_buf_t *b = tl_error(t, item);
    if (b != NULL) {
        cli_put(b, s, n);
        cli_puts(b, " is out of range for ");
        cli_puts(b, size);
    }
    return false;
}

/* valueInteger: strconv.ParseInt(s, 0, 64) after the TOML checks. */
static bool tl_integer(tl_t *t, size_t at, size_t n)
{
    const char *s = t->s + at;
    unsigned base = 10;
    size_t i = 0;
    uint64_t v = 0, lim;
    if (!tl_underscores_ok(s, n))
        return tl_num_fail(t, at, "Invalid integer ", s, n, ": underscores must be surrounded by digits");
    if (tl_leading_zero(s, n)) return tl_num_fail(t, at, "Invalid integer ", s, n, ": cannot have leading zeroes");
    bool neg = s[0] == '-';
    if (s[0] == '-' || s[0] == '+') i++;
    if (n - i > 2 && s[i] == '0') {
        base = s[i + 1] == 'x' ? 16u : s[i + 1] == 'o' ? 8u : 2u;
        i += 2;
    }
    lim = neg ? (uint64_t)1 << 63 : ((uint64_t)1 << 63) - 1;
    for (; i < n; i++) {
        if (s[i] == '_') continue;
        uint64_t d = (uint64_t)il_hex_value((unsigned char)s[i]);
        if (v > (lim - d) / base) return tl_range_fail(t, at, s, n, "int64");
        v = v * base + d;
    }
    return true;
}

/* strconv.ParseFloat's syntax for what the lexer lets through: decimal
 * with an optional exponent, or inf / nan (the lexer only makes those). */
static bool tl_float_syntax(const char *s)
{
    size_t i = (s[0] == '+' || s[0] == '-') ? 1 : 0, digits = 0;
    if (strcmp(s + i, "inf") == 0 || strcmp(s + i, "nan") == 0) return true;
    for (; s[i] >= '0' && s[i] <= '9'; i++) digits++;
    if (s[i] == '.')
        for (i++; s[i] >= '0' && s[i] <= '9'; i++) digits++;
    if (digits == 0) return false;
    if (s[i] == 'e' || s[i] == 'E') {
        i++;
        if (s[i] == '+' || s[i] == '-') i++;
        if (!(s[i] >= '0' && s[i] <= '9')) return false;
        while (s[i] >= '0' && s[i] <= '9') i++;
    }
    return s[i] == '\0';
}

/* valueFloat: the parts around '.', 'e' and 'E', then strconv.ParseFloat. */
static bool tl_float(tl_t *t, size_t at, size_t n)
{
    const char *s = t->s + at;
    char buf[96];
    size_t i = 0, k = 0, part = 0;
    bool period = false, first = true;
    for (i = 0; i <= n; i++) {
        if (i < n && s[i] != '.' && s[i] != 'e' && s[i] != 'E') continue;
        if (i > part) {
            if (!tl_underscores_ok(s + part, i - part))
                return tl_num_fail(t, at, "Invalid float ", s, n, ": underscores must be surrounded by digits");
            if (first && tl_leading_zero(s + part, i - part))
                return tl_num_fail(t, at, "Invalid float ", s, n, ": cannot have leading zeroes");
            first = false;
        }
        part = i + 1;
    }
    for (i = 0; i < n; i++) {      /* numPeriodsOK */
        if (period && !(s[i] >= '0' && s[i] <= '9')) break;
        period = s[i] == '.';
    }
    if (i < n || period)
        return tl_num_fail(t, at, "Invalid float ", s, n, ": '.' must be followed by one or more digits");
    for (i = 0; i < n && k + 1 < sizeof buf; i++)
        if (s[i] != '_') buf[k++] = s[i];
    buf[k] = '\0';
    if (i < n || !tl_float_syntax(buf)) return tl_num_fail(t, at, "Invalid float value: ", s, n, "");
    errno = 0;
    double d = strtod(buf, NULL);
    if (errno == ERANGE && isinf(d)) return tl_range_fail(t, at, s, n, "float64");
    return true;
}

/* ---- time.ParseInLocation for the TOML 1.0 layouts ---- */

/* getnum: one or two digits (exactly two when fixed). */
static bool tl_getnum(const char *v, size_t *i, bool fixed, int *out)
{
    if (!tl_digit((unsigned char)v[*i])) return false;
    if (!tl_digit((unsigned char)v[*i + 1])) {
        if (fixed) return false;
        *out = v[(*i)++] - '0';
        return true;
    }
    *out = (v[*i] - '0') * 10 + (v[*i + 1] - '0');
    *i += 2;
    return true;
}

/* "2006-01-02" */
static bool tl_date(const char *v, size_t *i)
{
    static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int y = 0, mo, d;
    for (int k = 0; k < 4; k++) {
        if (!tl_digit((unsigned char)v[*i + (size_t)k])) return false;
        y = y * 10 + (v[*i + (size_t)k] - '0');
    }
    *i += 4;
    if (v[(*i)++] != '-' || !tl_getnum(v, i, true, &mo) || mo < 1 || mo > 12) return false;
    if (v[(*i)++] != '-' || !tl_getnum(v, i, true, &d)) return false;
    bool leap = y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
    return d >= 1 && d <= mdays[mo - 1] + (mo == 2 && leap ? 1 : 0);
}

/* "15:04:05.999999999"; *short_hour when the hour had one digit. */
static bool tl_clock(const char *v, size_t *i, bool *short_hour)
{
    int h, m, s;
    size_t h0 = *i;
    if (!tl_getnum(v, i, false, &h) || h > 23) return false;
    *short_hour = *i - h0 == 1;
    if (v[(*i)++] != ':' || !tl_getnum(v, i, true, &m) || m > 59) return false;
    if (v[(*i)++] != ':' || !tl_getnum(v, i, true, &s) || s > 59) return false;
    if ((v[*i] == '.' || v[*i] == ',') && tl_digit((unsigned char)v[*i + 1]))
        for ((*i)++; tl_digit((unsigned char)v[*i]); (*i)++) {}
    return true;
}

/* "Z07:00" (Go accepts offsets up to 24 hours and 60 minutes) */
static bool tl_zone(const char *v, size_t *i)
{
    int h, m;
    size_t k;
    if (v[*i] == 'Z') {
        (*i)++;
        return true;
    }
    if (strlen(v + *i) < 6 || v[*i + 3] != ':' || (v[*i] != '+' && v[*i] != '-')) return false;
    k = *i + 1;
    if (!tl_getnum(v, &k, true, &h)) return false;
    k = *i + 4;
    if (!tl_getnum(v, &k, true, &m)) return false;
    *i += 6;
    return h <= 24 && m <= 60;
}

/* RFC3339Nano, then the local date-time, date and time layouts. */
static bool tl_datetime_ok(const char *v)
{
    size_t i = 0;
    bool sh = false;
    if (tl_date(v, &i) && v[i] == 'T') {
        i++;
        if (!tl_clock(v, &i, &sh)) return false;
        if (v[i] == '\0') return !sh;
        return tl_zone(v, &i) && v[i] == '\0' && !sh;
    }
    i = 0;
    if (tl_date(v, &i) && v[i] == '\0') return true;
    i = 0;
    return tl_clock(v, &i, &sh) && v[i] == '\0' && !sh;
}

/* valueDatetime over the token at [at, at + n), rewritten in place as
 * parse.go's datetimeRepl does (z Z, t T, ' ' T). */
static bool tl_datetime(tl_t *t, size_t at, size_t n)
{
    char v[64];
    char *s = t->s + at;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == 'z') s[i] = 'Z';
        else if (s[i] == 't' || s[i] == ' ') s[i] = 'T';
    }
    if (n < sizeof v) {
        memcpy(v, s, n);
        v[n] = '\0';
        if (tl_datetime_ok(v)) return true;
    }
    return tl_num_fail(t, at, "invalid datetime: ", s, n, "");
}

/* ---- lex.go's number states ---- */

/* After "0" + b, o or x: a digit of that base must follow (lexBaseNumberOrDate). */
static bool tl_base_prefix(tl_t *t, size_t at, bool (*ok)(uint32_t), const char *what)
{
    uint32_t r;
    int w = tl_peek(t, &r);
    if (w < 0) return false;
    if (w > 0 && ok(r) && r != '_') return tl_take(t, ok);
    cli_buf_t *b = tl_error(t, t->pos);
    if (b != NULL) {
        cli_puts(b, what);
        cli_put(b, t->s + at, t->pos - at);
        tl_put_rune(b, r);
        cli_putc(b, '\'');
    }
    return false;
}

/* A number or datetime starting with a digit at t->pos: *vtype. */
static bool tl_number(tl_t *t, uint8_t *vtype)
{
    size_t at = t->pos;
    uint32_t r;
    int w;
    *vtype = CLI_TOML_INT;
    t->pos++;
    if (t->s[at] == '0') {
        if ((w = tl_peek(t, &r)) < 0) return false;
        if (r == 'b' || r == 'o' || r == 'x') {
            t->pos++;
            return r == 'b' ? tl_base_prefix(t, at, tl_bin_char, "not a binary number: '")
                 : r == 'o' ? tl_base_prefix(t, at, tl_oct_char, "not an octal number: '")
                            : tl_base_prefix(t, at, tl_hex_char, "not a hexidecimal number: '");
        }
        if (!tl_digit(r) && r != '_' && r != '.' && r != 'e' && r != 'E') return true;
    }
    for (bool decimal = false;;) {     /* lexNumberOrDate; after a '_', lexDecimalNumber */
        if ((w = tl_peek(t, &r)) < 0) return false;
        if (tl_digit(r) || r == '_') {
            decimal |= r == '_';
            t->pos++;
            continue;
        }
        if (!decimal && (r == '-' || r == ':')) {
            *vtype = CLI_TOML_DATETIME;
            return tl_take(t, tl_date_char);
        }
        if (r == '.' || r == 'e' || r == 'E') {
            *vtype = CLI_TOML_FLOAT;
            return tl_take(t, tl_float_char);
        }
        return true;
    }
}

/* A number after a sign (lexDecimalNumberStart). */
static bool tl_signed(tl_t *t, uint8_t *vtype)
{
    size_t at = t->pos;
    uint32_t r, r2;
    int w;
    t->pos++;
    if ((w = tl_peek(t, &r)) < 0) return false;
    if (r == 'i' || r == 'n') {
        const char *rest = r == 'i' ? "nf" : "an";
        t->pos++;
        for (int k = 0; k < 2; k++) {
            if ((w = tl_peek(t, &r2)) < 0) return false;
            if (r2 != (uint32_t)(unsigned char)rest[k]) {
                cli_buf_t *b = tl_error(t, t->pos - 1);
                if (b != NULL) {
                    cli_puts(b, "invalid float: '");
                    cli_put(b, t->s + at, t->pos - at);
                    cli_putc(b, '\'');
                }
                return false;
            }
            t->pos++;
        }
        *vtype = CLI_TOML_FLOAT;
        return true;
    }
    if (r == '.') return tl_fail(t, t->pos, "floats must start with a digit, not '.'");
    if (!tl_digit(r)) {
        cli_buf_t *b = tl_error(t, w == 0 ? tl_eof_off(t) : t->pos);
        if (b != NULL) cli_puts(b, "expected a digit but got "), tl_put_rune_q(b, r);
        return false;
    }
    t->pos += 1;
    if (r == '0' && (w = tl_peek(t, &r2)) >= 0 && (r2 == 'b' || r2 == 'o' || r2 == 'x')) {
        cli_buf_t *b = tl_error(t, t->pos);
        if (b != NULL) {
            cli_puts(b, "cannot use sign with non-decimal numbers: '");
            cli_put(b, t->s + at, t->pos - at);
            tl_put_rune(b, r2);
            cli_putc(b, '\'');
        }
        return false;
    }
    *vtype = CLI_TOML_INT;
    if (!tl_take(t, tl_num_char) || tl_peek(t, &r) < 0) return false;
    if (r == '.' || r == 'e' || r == 'E') {
        *vtype = CLI_TOML_FLOAT;
        return tl_take(t, tl_float_char);
    }
    return true;
}

/* A value starting with a letter: inf, nan, true, false (lexValue's 'i'
 * and 'n' cases, then lexBool), with lex.go's way of backing up. */
static bool tl_word(tl_t *t, uint32_t first, tl_value_t *v)
{
    size_t at = t->pos, p = t->pos + 1;
    uint32_t r;
    if (first == 'i' || first == 'n') {
        bool a1 = p < t->len && t->s[p] == 'n';
        if (a1 && p + 1 < t->len && t->s[p + 1] == 'f') p += 2;
        else {
            p += a1 ? 1 : 0;
            bool b1 = p < t->len && t->s[p] == 'a';
            if (b1 && p + 1 < t->len && t->s[p + 1] == 'n') p += 2;
            else {
                p = p + (b1 ? 1 : 0) - 1;   /* backup(): the last rune taken */
                goto word;
            }
        }
        t->pos = p;
        v->kind = CLI_TOML_VAL;
        v->vtype = CLI_TOML_FLOAT;
        return tl_float(t, at, p - at);
    }
    p = at;                                 /* backup() to the letter */
word:
    t->pos = p;
    {
        size_t ws = t->pos;
        for (;;) {
            int w = tl_peek(t, &r);
            if (w < 0) return false;
            if (w == 0 || !tl_letter(r)) break;
            t->pos += (size_t)w;
        }
        size_t n = t->pos - ws;
        if ((n == 4 && memcmp(t->s + ws, "true", 4) == 0) || (n == 5 && memcmp(t->s + ws, "false", 5) == 0)) {
            v->kind = CLI_TOML_VAL;
            v->vtype = CLI_TOML_BOOL;
            v->boolean = n == 4;
            return true;
        }
        return tl_num_fail(t, at, "expected value but found ", t->s + ws, n, " instead");
    }
}

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
    int w;
    if (!tl_inline_open(t, in_array, t->pos, &saved)) return false;
    t->pos++;
    for (bool first = true; !done; first = false) {
        for (;;) {     /* lexInlineTableValue */
            if (!tl_skip(t, false) || (w = tl_get(t, t->pos, &r)) < 0) return false;
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
    else if (tl_digit(r) || r == '-' || r == '+') {
        size_t at = t->pos;
        v->kind = CLI_TOML_VAL;
        ok = tl_digit(r) ? tl_number(t, &v->vtype) : tl_signed(t, &v->vtype);
        size_t n = t->pos - at;
        while (ok && v->vtype == CLI_TOML_DATETIME && n > 0 && t->s[at + n - 1] == ' ') n--;
        if (ok) ok = v->vtype == CLI_TOML_INT ? tl_integer(t, at, n)
                   : v->vtype == CLI_TOML_FLOAT ? tl_float(t, at, n) : tl_datetime(t, at, n);
    } else if (r == '.') ok = tl_fail(t, t->pos, "floats must start with a digit, not '.'");
    else if (tl_letter(r)) ok = tl_word(t, r, v);
    else if (w == 0) ok = tl_fail(t, tl_eof_off(t), "unexpected EOF; expected value");
    else {
        cli_buf_t *b = tl_error(t, t->pos);
        if (b != NULL) cli_puts(b, "expected value but found "), tl_put_rune_q(b, r), cli_puts(b, " instead");
        ok = false;
    }
    t->depth--;
    return ok;
}

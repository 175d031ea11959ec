/* SPDX-License-Identifier: Apache-2.0 */
/* cli_toml_number.c - the configs file's numbers, datetimes and words: what
 * lex.go's number, datetime and bool states take (lexNumberOrDateStart and
 * after, lexDecimalNumberStart, lexBool and lexValue's inf / nan), then
 * parse.go's valueInteger, valueFloat and valueDatetime (time.ParseInLocation
 * with the four TOML 1.0 layouts, then missingLeadingZero), with their error
 * texts. See cli_toml.h. */
#include "cli_toml_int.h"

#include <string.h>

#include "il_text.h"

bool tl_digit(uint32_t r)
{
    return r >= '0' && r <= '9';
}

static bool tl_hexd(uint32_t r)
{
    return tl_digit(r) || ((r | 0x20) >= 'a' && (r | 0x20) <= 'f');
}

/* unicode.IsLetter, close enough for the messages it chooses between:
 * ASCII letters and the letters of the common alphabets. */
bool tl_letter(uint32_t r)
{
    static const uint32_t ranges[][2] = {{0xaa, 0xaa}, {0xb5, 0xb5}, {0xba, 0xba}, {0xc0, 0xd6}, {0xd8, 0xf6},
                                         {0xf8, 0x24f}, {0x370, 0x37d}, {0x37f, 0x386}, {0x388, 0x52f},
                                         {0x5d0, 0x5ea}, {0x620, 0x64a}, {0x3041, 0x30ff}, {0x4e00, 0x9fff},
                                         {0xac00, 0xd7a3}};
    if (r < 0x80) return (r | 0x20) >= 'a' && (r | 0x20) <= 'z';
    for (size_t i = 0; i < sizeof ranges / sizeof ranges[0]; i++)
        if (r >= ranges[i][0] && r <= ranges[i][1]) return true;
    return false;
}

/* Read the rune at t->pos into *r (TL_EOF at the end); -1 on a bad rune. */
int tl_peek(tl_t *t, uint32_t *r)
{
    return tl_get(t, t->pos, r);
}

/* Advance over runes while ok(r); false on a bad rune. */
bool tl_take(tl_t *t, bool (*ok)(uint32_t))
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

bool tl_float_char(uint32_t r)
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
bool tl_num_fail(tl_t *t, size_t item, const char *what, const char *s, size_t n, const char *why)
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

/* Digits (and underscores) from s[*i]: how many digits. */
static size_t tl_digits(const char *s, size_t n, size_t *i)
{
    size_t d = 0;
    for (; *i < n && ((s[*i] >= '0' && s[*i] <= '9') || s[*i] == '_'); (*i)++) d += s[*i] != '_';
    return d;
}

/* strconv.ParseFloat's syntax for what the lexer lets through (its
 * underscores left out): decimal with an optional exponent, or inf / nan. */
static bool tl_float_syntax(const char *s, size_t n)
{
    size_t i = (n > 0 && (s[0] == '+' || s[0] == '-')) ? 1 : 0, digits;
    if (n - i == 3 && (memcmp(s + i, "inf", 3) == 0 || memcmp(s + i, "nan", 3) == 0)) return true;
    digits = tl_digits(s, n, &i);
    if (i < n && s[i] == '.') {
        i++;
        digits += tl_digits(s, n, &i);
    }
    if (digits == 0) return false;
    if (i < n && (s[i] == 'e' || s[i] == 'E')) {
        i++;
        if (i < n && (s[i] == '+' || s[i] == '-')) i++;
        if (tl_digits(s, n, &i) == 0) return false;
    }
    return i == n;
}

/* The mantissa of s[*i..): its first 40 significant digits into buf (*k of
 * them) and the power of ten they stand at; *nonzero when any digit is not 0. */
static long tl_mantissa(const char *s, size_t n, size_t *i, char *buf, size_t *k, bool *nonzero)
{
    long exp10 = 0;
    bool point = false;
    for (; *i < n && s[*i] != 'e' && s[*i] != 'E'; (*i)++) {
        char c = s[*i];
        if (c == '_') continue;
        if (c == '.') {
            point = true;
        } else if (!*nonzero && c == '0') {
            exp10 -= point ? 1 : 0;
        } else {
            *nonzero = true;
            if (*k < 40) buf[(*k)++] = c, exp10 -= point ? 1 : 0;
            else exp10 += point ? 0 : 1;
        }
    }
    return exp10;
}

/* The exponent after s[*i] (at 'e' or the end), bounded. */
static long tl_exponent(const char *s, size_t n, size_t i)
{
    long e = 0;
    bool neg = false;
    if (i < n) i++;
    if (i < n && (s[i] == '+' || s[i] == '-')) neg = s[i++] == '-';
    for (; i < n; i++)
        if (s[i] != '_' && e < 100000) e = e * 10 + (s[i] - '0');
    return neg ? -e : e;
}

/* Whether the (well-formed) decimal s[0..n) is beyond float64, as
 * strconv.ParseFloat finds it (ErrRange: it rounds to infinity), from its
 * first 40 significant digits and their power of ten, in integers only (a
 * MIPS router without an FPU kills a process at its first FPU instruction,
 * tests/arch): at 309 integer digits, the digits are compared with those of
 * 2^1024 - 2^970, the halfway point between the largest float64 and
 * infinity, whose 41st digit on is not all zeros. */
static bool tl_float_overflows(const char *s, size_t n)
{
    static const char halfway[] = "1797693134862315807937289714053034150799";
    char buf[64];
    size_t i = (s[0] == '+' || s[0] == '-') ? 1 : 0, k = 0;
    bool nonzero = false;
    if (s[i] == 'i' || s[i] == 'n') return false;
    long exp10 = tl_mantissa(s, n, &i, buf, &k, &nonzero);
    exp10 += tl_exponent(s, n, i);
    if (!nonzero || exp10 + (long)k != 309) return nonzero && exp10 + (long)k > 309;
    while (k < sizeof halfway - 1) buf[k++] = '0';
    return memcmp(buf, halfway, sizeof halfway - 1) > 0;
}

/* valueFloat's checks of the parts around '.', 'e' and 'E', and numPeriodsOK. */
static bool tl_float_parts(tl_t *t, size_t at, size_t n)
{
    const char *s = t->s + at;
    size_t part = 0, i;
    bool period = false, first = true;
    for (i = 0; i <= n; i++) {
        if (i < n && s[i] != '.' && s[i] != 'e' && s[i] != 'E') continue;
        if (i > part && !tl_underscores_ok(s + part, i - part))
            return tl_num_fail(t, at, "Invalid float ", s, n, ": underscores must be surrounded by digits");
        if (i > part && first && tl_leading_zero(s + part, i - part))
            return tl_num_fail(t, at, "Invalid float ", s, n, ": cannot have leading zeroes");
        first = first && i == part;
        part = i + 1;
    }
    for (i = 0; i < n; i++) {
        if (period && !(s[i] >= '0' && s[i] <= '9')) break;
        period = s[i] == '.';
    }
    if (i < n || period)
        return tl_num_fail(t, at, "Invalid float ", s, n, ": '.' must be followed by one or more digits");
    return true;
}

/* valueFloat: the TOML checks, then strconv.ParseFloat. */
static bool tl_float(tl_t *t, size_t at, size_t n)
{
    const char *s = t->s + at;
    if (!tl_float_parts(t, at, n)) return false;
    if (!tl_float_syntax(s, n)) return tl_num_fail(t, at, "Invalid float value: ", s, n, "");
    if (tl_float_overflows(s, n)) return tl_range_fail(t, at, s, n, "float64");
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

/* s[0, n) into v (NUL-terminated) with a fraction's digits past the ninth
 * dropped: Go's time.Parse takes any number of them and keeps nine
 * (parseNanoseconds). Returns the length, or cap when it does not fit. */
static size_t tl_datetime_copy(char *v, size_t cap, const char *s, size_t n)
{
    size_t k = 0, digits = 0;
    bool fraction = false;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '.') {
            fraction = true;
            digits = 0;
        } else if (fraction && s[i] >= '0' && s[i] <= '9') {
            if (++digits > 9) continue;
        } else {
            fraction = false;
        }
        if (k + 1 >= cap) return cap;
        v[k++] = s[i];
    }
    v[k] = '\0';
    return k;
}

/* valueDatetime over the token at [at, at + n), rewritten in place as
 * parse.go's datetimeRepl does (z Z, t T, ' ' T). */
static bool tl_datetime(tl_t *t, size_t at, size_t n)
{
    char v[64] = {0};          /* getnum looks one byte past a digit */
    char *s = t->s + at;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == 'z') s[i] = 'Z';
        else if (s[i] == 't' || s[i] == ' ') s[i] = 'T';
    }
    if (tl_datetime_copy(v, sizeof v, s, n) < sizeof v && tl_datetime_ok(v)) return true;
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

/* After a leading '0' (lexBaseNumberOrDate): *done when the number ends here. */
static bool tl_zero(tl_t *t, size_t at, bool *done)
{
    uint32_t r;
    if (tl_peek(t, &r) < 0) return false;
    *done = true;
    if (r == 'b') return t->pos++, tl_base_prefix(t, at, tl_bin_char, "not a binary number: '");
    if (r == 'o') return t->pos++, tl_base_prefix(t, at, tl_oct_char, "not an octal number: '");
    if (r == 'x') return t->pos++, tl_base_prefix(t, at, tl_hex_char, "not a hexidecimal number: '");
    *done = !tl_digit(r) && r != '_' && r != '.' && r != 'e' && r != 'E';
    return true;
}

/* A number or datetime starting with a digit at t->pos: *vtype. */
static bool tl_number(tl_t *t, uint8_t *vtype)
{
    size_t at = t->pos;
    uint32_t r;
    bool done = false;
    *vtype = CLI_TOML_INT;
    t->pos++;
    if (t->s[at] == '0' && (!tl_zero(t, at, &done) || done)) return !t->failed;
    for (bool decimal = false;;) {     /* lexNumberOrDate; after a '_', lexDecimalNumber */
        if (tl_peek(t, &r) < 0) return false;
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

/* "+inf", "-nan" (lexDecimalNumberStart's 'i' and 'n'): the rest of the word. */
static bool tl_signed_word(tl_t *t, size_t at, const char *rest)
{
    uint32_t r;
    for (int k = 0; k < 2; k++) {
        if (tl_peek(t, &r) < 0) return false;
        if (r != (uint32_t)(unsigned char)rest[k]) {
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
    return true;
}

/* "cannot use sign with non-decimal numbers: '+0x'" */
static bool tl_signed_base(tl_t *t, size_t at, uint32_t r)
{
    cli_buf_t *b = tl_error(t, t->pos);
    if (b != NULL) {
        cli_puts(b, "cannot use sign with non-decimal numbers: '");
        cli_put(b, t->s + at, t->pos - at);
        tl_put_rune(b, r);
        cli_putc(b, '\'');
    }
    return false;
}

/* A number after a sign (lexDecimalNumberStart). */
static bool tl_signed(tl_t *t, uint8_t *vtype)
{
    size_t at = t->pos;
    uint32_t r, r2;
    int w;
    t->pos++;
    if ((w = tl_peek(t, &r)) < 0) return false;
    *vtype = CLI_TOML_FLOAT;
    if (r == 'i' || r == 'n') return t->pos++, tl_signed_word(t, at, r == 'i' ? "nf" : "an");
    if (r == '.') return tl_fail(t, t->pos, "floats must start with a digit, not '.'");
    if (!tl_digit(r)) {
        cli_buf_t *b = tl_error(t, w == 0 ? tl_eof_off(t) : t->pos);
        if (b != NULL) cli_puts(b, "expected a digit but got "), tl_put_rune_q(b, r);
        return false;
    }
    t->pos += 1;
    if (tl_peek(t, &r2) < 0) return false;
    if (r == '0' && (r2 == 'b' || r2 == 'o' || r2 == 'x')) return tl_signed_base(t, at, r2);
    *vtype = CLI_TOML_INT;
    if (!tl_take(t, tl_num_char) || tl_peek(t, &r) < 0) return false;
    if (r == '.' || r == 'e' || r == 'E') {
        *vtype = CLI_TOML_FLOAT;
        return tl_take(t, tl_float_char);
    }
    return true;
}

/* A number or datetime at t->pos (a digit or a sign): lexed, then checked as
 * parse.go's valueInteger / valueFloat / valueDatetime do. */
bool tl_number_value(tl_t *t, uint32_t r, tl_value_t *v)
{
    size_t at = t->pos, n;
    v->kind = CLI_TOML_VAL;
    if (!(tl_digit(r) ? tl_number(t, &v->vtype) : tl_signed(t, &v->vtype))) return false;
    n = t->pos - at;
    while (v->vtype == CLI_TOML_DATETIME && n > 0 && t->s[at + n - 1] == ' ') n--;   /* emitTrim */
    if (v->vtype == CLI_TOML_INT) return tl_integer(t, at, n);
    return v->vtype == CLI_TOML_FLOAT ? tl_float(t, at, n) : tl_datetime(t, at, n);
}

/* Where lexBool starts after lexValue's 'i' / 'n' attempts at inf and
 * nan, which back up only their last rune; *is_float when one matched. */
static size_t tl_word_start(const tl_t *t, size_t at, uint32_t first, bool *is_float)
{
    size_t p = at + 1;
    *is_float = false;
    if (first != 'i' && first != 'n') return at;
    bool a1 = p < t->len && t->s[p] == 'n';
    if (a1 && p + 1 < t->len && t->s[p + 1] == 'f') return *is_float = true, p + 2;
    p += a1 ? 1 : 0;
    bool b1 = p < t->len && t->s[p] == 'a';
    if (b1 && p + 1 < t->len && t->s[p + 1] == 'n') return *is_float = true, p + 2;
    return p + (b1 ? 1 : 0) - 1;
}

/* A value starting with a letter: inf, nan, true, false (lexValue's 'i'
 * and 'n' cases, then lexBool). */
bool tl_word(tl_t *t, uint32_t first, tl_value_t *v)
{
    size_t at = t->pos, ws, n;
    bool is_float;
    uint32_t r;
    int w;
    t->pos = tl_word_start(t, at, first, &is_float);
    v->kind = CLI_TOML_VAL;
    if (is_float) {
        v->vtype = CLI_TOML_FLOAT;
        return tl_float(t, at, t->pos - at);
    }
    for (ws = t->pos; (w = tl_peek(t, &r)) > 0 && tl_letter(r);) t->pos += (size_t)w;
    if (w < 0) return false;
    n = t->pos - ws;
    if ((n == 4 && memcmp(t->s + ws, "true", 4) == 0) || (n == 5 && memcmp(t->s + ws, "false", 5) == 0)) {
        v->vtype = CLI_TOML_BOOL;
        v->boolean = n == 4;
        return true;
    }
    return tl_num_fail(t, at, "expected value but found ", t->s + ws, n, " instead");
}

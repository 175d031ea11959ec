/* SPDX-License-Identifier: Apache-2.0 */
/* cli_toml_lex.c - runes, blanks, comments and strings of the configs file,
 * with the checks and the error texts of BurntSushi/toml's lex.go (next(),
 * lexString, lexMultilineString, lexRawString, lexStringEscape, the
 * unicode escapes) and parse.go's decoding (replaceEscapes,
 * stripEscapedNewlines, asciiEscapeToUnicode). See cli_toml.h. */
#include "cli_toml_int.h"

#include <string.h>

#include "il_text.h"

uint32_t cli_toml_line_of(const char *text, size_t off)
{
    uint32_t line = 1;
    for (size_t i = 0; i < off; i++)
        if (text[i] == '\n') line++;
    return line;
}

/* Lines are asked for mostly in increasing offsets: count on from the last. */
uint32_t tl_line(tl_t *t, size_t off)
{
    if (off > t->len) off = t->len;
    if (off < t->line_off) {
        t->line_off = 0;
        t->line_no = 1;
    }
    for (; t->line_off < off; t->line_off++)
        if (t->s[t->line_off] == '\n') t->line_no++;
    return t->line_no;
}

size_t tl_eof_off(const tl_t *t)
{
    return t->len > 0 ? t->len - 1 : 0;
}

bool tl_fail(tl_t *t, size_t off, const char *msg)
{
    cli_buf_t *b = tl_error(t, off);
    if (b != NULL) cli_puts(b, msg);
    return false;
}

/* lex.go's next(): invalid UTF-8 (U+FFFD itself included: it is what
 * utf8.DecodeRuneInString returns for a bad byte), a control character
 * other than tab and newline, or a CR that does not start CRLF. */
int tl_get(tl_t *t, size_t off, uint32_t *r)
{
    static const char hex[] = "0123456789abcdef";
    unsigned char c;
    bool ctl;
    if (t->failed) return -1;
    if (off >= t->len) {
        *r = TL_EOF;
        return 0;
    }
    c = (unsigned char)t->s[off];
    if (c >= 0x80) {
        size_t w = il_utf8_decode((const unsigned char *)t->s + off, t->len - off, r);
        if (*r != 0xFFFD) return (int)w;
    } else {
        ctl = (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f;
        if (c == '\r' && (off + 1 >= t->len || t->s[off + 1] != '\n')) ctl = true;
        *r = c;
        if (!ctl) return 1;
    }
    cli_buf_t *b = tl_error(t, off);
    if (b != NULL) {
        cli_puts(b, c >= 0x80 ? "invalid UTF-8 byte: 0x" : "TOML files cannot contain control characters: '0x");
        cli_putc(b, hex[c >> 4]);
        cli_putc(b, hex[c & 15]);
        if (c < 0x80) cli_putc(b, '\'');
    }
    return -1;
}

bool tl_skip(tl_t *t, bool nl)
{
    for (;;) {
        uint32_t r;
        int w = tl_get(t, t->pos, &r);
        if (w < 0) return false;
        if (w == 0 || !(r == ' ' || r == '\t' || (nl && (r == '\n' || r == '\r')))) return true;
        t->pos += (size_t)w;
    }
}

bool tl_comment(tl_t *t)
{
    t->pos++;
    for (;;) {
        uint32_t r;
        int w = tl_get(t, t->pos, &r);
        if (w < 0) return false;
        if (w == 0 || r == '\n' || r == '\r') return true;
        t->pos += (size_t)w;
    }
}

void tl_put_rune(cli_buf_t *b, uint32_t r)
{
    char u[4];
    if (r == TL_EOF) r = 0;
    cli_put(b, u, il_utf8_put(r, u));
}

/* strconv.QuoteRune, for the runes lex.go's messages show. */
void tl_put_rune_q(cli_buf_t *b, uint32_t r)
{
    static const char esc[] = "\a\b\f\n\r\t\v", let[] = "abfnrtv";
    static const char hex[] = "0123456789abcdef";
    const char *e;
    if (r == TL_EOF) r = 0;
    cli_putc(b, '\'');
    if (r == '\'' || r == '\\') {
        cli_putc(b, '\\');
        cli_putc(b, (char)r);
    } else if (r != 0 && (e = strchr(esc, (int)r)) != NULL) {
        cli_putc(b, '\\');
        cli_putc(b, let[e - esc]);
    } else if (r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) || r == 0xad) {
        char x[6] = {'\\', r < 0x80 ? 'x' : 'u', '0', '0', hex[(r >> 4) & 15], hex[r & 15]};
        if (r < 0x80) cli_put(b, x, 2), cli_put(b, x + 4, 2);
        else cli_put(b, x, 6);
    } else {
        tl_put_rune(b, r);
    }
    cli_putc(b, '\'');
}

bool tl_is_bare(uint32_t r)
{
    return (r >= 'A' && r <= 'Z') || (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') || r == '_' || r == '-';
}

static bool tl_is_hex(uint32_t r)
{
    return (r >= '0' && r <= '9') || ((r | 0x20) >= 'a' && (r | 0x20) <= 'f');
}

/* lexShortUnicodeEscape / lexLongUnicodeEscape at t->pos (after the u or
 * U); start: where the string's text starts (lx.current() is from there). */
static bool tl_unicode_digits(tl_t *t, int digits, size_t start)
{
    for (int i = 0; i < digits; i++) {
        uint32_t r;
        int w = tl_get(t, t->pos, &r);
        if (w < 0) return false;
        t->pos += (size_t)w;
        if (!tl_is_hex(r)) {
            cli_buf_t *b = tl_error(t, w == 0 ? tl_eof_off(t) : t->pos - (size_t)w);
            if (b == NULL) return false;
            cli_puts(b, digits == 4 ? "expected four hexadecimal digits after '\\u', but got "
                                    : "expected eight hexadecimal digits after '\\U', but got ");
            cli_put_quoted(b, t->s + start, t->pos - start);
            cli_puts(b, " instead");
            return false;
        }
    }
    return true;
}

/* lexStringEscape at t->pos (after the backslash). */
static bool tl_escape(tl_t *t, size_t start)
{
    uint32_t r;
    int w = tl_get(t, t->pos, &r);
    if (w < 0) return false;
    t->pos += (size_t)w;
    if (r != TL_EOF && r < 0x80 && strchr("btnfr\" \t\\", (int)r) != NULL) return true;
    if (r == 'u' || r == 'U') return tl_unicode_digits(t, r == 'u' ? 4 : 8, start);
    cli_buf_t *b = tl_error(t, w == 0 ? tl_eof_off(t) : t->pos - (size_t)w);
    if (b != NULL) {
        cli_puts(b, "invalid escape in string '\\");
        tl_put_rune(b, r);
        cli_putc(b, '\'');
    }
    return false;
}

/* parse.go's asciiEscapeToUnicode of the hex digits h[0..n). */
static bool tl_hex_rune(tl_t *t, const char *h, int n, size_t item, uint32_t *out)
{
    uint32_t v = 0;
    for (int i = 0; i < n; i++) v = (v << 4) | (uint32_t)il_hex_value((unsigned char)h[i]);
    if (v <= 0x10FFFF && !(v >= 0xD800 && v <= 0xDFFF)) {
        *out = v;
        return true;
    }
    cli_buf_t *b = tl_error(t, item);
    if (b != NULL) {
        cli_puts(b, "Escaped character '\\u");
        cli_put(b, h, (size_t)n);
        cli_puts(b, "' is not valid UTF-8.");
    }
    return false;
}

/* parse.go's replaceEscapes over s[*off, *off + *len), in place. */
static bool tl_unescape(tl_t *t, uint32_t off, uint32_t *len, size_t item)
{
    static const char from[] = "btnfr\"\\", to[] = "\b\t\n\f\r\"\\";
    char *s = t->s + off, *w = s;
    size_t i = 0, n = *len;
    while (i < n) {
        if (s[i] != '\\') {
            *w++ = s[i++];
            continue;
        }
        char c = s[i + 1];
        const char *f = strchr(from, c);
        if (c == 'u' || c == 'U') {
            int d = c == 'u' ? 4 : 8;
            uint32_t r;
            if (!tl_hex_rune(t, s + i + 2, d, item, &r)) return false;
            w += il_utf8_put(r, w);
            i += 2 + (size_t)d;
        } else if (f != NULL && c != '\0') {
            *w++ = to[f - from];
            i += 2;
        } else {
            cli_buf_t *b = tl_error(t, item);
            if (b != NULL) {
                cli_puts(b, "invalid escape: '\\");
                cli_putc(b, c);
                cli_putc(b, '\'');
            }
            return false;
        }
    }
    *len = (uint32_t)(w - s);
    return true;
}

/* parse.go's stripEscapedNewlines, in place: a backslash that ends a line
 * takes the blanks and newlines after it away. */
static void tl_strip_line_ends(char *s, uint32_t *len)
{
    size_t n = *len, i = 0, o = 0;
    while (i < n) {
        if (s[i] != '\\') {
            s[o++] = s[i++];
            continue;
        }
        if (i + 1 < n && s[i + 1] == '\\') {
            s[o++] = s[i++];
            s[o++] = s[i++];
            continue;
        }
        size_t j = i + 1;
        bool nl = false;
        while (j < n && (s[j] == ' ' || s[j] == '\t' || s[j] == '\r' || s[j] == '\n')) nl |= s[j++] == '\n';
        if (!nl) {
            s[o++] = s[i++];
            continue;
        }
        i = j;
    }
    *len = (uint32_t)o;
}

/* The body of a one-line string (lexString / lexRawString) from t->pos. */
static bool tl_line_string(tl_t *t, char q, size_t start, size_t *end)
{
    for (;;) {
        uint32_t r;
        int w = tl_get(t, t->pos, &r);
        if (w < 0) return false;
        if (w == 0)
            return tl_fail(t, tl_eof_off(t),
                           q == '"' ? "unexpected EOF; expected '\"'" : "unexpected EOF; expected \"'\"");
        if (r == '\n' || r == '\r') return tl_fail(t, t->pos, "strings cannot contain newlines");
        t->pos += (size_t)w;
        if (r == (uint32_t)q) {
            *end = t->pos - 1;
            return true;
        }
        if (r == '\\' && q == '"' && !tl_escape(t, start)) return false;
    }
}

/* Three quotes at q? Then the string ends there, unless a sixth quote
 * follows five (lexMultilineString's rule). 1: the end, 0: not, -1: error. */
static int tl_triple_end(tl_t *t, size_t q, char c, size_t start)
{
    uint32_t r;
    for (int k = 1; k <= 3; k++) {
        int w = tl_get(t, q + (size_t)k, &r);
        if (w < 0) return -1;
        if (r != (uint32_t)(unsigned char)c) return k == 3 ? 1 : 0;
    }
    /* a fourth quote: five quotes so far end it badly, else one more is text */
    bool five = q >= start + 2 && t->s[q - 1] == c && t->s[q - 2] == c;
    if (five && !(c == '"' && q >= start + 3 && t->s[q - 3] == '\\')) {
        tl_fail(t, q + 3, c == '"' ? "unexpected '\"\"\"\"\"\"'" : "unexpected \"''''''\"");
        return -1;
    }
    return 0;
}

/* The body of a multi-line string (lexMultilineString /
 * lexMultilineRawString) from t->pos. */
static bool tl_ml_string(tl_t *t, char q, size_t start, size_t *end)
{
    for (;;) {
        uint32_t r;
        int w = tl_get(t, t->pos, &r);
        if (w < 0) return false;
        if (w == 0)
            return tl_fail(t, tl_eof_off(t), q == '"' ? "unexpected EOF; expected '\"\"\"'"
                                                      : "unexpected EOF; expected \"'''\"");
        if (r == (uint32_t)q) {
            int e = tl_triple_end(t, t->pos, q, start);
            if (e < 0) return false;
            if (e == 1) {
                *end = t->pos;
                t->pos += 3;
                return true;
            }
        }
        t->pos += (size_t)w;
        if (r != '\\' || q != '"') continue;
        w = tl_get(t, t->pos, &r);                  /* lexMultilineStringEscape */
        if (w < 0) return false;
        if (r == '\n' || r == '\r') continue;
        if (!tl_escape(t, start)) return false;
    }
}

bool tl_string(tl_t *t, bool key, uint32_t *off, uint32_t *len, size_t *item)
{
    char q = t->s[t->pos];
    bool ml = !key && t->len - t->pos >= 3 && t->s[t->pos + 1] == q && t->s[t->pos + 2] == q;
    size_t start = t->pos + (ml ? 3 : 1), end = start;
    t->pos = start;
    if (!(ml ? tl_ml_string(t, q, start, &end) : tl_line_string(t, q, start, &end))) return false;
    *item = end;
    *off = (uint32_t)start;
    *len = (uint32_t)(end - start);
    if (ml) {   /* stripFirstNewline */
        if (*len > 0 && t->s[start] == '\n') *off += 1, *len -= 1;
        else if (*len > 1 && t->s[start] == '\r' && t->s[start + 1] == '\n') *off += 2, *len -= 2;
    }
    if (q == '\'') return true;
    if (ml) tl_strip_line_ends(t->s + *off, len);
    return tl_unescape(t, *off, len, end);
}

/* SPDX-License-Identifier: Apache-2.0 */
/* text.c - the shared text helpers (see include/il_text.h). */
#include "il_text.h"

int il_hex_value(int c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

char il_hex_digit(unsigned v, bool upper)
{
    static const char digits[] = "0123456789abcdef0123456789ABCDEF";
    return digits[(v & 15u) + (upper ? 16u : 0u)];
}

size_t il_utf8_put(uint32_t r, char out[4])
{
    if (r < 0x80) {
        out[0] = (char)r;
        return 1;
    }
    if (r < 0x800) {
        out[0] = (char)(0xC0 | (r >> 6));
        out[1] = (char)(0x80 | (r & 0x3F));
        return 2;
    }
    if (r < 0x10000) {
        out[0] = (char)(0xE0 | (r >> 12));
        out[1] = (char)(0x80 | ((r >> 6) & 0x3F));
        out[2] = (char)(0x80 | (r & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (r >> 18));
    out[1] = (char)(0x80 | ((r >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((r >> 6) & 0x3F));
    out[3] = (char)(0x80 | (r & 0x3F));
    return 4;
}

/* The lead byte's payload bits, the continuation bytes it needs and the
 * smallest code point that may use that many (overlong forms are invalid);
 * false for a byte that cannot start a sequence. */
static bool text_utf8_lead(unsigned char c, uint32_t *v, size_t *need, uint32_t *min)
{
    if (c >= 0xC2 && c <= 0xDF) {
        *v = c & 0x1Fu;
        *need = 1;
        *min = 0x80;
    } else if (c >= 0xE0 && c <= 0xEF) {
        *v = c & 0x0Fu;
        *need = 2;
        *min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
        *v = c & 0x07u;
        *need = 3;
        *min = 0x10000;
    } else {
        return false;
    }
    return true;
}

size_t il_utf8_decode(const unsigned char *s, size_t n, uint32_t *r)
{
    uint32_t v, min;
    size_t need, i;
    *r = 0xFFFD;
    if (s[0] < 0x80) {
        *r = s[0];
        return 1;
    }
    if (!text_utf8_lead(s[0], &v, &need, &min) || n < need + 1) return 1;
    for (i = 1; i <= need; i++) {
        if ((s[i] & 0xC0u) != 0x80u) return 1;
        v = (v << 6) | (s[i] & 0x3Fu);
    }
    if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) return 1;
    *r = v;
    return need + 1;
}

char il_ascii_lower(char c)
{
    if (c >= 'A' && c <= 'Z') c = (char)(c - 'A' + 'a');
    return c;
}

bool il_ascii_ieq(const char *s, size_t n, const char *lit)
{
    size_t i;
    for (i = 0; i < n; i++) {
        if (lit[i] == '\0' || il_ascii_lower(s[i]) != il_ascii_lower(lit[i])) return false;
    }
    return lit[n] == '\0';
}

bool il_ascii_istarts(const char *s, const char *prefix)
{
    for (; *prefix != '\0'; s++, prefix++) {
        if (il_ascii_lower(*s) != il_ascii_lower(*prefix)) return false;
    }
    return true;
}

static bool text_unreserved(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '_' || c == '.' || c == '~';
}

static bool text_path_keeps(unsigned char c)
{
    return c == '$' || c == '&' || c == '+' || c == ':' || c == '=' || c == '@';
}

void il_pct_encode(const char *s, il_pct_set_t set, il_put_fn put, void *sink)
{
    for (; s != NULL && *s != '\0'; s++) {
        unsigned char c = (unsigned char)*s;
        char enc[3];
        if (text_unreserved(c) || (set == IL_PCT_PATH && text_path_keeps(c))) {
            put(sink, s, 1);
        } else if (set == IL_PCT_QUERY && c == ' ') {
            put(sink, "+", 1);
        } else {
            enc[0] = '%';
            enc[1] = il_hex_digit(c >> 4, true);
            enc[2] = il_hex_digit(c, true);
            put(sink, enc, 3);
        }
    }
}

void il_b64_encode(const uint8_t *p, size_t n, il_put_fn put, void *sink)
{
    static const char digits[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    size_t i, k;
    for (i = 0; i < n; i += 3) {
        uint32_t v = (uint32_t)p[i] << 16;
        char out[4];
        if (i + 1 < n) v |= (uint32_t)p[i + 1] << 8;
        if (i + 2 < n) v |= p[i + 2];
        for (k = 0; k < 4; k++) {
            out[k] = '=';
            if (k <= n - i) out[k] = digits[(v >> (18 - 6 * k)) & 63u];
        }
        put(sink, out, 4);
    }
}

size_t il_udec(unsigned long v, char out[IL_UDEC_MAX])
{
    char tmp[IL_UDEC_MAX];
    size_t i = sizeof tmp, n;
    do {
        tmp[--i] = (char)('0' + v % 10u);
        v /= 10u;
    } while (v != 0 && i > 0);
    n = sizeof tmp - i;
    for (i = 0; i < n; i++) out[i] = tmp[sizeof tmp - n + i];
    return n;
}

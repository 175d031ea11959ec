/* SPDX-License-Identifier: Apache-2.0 */
/* cli_values.c - Go's value parsers and the pin forms (see cli_values.h). */
#include "cli_values.h"

#include <stddef.h>
#include <string.h>

#include "il_text.h"

bool cli_parse_bool(const char *s, bool *out)
{
    static const char *const t[] = {"1", "t", "T", "TRUE", "true", "True"};
    static const char *const f[] = {"0", "f", "F", "FALSE", "false", "False"};
    for (size_t i = 0; i < 6; i++) {
        if (strcmp(s, t[i]) == 0) {
            *out = true;
            return true;
        }
        if (strcmp(s, f[i]) == 0) {
            *out = false;
            return true;
        }
    }
    return false;
}

/* One "12.5" of a duration at *s: false when there is no digit at all. */
static bool duration_number(const char **s, double *v)
{
    double scale = 1.0;
    bool digits = false;
    *v = 0.0;
    for (; **s >= '0' && **s <= '9'; (*s)++) {
        *v = *v * 10.0 + (**s - '0');
        digits = true;
    }
    if (**s != '.') return digits;
    for ((*s)++; **s >= '0' && **s <= '9'; (*s)++) {
        scale /= 10.0;
        *v += (**s - '0') * scale;
        digits = true;
    }
    return digits;
}

/* The unit at *s (up to the next digit or '.') in nanoseconds; 0 when it is
 * missing or unknown. */
static double duration_unit(const char **s)
{
    static const struct {
        const char *u;
        double ns;
    } units[] = {
        {"ns", 1.0}, {"us", 1e3}, {"\xc2\xb5s", 1e3}, {"\xce\xbcs", 1e3}, {"ms", 1e6},
        {"s", 1e9},  {"m", 60e9}, {"h", 3600e9},
    };
    const char *u = *s;
    while (**s != '\0' && **s != '.' && !(**s >= '0' && **s <= '9')) (*s)++;
    size_t ulen = (size_t)(*s - u);
    for (size_t k = 0; k < sizeof units / sizeof units[0]; k++)
        if (ulen > 0 && strlen(units[k].u) == ulen && memcmp(units[k].u, u, ulen) == 0) return units[k].ns;
    return 0.0;
}

/* Go's time.ParseDuration, in float nanoseconds (exactness below a
 * millisecond does not matter here). */
bool cli_parse_duration(const char *s, int64_t *ms, bool *negative)
{
    double total = 0.0;
    bool neg = false;
    *negative = false;
    if (*s == '-' || *s == '+') neg = *s++ == '-';
    if (strcmp(s, "0") == 0) {
        *ms = 0;
        return true;
    }
    if (*s == '\0') return false;
    while (*s != '\0') {
        double v, mult;
        if (!(*s == '.' || (*s >= '0' && *s <= '9')) || !duration_number(&s, &v)) return false;
        mult = duration_unit(&s);
        if (mult == 0.0) return false;                        /* missing or unknown unit */
        total += v * mult;
        if (total > 9.223372036854775807e18) return false;   /* overflows int64 ns */
    }
    double m = total / 1e6;
    int64_t r = (int64_t)m;
    if ((double)r < m) r++;
    *ms = r;
    *negative = neg && total > 0.0;
    return true;
}

/* 64 hex digits, optionally "aa:bb:...". */
static bool pin_hex(const char *p, uint8_t out[32])
{
    size_t n = 0;
    while (*p != '\0') {
        if (*p == ':') {
            p++;
            continue;
        }
        int hi = il_hex_value(p[0]), lo = hi >= 0 ? il_hex_value(p[1]) : -1;
        if (hi < 0 || lo < 0 || n >= 32) return false;
        out[n++] = (uint8_t)(hi << 4 | lo);
        p += 2;
    }
    return n == 32;
}

/* 43 base64 characters (either alphabet) + optional "=". */
static bool pin_base64(const char *s, uint8_t out[32])
{
    il_b64_decoder_t d = {0, 0};
    size_t len = strlen(s), n = 0;
    while (len > 0 && s[len - 1] == '=') len--;
    if (len != 43 || strlen(s) > 44) return false;
    for (size_t i = 0; i < len; i++) {
        int v = il_b64_value(s[i], IL_B64_STD_OR_URL);
        if (v < 0) return false;
        if (il_b64_push(&d, (unsigned)v, &out[n])) n++;
    }
    return n == 32 && d.acc == 0;
}

/* The bytes of a base64 quantum of dlen characters (4, 3 or 2) into out. */
static bool b64_emit(const uint8_t d[4], size_t dlen, uint8_t *out, size_t cap, size_t *n)
{
    uint32_t v = (uint32_t)d[0] << 18 | (uint32_t)d[1] << 12 | (uint32_t)d[2] << 6 | d[3];
    if (dlen < 2) return true;
    if (*n + dlen - 1 > cap) return false;
    for (size_t k = 0; k + 1 < dlen; k++) out[(*n)++] = (uint8_t)(v >> (16 - 8 * k));
    return true;
}

static bool b64_newline(char c)
{
    return c == '\n' || c == '\r';
}

/* Go's decodeQuantum at s[*si]: the quantum's digits in d, their count in
 * *dlen; -1 with *bad on an error (a trailing one after a whole quantum
 * keeps that quantum: *dlen set, 1 returned). */
static int b64_quantum(const char *s, size_t len, size_t *si, uint8_t d[4], size_t *dlen, size_t *bad)
{
    for (long j = 0; j < 4; j++) {
        if (*si == len) {
            if (j == 0) return 0;
            *bad = *si - (size_t)j;
            return -1;
        }
        char c = s[(*si)++];
        int v = il_b64_value(c, IL_B64_STD);
        if (v >= 0) {
            d[j] = (uint8_t)v;
            continue;
        }
        if (b64_newline(c)) {
            j--;
            continue;
        }
        *bad = *si - 1;
        if (c != '=' || j < 2) return -1;
        if (j == 2) {
            while (*si < len && b64_newline(s[*si])) (*si)++;
            *bad = *si == len ? len : *si - 1;
            if (*si == len || s[*si] != '=') return -1;
            (*si)++;
        }
        while (*si < len && b64_newline(s[*si])) (*si)++;
        *dlen = (size_t)j;
        *bad = *si;
        return *si < len ? 1 : 0;
    }
    *dlen = 4;
    return 0;
}

int cli_b64_std_decode(const char *s, size_t len, uint8_t *out, size_t cap, size_t *n, size_t *bad)
{
    size_t si = 0;
    *n = 0;
    while (si < len) {
        uint8_t d[4] = {0, 0, 0, 0};
        size_t dlen = 0;
        int r = b64_quantum(s, len, &si, d, &dlen, bad);
        if (r < 0) return -1;
        if (!b64_emit(d, dlen, out, cap, n)) return -2;
        if (r > 0) return -1;
    }
    return 0;
}

bool cli_parse_pin(const char *s, uint8_t out[32])
{
    if (strncmp(s, "sha256//", 8) == 0) return pin_base64(s + 8, out);
    return pin_hex(s, out) || pin_base64(s, out);
}

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

/* Go's time.ParseDuration (src/time/format.go), in integers only: a CPU
 * without an FPU (MIPS routers whose kernel has no FPU emulator) kills a
 * process with SIGILL at its first floating-point instruction. */
#define DURATION_MAX 9223372036854775808u   /* 1 << 63 ns: Go's bound while parsing */
#define DURATION_FRACTION_DIGITS 17         /* kept: the rest is below a nanosecond even in hours */

/* Go's leadingInt: the digits at *s; false when they overflow 1 << 63. */
static bool duration_int(const char **s, uint64_t *v)
{
    *v = 0;
    for (; **s >= '0' && **s <= '9'; (*s)++) {
        if (*v > DURATION_MAX / 10) return false;
        *v = *v * 10 + (uint64_t)(**s - '0');
        if (*v > DURATION_MAX) return false;
    }
    return true;
}

/* The digits after a '.' at *s: f / 10^*digits, the first
 * DURATION_FRACTION_DIGITS of them. */
static void duration_fraction(const char **s, uint64_t *f, int *digits)
{
    *f = 0;
    *digits = 0;
    for (; **s >= '0' && **s <= '9'; (*s)++) {
        if (*digits == DURATION_FRACTION_DIGITS) continue;
        *f = *f * 10 + (uint64_t)(**s - '0');
        (*digits)++;
    }
}

/* A unit of Go's unitMap as m * 10^e nanoseconds. */
typedef struct {
    const char *name;
    unsigned m, e;
} duration_unit_t;

/* The unit at *s (up to the next digit or '.'); NULL when it is missing or
 * unknown. */
static const duration_unit_t *duration_unit(const char **s)
{
    static const duration_unit_t units[] = {
        {"ns", 1, 0}, {"us", 1, 3}, {"\xc2\xb5s", 1, 3}, {"\xce\xbcs", 1, 3}, {"ms", 1, 6},
        {"s", 1, 9},  {"m", 6, 10}, {"h", 36, 11},
    };
    const char *u = *s;
    while (**s != '\0' && **s != '.' && !(**s >= '0' && **s <= '9')) (*s)++;
    size_t ulen = (size_t)(*s - u);
    for (size_t k = 0; k < sizeof units / sizeof units[0]; k++)
        if (ulen > 0 && strlen(units[k].name) == ulen && memcmp(units[k].name, u, ulen) == 0) return &units[k];
    return NULL;
}

static uint64_t pow10_u64(unsigned e)
{
    uint64_t p = 1;
    while (e-- > 0) p *= 10;
    return p;
}

/* (f / 10^digits) units in nanoseconds, rounded down: below one unit, so
 * below 3.6e12; f * m stays below 2^64 with at most 17 digits. */
static uint64_t duration_fraction_ns(uint64_t f, int digits, const duration_unit_t *u)
{
    unsigned d = (unsigned)digits;
    if (d <= u->e) return f * u->m * pow10_u64(u->e - d);
    return f * u->m / pow10_u64(d - u->e);
}

/* One "12.5h" at *s added to *total: false when it is malformed or the sum
 * passes 1 << 63 ns. */
static bool duration_term(const char **s, uint64_t *total)
{
    const char *start = *s;
    uint64_t v, f = 0, unit;
    int digits = 0;
    bool post = false;
    if (!(**s == '.' || (**s >= '0' && **s <= '9')) || !duration_int(s, &v)) return false;
    bool pre = *s != start;
    if (**s == '.') {
        const char *fs = ++(*s);
        duration_fraction(s, &f, &digits);
        post = *s != fs;
    }
    if (!pre && !post) return false;
    const duration_unit_t *u = duration_unit(s);
    if (u == NULL) return false;                              /* missing or unknown unit */
    unit = u->m * pow10_u64(u->e);
    if (v > DURATION_MAX / unit) return false;
    v = v * unit + duration_fraction_ns(f, digits, u);
    if (v > DURATION_MAX || *total > DURATION_MAX - v) return false;
    *total += v;
    return true;
}

bool cli_parse_duration(const char *s, int64_t *ms, bool *negative)
{
    uint64_t total = 0;
    bool neg = false;
    *negative = false;
    if (*s == '-' || *s == '+') neg = *s++ == '-';
    if (strcmp(s, "0") == 0) {
        *ms = 0;
        return true;
    }
    if (*s == '\0') return false;
    while (*s != '\0')
        if (!duration_term(&s, &total)) return false;
    if (!neg && total > DURATION_MAX - 1) return false;      /* overflows int64 ns */
    *ms = (int64_t)(total / 1000000 + (total % 1000000 != 0));
    *negative = neg && total > 0;
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

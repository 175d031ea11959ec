/* SPDX-License-Identifier: Apache-2.0 */
/* text.c - the shared text helpers (see include/il_text.h). */
#include <string.h>
#include "il_text.h"

int il_hex_value(int c)
{
    if (c >= '0' && c <= '9') return c - '0';
    c |= 0x20;                      /* A-F to a-f; nothing else lands there */
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
}

char il_hex_digit(unsigned v, bool upper)
{
    v &= 15u;
    return (char)(v < 10u ? '0' + v : (upper ? 'A' : 'a') + v - 10u);
}

size_t il_utf8_put(uint32_t r, char out[4])
{
    static const uint8_t lead[] = { 0, 0, 0xC0, 0xE0, 0xF0 };
    size_t n = r < 0x80 ? 1 : r < 0x800 ? 2 : r < 0x10000 ? 3 : 4, i;
    for (i = n - 1; i > 0; i--, r >>= 6) out[i] = (char)(0x80 | (r & 0x3F));
    out[0] = (char)(lead[n] | r);
    return n;
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

/* What Go's url.PathEscape or url.QueryEscape keeps as it is: letters,
 * digits, "-_.~", and in a path segment "$&+:=@" too (shouldEscape). */
static bool text_kept(unsigned char c, il_pct_set_t set)
{
    static const char marks[] = "$&+:=@-_.~";
    unsigned char l = c | 0x20;     /* A-Z to a-z; nothing else lands there */
    return (l >= 'a' && l <= 'z') || (c >= '0' && c <= '9') ||
           (c != 0 && strchr(set == IL_PCT_PATH ? marks : marks + 6, c) != NULL);
}

void il_pct_encode(const char *s, il_pct_set_t set, il_put_fn put, void *sink)
{
    for (; s != NULL && *s != '\0'; s++) {
        unsigned char c = (unsigned char)*s;
        char enc[3];
        if (text_kept(c, set)) {
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
    size_t n = 0, i;
    unsigned long t = v;
    do n++; while ((t /= 10u) != 0);
    for (i = n; i > 0; i--, v /= 10u) out[i - 1] = (char)('0' + v % 10u);
    return n;
}

/* ---- IP literals (moved here from the TLS port's ip_name.c) ---- */

/* Dotted quad, exactly four decimal parts 0..255 without a leading zero
 * (Go 1.17's net.ParseIP): 1 and out[4], else 0. */
static int text_ipv4(const char *s, size_t len, uint8_t out[4])
{
    size_t i = 0;
    int part;
    for (part = 0; part < 4; part++) {
        unsigned v = 0, digits = 0;
        size_t first = i;
        while (i < len && s[i] >= '0' && s[i] <= '9' && digits < 4) {
            v = v * 10u + (unsigned)(s[i] - '0');
            i++;
            digits++;
        }
        if (digits == 0 || digits > 3 || v > 255 || (digits > 1 && s[first] == '0')) return 0;
        out[part] = (uint8_t)v;
        if (part < 3) {
            if (i >= len || s[i] != '.') return 0;
            i++;
        }
    }
    return i == len;
}

/* The hex digits at s[*i] (at most 5 read, so that a fifth shows the group
 * is too long) into *v: their count. */
static unsigned text_ipv6_group(const char *s, size_t len, size_t *i, unsigned *v)
{
    unsigned digits = 0;
    *v = 0;
    while (*i < len && il_hex_value(s[*i]) >= 0 && digits < 5) {
        *v = (*v << 4) | (unsigned)il_hex_value(s[*i]);
        (*i)++;
        digits++;
    }
    return digits;
}

/* After the group that ended w at n bytes: the ':' at s[*i], and the one
 * "::" gap (its offset in *gap). 1: a group may follow; 0: the end of the
 * text; -1: not IPv6 (a second gap, a trailing single ':', junk). */
static int text_ipv6_separator(const char *s, size_t len, size_t *i, int *gap, size_t n)
{
    if (*i == len) return 0;
    if (s[*i] != ':') return -1;
    (*i)++;
    if (*i < len && s[*i] == ':') {
        if (*gap >= 0) return -1;
        *gap = (int)n;
        (*i)++;
    } else if (*i == len) {
        return -1;
    }
    return 1;
}

/* The n bytes of w, with zeros at the gap (gap < 0: none), into out[16]. */
static int text_ipv6_expand(const uint8_t *w, size_t n, int gap, uint8_t out[16])
{
    size_t g, tail;
    if (gap < 0) {
        if (n != 16) return 0;
        memcpy(out, w, 16);
        return 1;
    }
    if (n > 14) return 0;
    g = (size_t)gap;
    tail = n - g;
    memset(out, 0, 16);
    memcpy(out, w, g);
    memcpy(out + 16 - tail, w + g, tail);
    return 1;
}

/* RFC 4291 text form with "::" and an optional trailing dotted quad. */
static int text_ipv6(const char *s, size_t len, uint8_t out[16])
{
    uint8_t w[16];
    size_t i = 0, n = 0;
    int gap = -1, more = 1;
    if (len >= 2 && s[0] == ':' && s[1] == ':') {
        gap = 0;
        i = 2;
    } else if (len >= 1 && s[0] == ':') {
        return 0;
    }
    while (i < len && more > 0) {
        size_t start = i;
        unsigned v, digits = text_ipv6_group(s, len, &i, &v);
        if (i < len && s[i] == '.') {      /* embedded IPv4 at the end */
            if (n > 12 || !text_ipv4(s + start, len - start, w + n)) return 0;
            n += 4;
            break;
        }
        if (digits == 0 || digits > 4 || n > 14) return 0;
        w[n++] = (uint8_t)(v >> 8);
        w[n++] = (uint8_t)v;
        more = text_ipv6_separator(s, len, &i, &gap, n);
        if (more < 0) return 0;
    }
    return text_ipv6_expand(w, n, gap, out);
}

size_t il_ip_parse(const char *s, size_t len, uint8_t out[16])
{
    if (text_ipv4(s, len, out)) return 4;
    if (memchr(s, ':', len) != NULL && text_ipv6(s, len, out)) return 16;
    return 0;
}

/* a.b.c.d at out; its length */
static size_t ip4_text(const uint8_t a[4], char *out)
{
    size_t n = 0;
    for (int i = 0; i < 4; i++) {
        if (i > 0) out[n++] = '.';
        n += il_udec(a[i], out + n);
    }
    return n;
}

/* The first longest run of two or more zero groups: *at (8: none), its length. */
static unsigned ip6_zero_run(const uint8_t a[16], unsigned *at)
{
    unsigned best = 0, run = 0;
    *at = 8;
    for (unsigned g = 0; g < 8; g++) {
        run = (a[2 * (size_t)g] | a[2 * (size_t)g + 1]) == 0 ? run + 1 : 0;
        if (run > best && run >= 2) {
            best = run;
            *at = g + 1 - run;
        }
    }
    return best;
}

size_t il_ip_text(const uint8_t *addr, size_t len, char out[IL_IP_TEXT_MAX])
{
    static const uint8_t mapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
    size_t n = 0;
    unsigned at, zeros, g;
    if (len == 16 && memcmp(addr, mapped, sizeof mapped) == 0) {   /* ::ffff:a.b.c.d prints as a.b.c.d */
        addr += 12;
        len = 4;
    }
    if (len == 4) n = ip4_text(addr, out);
    if (len != 16) {
        out[n] = '\0';
        return n;
    }
    zeros = ip6_zero_run(addr, &at);
    for (g = 0; g < 8; g++) {
        unsigned v = (unsigned)addr[2 * (size_t)g] << 8 | addr[2 * (size_t)g + 1];
        bool lead = true;
        if (g == at) {
            out[n++] = ':';
            out[n++] = ':';
            g += zeros - 1;
            continue;
        }
        if (g > 0 && g != at + zeros) out[n++] = ':';
        for (int shift = 12; shift >= 0; shift -= 4) {
            unsigned d = (v >> shift) & 15u;
            if (lead && d == 0 && shift > 0) continue;
            lead = false;
            out[n++] = il_hex_digit(d, false);
        }
    }
    out[n] = '\0';
    return n;
}

/* SPDX-License-Identifier: Apache-2.0 */
/* cli_secrets.c - the registry of the caller's secrets, and the match at one
 * position of a text: each decoder reads what follows as one encoding of
 * bytes, and the decoded bytes are looked up among the secrets' 8-byte
 * windows (see cli_redact.h). */
#include "cli_redact.h"

#include <string.h>

#include "il_text.h"
#include "il_wipe.h"

/* ---- the registry ---- */

void cli_secrets_init(cli_secrets_t *s, uint64_t *grams, size_t cap)
{
    memset(s, 0, sizeof *s);
    s->grams = grams;
    s->grams_cap = cap;
}

static uint64_t gram_of(const uint8_t *p)
{
    uint64_t g;
    memcpy(&g, p, sizeof g);
    return g;
}

/* Sift a[i] down the max-heap a[0..n). */
static void heap_sift(uint64_t *a, size_t i, size_t n)
{
    for (;;) {
        size_t c = 2 * i + 1;
        if (c >= n) return;
        if (c + 1 < n && a[c + 1] > a[c]) c++;
        if (a[i] >= a[c]) return;
        uint64_t t = a[i];
        a[i] = a[c];
        a[c] = t;
        i = c;
    }
}

/* Heapsort, then drop repeats: no qsort (glibc's may allocate). */
static size_t grams_sort_unique(uint64_t *a, size_t n)
{
    size_t w = 0;
    for (size_t i = n / 2; i-- > 0;) heap_sift(a, i, n);
    for (size_t end = n; end > 1; end--) {
        uint64_t t = a[0];
        a[0] = a[end - 1];
        a[end - 1] = t;
        heap_sift(a, 0, end - 1);
    }
    for (size_t i = 0; i < n; i++)
        if (w == 0 || a[w - 1] != a[i]) a[w++] = a[i];
    return w;
}

bool cli_secrets_add(cli_secrets_t *s, char *p, size_t n)
{
    const uint8_t *u = (const uint8_t *)p;
    for (size_t i = 0; i < s->count; i++)
        if (s->spans[i].p == p && s->spans[i].n == n) return true;
    if (s->count == CLI_SECRETS_MAX) return false;
    if (n >= CLI_REDACT_RUN && s->ngrams + (n - CLI_REDACT_RUN + 1) > s->grams_cap) return false;
    if (n >= CLI_REDACT_MIN && n < CLI_REDACT_RUN && s->nshorts == CLI_SECRET_SHORT_MAX) return false;
    s->spans[s->count].p = p;
    s->spans[s->count].n = n;
    if (n < CLI_REDACT_MIN) {
        s->count++;
        return true;                  /* wiped at exit, too short to search for */
    }
    if (n < CLI_REDACT_RUN) s->shorts[s->nshorts++] = &s->spans[s->count];
    s->count++;
    for (size_t i = 0; i < n; i++) s->bytes[u[i] >> 3] = (uint8_t)(s->bytes[u[i] >> 3] | (1u << (u[i] & 7)));
    for (size_t i = 0; i + CLI_REDACT_RUN <= n; i++) s->grams[s->ngrams++] = gram_of(u + i);
    s->ngrams = grams_sort_unique(s->grams, s->ngrams);
    s->any = true;
    return true;
}

void cli_secrets_wipe(cli_secrets_t *s)
{
    for (size_t i = 0; i < s->count; i++) il_wipe(s->spans[i].p, s->spans[i].n);
    il_wipe(s->grams, s->ngrams * sizeof s->grams[0]);
    il_wipe(s->bytes, sizeof s->bytes);
    s->count = s->ngrams = s->nshorts = 0;
    s->any = false;
}

static bool gram_known(const cli_secrets_t *s, uint64_t g)
{
    size_t lo = 0, hi = s->ngrams;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (s->grams[mid] == g) return true;
        if (s->grams[mid] < g) lo = mid + 1;
        else hi = mid;
    }
    return false;
}

static bool in_secret(const cli_secrets_t *s, unsigned c)
{
    return ((unsigned)s->bytes[(c >> 3) & 31u] >> (c & 7u) & 1u) != 0;
}

/* ---- decoders: bytes decoded from the text at one position ---- */

typedef struct decoded {
    uint8_t b[CLI_REDACT_RUN];
    size_t end[CLI_REDACT_RUN];     /* the text's length up to and with byte k */
    size_t n;
    bool encoded;                   /* something was decoded, not taken as it is */
} decoded_t;

/* Keep c, decoded from the text up to end: false once no secret can hold
 * it or the run is complete. */
static bool dec_put(const cli_secrets_t *s, decoded_t *d, unsigned c, size_t end)
{
    if (d->n == CLI_REDACT_RUN || !in_secret(s, c)) return false;
    d->b[d->n] = (uint8_t)c;
    d->end[d->n++] = end;
    return d->n < CLI_REDACT_RUN;
}

static void dec_raw(const cli_secrets_t *s, const uint8_t *t, size_t len, decoded_t *d)
{
    for (size_t i = 0; i < len && dec_put(s, d, t[i], i + 1); i++) {
    }
}

/* %HH as the byte, '+' as a space (when plus_space), the rest as it is. */
static void dec_percent(const cli_secrets_t *s, const uint8_t *t, size_t len, bool plus_space, decoded_t *d)
{
    size_t i = 0;
    for (;;) {
        unsigned c;
        if (i >= len) return;
        c = t[i++];
        if (c == '%' && i + 1 < len && il_hex_value(t[i]) >= 0 && il_hex_value(t[i + 1]) >= 0) {
            c = (unsigned)(il_hex_value(t[i]) << 4 | il_hex_value(t[i + 1]));
            i += 2;
            d->encoded = true;
        } else if (c == '+' && plus_space) {
            c = ' ';
            d->encoded = true;
        }
        if (!dec_put(s, d, c, i)) return;
    }
}

/* The value of n hex digits at t (all of them within len), or -1. */
static long hex_digits(const uint8_t *t, size_t len, size_t n)
{
    long v = 0;
    if (n > len) return -1;
    for (size_t k = 0; k < n; k++) {
        int h = il_hex_value(t[k]);
        if (h < 0) return -1;
        v = v << 4 | h;
    }
    return v;
}

/* A backslash escape at t[0] == '\\': the code point and the escape's
 * length, or 0 when it is none of Go's or JSON's. */
static size_t esc_one(const uint8_t *t, size_t len, uint32_t *cp, bool *byte)
{
    static const char simple[] = "a\ab\bf\fn\nr\rt\tv\v\\\\\"\"''//";
    const char *k;
    long v;
    *byte = false;
    if (len < 2) return 0;
    if (t[1] == 'x' && (v = hex_digits(t + 2, len - 2, 2)) >= 0) {
        *cp = (uint32_t)v;
        *byte = true;
        return 4;
    }
    if (t[1] == 'u' && (v = hex_digits(t + 2, len - 2, 4)) >= 0) {
        *cp = (uint32_t)v;
        return 6;
    }
    if (t[1] == 'U' && (v = hex_digits(t + 2, len - 2, 8)) >= 0 && v <= 0x10FFFF) {
        *cp = (uint32_t)v;
        return 10;
    }
    for (k = simple; *k != '\0'; k += 2) {
        if ((unsigned char)*k == t[1]) {
            *cp = (unsigned char)k[1];
            return 2;
        }
    }
    return 0;
}

static void dec_escapes(const cli_secrets_t *s, const uint8_t *t, size_t len, decoded_t *d)
{
    size_t i = 0;
    while (i < len) {
        uint32_t cp = t[i];
        bool byte = true;
        size_t w = t[i] == '\\' ? esc_one(t + i, len - i, &cp, &byte) : 0;
        char u[4];
        size_t nu;
        if (w == 0) {
            w = 1;
        } else {
            d->encoded = true;
        }
        i += w;
        if (byte || cp < 0x80) {
            if (!dec_put(s, d, cp, i)) return;
            continue;
        }
        nu = il_utf8_put(cp, u);
        for (size_t k = 0; k < nu; k++)
            if (!dec_put(s, d, (unsigned char)u[k], i)) return;
    }
}

static void dec_hex(const cli_secrets_t *s, const uint8_t *t, size_t len, decoded_t *d)
{
    long v;
    for (size_t i = 0; (v = hex_digits(t + i, len - i, 2)) >= 0; i += 2)
        if (!dec_put(s, d, (unsigned)v, i + 2)) return;
}

/* Base64 (either alphabet) whose bytes start skip bits into t[0]. */
static void dec_base64(const cli_secrets_t *s, const uint8_t *t, size_t len, unsigned skip, decoded_t *d)
{
    uint32_t acc = 0;
    unsigned bits = 0;
    for (size_t i = 0; i < len; i++) {
        int v = il_b64_value(t[i], IL_B64_STD_OR_URL);
        if (v < 0) return;
        acc = acc << 6 | (uint32_t)v;            /* under 14 bits: each byte is taken out */
        bits += 6;
        if (skip > 0) {
            bits -= skip;
            acc &= (1u << bits) - 1u;
            skip = 0;
        }
        if (bits >= 8) {
            bits -= 8;
            if (!dec_put(s, d, (acc >> bits) & 0xFFu, i + 1)) return;
            acc &= (1u << bits) - 1u;
        }
    }
}

/* The text's length of the longest secret run d starts with, or 0. */
static size_t dec_match(const cli_secrets_t *s, const decoded_t *d)
{
    size_t end = 0;
    if (d->n == CLI_REDACT_RUN && gram_known(s, gram_of(d->b))) end = d->end[CLI_REDACT_RUN - 1];
    for (size_t k = 0; k < s->nshorts; k++) {
        size_t n = s->shorts[k]->n;
        if (n == 0 || n > d->n || memcmp(d->b, s->shorts[k]->p, n) != 0) continue;
        if (d->end[n - 1] > end) end = d->end[n - 1];
    }
    return end;
}

enum { DEC_RAW, DEC_PCT, DEC_PCT_PLUS, DEC_ESC, DEC_HEX, DEC_B64_0, DEC_B64_2, DEC_B64_4, DEC_COUNT };

size_t cli_secrets_match_at(const cli_secrets_t *s, const uint8_t *t, size_t len)
{
    size_t best = 0;
    if (!s->any || len == 0) return 0;
    for (int k = 0; k < DEC_COUNT; k++) {
        decoded_t d;
        size_t e;
        d.n = 0;
        d.encoded = false;
        switch (k) {
        case DEC_RAW: dec_raw(s, t, len, &d); break;
        case DEC_PCT: dec_percent(s, t, len, false, &d); break;
        case DEC_PCT_PLUS: dec_percent(s, t, len, true, &d); break;
        case DEC_ESC: dec_escapes(s, t, len, &d); break;
        case DEC_HEX: dec_hex(s, t, len, &d); break;
        default: dec_base64(s, t, len, (unsigned)(k - DEC_B64_0) * 2u, &d); break;
        }
        /* too short for any secret; or a percent or escape decoding that
         * decoded nothing, which is the raw one */
        if (d.n < CLI_REDACT_MIN || ((k == DEC_PCT || k == DEC_PCT_PLUS || k == DEC_ESC) && !d.encoded)) continue;
        e = dec_match(s, &d);
        if (e > best) best = e;
    }
    return best;
}

/* SPDX-License-Identifier: Apache-2.0 */
/* cli_secrets.c - the registry of the caller's secrets, and the search of a
 * text for them: at a position, each decoder reads what follows as one
 * encoding of bytes, and the decoded bytes are looked up among the secrets'
 * 8-byte windows (see cli_redact.h); the scan of a text picks the positions
 * and decoders where that may find something. */
#include "cli_redact.h"

#include <stddef.h>
#include <string.h>

#include "il_text.h"
#include "il_wipe.h"

/* ---- the registry ---- */

void cli_secrets_init(cli_secrets_t *s, uint64_t *grams, size_t cap)
{
    memset(s, 0, offsetof(cli_secrets_t, few));
    s->grams = s->few;
    s->grams_cap = CLI_SECRET_FEW_GRAMS;
    s->more = grams;
    s->more_cap = cap;
}

/* Room for n windows in all: the few move to the caller's memory when they
 * are full and it is larger; false when there is no room. */
static bool grams_room(cli_secrets_t *s, size_t n)
{
    if (n <= s->grams_cap) return true;
    if (s->grams != s->few || n > s->more_cap) return false;
    memcpy(s->more, s->few, s->ngrams * sizeof s->few[0]);
    il_wipe(s->few, s->ngrams * sizeof s->few[0]);
    s->grams = s->more;
    s->grams_cap = s->more_cap;
    return true;
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
    if (n >= CLI_REDACT_RUN && !grams_room(s, s->ngrams + (n - CLI_REDACT_RUN + 1))) return false;
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

/* Decoder k from t[0], t[0..len) its window: the text's length of the
 * longest secret run it decodes, or 0. */
static size_t dec_run(const cli_secrets_t *s, int k, const uint8_t *t, size_t len)
{
    decoded_t d;
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
    if (d.n < CLI_REDACT_MIN || ((k == DEC_PCT || k == DEC_PCT_PLUS || k == DEC_ESC) && !d.encoded)) return 0;
    return dec_match(s, &d);
}

size_t cli_secrets_match_at(const cli_secrets_t *s, const uint8_t *t, size_t len)
{
    size_t best = 0, e;
    if (!s->any || len == 0) return 0;
    for (int k = 0; k < DEC_COUNT; k++)
        if ((e = dec_run(s, k, t, len)) > best) best = e;
    return best;
}

/* ---- the positions of one text ----
 *
 * At most positions no decoder can decode CLI_REDACT_MIN bytes of a
 * secret, and what shows it is in the next few bytes: SCAN_AHEAD of them.
 * So the text is looked at in windows of 64 bytes, each byte once, as bit
 * masks (bit k for the byte or the position k from the window's start):
 * the bytes that are a secret's, hex digits, base64 digits, '%', '+' and
 * '\\'; from them, shifted and combined, the positions where each decoder
 * may find a run. A decoder runs (as it is, from that position, in the
 * same window of text as ever) only there:
 *  - raw: CLI_REDACT_MIN secret bytes from the position;
 *  - percent, with '+' or not, and backslash escapes: until they decode
 *    something they read what the raw decoder reads (the secret bytes from
 *    the position, at most CLI_REDACT_RUN, then the one that ends them),
 *    and a decoding that decoded nothing is the raw decoder's, which they
 *    do not count: so they run where '%', '+' or '\\' is among those
 *    bytes, after secret bytes only;
 *  - hex: 2 * CLI_REDACT_MIN hex digits, whose first two bytes are a
 *    secret's (the first in the masks, the second when it runs);
 *  - base64: SCAN_B64_MIN digits (CLI_REDACT_MIN bytes at the offset that
 *    needs the fewest), the first byte a secret's at one of the offsets
 *    (the first two digits hold it at each), and then the second at that
 *    offset.
 * A window decides its first SCAN_BITS - SCAN_AHEAD + 1 positions (all of
 * them when it reaches the text's end): the next starts after them. */
#define SCAN_BITS 64u
#define SCAN_B64_MIN ((8u * CLI_REDACT_MIN + 5u) / 6u)
#define SCAN_AHEAD 8u               /* bytes from a position the masks look at */
typedef char scan_ahead_covers[(CLI_REDACT_RUN <= SCAN_AHEAD && 2 * CLI_REDACT_MIN <= SCAN_AHEAD &&
                                SCAN_B64_MIN <= SCAN_AHEAD) ? 1 : -1];

static bool is_hex_digit(unsigned c)
{
    return c - '0' < 10u || (c | 0x20u) - 'a' < 6u;
}

static bool is_b64_digit(unsigned c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '+' || c == '/' ||
           c == '-' || c == '_';
}

/* The value of the hex digit or base64 digit c (which is one). */
static unsigned hex_val(unsigned c)
{
    return c <= '9' ? c - '0' : (c | 0x20u) - 'a' + 10u;
}

static unsigned b64_val(unsigned c)
{
    if (c >= 'a') return c - 'a' + 26u;
    if (c >= 'A') return c == '_' ? 63u : c - 'A';
    if (c >= '0') return c - '0' + 52u;
    return c == '/' ? 63u : 62u;    /* '+', '-' */
}

/* Whether a byte of a secret starts at base64 offset 0, 2 or 4 in x, the
 * 12 bits of two digits. */
static bool b64_first_known(const cli_secrets_t *s, unsigned x)
{
    return in_secret(s, x >> 4) || in_secret(s, (x >> 2) & 0xFFu) || in_secret(s, x & 0xFFu);
}

/* The bytes t[0..n) of a window (n at most SCAN_BITS) as masks, bit k for
 * byte k: a secret's, a hex digit, a base64 digit (either alphabet), one of
 * '%', '+', '\\'. */
typedef struct scan_bytes {
    uint64_t sec, hex, b64, esc;
} scan_bytes_t;

static void scan_bytes(const cli_secrets_t *s, const uint8_t *t, size_t n, scan_bytes_t *m)
{
    m->sec = m->hex = m->b64 = m->esc = 0;
    for (size_t k = 0; k < n; k++) {
        unsigned c = t[k];
        uint64_t bit = (uint64_t)1 << k;
        if (in_secret(s, c)) m->sec |= bit;
        if (is_b64_digit(c)) m->b64 |= bit;
        if (is_hex_digit(c)) m->hex |= bit;
        if (c == '%' || c == '+' || c == '\\') m->esc |= bit;
    }
}

/* Of the positions in *h and *b (hex, base64 digits enough from there),
 * keep those where the first byte decoded is a secret's. */
static void scan_first_bytes(const cli_secrets_t *s, const uint8_t *t, uint64_t *h, uint64_t *b)
{
    uint64_t m = *h | *b;
    for (size_t k = 0; m != 0; k++, m >>= 1) {
        uint64_t bit = (uint64_t)1 << k;
        if ((m & 1u) == 0) continue;
        if ((*h & bit) != 0 && !in_secret(s, hex_val(t[k]) << 4 | hex_val(t[k + 1]))) *h &= ~bit;
        if ((*b & bit) != 0 && !b64_first_known(s, b64_val(t[k]) << 6 | b64_val(t[k + 1]))) *b &= ~bit;
    }
}

/* The window from position base. */
static void scan_fill(const cli_secrets_t *s, cli_scan_t *sc, size_t base)
{
    const uint8_t *t = sc->t + base;
    size_t n = sc->len - base < SCAN_BITS ? sc->len - base : SCAN_BITS;
    uint64_t run, spec, h, b, decided;
    scan_bytes_t m;
    scan_bytes(s, t, n, &m);
    sc->base = base;
    sc->decided = base + n == sc->len ? n : SCAN_BITS - SCAN_AHEAD + 1;
    decided = sc->decided == SCAN_BITS ? ~(uint64_t)0 : ((uint64_t)1 << sc->decided) - 1;
    run = m.sec;
    for (unsigned d = 1; d < CLI_REDACT_MIN; d++) run &= m.sec >> d;
    spec = m.esc;                   /* one of them after secret bytes only, CLI_REDACT_RUN - 1 at most */
    for (unsigned d = 1; d < CLI_REDACT_RUN; d++) spec |= m.sec & (spec >> 1);
    h = m.hex;
    for (unsigned d = 1; d < 2 * CLI_REDACT_MIN; d++) h &= m.hex >> d;
    b = m.b64;
    for (unsigned d = 1; d < SCAN_B64_MIN; d++) b &= m.b64 >> d;
    h &= decided;
    b &= decided;
    scan_first_bytes(s, t, &h, &b);
    sc->run = run;
    sc->esc = spec;
    sc->hex = h;
    sc->b64 = b;
    sc->any = (run | spec | h | b) & decided;
}

void cli_scan_start(cli_scan_t *sc, const char *t, size_t len)
{
    sc->t = (const uint8_t *)t;
    sc->len = len;
    sc->base = sc->decided = 0;
    sc->any = 0;
}

/* The match at position i, one of the window's (see above). */
static size_t scan_at(const cli_secrets_t *s, const cli_scan_t *sc, size_t i)
{
    const uint8_t *t = sc->t + i;
    unsigned k = (unsigned)(i - sc->base);
    size_t avail = sc->len - i < CLI_REDACT_SPAN ? sc->len - i : CLI_REDACT_SPAN, e, best = 0;
    if ((sc->run >> k & 1u) != 0) best = dec_run(s, DEC_RAW, t, avail);
    if ((sc->esc >> k & 1u) != 0) {
        for (int d = DEC_PCT; d <= DEC_ESC; d++)
            if ((e = dec_run(s, d, t, avail)) > best) best = e;
    }
    /* hex and base64: the first two bytes (in the digits the masks saw) a secret's too */
    if ((sc->hex >> k & 1u) != 0 && in_secret(s, hex_val(t[2]) << 4 | hex_val(t[3])) &&
        (e = dec_run(s, DEC_HEX, t, avail)) > best)
        best = e;
    if ((sc->b64 >> k & 1u) != 0) {
        unsigned y = b64_val(t[0]) << 18 | b64_val(t[1]) << 12 | b64_val(t[2]) << 6 | b64_val(t[3]);
        for (unsigned skip = 0; skip <= 4; skip += 2)
            if (in_secret(s, (y >> (16 - skip)) & 0xFFu) && in_secret(s, (y >> (8 - skip)) & 0xFFu) &&
                (e = dec_run(s, DEC_B64_0 + (int)skip / 2, t, avail)) > best)
                best = e;
    }
    return best;
}

size_t cli_scan_next(const cli_secrets_t *s, cli_scan_t *sc, size_t i, size_t to, size_t *e)
{
    *e = 0;
    if (to > sc->len) to = sc->len;
    if (!s->any) return to;
    while (i < to) {
        uint64_t m;
        if (i < sc->base || i - sc->base >= sc->decided) scan_fill(s, sc, i);
        m = sc->any >> (i - sc->base);
        if (m == 0) {               /* none in the rest of the window */
            i = sc->base + sc->decided;
            continue;
        }
        for (; (m & 0xFFu) == 0; m >>= 8) i += 8;
        for (; (m & 1u) == 0; m >>= 1) i++;
        if (i >= to) break;
        if ((*e = scan_at(s, sc, i)) > 0) return i;
        i++;
    }
    return to;
}

/* SPDX-License-Identifier: Apache-2.0 */
/* test_cli_redact_diff.c - the redaction's engine (cli_scan_next,
 * boards/linux/cli_secrets.c: bit masks that pick the positions and decoders
 * worth running) against the algorithm it replaced: every decoder at every
 * position (cli_secrets_match_at, the same decoders), and cli_redact.c's
 * run and buffer as they were, kept below as the reference (the streams
 * give the run pieces of text with a state; same_runs gives it such pieces,
 * and the streams' own code is the same for both). Random secrets (any
 * bytes, UTF-8, '%', '+', '\\', short ones, several at once) and random
 * texts built from cuts of them in every encoding the redaction knows
 * (raw, percent with mixed-case digits, the query form, hex in either or
 * mixed case, base64 in both alphabets at every bit offset, backslash
 * escapes of each kind, mixed byte by byte) among filler and near misses;
 * for each: the same match (position and end) at every position, the same
 * redacted text in one piece and for pieces with a carried state, the same
 * answer from cli_secrets_found_in.
 * Fixed seed, bounded time. */
#include <stdint.h>
#include <stdlib.h>
#include <time.h>

#include "check.h"
#include "il_text.h"
#include "il_wipe.h"
#include "../../boards/linux/cli_out.h"
#include "../../boards/linux/cli_redact.h"

/* ==== the reference: every decoder at every position (cli_secrets_match_at),
 * and cli_redact.c's run and buffer as they were ==== */

static const char redacted[] = "<redacted>";

static size_t ref_redact_run(const cli_secrets_t *s, const char *t, size_t len, size_t limit, bool final,
                      cli_redact_state_t *st, cli_sink_fn sink, void *ctx)
{
    size_t end = final ? len : (len >= CLI_REDACT_SPAN ? len - (CLI_REDACT_SPAN - 1) : 0);
    size_t run = 0;                   /* the start of the text not given to sink yet */
    if (end > limit) end = limit;
    for (size_t i = 0; i < end && s->any; i++) {
        size_t avail = len - i < CLI_REDACT_SPAN ? len - i : CLI_REDACT_SPAN;
        size_t e = cli_secrets_match_at(s, (const uint8_t *)t + i, avail);
        if (e > 0 && i + e > st->cover) st->cover = i + e;
        if (i >= st->cover) {
            st->in_region = false;
            continue;
        }
        if (i > run) (void)sink(ctx, t + run, i - run);
        if (!st->in_region) (void)sink(ctx, redacted, sizeof redacted - 1);
        st->in_region = true;
        run = i + 1;
    }
    if (end > run) (void)sink(ctx, t + run, end - run);
    st->cover = st->cover > end ? st->cover - end : 0;
    return end;
}

/* ---- into a buffer ---- */

static bool buf_sink(void *ctx, const char *p, size_t n)
{
    cli_put(ctx, p, n);
    return true;
}

static size_t ref_redact_to_buf(const cli_secrets_t *s, const char *t, size_t n, char *out, size_t cap)
{
    cli_buf_t b;
    cli_redact_state_t st = {0, false};
    cli_buf_init(&b, out, cap);
    (void)ref_redact_run(s, t, n, n, true, &st, buf_sink, &b);
    if (b.overflow && b.len > 0 && n > 0 && t[n - 1] == '\n') b.p[b.len - 1] = '\n';
    return b.len;
}

static bool ref_found_in(const cli_secrets_t *s, const char *t, size_t n)
{
    for (size_t i = 0; i < n && s->any; i++) {
        size_t avail = n - i < CLI_REDACT_SPAN ? n - i : CLI_REDACT_SPAN;
        if (cli_secrets_match_at(s, (const uint8_t *)t + i, avail) > 0) return true;
    }
    return false;
}

/* ==== random secrets and texts ==== */

static uint64_t rng_state = 0x2026d1ffc0ffee01ULL;

static uint32_t rnd(uint32_t n)
{
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return (uint32_t)((rng_state * 0x2545f4914f6cdd1dULL) >> 32) % n;
}

static char pick(const char *set)
{
    return set[rnd((uint32_t)strlen(set))];
}

static const char ALNUM[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
static const char B64URL[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
static const char B64STD[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
static const char HEXL[] = "0123456789abcdef", HEXU[] = "0123456789ABCDEF";

/* A code point as UTF-8 into o: its length. */
static size_t utf8(uint32_t cp, uint8_t *o)
{
    char u[4];
    size_t n = il_utf8_put(cp, u);
    memcpy(o, u, n);
    return n;
}

/* A secret of n bytes (about: a UTF-8 sequence is not cut) into p. */
static size_t make_secret(uint8_t *p, size_t n)
{
    size_t k = 0;
    unsigned kind = rnd(7);
    while (k < n) {
        switch (kind) {
        case 0: p[k++] = (uint8_t)pick(B64URL); break;                      /* a token */
        case 1: p[k++] = (uint8_t)(' ' + rnd(95)); break;                   /* printable */
        case 2: p[k++] = (uint8_t)pick("ab%+\\ 0f=/-\"\n"); break;           /* few values, the decoders' own */
        case 3: p[k++] = (uint8_t)rnd(256); break;                          /* any byte */
        case 4: p[k++] = (uint8_t)pick(rnd(2) ? HEXL : "0123456789ABCDEFabcdef"); break;
        case 5:                                                              /* UTF-8 and ASCII */
            if (rnd(3) == 0 && k + 4 <= n) k += utf8(0x80 + rnd(0x10FF80 - 0x80), p + k);
            else p[k++] = (uint8_t)pick(ALNUM);
            break;
        default: p[k++] = (uint8_t)pick("tokenTOKEN-_0123"); break;           /* like the bench's */
        }
    }
    return k;
}

/* Encode p[0..n) into o in one of the encodings (or a mix); its length. */
static size_t encode(const uint8_t *p, size_t n, char *o)
{
    size_t k = 0;
    unsigned how = rnd(12);
    if (how == 0 || how == 1) {                           /* base64 after 0..2 bytes: every offset */
        const char *al = how == 0 ? B64STD : B64URL;
        uint32_t acc = 0;
        unsigned bits = 0, pad = rnd(3);
        for (size_t i = 0; i < n + pad; i++) {
            acc = acc << 8 | (i < pad ? rnd(256) : p[i - pad]);
            bits += 8;
            while (bits >= 6) o[k++] = al[(acc >> (bits -= 6)) & 63u];
            acc &= (1u << bits) - 1u;
        }
        if (bits > 0) o[k++] = al[(acc << (6 - bits)) & 63u];
        if (rnd(2)) o[k++] = '=';
        return k;
    }
    for (size_t i = 0; i < n; i++) {
        uint8_t c = p[i];
        unsigned by = how >= 8 ? rnd(8) : how;            /* 8..11: mixed byte by byte */
        const char *hx = rnd(2) ? HEXL : HEXU;            /* mixed case */
        switch (by) {
        case 2:                                           /* hex */
            o[k++] = hx[c >> 4];
            o[k++] = (rnd(2) ? HEXL : HEXU)[c & 15];
            break;
        case 3:                                           /* percent: all, or some */
            if (rnd(4) != 0 || c == '%') {
                o[k++] = '%';
                o[k++] = hx[c >> 4];
                o[k++] = (rnd(2) ? HEXL : HEXU)[c & 15];
            } else {
                o[k++] = (char)c;
            }
            break;
        case 4:                                           /* the query form */
            if (c == ' ') {
                o[k++] = '+';
            } else if (strchr(ALNUM, c) != NULL && c != '\0') {
                o[k++] = (char)c;
            } else {
                o[k++] = '%';
                o[k++] = hx[c >> 4];
                o[k++] = hx[c & 15];
            }
            break;
        case 5: {                                         /* backslash escapes */
            static const char simple[] = "\a\b\f\n\r\t\v\\\"'/", names[] = "abfnrtv\\\"'/";
            const char *q = c != 0 ? strchr(simple, c) : NULL;
            unsigned w = rnd(5);
            if (q != NULL && w == 0) {
                o[k++] = '\\';
                o[k++] = names[q - simple];
            } else if (w == 1) {
                k += (size_t)sprintf(o + k, "\\x%c%c", hx[c >> 4], hx[c & 15]);
            } else if (w == 2) {
                k += (size_t)sprintf(o + k, "\\u00%c%c", hx[c >> 4], hx[c & 15]);
            } else if (w == 3) {
                k += (size_t)sprintf(o + k, "\\U000000%c%c", hx[c >> 4], hx[c & 15]);
            } else if (c >= 0xC2 && c <= 0xF4 && i + 1 < n) {   /* a whole UTF-8 sequence as \u or \U */
                uint32_t cp;
                size_t used = il_utf8_decode(p + i, n - i, &cp);
                if (used > 1) {
                    k += (size_t)(cp > 0xFFFF || rnd(2) ? sprintf(o + k, "\\U%08lX", (unsigned long)cp)
                                                        : sprintf(o + k, "\\u%04lx", (unsigned long)cp));
                    i += used - 1;
                } else {
                    o[k++] = (char)c;
                }
            } else {
                o[k++] = (char)c;
            }
            break;
        }
        default: o[k++] = (char)c; break;                 /* raw */
        }
    }
    return k;
}

/* Filler of about n bytes: text the decoders read too (hex, base64, '%',
 * '\\', '+', spaces, newlines). */
static size_t filler(char *o, size_t n)
{
    static const char *const sets[] = {
        "abcdefghij KLMNOP 0123 ,;:/?{}\"", "0123456789abcdefABCDEF", B64URL, B64STD, "%+\\ x0u1U2aF=\n\t",
        "%2x%4%%41%zz\\u00\\x4\\U0000", "ID\tDescription\tToken\tUser Name\tPermissions\n[read:orgs/]",
    };
    const char *set = sets[rnd(sizeof sets / sizeof sets[0])];
    for (size_t k = 0; k < n; k++) o[k] = rnd(50) == 0 ? (char)rnd(256) : pick(set);
    return n;
}

/* ==== the comparisons ==== */

static char out_a[1 << 16], out_b[1 << 16];

/* Every position's match, the engine's and the reference's. */
static bool same_matches(const cli_secrets_t *s, const char *t, size_t n)
{
    cli_scan_t sc;
    size_t next, e, i = 0;
    cli_scan_start(&sc, t, n);
    next = cli_scan_next(s, &sc, 0, n, &e);
    for (i = 0; i < n; i++) {
        size_t avail = n - i < CLI_REDACT_SPAN ? n - i : CLI_REDACT_SPAN;
        size_t want = cli_secrets_match_at(s, (const uint8_t *)t + i, avail), got = 0;
        if (i == next) {
            got = e;
            next = cli_scan_next(s, &sc, i + 1, n, &e);
        }
        if (got != want) {
            printf("# at %zu of %zu: %zu, the reference %zu\n", i, n, got, want);
            return false;
        }
    }
    return next == n;
}

/* Through a stream of each, cut and flushed at the same random points. */
/* A piece of t as the streams give it to the run (cli_redact.c): a random
 * start and length, how much may go out, whether it ends the text, and the
 * state a piece before left; both runs give the same text, the same end
 * and leave the same state. */
static bool same_runs(const cli_secrets_t *s, const char *t, size_t n)
{
    for (int trial = 0; trial < 8; trial++) {
        size_t at = rnd((uint32_t)n), len = 1 + rnd((uint32_t)(n - at)), limit = rnd((uint32_t)len + 1);
        bool final = rnd(2) == 0;
        cli_redact_state_t sa = { rnd(2 * CLI_REDACT_SPAN), rnd(2) == 0 }, sb = sa;
        size_t ea, eb;
        cli_buf_t a, b;
        cli_buf_init(&a, out_a, sizeof out_a);
        cli_buf_init(&b, out_b, sizeof out_b);
        ea = cli_redact_run(s, t + at, len, limit, final, &sa, buf_sink, &a);
        eb = ref_redact_run(s, t + at, len, limit, final, &sb, buf_sink, &b);
        if (ea != eb || sa.cover != sb.cover || sa.in_region != sb.in_region || a.len != b.len ||
            memcmp(out_a, out_b, a.len) != 0)
            return false;
    }
    return true;
}

static void show_case(const cli_secrets_t *s, const char *t, size_t n)
{
    for (size_t k = 0; k < s->count; k++) {
        printf("# secret %zu:", k);
        for (size_t j = 0; j < s->spans[k].n; j++) printf(" %02x", (unsigned char)s->spans[k].p[j]);
        printf("\n");
    }
    printf("# text (%zu): ", n);
    for (size_t j = 0; j < n; j++) printf(t[j] >= ' ' && t[j] < 0x7f ? "%c" : "\\x%02x", (unsigned char)t[j]);
    printf("\n");
}

static uint64_t grams[4096];

static void redact_diff_against_reference(void)
{
    clock_t until = clock() + 4 * CLOCKS_PER_SEC;
    unsigned cases = 0, matched = 0;
    while (cases < 12000 && (cases < 1000 || clock() < until)) {
        static char secrets[6][160];
        static char text[8192];
        uint8_t plain[160];
        size_t nsec = 1 + rnd(4), lens[6], n = 0, target = 1 + rnd(rnd(4) == 0 ? 2000 : 400);
        cli_secrets_t s;
        char one_a[1 << 14], one_b[1 << 14];
        size_t ka, kb;
        cli_secrets_init(&s, grams, sizeof grams / sizeof grams[0]);
        for (size_t k = 0; k < nsec; k++) {
            unsigned r = rnd(10);
            size_t want = r == 0 ? 1 + rnd(3) : r < 4 ? CLI_REDACT_MIN + rnd(CLI_REDACT_RUN - CLI_REDACT_MIN + 1)
                                                      : CLI_REDACT_RUN + rnd(60);
            lens[k] = make_secret(plain, want);
            memcpy(secrets[k], plain, lens[k]);
            CHECK(cli_secrets_add(&s, secrets[k], lens[k]));
        }
        while (n < target && n + 1200 < sizeof text) {
            if (rnd(3) == 0) {
                n += filler(text + n, 1 + rnd(40));
            } else {                                       /* a cut of a secret, encoded */
                size_t k = rnd((uint32_t)nsec), from = rnd((uint32_t)lens[k]), at = n;
                size_t cut = 1 + rnd((uint32_t)(lens[k] - from));
                n += encode((const uint8_t *)secrets[k] + from, cut, text + n);
                if (rnd(6) == 0) text[at + rnd((uint32_t)(n - at))] = (char)rnd(256);   /* a near miss */
            }
        }
        if (!same_matches(&s, text, n)) {
            show_case(&s, text, n);
            CHECK(false);
            return;
        }
        ka = cli_redact_to_buf(&s, text, n, one_a, sizeof one_a);
        kb = ref_redact_to_buf(&s, text, n, one_b, sizeof one_b);
        if (ka != kb || memcmp(one_a, one_b, ka) != 0) {
            printf("# cli_redact_to_buf differs\n");
            show_case(&s, text, n);
            CHECK(false);
            return;
        }
        if (ka != n || memcmp(one_a, text, n) != 0) matched++;
        if (!same_runs(&s, text, n)) {
            printf("# the runs of a piece differ\n");
            show_case(&s, text, n);
            CHECK(false);
            return;
        }
        for (unsigned q = 0; q < 4; q++) {
            size_t a = rnd((uint32_t)n + 1), b = rnd((uint32_t)(n - a) + 1);
            if (cli_secrets_found_in(&s, text + a, b) != ref_found_in(&s, text + a, b)) {
                printf("# cli_secrets_found_in differs on [%zu, %zu)\n", a, a + b);
                show_case(&s, text, n);
                CHECK(false);
                return;
            }
        }
        cli_secrets_wipe(&s);
        cases++;
    }
    printf("# %u random cases (%u with something redacted): the same matches and output as the reference\n", cases,
           matched);
    CHECK(matched > cases / 2);
}

int main(void)
{
    RUN(redact_diff_against_reference);
    return check_summary();
}

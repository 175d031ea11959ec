/* SPDX-License-Identifier: Apache-2.0 */
/* test_cli_redact.c - the redaction every printed byte passes
 * (boards/linux/cli_redact.h): each encoding at each cut, the stream at
 * every split, a Token cell, and a seeded fuzz: random secrets placed in
 * random text, cut anywhere, encoded plain, hex, percent, base64 (both
 * alphabets, every alignment) and backslash-escaped, fed in random pieces;
 * an independent naive search then finds no run of 8 bytes of a secret
 * (the whole secret when shorter) in any of those forms, and text without
 * a secret comes out unchanged. Fixed seed, bounded time. */
#define _GNU_SOURCE 1   /* memmem */
#include <stdint.h>
#include <stdlib.h>
#include <time.h>

#include "check.h"
#include "../../boards/linux/cli_redact.h"

static uint64_t grams[4096];

/* ---- an output sink in memory ---- */

static char out[1 << 16];
static size_t out_len;

static bool mem_sink(void *ctx, const char *p, size_t n)
{
    (void)ctx;
    if (out_len + n > sizeof out) return false;
    memcpy(out + out_len, p, n);
    out_len += n;
    return true;
}

/* text through a stream in pieces cut at the given points, then flushed */
static void through_stream(const cli_secrets_t *s, const char *t, size_t n, const size_t *cuts, size_t ncuts)
{
    cli_redact_stream_t rs;
    size_t at = 0;
    cli_redact_stream_init(&rs, s, -1);
    cli_redact_stream_to(&rs, mem_sink, NULL);
    out_len = 0;
    for (size_t k = 0; k <= ncuts; k++) {
        size_t to = k < ncuts ? cuts[k] : n;
        if (to < at) to = at;
        if (to > n) to = n;
        CHECK(cli_redact_write(&rs, t + at, to - at));
        at = to;
    }
    CHECK(cli_redact_flush(&rs));
}

/* ---- encodings, written independently of the decoders ---- */

static const char hexl[] = "0123456789abcdef", hexu[] = "0123456789ABCDEF";
static const char b64s[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
static const char b64u[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

enum { ENC_RAW, ENC_HEX, ENC_HEXU, ENC_PCT, ENC_QUERY, ENC_B64, ENC_B64URL, ENC_JSON, ENC_COUNT };

/* p[0..n) encoded by enc after `pad` zero bytes (base64's alignment) */
static size_t encode(int enc, const uint8_t *p, size_t n, unsigned pad, char *o)
{
    size_t k = 0;
    if (enc == ENC_B64 || enc == ENC_B64URL) {
        const char *al = enc == ENC_B64 ? b64s : b64u;
        uint8_t in[256];
        uint32_t acc = 0;
        unsigned bits = 0;
        memset(in, 0, pad);
        memcpy(in + pad, p, n);
        for (size_t i = 0; i < n + pad; i++) {
            acc = acc << 8 | in[i];
            bits += 8;
            while (bits >= 6) o[k++] = al[(acc >> (bits -= 6)) & 63];
        }
        if (bits > 0) o[k++] = al[(acc << (6 - bits)) & 63];
        return k;
    }
    for (size_t i = 0; i < n; i++) {
        uint8_t c = p[i];
        bool unreserved = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                          c == '-' || c == '_' || c == '.' || c == '~';
        if (enc == ENC_HEX || enc == ENC_HEXU) {
            o[k++] = (enc == ENC_HEX ? hexl : hexu)[c >> 4];
            o[k++] = (enc == ENC_HEX ? hexl : hexu)[c & 15];
        } else if (enc == ENC_PCT || (enc == ENC_QUERY && !unreserved && c != ' ')) {
            o[k++] = '%';
            o[k++] = hexu[c >> 4];
            o[k++] = hexu[c & 15];
        } else if (enc == ENC_QUERY && c == ' ') {
            o[k++] = '+';
        } else if (enc == ENC_JSON && (c == '"' || c == '\\')) {
            o[k++] = '\\';
            o[k++] = (char)c;
        } else if (enc == ENC_JSON && (c < 0x20 || c == '<' || c == '>' || c == '&')) {
            memcpy(o + k, "\\u00", 4);
            k += 4;
            o[k++] = hexl[c >> 4];
            o[k++] = hexl[c & 15];
        } else {
            o[k++] = (char)c;
        }
    }
    return k;
}

/* The naive search: is any run of min(8, n) bytes of secret[0..n), in any
 * encoding, in text? (base64: the 10 characters wholly inside the run at
 * each alignment; a short secret's: those wholly inside it) */
static bool leaks(const char *text, size_t tlen, const uint8_t *secret, size_t n)
{
    size_t run = n < CLI_REDACT_RUN ? n : CLI_REDACT_RUN;
    for (size_t at = 0; at + run <= n; at++) {
        for (int enc = 0; enc < ENC_COUNT; enc++) {
            for (unsigned pad = 0; pad < ((enc == ENC_B64 || enc == ENC_B64URL) ? 3u : 1u); pad++) {
                char e[128];
                size_t k = encode(enc, secret + at, run, pad, e), from = 0, len = k;
                if (enc == ENC_B64 || enc == ENC_B64URL) {
                    from = (8u * pad + 5u) / 6u;                  /* first character wholly inside */
                    len = (8u * (pad + run)) / 6u - from;         /* up to the last one wholly inside */
                }
                if (len >= 4 && tlen >= len && memmem(text, tlen, e + from, len) != NULL) return true;
            }
        }
    }
    return false;
}

/* ---- fixed cases ---- */

static void setup(cli_secrets_t *s, char *secret)
{
    cli_secrets_init(s, grams, sizeof grams / sizeof grams[0]);
    CHECK(cli_secrets_add(s, secret, strlen(secret)));
}

static void redact_plain_at_every_cut(void)
{
    char secret[] = "SECRET-TOKEN-must-not-leak-7f3a";
    cli_secrets_t s;
    setup(&s, secret);
    for (size_t cut = 1; cut <= sizeof secret - 1; cut++) {
        char text[128], o[256];
        int n = snprintf(text, sizeof text, "401 Unauthorized: unknown token %.*s!", (int)cut, secret);
        size_t k = cli_redact_to_buf(&s, text, (size_t)n, o, sizeof o);
        CHECK(!leaks(o, k, (const uint8_t *)secret, sizeof secret - 1));
        if (cut >= CLI_REDACT_RUN) CHECK(memmem(o, k, "<redacted>", 10) != NULL);
        else CHECK_EQ_MEM(o, k, text, (size_t)n);       /* under 8 bytes: not a run */
    }
}

static void redact_every_encoding(void)
{
    char secret[] = "tok_abcdefghijklmnopqrstuvwxyz0123456789==";
    cli_secrets_t s;
    setup(&s, secret);
    for (int enc = 0; enc < ENC_COUNT; enc++) {
        for (unsigned pad = 0; pad < 3; pad++) {
            char text[512], o[1024];
            size_t n = 0, k;
            memcpy(text, "x=", 2);
            n = 2 + encode(enc, (const uint8_t *)secret, sizeof secret - 1, pad, text + 2);
            text[n++] = '\n';
            k = cli_redact_to_buf(&s, text, n, o, sizeof o);
            CHECK(!leaks(o, k, (const uint8_t *)secret, sizeof secret - 1));
        }
    }
}

static void redact_short_secret_whole(void)
{
    char secret[] = "Sh0rt!x";
    cli_secrets_t s;
    char o[128];
    setup(&s, secret);
    size_t k = cli_redact_to_buf(&s, "a Sh0rt!x b Sh0rt! c", 20, o, sizeof o);
    CHECK_EQ_MEM(o, k, "a <redacted> b Sh0rt! c", 23);
}

static void redact_nothing_without_secret(void)
{
    cli_secrets_t s;
    char o[64];
    cli_secrets_init(&s, grams, 16);
    size_t k = cli_redact_to_buf(&s, "plain text\n", 11, o, sizeof o);
    CHECK_EQ_MEM(o, k, "plain text\n", 11);
    CHECK(!cli_secrets_found_in(&s, "plain", 5));
}

static void redact_stream_every_split(void)
{
    char secret[] = "op-token-for-tests";
    static const char text[] = "HTTP/1.1 401 Unauthorized\r\n\r\n{\"message\":\"bad op-token-for-tests here\"}";
    cli_secrets_t s;
    setup(&s, secret);
    for (size_t a = 0; a < sizeof text - 1; a++) {
        for (size_t b = a; b < sizeof text - 1; b += 7) {
            size_t cuts[2] = {a, b};
            through_stream(&s, text, sizeof text - 1, cuts, 2);
            CHECK(!leaks(out, out_len, (const uint8_t *)secret, sizeof secret - 1));
            CHECK(memmem(out, out_len, "\"bad <redacted> here\"}", 22) != NULL);
        }
    }
}

static void redact_token_split_into_small_writes(void)
{
    char secret[] = "SECRET-TOKEN-must-not-leak-7f3a";
    char text[64];
    size_t cuts[31];
    cli_secrets_t s;
    setup(&s, secret);
    memcpy(text, secret, sizeof secret);
    for (size_t k = 0; k < 31; k++) cuts[k] = k + 1;       /* one byte a write */
    through_stream(&s, text, sizeof secret - 1, cuts, 31);
    CHECK_EQ_MEM(out, out_len, "<redacted>", 10);
}

static void redact_found_in_token_cell(void)
{
    char secret[] = "device-token-0042";
    cli_secrets_t s;
    setup(&s, secret);
    CHECK(cli_secrets_found_in(&s, "device-token-0042", 17));
    CHECK(cli_secrets_found_in(&s, "xx-token-0042", 13));
    CHECK(!cli_secrets_found_in(&s, "tok_abcdefghijklmnopqrstuvwxyz0123456789==", 42));
}

static void redact_registry_wipes(void)
{
    char a[] = "first-secret-1234", b[] = "abc";
    cli_secrets_t s;
    cli_secrets_init(&s, grams, sizeof grams / sizeof grams[0]);
    CHECK(cli_secrets_add(&s, a, strlen(a)));
    CHECK(cli_secrets_add(&s, b, strlen(b)));       /* too short to search, wiped all the same */
    CHECK(cli_secrets_add(&s, a, strlen(a)));       /* again: the same span */
    CHECK_EQ_INT(s.count, 2);
    cli_secrets_wipe(&s);
    CHECK(a[0] == '\0' && a[16] == '\0' && b[0] == '\0' && b[2] == '\0');
    CHECK(s.few[0] == 0);
    CHECK_EQ_INT(s.count, 0);
}

/* 60 bytes of c, every sixth one of mark, mark + 1, ... */
static void fill_secret(char *p, char c, char mark)
{
    memset(p, c, 60);
    for (int i = 0; i < 60; i += 6) p[i] = (char)(mark + i / 6);
    p[60] = '\0';
}

/* Past the registry's own few windows, all of them move to the caller's
 * memory (the few wiped), and both secrets are still found; where the
 * caller's memory is no larger, the secret is refused. */
static void redact_registry_moves_to_more(void)
{
    char a[61], b[61], o[256];
    cli_secrets_t s;
    fill_secret(a, 'a', '0');
    fill_secret(b, 'b', 'A');
    cli_secrets_init(&s, grams, sizeof grams / sizeof grams[0]);
    CHECK(cli_secrets_add(&s, a, 60));
    CHECK(s.grams == s.few);
    CHECK(cli_secrets_add(&s, b, 60));              /* 53 + 53 windows: past the few */
    CHECK(s.grams == grams && s.few[0] == 0 && grams[0] != 0);
    size_t k = cli_redact_to_buf(&s, a, 60, o, sizeof o);
    CHECK_EQ_MEM(o, k, "<redacted>", 10);
    k = cli_redact_to_buf(&s, b, 60, o, sizeof o);
    CHECK_EQ_MEM(o, k, "<redacted>", 10);
    cli_secrets_wipe(&s);
    CHECK(grams[0] == 0);
    fill_secret(a, 'a', '0');
    fill_secret(b, 'b', 'A');
    cli_secrets_init(&s, grams, CLI_SECRET_FEW_GRAMS);
    CHECK(cli_secrets_add(&s, a, 60));
    CHECK(!cli_secrets_add(&s, b, 60));
    CHECK_EQ_INT(s.count, 1);
    cli_secrets_wipe(&s);
}

/* ---- the fuzz ---- */

static uint64_t rng_state = 0x5eed5eed2026ULL;

static uint32_t rnd(uint32_t n)
{
    rng_state = rng_state * 6364136223846793005ULL + 1442695040888963407ULL;
    return (uint32_t)(rng_state >> 33) % n;
}

static void redact_fuzz_no_run_survives(void)
{
    static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_=+/.:~ \"\\<&";
    static const char filler[] = "abcdefghij KLMNOP 0123 ,;:/?\n{}\"";
    clock_t until = clock() + 4 * CLOCKS_PER_SEC;
    unsigned iterations = 0;
    while (iterations < 3000 && (iterations < 200 || clock() < until)) {
        char secret[128], text[8192];
        uint8_t plain[8192];
        size_t n = CLI_REDACT_MIN + rnd(100), len = 0, cuts[12];
        cli_secrets_t s;
        for (size_t i = 0; i < n; i++) secret[i] = alphabet[rnd(sizeof alphabet - 1)];
        secret[n] = '\0';
        memcpy(plain, secret, n);
        setup(&s, secret);
        for (unsigned piece = 0, pieces = 1 + rnd(5); piece < pieces; piece++) {
            size_t from = rnd((uint32_t)n), cut = 1 + rnd((uint32_t)(n - from));   /* a cut of the secret */
            for (uint32_t f = rnd(40); f > 0; f--) text[len++] = filler[rnd(sizeof filler - 1)];
            len += encode((int)rnd(ENC_COUNT), plain + from, cut, rnd(3), text + len);
        }
        for (size_t k = 0; k < 12; k++) cuts[k] = rnd((uint32_t)len + 1);
        for (size_t k = 1; k < 12; k++)
            for (size_t j = k; j > 0 && cuts[j - 1] > cuts[j]; j--) {
                size_t t = cuts[j];
                cuts[j] = cuts[j - 1];
                cuts[j - 1] = t;
            }
        through_stream(&s, text, len, cuts, 1 + rnd(12));
        if (leaks(out, out_len, plain, n)) {
            printf("# secret %s\n# text %.*s\n# out %.*s\n", secret, (int)len, text, (int)out_len, out);
            CHECK(false);
            return;
        }
        iterations++;
    }
    printf("# redaction fuzz: %u random secrets and texts, no run survived\n", iterations);
}

static void redact_fuzz_plain_text_unchanged(void)
{
    static const char filler[] = "abcdefghij KLMNOP 0123 ,;:/?\n{}\"%\\";
    char secret[] = "SECRET-TOKEN-must-not-leak-7f3a";
    cli_secrets_t s;
    setup(&s, secret);
    for (unsigned it = 0; it < 300; it++) {
        char text[4096];
        size_t len = 1 + rnd(sizeof text - 1), cuts[6];
        for (size_t i = 0; i < len; i++) text[i] = filler[rnd(sizeof filler - 1)];
        for (size_t k = 0; k < 6; k++) cuts[k] = (k + 1) * len / 7;
        through_stream(&s, text, len, cuts, 6);
        CHECK_EQ_MEM(out, out_len, text, len);
    }
}

int main(void)
{
    RUN(redact_plain_at_every_cut);
    RUN(redact_every_encoding);
    RUN(redact_short_secret_whole);
    RUN(redact_nothing_without_secret);
    RUN(redact_stream_every_split);
    RUN(redact_token_split_into_small_writes);
    RUN(redact_found_in_token_cell);
    RUN(redact_registry_wipes);
    RUN(redact_registry_moves_to_more);
    RUN(redact_fuzz_no_run_survives);
    RUN(redact_fuzz_plain_text_unchanged);
    return check_summary();
}

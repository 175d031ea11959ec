/* SPDX-License-Identifier: Apache-2.0 */
/* fuzz_redact.c - the redaction every printed byte passes
 * (boards/linux/cli_redact.h), over any text and any cut into writes.
 *
 * Input: byte 0 is the secret's length (4..67), the next bytes the secret,
 * byte after them a seed for the cut points, the rest the text. The text
 * goes through a stream in pieces cut at seeded points. Invariants:
 *  - no run of 8 bytes of the secret (the whole secret when shorter) is in
 *    the output, as it is or hex-encoded (a naive search, independent of
 *    the decoders), each "<redacted>" (the tool's own text) counting as a
 *    byte the secret does not hold;
 *  - a text that holds no byte of the secret and none that an encoding of
 *    it is written with (letters, digits, %\+/-_=) comes out unchanged;
 *  - the same text through cli_redact_to_buf in one piece gives the same
 *    output. */
#include "fuzz_common.h"
#include "cli_redact.h"

static char out[1 << 17];
static size_t out_len;

static bool sink(void *ctx, const char *p, size_t n)
{
    (void)ctx;
    FUZZ_CHECK(out_len + n <= sizeof out);
    memcpy(out + out_len, p, n);
    out_len += n;
    return true;
}

static bool found(const char *hay, size_t hn, const char *needle, size_t nn)
{
    for (size_t i = 0; i + nn <= hn; i++)
        if (memcmp(hay + i, needle, nn) == 0) return true;
    return false;
}

/* out with each "<redacted>" as one byte that is not in the secret */
static void markers_out(const uint8_t *secret, size_t n)
{
    unsigned sep = 0;
    size_t w = 0;
    while (sep < 256 && memchr(secret, (int)sep, n) != NULL) sep++;
    if (sep == 256) return;         /* every byte value in a 67-byte secret: impossible */
    for (size_t r = 0; r < out_len;) {
        if (out_len - r >= 10 && memcmp(out + r, "<redacted>", 10) == 0) {
            out[w++] = (char)sep;
            r += 10;
        } else {
            out[w++] = out[r++];
        }
    }
    out_len = w;
}

static bool leaks(const uint8_t *secret, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    size_t run = n < CLI_REDACT_RUN ? n : CLI_REDACT_RUN;
    for (size_t at = 0; at + run <= n; at++) {
        char h[2 * CLI_REDACT_RUN];
        if (found(out, out_len, (const char *)secret + at, run)) return true;
        for (size_t k = 0; k < run; k++) {
            h[2 * k] = hex[secret[at + k] >> 4];
            h[2 * k + 1] = hex[secret[at + k] & 15];
        }
        if (found(out, out_len, h, 2 * run)) return true;
    }
    return false;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static uint64_t grams[256];
    static char one[1 << 17];
    cli_secrets_t s;
    cli_redact_stream_t rs;
    fuzz_rng_t rng;
    size_t n, tlen, at = 0, k1;
    const char *text;
    char *secret;
    bool disjoint = true;
    if (size < 2) return 0;
    n = 4 + data[0] % 64;
    if (size < 2 + n || size - 2 - n > 16384) return 0;
    secret = (char *)fuzz_dup(data + 1, n);
    fuzz_rng_seed(&rng, data[1 + n]);
    text = (const char *)data + 2 + n;
    tlen = size - 2 - n;
    cli_secrets_init(&s, grams, sizeof grams / sizeof grams[0]);
    FUZZ_CHECK(cli_secrets_add(&s, secret, n));
    cli_redact_stream_init(&rs, &s, -1);
    cli_redact_stream_to(&rs, sink, NULL);
    out_len = 0;
    while (at < tlen) {
        size_t piece = 1 + fuzz_rng_next(&rng) % (tlen - at);
        FUZZ_CHECK(cli_redact_write(&rs, text + at, piece));
        at += piece;
    }
    FUZZ_CHECK(cli_redact_flush(&rs));
    for (size_t i = 0; i < tlen && disjoint; i++) {
        unsigned char c = (unsigned char)text[i];
        disjoint = memchr(secret, c, n) == NULL && strchr("%\\+/-_=", c) == NULL && !(c >= '0' && c <= '9') &&
                   !((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
    }
    if (disjoint) FUZZ_CHECK(out_len == tlen && memcmp(out, text, tlen) == 0);
    /* in one piece the same (a stream decides the same positions) */
    k1 = cli_redact_to_buf(&s, text, tlen, one, sizeof one);
    FUZZ_CHECK(k1 == out_len && memcmp(one, out, k1) == 0);
    markers_out((const uint8_t *)secret, n);
    FUZZ_CHECK(!leaks((const uint8_t *)secret, n));
    cli_secrets_wipe(&s);
    free(secret);
    return 0;
}

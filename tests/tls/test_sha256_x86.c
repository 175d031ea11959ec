/* SPDX-License-Identifier: Apache-2.0 */
/* test_sha256_x86.c - port/mbedtls/sha256_x86.c (il_tls_sha256.h), the
 * SHA-256 blocks behind mbedTLS's MBEDTLS_SHA256_PROCESS_ALT on x86_64:
 * FIPS 180-2's examples through mbedtls_sha256() (which calls it), the two
 * block functions against each other over random states and blocks (the SHA
 * extensions only where the CPU has them), and that mbedTLS was built to
 * call this file (its slot is filled). */
#include <stdint.h>
#include <string.h>
#include "check.h"
#include "test_rng.h"
#include "mbedtls/sha256.h"
#include "il_tls_config.h"
#include "il_tls_sha256.h"

static void unhex(const char *s, uint8_t *out, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned v = 0;
        for (int k = 0; k < 2; k++) {
            char c = s[2 * i + (size_t)k];
            v = v * 16u + (unsigned)(c <= '9' ? c - '0' : c - 'a' + 10);
        }
        out[i] = (uint8_t)v;
    }
}

/* FIPS 180-2, appendix B (and the empty message). */
static void sha256_fips_examples(void)
{
    static const struct { const char *msg; size_t repeat; const char *digest; } ex[] = {
        { "", 1, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855" },
        { "abc", 1, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad" },
        { "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", 1,
          "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1" },
        { "a", 1000000, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0" },
    };
    for (size_t i = 0; i < sizeof ex / sizeof ex[0]; i++) {
        mbedtls_sha256_context ctx;
        uint8_t got[32], want[32];
        mbedtls_sha256_init(&ctx);
        CHECK_EQ_INT(mbedtls_sha256_starts(&ctx, 0), 0);
        for (size_t r = 0; r < ex[i].repeat; r++)
            CHECK_EQ_INT(mbedtls_sha256_update(&ctx, (const unsigned char *)ex[i].msg, strlen(ex[i].msg)), 0);
        CHECK_EQ_INT(mbedtls_sha256_finish(&ctx, got), 0);
        mbedtls_sha256_free(&ctx);
        unhex(ex[i].digest, want, sizeof want);
        CHECK_EQ_MEM(got, sizeof got, want, sizeof want);
    }
}

/* The SHA extensions and the portable code give the same state from 2,000
 * random states and blocks (where the CPU has the extensions). */
static void sha256_sha_ext_matches_portable(void)
{
    if (!il_sha256_x86_has_sha_ext()) {
        printf("# this CPU has no SHA extensions: the portable blocks alone were checked\n");
        return;
    }
    for (int n = 0; n < 2000; n++) {
        uint32_t a[8], b[8];
        uint8_t block[64];
        test_rng(NULL, (unsigned char *)a, sizeof a);
        memcpy(b, a, sizeof b);
        test_rng(NULL, block, sizeof block);
        il_sha256_x86_block_sha_ext(a, block);
        il_sha256_x86_block_portable(b, block);
        CHECK_EQ_MEM(a, sizeof a, b, sizeof b);
    }
}

/* mbedTLS's own block function is not compiled in: the slot is this file's
 * (with IL_TLS_SHA256_X86 off, mbedTLS would define it and the link of
 * this test would see two; here it asks for the port's). */
static void sha256_mbedtls_calls_the_port(void)
{
    mbedtls_sha256_context ctx;
    uint8_t block[64];
    uint32_t want[8];
    CHECK(IL_TLS_SHA256_X86 == 1);
    mbedtls_sha256_init(&ctx);
    CHECK_EQ_INT(mbedtls_sha256_starts(&ctx, 0), 0);
    test_rng(NULL, block, sizeof block);
    memcpy(want, ctx.MBEDTLS_PRIVATE(state), sizeof want);
    il_sha256_x86_block_portable(want, block);
    CHECK_EQ_INT(mbedtls_internal_sha256_process(&ctx, block), 0);
    CHECK_EQ_MEM(ctx.MBEDTLS_PRIVATE(state), sizeof want, want, sizeof want);
    mbedtls_sha256_free(&ctx);
}

int main(void)
{
    RUN(sha256_fips_examples);
    RUN(sha256_sha_ext_matches_portable);
    RUN(sha256_mbedtls_calls_the_port);
    return check_summary();
}

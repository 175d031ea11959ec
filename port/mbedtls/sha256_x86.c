/* SPDX-License-Identifier: Apache-2.0 */
/* sha256_x86.c - SHA-256 blocks for mbedTLS on x86_64 (il_tls_sha256.h). */
#include <stdint.h>
#include "il_tls_config.h"

#if IL_TLS_SHA256_X86 && defined(__x86_64__)
#define MBEDTLS_ALLOW_PRIVATE_ACCESS   /* the context's state words */
#include <cpuid.h>
#include <immintrin.h>
#include <string.h>
#include <sys/auxv.h>
#include "mbedtls/sha256.h"
#include "il_tls_sha256.h"
#include "il_wipe.h"

static const uint32_t round_k[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

/* ---- which one: CPUID, asked once ---- */

static int sha_ext_known;   /* 0: not asked yet; 1: has them; -1: has not (a race writes the same value) */

/* CPUID leaf 7's SHA bit (every CPU with it has SSSE3 and SSE4.1). CPUID is
 * dear in a virtual machine (a trap to the hypervisor: microseconds each),
 * so it is asked once per process and only what is needed: leaf 7 exists
 * when the kernel reports FSGSBASE (AT_HWCAP2 bit 1, from that same leaf),
 * else leaf 0's highest leaf says. */
static bool cpu_has_sha_ext(void)
{
    unsigned a, b, c, d;
    if ((getauxval(AT_HWCAP2) & (1ul << 1)) == 0 && __get_cpuid_max(0, NULL) < 7) return false;
    __cpuid_count(7, 0, a, b, c, d);
    (void)a;
    (void)c;
    (void)d;
    return (b & bit_SHA) != 0;
}

bool il_sha256_x86_has_sha_ext(void)
{
    int known = __atomic_load_n(&sha_ext_known, __ATOMIC_RELAXED);
    if (known == 0) {
        known = cpu_has_sha_ext() ? 1 : -1;
        __atomic_store_n(&sha_ext_known, known, __ATOMIC_RELAXED);
    }
    return known > 0;
}

/* ---- the SHA extensions: four rounds per step, the state as ABEF/CDGH ---- */

__attribute__((target("sha,ssse3,sse4.1")))
void il_sha256_x86_block_sha_ext(uint32_t state[8], const uint8_t block[64])
{
    const __m128i be = _mm_set_epi64x(0x0c0d0e0f08090a0bLL, 0x0405060700010203LL);
    __m128i dcba = _mm_loadu_si128((const __m128i *)(const void *)&state[0]);
    __m128i hgfe = _mm_loadu_si128((const __m128i *)(const void *)&state[4]);
    __m128i cdab = _mm_shuffle_epi32(dcba, 0xB1);
    __m128i efgh = _mm_shuffle_epi32(hgfe, 0x1B);
    __m128i abef = _mm_alignr_epi8(cdab, efgh, 8);
    __m128i cdgh = _mm_blend_epi16(efgh, cdab, 0xF0);
    const __m128i abef_in = abef, cdgh_in = cdgh;
    __m128i w[4];
    for (int i = 0; i < 4; i++)
        w[i] = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(const void *)(block + 16 * i)), be);
    for (int i = 0; i < 16; i++) {
        if (i >= 4) {   /* w[i & 3]: words 4i-16.. -> 4i.. from those 12, 8 and 4 words back */
            __m128i t = _mm_add_epi32(_mm_sha256msg1_epu32(w[i & 3], w[(i + 1) & 3]),
                                      _mm_alignr_epi8(w[(i + 3) & 3], w[(i + 2) & 3], 4));
            w[i & 3] = _mm_sha256msg2_epu32(t, w[(i + 3) & 3]);
        }
        __m128i m = _mm_add_epi32(w[i & 3], _mm_loadu_si128((const __m128i *)(const void *)&round_k[4 * i]));
        cdgh = _mm_sha256rnds2_epu32(cdgh, abef, m);
        abef = _mm_sha256rnds2_epu32(abef, cdgh, _mm_shuffle_epi32(m, 0x0E));
    }
    abef = _mm_add_epi32(abef, abef_in);
    cdgh = _mm_add_epi32(cdgh, cdgh_in);
    __m128i feba = _mm_shuffle_epi32(abef, 0x1B);
    __m128i dchg = _mm_shuffle_epi32(cdgh, 0xB1);
    _mm_storeu_si128((__m128i *)(void *)&state[0], _mm_blend_epi16(feba, dchg, 0xF0));
    _mm_storeu_si128((__m128i *)(void *)&state[4], _mm_alignr_epi8(dchg, feba, 8));
}

/* ---- portable C: FIPS 180-4, eight rounds per step ---- */

#define ROTR(x, n) ((x) >> (n) | (x) << (32 - (n)))
#define ROUND(a, b, c, d, e, f, g, h, i) do { \
        uint32_t t1_ = (h) + (ROTR(e, 6) ^ ROTR(e, 11) ^ ROTR(e, 25)) + (((e) & (f)) ^ (~(e) & (g))) \
                       + round_k[i] + w[i]; \
        (d) += t1_; \
        (h) = t1_ + (ROTR(a, 2) ^ ROTR(a, 13) ^ ROTR(a, 22)) + (((a) & (b)) ^ ((a) & (c)) ^ ((b) & (c))); \
    } while (0)

static void schedule(uint32_t w[64], const uint8_t block[64])
{
    for (int i = 0; i < 16; i++)
        w[i] = (uint32_t)block[4 * i] << 24 | (uint32_t)block[4 * i + 1] << 16 | (uint32_t)block[4 * i + 2] << 8 |
               block[4 * i + 3];
    for (int i = 16; i < 64; i++) {
        uint32_t s0 = ROTR(w[i - 15], 7) ^ ROTR(w[i - 15], 18) ^ (w[i - 15] >> 3);
        uint32_t s1 = ROTR(w[i - 2], 17) ^ ROTR(w[i - 2], 19) ^ (w[i - 2] >> 10);
        w[i] = w[i - 16] + s0 + w[i - 7] + s1;
    }
}

void il_sha256_x86_block_portable(uint32_t state[8], const uint8_t block[64])
{
    uint32_t w[64];
    uint32_t a = state[0], b = state[1], c = state[2], d = state[3];
    uint32_t e = state[4], f = state[5], g = state[6], h = state[7];
    schedule(w, block);
    for (int i = 0; i < 64; i += 8) {
        ROUND(a, b, c, d, e, f, g, h, i);
        ROUND(h, a, b, c, d, e, f, g, i + 1);
        ROUND(g, h, a, b, c, d, e, f, i + 2);
        ROUND(f, g, h, a, b, c, d, e, i + 3);
        ROUND(e, f, g, h, a, b, c, d, i + 4);
        ROUND(d, e, f, g, h, a, b, c, i + 5);
        ROUND(c, d, e, f, g, h, a, b, i + 6);
        ROUND(b, c, d, e, f, g, h, a, i + 7);
    }
    state[0] += a;
    state[1] += b;
    state[2] += c;
    state[3] += d;
    state[4] += e;
    state[5] += f;
    state[6] += g;
    state[7] += h;
    il_wipe(w, sizeof w);   /* HMAC's keys pass through here */
}

/* mbedTLS's slot (MBEDTLS_SHA256_PROCESS_ALT, il_mbedtls_config.h). */
int mbedtls_internal_sha256_process(mbedtls_sha256_context *ctx, const unsigned char data[64])
{
    if (il_sha256_x86_has_sha_ext()) il_sha256_x86_block_sha_ext(ctx->state, data);
    else il_sha256_x86_block_portable(ctx->state, data);
    return 0;
}
#endif

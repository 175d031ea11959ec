/* SPDX-License-Identifier: Apache-2.0 */
/* test_mpi_exp.c - port/mbedtls/mpi_exp_public.c (il_tls_mpi.h), the
 * exponentiation by a public exponent that mbedTLS's bignum.c is compiled to
 * call (port/mbedtls/lib.mk): against mbedTLS's own constant-time
 * exponentiation (mbedtls_mpi_exp_mod, untouched) over moduli of one limb to
 * RSA-4096, bases below, at and above the modulus and negative, exponents of
 * every length, with and without a cached R^2; that bignum.c's call comes
 * here (the link wraps the renamed symbol); that 65537 takes 17 Montgomery
 * multiplications (mbedTLS's code took 35); that a zero or longer exponent
 * goes on to mbedTLS's windowed code. */
#define MBEDTLS_ALLOW_PRIVATE_ACCESS   /* an mpi's sign, limbs and their count */
#include <stdint.h>
#include <string.h>
#include "check.h"
#include "test_rng.h"
#include "mbedtls/bignum.h"
#include "bignum_internal.h"           /* mbedtls_mpi_exp_mod_unsafe (mbedTLS's library/) */
#include "il_tls_mpi.h"

/* ---- the link's wraps (-Wl,--wrap=...): who called whom, how often ---- */

static unsigned calls_public, calls_windowed, calls_montmul;

/* __wrap_NAME counts into COUNTER and calls __real_NAME: (PARAMS), (ARGS). */
#define COUNTING_WRAP(name, counter, params, args) \
    void __real_##name params; \
    void __wrap_##name params; \
    void __wrap_##name params { counter++; __real_##name args; }

#define EXP_PARAMS (mbedtls_mpi_uint *X, const mbedtls_mpi_uint *A, const mbedtls_mpi_uint *N, size_t AN_limbs, \
                    const mbedtls_mpi_uint *E, size_t E_limbs, const mbedtls_mpi_uint *RR, mbedtls_mpi_uint *T)
#define EXP_ARGS (X, A, N, AN_limbs, E, E_limbs, RR, T)
COUNTING_WRAP(il_mpi_core_exp_mod_public, calls_public, EXP_PARAMS, EXP_ARGS)
COUNTING_WRAP(mbedtls_mpi_core_exp_mod_unsafe, calls_windowed, EXP_PARAMS, EXP_ARGS)
COUNTING_WRAP(mbedtls_mpi_core_montmul, calls_montmul,
              (mbedtls_mpi_uint *X, const mbedtls_mpi_uint *A, const mbedtls_mpi_uint *B, size_t B_limbs,
               const mbedtls_mpi_uint *N, size_t AN_limbs, mbedtls_mpi_uint mm, mbedtls_mpi_uint *T),
              (X, A, B, B_limbs, N, AN_limbs, mm, T))
#if defined(__x86_64__)   /* lib.mk: there the multiplications are BoringSSL's bn_mul_mont */
static unsigned calls_mont_asm;
int __real_il_bn_mul_mont(uint64_t *rp, const uint64_t *ap, const uint64_t *bp, const uint64_t *np,
                          const uint64_t *n0, size_t num);
int __wrap_il_bn_mul_mont(uint64_t *rp, const uint64_t *ap, const uint64_t *bp, const uint64_t *np,
                          const uint64_t *n0, size_t num);
int __wrap_il_bn_mul_mont(uint64_t *rp, const uint64_t *ap, const uint64_t *bp, const uint64_t *np,
                          const uint64_t *n0, size_t num)
{
    calls_mont_asm++;
    return __real_il_bn_mul_mont(rp, ap, bp, np, n0, num);
}
#define MONT_ASM_CALLS calls_mont_asm
#define MONT_ASM_EXPECTED (16 + 1)
#else
#define MONT_ASM_CALLS 0u
#define MONT_ASM_EXPECTED 0
#endif

/* A random odd modulus of exactly bits bits. */
static int random_modulus(mbedtls_mpi *n, size_t bits)
{
    int r = mbedtls_mpi_fill_random(n, (bits + 7) / 8, test_rng, NULL);
    if (r == 0 && mbedtls_mpi_bitlen(n) > bits) r = mbedtls_mpi_shift_r(n, mbedtls_mpi_bitlen(n) - bits);
    if (r == 0) r = mbedtls_mpi_set_bit(n, bits - 1, 1);
    if (r == 0) r = mbedtls_mpi_set_bit(n, 0, 1);
    return r;
}

/* A^E mod N both ways (the public one with prec_RR, which may be NULL): equal? */
static int agrees(const mbedtls_mpi *a, const mbedtls_mpi *e, const mbedtls_mpi *n, mbedtls_mpi *rr)
{
    mbedtls_mpi fast, ct;
    int same;
    mbedtls_mpi_init(&fast);
    mbedtls_mpi_init(&ct);
    same = mbedtls_mpi_exp_mod_unsafe(&fast, a, e, n, rr) == 0 && mbedtls_mpi_exp_mod(&ct, a, e, n, NULL) == 0 &&
           mbedtls_mpi_cmp_mpi(&fast, &ct) == 0;
    mbedtls_mpi_free(&fast);
    mbedtls_mpi_free(&ct);
    return same;
}

static const size_t modulus_bits[] = { 3, 61, 64, 65, 127, 521, 1024, 2048, 3072, 4096 };

static void exp_public_matches_constant_time_exp(void)
{
    static const uint64_t small_e[] = { 1, 2, 3, 17, 65537, 0x80000001u, 0xffffffffffffffffu };
    mbedtls_mpi n, a, e;
    mbedtls_mpi_init(&n);
    mbedtls_mpi_init(&a);
    mbedtls_mpi_init(&e);
    for (size_t i = 0; i < sizeof modulus_bits / sizeof modulus_bits[0]; i++) {
        CHECK_EQ_INT(random_modulus(&n, modulus_bits[i]), 0);
        for (size_t k = 0; k < sizeof small_e / sizeof small_e[0] + 4; k++) {
            uint8_t be[8];
            if (k < sizeof small_e / sizeof small_e[0]) {
                for (int b = 0; b < 8; b++) be[b] = (uint8_t)(small_e[k] >> (56 - 8 * b));
            } else {
                test_rng(NULL, be, sizeof be);   /* random exponents of up to 64 bits */
                be[0] >>= k - sizeof small_e / sizeof small_e[0];
            }
            CHECK_EQ_INT(mbedtls_mpi_read_binary(&e, be, sizeof be), 0);
            CHECK_EQ_INT(mbedtls_mpi_fill_random(&a, (modulus_bits[i] + 7) / 8, test_rng, NULL), 0);
            CHECK_EQ_INT(mbedtls_mpi_mod_mpi(&a, &a, &n), 0);
            CHECK(agrees(&a, &e, &n, NULL));
        }
    }
    mbedtls_mpi_free(&n);
    mbedtls_mpi_free(&a);
    mbedtls_mpi_free(&e);
}

/* Bases 0, 1, N - 1, N, N + 1, a multiple of N plus 5, and negative ones;
 * a modulus with leading zero limbs; a cached R^2 used twice. */
static void exp_public_edge_bases_and_moduli(void)
{
    mbedtls_mpi n, a, e, rr;
    mbedtls_mpi_init(&n);
    mbedtls_mpi_init(&a);
    mbedtls_mpi_init(&e);
    mbedtls_mpi_init(&rr);
    CHECK_EQ_INT(mbedtls_mpi_lset(&e, 65537), 0);
    CHECK_EQ_INT(random_modulus(&n, 2048), 0);
    for (int v = -2; v <= 1; v++) {
        CHECK_EQ_INT(mbedtls_mpi_lset(&a, v), 0);
        CHECK(agrees(&a, &e, &n, NULL));
    }
    for (int d = -1; d <= 1; d++) {
        CHECK_EQ_INT(mbedtls_mpi_add_int(&a, &n, d), 0);
        CHECK(agrees(&a, &e, &n, NULL));
        a.s = -1;
        CHECK(agrees(&a, &e, &n, NULL));
    }
    CHECK_EQ_INT(mbedtls_mpi_mul_int(&a, &n, 7), 0);
    CHECK_EQ_INT(mbedtls_mpi_add_int(&a, &a, 5), 0);
    CHECK(agrees(&a, &e, &n, NULL));
    CHECK_EQ_INT(mbedtls_mpi_grow(&n, n.n + 3), 0);            /* three zero limbs on top */
    CHECK_EQ_INT(mbedtls_mpi_lset(&a, 12345), 0);
    CHECK(agrees(&a, &e, &n, NULL));
    CHECK(agrees(&a, &e, &n, &rr));                             /* computes and keeps R^2 */
    CHECK(rr.p != NULL);
    CHECK_EQ_INT(mbedtls_mpi_lset(&a, 67890), 0);
    CHECK(agrees(&a, &e, &n, &rr));                             /* uses the kept one */
    mbedtls_mpi_free(&n);
    mbedtls_mpi_free(&a);
    mbedtls_mpi_free(&e);
    mbedtls_mpi_free(&rr);
}

/* RSA's e = 65537 comes here, from bignum.c, and costs 16 squarings and one
 * multiplication (the conversions in and out of Montgomery form call the
 * multiplication inside bignum_core.o, which the wrap does not see); on
 * x86_64 all 17 are BoringSSL's assembly. */
static void rsa_exponent_takes_square_and_multiply(void)
{
    mbedtls_mpi n, a, e, x, rr;
    mbedtls_mpi_init(&n);
    mbedtls_mpi_init(&a);
    mbedtls_mpi_init(&e);
    mbedtls_mpi_init(&x);
    mbedtls_mpi_init(&rr);
    CHECK_EQ_INT(random_modulus(&n, 2048), 0);
    CHECK_EQ_INT(mbedtls_mpi_lset(&a, 0x1234567), 0);
    CHECK_EQ_INT(mbedtls_mpi_lset(&e, 65537), 0);
    CHECK_EQ_INT(mbedtls_mpi_exp_mod_unsafe(&x, &a, &e, &n, &rr), 0);   /* R^2 computed outside the count */
    calls_public = calls_windowed = calls_montmul = 0;
#if defined(__x86_64__)
    calls_mont_asm = 0;
#endif
    CHECK_EQ_INT(mbedtls_mpi_exp_mod_unsafe(&x, &a, &e, &n, &rr), 0);
    CHECK_EQ_INT(calls_public, 1);
    CHECK_EQ_INT(calls_windowed, 0);
    CHECK_EQ_INT(calls_montmul + MONT_ASM_CALLS, 16 + 1);
    CHECK_EQ_INT(MONT_ASM_CALLS, MONT_ASM_EXPECTED);
    mbedtls_mpi_free(&n);
    mbedtls_mpi_free(&a);
    mbedtls_mpi_free(&e);
    mbedtls_mpi_free(&x);
    mbedtls_mpi_free(&rr);
}

/* An exponent of two limbs or more, or a zero one held in limbs, goes on to
 * mbedTLS's windowed code, and still agrees. */
static void long_or_zero_exponent_goes_to_mbedtls(void)
{
    static const size_t e_bytes[] = { 9, 16, 64, 256 };
    mbedtls_mpi n, a, e;
    mbedtls_mpi_init(&n);
    mbedtls_mpi_init(&a);
    mbedtls_mpi_init(&e);
    CHECK_EQ_INT(random_modulus(&n, 1024), 0);
    CHECK_EQ_INT(mbedtls_mpi_lset(&a, 987654321), 0);
    for (size_t i = 0; i < sizeof e_bytes / sizeof e_bytes[0]; i++) {
        CHECK_EQ_INT(mbedtls_mpi_fill_random(&e, e_bytes[i], test_rng, NULL), 0);
        CHECK_EQ_INT(mbedtls_mpi_set_bit(&e, e_bytes[i] * 8 - 1, 1), 0);
        calls_public = calls_windowed = 0;
        CHECK(agrees(&a, &e, &n, NULL));
        CHECK_EQ_INT(calls_public, 1);
        CHECK_EQ_INT(calls_windowed, 1);
    }
    CHECK_EQ_INT(mbedtls_mpi_grow(&e, 2), 0);
    CHECK_EQ_INT(mbedtls_mpi_lset(&e, 0), 0);                   /* zero, in two limbs */
    calls_public = calls_windowed = 0;
    CHECK(agrees(&a, &e, &n, NULL));
    CHECK_EQ_INT(calls_windowed, 1);
    mbedtls_mpi_free(&n);
    mbedtls_mpi_free(&a);
    mbedtls_mpi_free(&e);
}

int main(void)
{
    RUN(exp_public_matches_constant_time_exp);
    RUN(exp_public_edge_bases_and_moduli);
    RUN(rsa_exponent_takes_square_and_multiply);
    RUN(long_or_zero_exponent_goes_to_mbedtls);
    return check_summary();
}

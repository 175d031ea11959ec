/* SPDX-License-Identifier: Apache-2.0 */
/* test_mpi_exp.c - port/mbedtls/mpi_exp_public.c (il_tls_mpi.h), the RSA
 * public operation's exponentiation that mbedTLS's rsa.c is compiled to
 * call (port/mbedtls/lib.mk): against mbedTLS's own constant-time
 * exponentiation (mbedtls_mpi_exp_mod, untouched) over moduli of two limbs
 * to RSA-4096, with and without zero limbs on top (as a DER INTEGER's
 * leading zero byte reads), bases from 0 to N - 1, exponents of every
 * length up to a limb; that what it does not take (a base at or above N, a
 * negative one, a one-limb modulus, a longer or zero exponent) goes on to
 * mbedTLS and still agrees; that mbedtls_rsa_public() comes here (the link
 * wraps the renamed symbol); that e = 65537 takes 16 squarings and one
 * multiplication (mbedTLS's code took 35 Montgomery multiplications), and,
 * on x86_64, that they are BoringSSL's assembly. */
#include <stdint.h>
#include <string.h>
#include "check.h"
#include "test_rng.h"
#include "mbedtls/bignum.h"
#include "mbedtls/platform.h"
#include "mbedtls/rsa.h"
#include "il_tls_mpi.h"

/* ---- the link's wraps (-Wl,--wrap=...): who called whom, how often ---- */

static unsigned calls_public, calls_montmul;

int __real_il_mpi_exp_mod_public(mbedtls_mpi *X, const mbedtls_mpi *A, const mbedtls_mpi *E, const mbedtls_mpi *N,
                                 mbedtls_mpi *prec_RR);
int __wrap_il_mpi_exp_mod_public(mbedtls_mpi *X, const mbedtls_mpi *A, const mbedtls_mpi *E, const mbedtls_mpi *N,
                                 mbedtls_mpi *prec_RR);
int __wrap_il_mpi_exp_mod_public(mbedtls_mpi *X, const mbedtls_mpi *A, const mbedtls_mpi *E, const mbedtls_mpi *N,
                                 mbedtls_mpi *prec_RR)
{
    calls_public++;
    return __real_il_mpi_exp_mod_public(X, A, E, N, prec_RR);
}

#if defined(__x86_64__)   /* lib.mk: there the multiplications are BoringSSL's bn_mul_mont */
int __real_il_bn_mul_mont(uint64_t *rp, const uint64_t *ap, const uint64_t *bp, const uint64_t *np,
                          const uint64_t *n0, size_t num);
int __wrap_il_bn_mul_mont(uint64_t *rp, const uint64_t *ap, const uint64_t *bp, const uint64_t *np,
                          const uint64_t *n0, size_t num);
int __wrap_il_bn_mul_mont(uint64_t *rp, const uint64_t *ap, const uint64_t *bp, const uint64_t *np,
                          const uint64_t *n0, size_t num)
{
    calls_montmul++;
    return __real_il_bn_mul_mont(rp, ap, bp, np, n0, num);
}
#else
void __real_mbedtls_mpi_core_montmul(mbedtls_mpi_uint *X, const mbedtls_mpi_uint *A, const mbedtls_mpi_uint *B,
                                     size_t B_limbs, const mbedtls_mpi_uint *N, size_t AN_limbs,
                                     mbedtls_mpi_uint mm, mbedtls_mpi_uint *T);
void __wrap_mbedtls_mpi_core_montmul(mbedtls_mpi_uint *X, const mbedtls_mpi_uint *A, const mbedtls_mpi_uint *B,
                                     size_t B_limbs, const mbedtls_mpi_uint *N, size_t AN_limbs,
                                     mbedtls_mpi_uint mm, mbedtls_mpi_uint *T);
void __wrap_mbedtls_mpi_core_montmul(mbedtls_mpi_uint *X, const mbedtls_mpi_uint *A, const mbedtls_mpi_uint *B,
                                     size_t B_limbs, const mbedtls_mpi_uint *N, size_t AN_limbs,
                                     mbedtls_mpi_uint mm, mbedtls_mpi_uint *T)
{
    calls_montmul++;
    __real_mbedtls_mpi_core_montmul(X, A, B, B_limbs, N, AN_limbs, mm, T);
}
#endif

/* A random odd modulus of exactly bits bits, with zero_limbs zero limbs on top. */
static int random_modulus(mbedtls_mpi *n, size_t bits, size_t zero_limbs)
{
    int r = mbedtls_mpi_fill_random(n, (bits + 7) / 8, test_rng, NULL);
    if (r == 0 && mbedtls_mpi_bitlen(n) > bits) r = mbedtls_mpi_shift_r(n, mbedtls_mpi_bitlen(n) - bits);
    if (r == 0) r = mbedtls_mpi_set_bit(n, bits - 1, 1);
    if (r == 0) r = mbedtls_mpi_set_bit(n, 0, 1);
    if (r == 0 && zero_limbs > 0) r = mbedtls_mpi_grow(n, (bits + 63) / 64 + zero_limbs);
    return r;
}

/* A^E mod N both ways: equal? */
static int agrees(const mbedtls_mpi *a, const mbedtls_mpi *e, const mbedtls_mpi *n)
{
    mbedtls_mpi fast, ct;
    int same;
    mbedtls_mpi_init(&fast);
    mbedtls_mpi_init(&ct);
    same = il_mpi_exp_mod_public(&fast, a, e, n, NULL) == 0 && mbedtls_mpi_exp_mod(&ct, a, e, n, NULL) == 0 &&
           mbedtls_mpi_cmp_mpi(&fast, &ct) == 0;
    mbedtls_mpi_free(&fast);
    mbedtls_mpi_free(&ct);
    return same;
}

static const size_t modulus_bits[] = { 65, 127, 128, 521, 1024, 2047, 2048, 3072, 4096 };

static void exp_public_matches_constant_time_exp(void)
{
    static const uint64_t small_e[] = { 1, 2, 3, 17, 65537, 0x80000001u, 0xffffffffffffffffu };
    const size_t n_small = sizeof small_e / sizeof small_e[0];
    mbedtls_mpi n, a, e;
    mbedtls_mpi_init(&n);
    mbedtls_mpi_init(&a);
    mbedtls_mpi_init(&e);
    for (size_t i = 0; i < sizeof modulus_bits / sizeof modulus_bits[0]; i++) {
        for (size_t k = 0; k < n_small + 4; k++) {
            uint8_t be[8];
            if (k < n_small) {
                for (int b = 0; b < 8; b++) be[b] = (uint8_t)(small_e[k] >> (56 - 8 * b));
            } else {
                test_rng(NULL, be, sizeof be);   /* random exponents of up to 64 bits */
                be[0] = (uint8_t)(be[0] >> (k - n_small));
            }
            CHECK_EQ_INT(mbedtls_mpi_read_binary(&e, be, sizeof be), 0);
            CHECK_EQ_INT(random_modulus(&n, modulus_bits[i], k % 2), 0);
            CHECK_EQ_INT(mbedtls_mpi_fill_random(&a, (modulus_bits[i] + 7) / 8, test_rng, NULL), 0);
            CHECK_EQ_INT(mbedtls_mpi_mod_mpi(&a, &a, &n), 0);
            CHECK(agrees(&a, &e, &n));
        }
    }
    mbedtls_mpi_free(&n);
    mbedtls_mpi_free(&a);
    mbedtls_mpi_free(&e);
}

/* Bases 0, 1, 2 and N - 1; X the same mpi as A. */
static void exp_public_edge_bases_and_aliasing(void)
{
    mbedtls_mpi n, a, e, x, ct;
    mbedtls_mpi_init(&n);
    mbedtls_mpi_init(&a);
    mbedtls_mpi_init(&e);
    mbedtls_mpi_init(&x);
    mbedtls_mpi_init(&ct);
    CHECK_EQ_INT(mbedtls_mpi_lset(&e, 65537), 0);
    CHECK_EQ_INT(random_modulus(&n, 2048, 1), 0);
    for (int v = 0; v <= 2; v++) {
        CHECK_EQ_INT(mbedtls_mpi_lset(&a, v), 0);
        CHECK(agrees(&a, &e, &n));
    }
    CHECK_EQ_INT(mbedtls_mpi_sub_int(&a, &n, 1), 0);
    CHECK(agrees(&a, &e, &n));
    CHECK_EQ_INT(mbedtls_mpi_exp_mod(&ct, &a, &e, &n, NULL), 0);
    CHECK_EQ_INT(mbedtls_mpi_copy(&x, &a), 0);
    CHECK_EQ_INT(il_mpi_exp_mod_public(&x, &x, &e, &n, NULL), 0);
    CHECK_EQ_INT(mbedtls_mpi_cmp_mpi(&x, &ct), 0);
    mbedtls_mpi_free(&n);
    mbedtls_mpi_free(&a);
    mbedtls_mpi_free(&e);
    mbedtls_mpi_free(&x);
    mbedtls_mpi_free(&ct);
}

/* What it does not take goes on to mbedTLS (no multiplication of its own)
 * and agrees all the same. */
static void what_it_does_not_take_goes_to_mbedtls(void)
{
    mbedtls_mpi n, a, e;
    mbedtls_mpi_init(&n);
    mbedtls_mpi_init(&a);
    mbedtls_mpi_init(&e);
    for (int c = 0; c < 6; c++) {
        CHECK_EQ_INT(random_modulus(&n, c == 0 ? 61 : 1024, 0), 0);                  /* 0: a one-limb modulus */
        CHECK_EQ_INT(mbedtls_mpi_lset(&e, 65537), 0);
        CHECK_EQ_INT(mbedtls_mpi_lset(&a, 987654321), 0);
        if (c == 1) CHECK_EQ_INT(mbedtls_mpi_add_int(&a, &n, 5), 0);                  /* above N */
        if (c == 2) CHECK_EQ_INT(mbedtls_mpi_copy(&a, &n), 0);                        /* N itself */
        if (c == 3) CHECK_EQ_INT(mbedtls_mpi_lset(&a, -7), 0);                        /* negative */
        if (c == 4) CHECK_EQ_INT(mbedtls_mpi_fill_random(&e, 16, test_rng, NULL), 0); /* two limbs */
        if (c == 5) {                                                                  /* zero, in two limbs */
            CHECK_EQ_INT(mbedtls_mpi_grow(&e, 2), 0);
            CHECK_EQ_INT(mbedtls_mpi_lset(&e, 0), 0);
        }
        calls_montmul = 0;
        CHECK(agrees(&a, &e, &n));
        CHECK_EQ_INT(calls_montmul, 0);   /* (mbedTLS's own calls stay inside bignum_core.o) */
    }
    mbedtls_mpi_free(&n);
    mbedtls_mpi_free(&a);
    mbedtls_mpi_free(&e);
}

/* mbedtls_rsa_public() with e = 65537 and a modulus read as DER gives it
 * (257 bytes, a zero first): here, 6 squarings for R^2, one multiplication
 * into Montgomery form, 16 squarings and one multiplication, one out. */
static void rsa_public_comes_here_and_takes_25_multiplications(void)
{
    mbedtls_rsa_context rsa;
    mbedtls_mpi n;
    uint8_t der_n[257] = { 0 }, e[3] = { 1, 0, 1 }, in[256] = { 0 }, out[256], back[256];
    mbedtls_mpi_init(&n);
    mbedtls_rsa_init(&rsa);
    CHECK_EQ_INT(random_modulus(&n, 2048, 0), 0);
    CHECK_EQ_INT(mbedtls_mpi_write_binary(&n, der_n + 1, 256), 0);
    CHECK_EQ_INT(mbedtls_rsa_import_raw(&rsa, der_n, sizeof der_n, NULL, 0, NULL, 0, NULL, 0, e, sizeof e), 0);
    CHECK_EQ_INT(mbedtls_rsa_complete(&rsa), 0);
    in[200] = 7;
    calls_public = calls_montmul = 0;
    CHECK_EQ_INT(mbedtls_rsa_public(&rsa, in, out), 0);
    CHECK_EQ_INT(calls_public, 1);
    CHECK_EQ_INT(calls_montmul, 6 + 1 + 16 + 1 + 1);
    {   /* the same as mbedTLS's constant-time exponentiation */
        mbedtls_mpi a, x, ee;
        mbedtls_mpi_init(&a);
        mbedtls_mpi_init(&x);
        mbedtls_mpi_init(&ee);
        CHECK_EQ_INT(mbedtls_mpi_read_binary(&a, in, sizeof in), 0);
        CHECK_EQ_INT(mbedtls_mpi_lset(&ee, 65537), 0);
        CHECK_EQ_INT(mbedtls_mpi_exp_mod(&x, &a, &ee, &n, NULL), 0);
        CHECK_EQ_INT(mbedtls_mpi_write_binary(&x, back, sizeof back), 0);
        CHECK_EQ_MEM(out, sizeof out, back, sizeof back);
        mbedtls_mpi_free(&a);
        mbedtls_mpi_free(&x);
        mbedtls_mpi_free(&ee);
    }
    mbedtls_rsa_free(&rsa);
    mbedtls_mpi_free(&n);
}

/* With the pool taken up, the working memory is not there: the status says
 * so, and X is left as it was. */
static void exp_public_out_of_pool_is_alloc_failed(void)
{
    void *held[4096];
    size_t nheld = 0;
    mbedtls_mpi n, a, e, x;
    mbedtls_mpi_init(&n);
    mbedtls_mpi_init(&a);
    mbedtls_mpi_init(&e);
    mbedtls_mpi_init(&x);
    CHECK_EQ_INT(random_modulus(&n, 2048, 0), 0);
    CHECK_EQ_INT(mbedtls_mpi_lset(&a, 12345), 0);
    CHECK_EQ_INT(mbedtls_mpi_lset(&e, 65537), 0);
    CHECK_EQ_INT(mbedtls_mpi_lset(&x, 42), 0);
    while (nheld < sizeof held / sizeof held[0] && (held[nheld] = mbedtls_calloc(1, 64)) != NULL) nheld++;
    CHECK(nheld < sizeof held / sizeof held[0]);
    CHECK_EQ_INT(il_mpi_exp_mod_public(&x, &a, &e, &n, NULL), MBEDTLS_ERR_MPI_ALLOC_FAILED);   /* X's limbs */
    CHECK_EQ_INT(mbedtls_mpi_cmp_int(&x, 42), 0);
    mbedtls_free(held[--nheld]);                      /* room for X's 32 limbs (256 B), not for the rest */
    mbedtls_free(held[--nheld]);
    mbedtls_free(held[--nheld]);
    mbedtls_free(held[--nheld]);
    CHECK_EQ_INT(mbedtls_mpi_grow(&x, 32), 0);
    CHECK_EQ_INT(il_mpi_exp_mod_public(&x, &a, &e, &n, NULL), MBEDTLS_ERR_MPI_ALLOC_FAILED);   /* the work's */
    CHECK_EQ_INT(mbedtls_mpi_cmp_int(&x, 42), 0);
    while (nheld > 0) mbedtls_free(held[--nheld]);
    CHECK(agrees(&a, &e, &n));
    mbedtls_mpi_free(&n);
    mbedtls_mpi_free(&a);
    mbedtls_mpi_free(&e);
    mbedtls_mpi_free(&x);
}

int main(void)
{
    RUN(exp_public_matches_constant_time_exp);
    RUN(exp_public_edge_bases_and_aliasing);
    RUN(what_it_does_not_take_goes_to_mbedtls);
    RUN(rsa_public_comes_here_and_takes_25_multiplications);
    RUN(exp_public_out_of_pool_is_alloc_failed);
    return check_summary();
}

/* SPDX-License-Identifier: Apache-2.0 */
/* test_p256.c - port/mbedtls/p256.c and ecdh_p256.c against mbedTLS's own
 * elliptic-curve arithmetic (mbedtls_ecp_mul, which the ECDH hooks bypass):
 * the comb table, base and variable-point multiplication over edge and
 * pseudo-random scalars, RFC 5903's P-256 ECDH example, the ECDH hooks'
 * round trip, their refusals, and the P-384 fallback; ECDSA verification
 * (ecdsa_p256.c) against RFC 6979's P-256 signature, mbedTLS's own signer,
 * and every way a signature can be wrong; the PSA driver (p256_driver.c),
 * through PSA as TLS 1.3 calls it (generate, export the public key, agree),
 * against the same arithmetic and RFC 5903, with its refusals. */
#include <stdint.h>
#include <string.h>
#include "check.h"
#include "test_rng.h"
#include "mbedtls/ecdh.h"
#include "mbedtls/ecdsa.h"
#include "mbedtls/ecp.h"
#include "mbedtls/sha256.h"
#include "p256.h"
#include "p256_comb.h"
#include "psa/crypto.h"
#include "p256-m_driver_entrypoints.h"
/* ecdsa_p256.c itself, for its static inverse (this object then defines
 * mbedtls_ecdsa_verify, and the library's copy is not linked) */
#include "ecdsa_p256.c"

static void unhex(const char *s, uint8_t *out, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++) {
        unsigned v = 0;
        int k;
        for (k = 0; k < 2; k++) {
            char c = s[2 * i + (size_t)k];
            v = v * 16u + (unsigned)(c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10);
        }
        out[i] = (uint8_t)v;
    }
}

static mbedtls_ecp_group grp;

/* k * P (P = G when px is NULL) by mbedTLS, as big-endian x and y. */
static int ref_mul(uint8_t x[32], uint8_t y[32], const uint8_t k[32], const uint8_t *px, const uint8_t *py)
{
    mbedtls_mpi m;
    mbedtls_ecp_point P, R;
    int ret;
    mbedtls_mpi_init(&m);
    mbedtls_ecp_point_init(&P);
    mbedtls_ecp_point_init(&R);
    ret = mbedtls_mpi_read_binary(&m, k, 32);
    if (ret == 0 && px != NULL) {
        ret = mbedtls_mpi_read_binary(&P.MBEDTLS_PRIVATE(X), px, 32);
        if (ret == 0) ret = mbedtls_mpi_read_binary(&P.MBEDTLS_PRIVATE(Y), py, 32);
        if (ret == 0) ret = mbedtls_mpi_lset(&P.MBEDTLS_PRIVATE(Z), 1);
    } else if (ret == 0) {
        ret = mbedtls_ecp_copy(&P, &grp.G);
    }
    if (ret == 0) ret = mbedtls_ecp_mul(&grp, &R, &m, &P, test_rng, NULL);
    if (ret == 0) ret = mbedtls_mpi_write_binary(&R.MBEDTLS_PRIVATE(X), x, 32);
    if (ret == 0) ret = mbedtls_mpi_write_binary(&R.MBEDTLS_PRIVATE(Y), y, 32);
    mbedtls_mpi_free(&m);
    mbedtls_ecp_point_free(&P);
    mbedtls_ecp_point_free(&R);
    return ret;
}

/* A scalar in [1, n-1]: random bytes, the top bit cleared (then < n). */
static void random_scalar(uint8_t k[32])
{
    test_rng(NULL, k, 32);
    k[0] &= 0x7f;
    k[31] |= 1;
}

/* il_p256_mul and mbedTLS agree on k * P (P = G when px is NULL). */
static void check_mul(const uint8_t k[32], const uint8_t *px, const uint8_t *py)
{
    uint8_t x1[32], y1[32], x2[32], y2[32];
    CHECK_EQ_INT(il_p256_mul(x1, y1, k, px, py), 1);
    CHECK_EQ_INT(ref_mul(x2, y2, k, px, py), 0);
    CHECK_EQ_MEM(x1, 32, x2, 32);
    CHECK_EQ_MEM(y1, 32, y2, 32);
}

static void p256_comb_table_is_multiples_of_g(void)
{
    int m, j;
    for (m = 1; m < 16; m++) {
        uint8_t k[32] = { 0 }, x[32], y[32];
        for (j = 0; j < 4; j++) {
            if ((m >> j) & 1) k[31 - 8 * j] = 1;     /* 2^(64 j) */
        }
        CHECK_EQ_INT(ref_mul(x, y, k, NULL, NULL), 0);
        CHECK_EQ_MEM(p256_comb[m - 1], 32, x, 32);
        CHECK_EQ_MEM(p256_comb[m - 1] + 32, 32, y, 32);
    }
}

static void p256_base_mul_matches_mbedtls(void)
{
    static const char *const edges[] = {
        "0000000000000000000000000000000000000000000000000000000000000001",
        "0000000000000000000000000000000000000000000000000000000000000002",
        "000000000000000000000000000000000000000000000000000000000000000f",
        "0000000000000000000000000000000000000000000000000000000000000010",
        "0000000000000000000000000000000000000000000000010000000000000000",   /* 2^64: one tooth */
        "0000000000000001000000000000000100000000000000010000000000000001",   /* all four teeth */
        "ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632550",   /* n - 1 */
        "ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc63254f",   /* n - 2 */
        "7fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
        "8000000000000000000000000000000000000000000000000000000000000000",
    };
    uint8_t k[32];
    size_t i;
    int n;
    for (i = 0; i < sizeof(edges) / sizeof(edges[0]); i++) {
        unhex(edges[i], k, 32);
        check_mul(k, NULL, NULL);
    }
    for (n = 0; n < 100; n++) {
        random_scalar(k);
        check_mul(k, NULL, NULL);
    }
}

static void p256_point_mul_matches_mbedtls(void)
{
    uint8_t k[32], r[32], qx[32], qy[32];
    int n;
    for (n = 0; n < 60; n++) {
        random_scalar(r);
        CHECK_EQ_INT(ref_mul(qx, qy, r, NULL, NULL), 0);   /* a random point */
        if (n == 0) unhex("ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632550", k, 32);
        else if (n == 1) unhex("0000000000000000000000000000000000000000000000000000000000000001", k, 32);
        else if (n == 2)   /* zero windows first and within: the ladder passes the point at infinity */
            unhex("000000000123456789abcdef00000000000000000fedcba98765432100000001", k, 32);
        else random_scalar(k);
        check_mul(k, qx, qy);
    }
}

/* The scalars whose last steps come nearest to adding two equal points, or
 * a point and its negation (the assembly's mixed addition is wrong for the
 * first: p256.c's mul_affine_table): 1-40 and n-40 - n-1, for G (the comb)
 * and for a random point (the windows), and for G given as a point. */
static void p256_edge_scalars_match_mbedtls(void)
{
    uint8_t k[32], r[32], qx[32], qy[32];
    mbedtls_mpi m;
    int i, j;
    mbedtls_mpi_init(&m);
    random_scalar(r);
    CHECK_EQ_INT(ref_mul(qx, qy, r, NULL, NULL), 0);
    for (i = 1; i <= 40; i++) {
        for (j = 0; j < 2; j++) {
            if (j == 0) CHECK_EQ_INT(mbedtls_mpi_lset(&m, i), 0);
            else CHECK_EQ_INT(mbedtls_mpi_sub_int(&m, &grp.N, i), 0);
            CHECK_EQ_INT(mbedtls_mpi_write_binary(&m, k, 32), 0);
            check_mul(k, NULL, NULL);
            check_mul(k, qx, qy);
            check_mul(k, p256_comb[0], p256_comb[0] + 32);
        }
    }
    mbedtls_mpi_free(&m);
}

/* RFC 5903 section 8.1: the initiator's and responder's keys and secret. */
static void p256_rfc5903_ecdh_example(void)
{
    uint8_t i[32], r[32], gix[32], giy[32], grx[32], gry[32], girx[32], giry[32];
    uint8_t x[32], y[32];
    unhex("c88f01f510d9ac3f70a292daa2316de544e9aab8afe84049c62a9c57862d1433", i, 32);
    unhex("dad0b65394221cf9b051e1feca5787d098dfe637fc90b9ef945d0c3772581180", gix, 32);
    unhex("5271a0461cdb8252d61f1c456fa3e59ab1f45b33accf5f58389e0577b8990bb3", giy, 32);
    unhex("c6ef9c5d78ae012a011164acb397ce2088685d8f06bf9be0b283ab46476bee53", r, 32);
    unhex("d12dfb5289c8d4f81208b70270398c342296970a0bccb74c736fc7554494bf63", grx, 32);
    unhex("56fbf3ca366cc23e8157854c13c58d6aac23f046ada30f8353e74f33039872ab", gry, 32);
    unhex("d6840f6b42f6edafd13116e0e12565202fef8e9ece7dce03812464d04b9442de", girx, 32);
    unhex("522bde0af0d8585b8def9c183b5ae38f50235206a8674ecb5d98edb20eb153a2", giry, 32);
    CHECK_EQ_INT(il_p256_mul(x, y, i, NULL, NULL), 1);
    CHECK_EQ_MEM(x, 32, gix, 32);
    CHECK_EQ_MEM(y, 32, giy, 32);
    CHECK_EQ_INT(il_p256_mul(x, y, r, NULL, NULL), 1);
    CHECK_EQ_MEM(x, 32, grx, 32);
    CHECK_EQ_MEM(y, 32, gry, 32);
    CHECK_EQ_INT(il_p256_mul(x, y, i, grx, gry), 1);
    CHECK_EQ_MEM(x, 32, girx, 32);
    CHECK_EQ_MEM(y, 32, giry, 32);
    CHECK_EQ_INT(il_p256_mul(x, y, r, gix, giy), 1);
    CHECK_EQ_MEM(x, 32, girx, 32);
    CHECK_EQ_MEM(y, 32, giry, 32);
}

/* Outside the contract (k = n, k = 0): the point at infinity, reported. */
static void p256_mul_reports_the_point_at_infinity(void)
{
    uint8_t k[32], x[32], y[32], zero[32] = { 0 }, gx[32], gy[32];
    CHECK_EQ_INT(mbedtls_mpi_write_binary(&grp.G.MBEDTLS_PRIVATE(X), gx, 32), 0);
    CHECK_EQ_INT(mbedtls_mpi_write_binary(&grp.G.MBEDTLS_PRIVATE(Y), gy, 32), 0);
    unhex("ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551", k, 32);   /* n */
    CHECK_EQ_INT(il_p256_mul(x, y, k, NULL, NULL), 0);
    CHECK_EQ_MEM(x, 32, zero, 32);
    CHECK_EQ_INT(il_p256_mul(x, y, k, gx, gy), 0);
    memset(k, 0, sizeof(k));
    CHECK_EQ_INT(il_p256_mul(x, y, k, NULL, NULL), 0);
    CHECK_EQ_INT(il_p256_mul(x, y, k, gx, gy), 0);
    CHECK_EQ_MEM(y, 32, zero, 32);
}

/* Two parties through the hooks; each secret equals mbedTLS's d * Q. */
static void ecdh_round_trip(mbedtls_ecp_group_id id)
{
    mbedtls_ecp_group g;
    mbedtls_mpi da, db, za, zb;
    mbedtls_ecp_point qa, qb, ref;
    mbedtls_ecp_group_init(&g);
    mbedtls_mpi_init(&da);
    mbedtls_mpi_init(&db);
    mbedtls_mpi_init(&za);
    mbedtls_mpi_init(&zb);
    mbedtls_ecp_point_init(&qa);
    mbedtls_ecp_point_init(&qb);
    mbedtls_ecp_point_init(&ref);
    CHECK_EQ_INT(mbedtls_ecp_group_load(&g, id), 0);
    CHECK_EQ_INT(mbedtls_ecdh_gen_public(&g, &da, &qa, test_rng, NULL), 0);
    CHECK_EQ_INT(mbedtls_ecdh_gen_public(&g, &db, &qb, test_rng, NULL), 0);
    CHECK_EQ_INT(mbedtls_ecp_check_pubkey(&g, &qa), 0);
    CHECK_EQ_INT(mbedtls_ecp_check_pubkey(&g, &qb), 0);
    CHECK_EQ_INT(mbedtls_ecp_mul(&g, &ref, &da, &g.G, test_rng, NULL), 0);
    CHECK_EQ_INT(mbedtls_ecp_point_cmp(&ref, &qa), 0);
    CHECK_EQ_INT(mbedtls_ecdh_compute_shared(&g, &za, &qb, &da, test_rng, NULL), 0);
    CHECK_EQ_INT(mbedtls_ecdh_compute_shared(&g, &zb, &qa, &db, test_rng, NULL), 0);
    CHECK_EQ_INT(mbedtls_mpi_cmp_mpi(&za, &zb), 0);
    CHECK_EQ_INT(mbedtls_ecp_mul(&g, &ref, &da, &qb, test_rng, NULL), 0);
    CHECK_EQ_INT(mbedtls_mpi_cmp_mpi(&za, &ref.MBEDTLS_PRIVATE(X)), 0);
    mbedtls_ecp_group_free(&g);
    mbedtls_mpi_free(&da);
    mbedtls_mpi_free(&db);
    mbedtls_mpi_free(&za);
    mbedtls_mpi_free(&zb);
    mbedtls_ecp_point_free(&qa);
    mbedtls_ecp_point_free(&qb);
    mbedtls_ecp_point_free(&ref);
}

static void ecdh_p256_hooks_agree_with_mbedtls(void)
{
    int n;
    for (n = 0; n < 5; n++) ecdh_round_trip(MBEDTLS_ECP_DP_SECP256R1);
}

static void ecdh_p384_falls_back_to_mbedtls(void)
{
    ecdh_round_trip(MBEDTLS_ECP_DP_SECP384R1);
}

/* A peer point off the curve, at infinity or with x >= p, and a private
 * key of 0 or n: refused, as mbedtls_ecp_mul would. */
static void ecdh_p256_refuses_bad_keys(void)
{
    mbedtls_mpi d, z;
    mbedtls_ecp_point q, bad;
    mbedtls_mpi_init(&d);
    mbedtls_mpi_init(&z);
    mbedtls_ecp_point_init(&q);
    mbedtls_ecp_point_init(&bad);
    CHECK_EQ_INT(mbedtls_ecdh_gen_public(&grp, &d, &q, test_rng, NULL), 0);
    CHECK_EQ_INT(mbedtls_ecp_copy(&bad, &q), 0);                       /* off the curve */
    CHECK_EQ_INT(mbedtls_mpi_add_int(&bad.MBEDTLS_PRIVATE(Y), &bad.MBEDTLS_PRIVATE(Y), 1), 0);
    CHECK(mbedtls_ecdh_compute_shared(&grp, &z, &bad, &d, test_rng, NULL) != 0);
    CHECK_EQ_INT(mbedtls_ecp_set_zero(&bad), 0);                       /* infinity */
    CHECK(mbedtls_ecdh_compute_shared(&grp, &z, &bad, &d, test_rng, NULL) != 0);
    CHECK_EQ_INT(mbedtls_ecp_copy(&bad, &q), 0);                       /* x + p */
    CHECK_EQ_INT(mbedtls_mpi_add_mpi(&bad.MBEDTLS_PRIVATE(X), &bad.MBEDTLS_PRIVATE(X), &grp.P), 0);
    CHECK(mbedtls_ecdh_compute_shared(&grp, &z, &bad, &d, test_rng, NULL) != 0);
    CHECK_EQ_INT(mbedtls_mpi_lset(&d, 0), 0);
    CHECK(mbedtls_ecdh_compute_shared(&grp, &z, &q, &d, test_rng, NULL) != 0);
    CHECK_EQ_INT(mbedtls_mpi_copy(&d, &grp.N), 0);
    CHECK(mbedtls_ecdh_compute_shared(&grp, &z, &q, &d, test_rng, NULL) != 0);
    CHECK_EQ_INT(mbedtls_ecdh_gen_public(&grp, &d, &q, NULL, NULL), MBEDTLS_ERR_ECP_BAD_INPUT_DATA);
    CHECK_EQ_INT(mbedtls_ecdh_compute_shared(&grp, &z, NULL, &d, test_rng, NULL), MBEDTLS_ERR_ECP_BAD_INPUT_DATA);
    mbedtls_mpi_free(&d);
    mbedtls_mpi_free(&z);
    mbedtls_ecp_point_free(&q);
    mbedtls_ecp_point_free(&bad);
}

/* u1 G + u2 Q as mbedtls_ecp_muladd computes it, u1 = 0 and u2 = 0 included. */
static void p256_mul_add_matches_mbedtls(void)
{
    uint8_t a[32], b[32], r[32], qx[32], qy[32], x1[32], x2[32];
    mbedtls_mpi m1, m2;
    mbedtls_ecp_point Q, R;
    int n;
    mbedtls_mpi_init(&m1);
    mbedtls_mpi_init(&m2);
    mbedtls_ecp_point_init(&Q);
    mbedtls_ecp_point_init(&R);
    for (n = 0; n < 30; n++) {
        random_scalar(r);
        CHECK_EQ_INT(ref_mul(qx, qy, r, NULL, NULL), 0);
        random_scalar(a);
        random_scalar(b);
        if (n == 0) memset(a, 0, sizeof(a));
        if (n == 1) memset(b, 0, sizeof(b));
        CHECK_EQ_INT(mbedtls_mpi_read_binary(&m1, a, 32), 0);
        CHECK_EQ_INT(mbedtls_mpi_read_binary(&m2, b, 32), 0);
        CHECK_EQ_INT(mbedtls_mpi_read_binary(&Q.MBEDTLS_PRIVATE(X), qx, 32), 0);
        CHECK_EQ_INT(mbedtls_mpi_read_binary(&Q.MBEDTLS_PRIVATE(Y), qy, 32), 0);
        CHECK_EQ_INT(mbedtls_mpi_lset(&Q.MBEDTLS_PRIVATE(Z), 1), 0);
        CHECK_EQ_INT(mbedtls_ecp_muladd(&grp, &R, &m1, &grp.G, &m2, &Q), 0);
        CHECK_EQ_INT(mbedtls_mpi_write_binary(&R.MBEDTLS_PRIVATE(X), x2, 32), 0);
        CHECK_EQ_INT(il_p256_mul_add(x1, a, b, qx, qy), 1);
        CHECK_EQ_MEM(x1, 32, x2, 32);
    }
    /* u1 G + u2 G with u1 = u2: two equal summands (a doubling) */
    memset(a, 0, sizeof(a));
    a[31] = 5;
    CHECK_EQ_INT(mbedtls_mpi_write_binary(&grp.G.MBEDTLS_PRIVATE(X), qx, 32), 0);
    CHECK_EQ_INT(mbedtls_mpi_write_binary(&grp.G.MBEDTLS_PRIVATE(Y), qy, 32), 0);
    CHECK_EQ_INT(il_p256_mul_add(x1, a, a, qx, qy), 1);
    a[31] = 10;
    CHECK_EQ_INT(il_p256_mul(x2, b, a, NULL, NULL), 1);
    CHECK_EQ_MEM(x1, 32, x2, 32);
    /* u1 G + u2 (-G) with u1 = u2: the point at infinity */
    memset(a, 0, sizeof(a));
    a[31] = 5;
    CHECK_EQ_INT(mbedtls_mpi_write_binary(&grp.G.MBEDTLS_PRIVATE(X), qx, 32), 0);
    CHECK_EQ_INT(mbedtls_mpi_sub_mpi(&m1, &grp.P, &grp.G.MBEDTLS_PRIVATE(Y)), 0);
    CHECK_EQ_INT(mbedtls_mpi_write_binary(&m1, qy, 32), 0);
    CHECK_EQ_INT(il_p256_mul_add(x1, a, a, qx, qy), 0);
    mbedtls_mpi_free(&m1);
    mbedtls_mpi_free(&m2);
    mbedtls_ecp_point_free(&Q);
    mbedtls_ecp_point_free(&R);
}

/* RFC 6979 A.2.5: P-256, SHA-256, message "sample". */
static void ecdsa_p256_verifies_rfc6979_signature(void)
{
    static const unsigned char msg[] = "sample";
    unsigned char h[32], b[32];
    mbedtls_ecp_point Q;
    mbedtls_mpi r, s;
    mbedtls_ecp_point_init(&Q);
    mbedtls_mpi_init(&r);
    mbedtls_mpi_init(&s);
    CHECK_EQ_INT(mbedtls_sha256(msg, 6, h, 0), 0);
    unhex("60fed4ba255a9d31c961eb74c6356d68c049b8923b61fa6ce669622e60f29fb6", b, 32);
    CHECK_EQ_INT(mbedtls_mpi_read_binary(&Q.MBEDTLS_PRIVATE(X), b, 32), 0);
    unhex("7903fe1008b8bc99a41ae9e95628bc64f2f1b20c2d7e9f5177a3c294d4462299", b, 32);
    CHECK_EQ_INT(mbedtls_mpi_read_binary(&Q.MBEDTLS_PRIVATE(Y), b, 32), 0);
    CHECK_EQ_INT(mbedtls_mpi_lset(&Q.MBEDTLS_PRIVATE(Z), 1), 0);
    unhex("efd48b2aacb6a8fd1140dd9cd45e81d69d2c877b56aaf991c34d0ea84eaf3716", b, 32);
    CHECK_EQ_INT(mbedtls_mpi_read_binary(&r, b, 32), 0);
    unhex("f7cb1c942d657c41d436c7a1b6e29f65f3e900dbb9aff4064dc4ab2f843acda8", b, 32);
    CHECK_EQ_INT(mbedtls_mpi_read_binary(&s, b, 32), 0);
    CHECK_EQ_INT(mbedtls_ecdsa_verify(&grp, h, sizeof(h), &Q, &r, &s), 0);
    h[0] ^= 1;
    CHECK_EQ_INT(mbedtls_ecdsa_verify(&grp, h, sizeof(h), &Q, &r, &s), MBEDTLS_ERR_ECP_VERIFY_FAILED);
    mbedtls_ecp_point_free(&Q);
    mbedtls_mpi_free(&r);
    mbedtls_mpi_free(&s);
}

/* Sign with mbedTLS, verify through the hook: accepted; then a changed
 * hash, r, s, key, r or s out of [1, n-1], a point off the curve: refused. */
static void ecdsa_round_trip(mbedtls_ecp_group_id id)
{
    mbedtls_ecp_group g;
    mbedtls_mpi d, d2, r, s, t;
    mbedtls_ecp_point Q, Q2;
    unsigned char h[48];
    mbedtls_ecp_group_init(&g);
    mbedtls_mpi_init(&d);
    mbedtls_mpi_init(&d2);
    mbedtls_mpi_init(&r);
    mbedtls_mpi_init(&s);
    mbedtls_mpi_init(&t);
    mbedtls_ecp_point_init(&Q);
    mbedtls_ecp_point_init(&Q2);
    test_rng(NULL, h, sizeof(h));
    CHECK_EQ_INT(mbedtls_ecp_group_load(&g, id), 0);
    CHECK_EQ_INT(mbedtls_ecp_gen_keypair(&g, &d, &Q, test_rng, NULL), 0);
    CHECK_EQ_INT(mbedtls_ecp_gen_keypair(&g, &d2, &Q2, test_rng, NULL), 0);
    CHECK_EQ_INT(mbedtls_ecdsa_sign(&g, &r, &s, &d, h, sizeof(h), test_rng, NULL), 0);
    CHECK_EQ_INT(mbedtls_ecdsa_verify(&g, h, sizeof(h), &Q, &r, &s), 0);
    CHECK_EQ_INT(mbedtls_ecdsa_verify(&g, h, 32, &Q, &r, &s), id == MBEDTLS_ECP_DP_SECP256R1 ? 0 :
                 MBEDTLS_ERR_ECP_VERIFY_FAILED);            /* P-256 reads only 32 bytes of the hash */
    h[0] ^= 0x80;
    CHECK_EQ_INT(mbedtls_ecdsa_verify(&g, h, sizeof(h), &Q, &r, &s), MBEDTLS_ERR_ECP_VERIFY_FAILED);
    h[0] ^= 0x80;
    CHECK_EQ_INT(mbedtls_ecdsa_verify(&g, h, sizeof(h), &Q2, &r, &s), MBEDTLS_ERR_ECP_VERIFY_FAILED);
    CHECK_EQ_INT(mbedtls_mpi_add_int(&t, &r, 1), 0);
    CHECK_EQ_INT(mbedtls_ecdsa_verify(&g, h, sizeof(h), &Q, &t, &s), MBEDTLS_ERR_ECP_VERIFY_FAILED);
    CHECK_EQ_INT(mbedtls_mpi_add_int(&t, &s, 1), 0);
    CHECK_EQ_INT(mbedtls_ecdsa_verify(&g, h, sizeof(h), &Q, &r, &t), MBEDTLS_ERR_ECP_VERIFY_FAILED);
    CHECK_EQ_INT(mbedtls_mpi_lset(&t, 0), 0);
    CHECK_EQ_INT(mbedtls_ecdsa_verify(&g, h, sizeof(h), &Q, &t, &s), MBEDTLS_ERR_ECP_VERIFY_FAILED);
    CHECK_EQ_INT(mbedtls_ecdsa_verify(&g, h, sizeof(h), &Q, &r, &t), MBEDTLS_ERR_ECP_VERIFY_FAILED);
    CHECK_EQ_INT(mbedtls_mpi_add_mpi(&t, &r, &g.N), 0);          /* r + n: same residue, out of range */
    CHECK_EQ_INT(mbedtls_ecdsa_verify(&g, h, sizeof(h), &Q, &t, &s), MBEDTLS_ERR_ECP_VERIFY_FAILED);
    CHECK_EQ_INT(mbedtls_ecdsa_verify(&g, NULL, 32, &Q, &r, &s), MBEDTLS_ERR_ECP_BAD_INPUT_DATA);
    CHECK_EQ_INT(mbedtls_mpi_add_int(&Q.MBEDTLS_PRIVATE(Y), &Q.MBEDTLS_PRIVATE(Y), 1), 0);        /* off the curve */
    CHECK(mbedtls_ecdsa_verify(&g, h, sizeof(h), &Q, &r, &s) != 0);
    mbedtls_ecp_group_free(&g);
    mbedtls_mpi_free(&d);
    mbedtls_mpi_free(&d2);
    mbedtls_mpi_free(&r);
    mbedtls_mpi_free(&s);
    mbedtls_mpi_free(&t);
    mbedtls_ecp_point_free(&Q);
    mbedtls_ecp_point_free(&Q2);
}

/* ecdsa_p256.c's s^-1 mod n (binary Euclid) for a, against mbedtls_mpi_inv_mod. */
static void check_inverse(const mbedtls_ecp_group *G, const mbedtls_mpi *a)
{
    mbedtls_mpi x, want;
    mbedtls_mpi_init(&x);
    mbedtls_mpi_init(&want);
    CHECK_EQ_INT(inv_mod_public(&x, a, &G->N), 0);
    CHECK_EQ_INT(mbedtls_mpi_inv_mod(&want, a, &G->N), 0);
    CHECK_EQ_INT(mbedtls_mpi_cmp_mpi(&x, &want), 0);
    mbedtls_mpi_free(&x);
    mbedtls_mpi_free(&want);
}

/* The edges of [1, n-1] (1, 2, 3, n-1, n-2, (n+1)/2) and pseudo-random
 * values, for the three orders; 0 and n refused. */
static void ecdsa_inverse_matches_mbedtls(void)
{
    static const mbedtls_ecp_group_id ids[] = {
        MBEDTLS_ECP_DP_SECP256R1, MBEDTLS_ECP_DP_SECP384R1, MBEDTLS_ECP_DP_SECP521R1
    };
    size_t g;
    for (g = 0; g < sizeof(ids) / sizeof(ids[0]); g++) {
        mbedtls_ecp_group G;
        mbedtls_mpi a, x;
        int i;
        mbedtls_ecp_group_init(&G);
        mbedtls_mpi_init(&a);
        mbedtls_mpi_init(&x);
        CHECK_EQ_INT(mbedtls_ecp_group_load(&G, ids[g]), 0);
        for (i = 1; i <= 3; i++) {
            CHECK_EQ_INT(mbedtls_mpi_lset(&a, i), 0);
            check_inverse(&G, &a);
            CHECK_EQ_INT(mbedtls_mpi_sub_int(&a, &G.N, i), 0);       /* n-1, n-2, n-3 */
            check_inverse(&G, &a);
        }
        CHECK_EQ_INT(mbedtls_mpi_add_int(&a, &G.N, 1), 0);
        CHECK_EQ_INT(mbedtls_mpi_shift_r(&a, 1), 0);                 /* (n+1)/2, the inverse of 2 */
        check_inverse(&G, &a);
        for (i = 0; i < 200; i++) {
            CHECK_EQ_INT(mbedtls_mpi_fill_random(&a, G.nbits / 8 + 8, test_rng, NULL), 0);
            CHECK_EQ_INT(mbedtls_mpi_mod_mpi(&a, &a, &G.N), 0);
            if (mbedtls_mpi_cmp_int(&a, 0) != 0) check_inverse(&G, &a);
        }
        CHECK_EQ_INT(mbedtls_mpi_lset(&a, 0), 0);
        CHECK(inv_mod_public(&x, &a, &G.N) != 0);
        CHECK(inv_mod_public(&x, &G.N, &G.N) != 0);
        mbedtls_ecp_group_free(&G);
        mbedtls_mpi_free(&a);
        mbedtls_mpi_free(&x);
    }
}

/* (ecdsa_p256.c inverts s by its own binary Euclid: every accepted
 * signature of mbedTLS's signer shows it agreed with mbedTLS on s^-1) */
static void ecdsa_p256_hook_accepts_and_refuses(void)
{
    int n;
    for (n = 0; n < 40; n++) ecdsa_round_trip(MBEDTLS_ECP_DP_SECP256R1);
}

static void ecdsa_p384_falls_back_to_mbedtls(void)
{
    int n;
    for (n = 0; n < 4; n++) ecdsa_round_trip(MBEDTLS_ECP_DP_SECP384R1);
    for (n = 0; n < 2; n++) ecdsa_round_trip(MBEDTLS_ECP_DP_SECP521R1);
}

/* ---- the PSA driver (p256_driver.c), as TLS 1.3 uses it ---- */

static psa_key_attributes_t ecdh_attributes(void)
{
    psa_key_attributes_t a = psa_key_attributes_init();
    psa_set_key_type(&a, PSA_KEY_TYPE_ECC_KEY_PAIR(PSA_ECC_FAMILY_SECP_R1));
    psa_set_key_bits(&a, 256);
    psa_set_key_usage_flags(&a, PSA_KEY_USAGE_DERIVE | PSA_KEY_USAGE_EXPORT);
    psa_set_key_algorithm(&a, PSA_ALG_ECDH);
    return a;
}

/* The public key and the ECDH secret of key, for the peer scalar j, as
 * mbedTLS's own arithmetic has them. */
static void check_psa_key(psa_key_id_t key, const uint8_t j[32])
{
    uint8_t k[32], pub[65], peer[65], z[32], x[32], y[32];
    size_t n = 0;
    CHECK_EQ_INT(psa_export_key(key, k, sizeof(k), &n), PSA_SUCCESS);
    CHECK_EQ_INT((int)n, 32);
    CHECK_EQ_INT(psa_export_public_key(key, pub, sizeof(pub), &n), PSA_SUCCESS);
    CHECK_EQ_INT((int)n, 65);
    CHECK_EQ_INT(pub[0], 4);
    CHECK_EQ_INT(ref_mul(x, y, k, NULL, NULL), 0);
    CHECK_EQ_MEM(pub + 1, 32, x, 32);
    CHECK_EQ_MEM(pub + 33, 32, y, 32);
    peer[0] = 4;
    CHECK_EQ_INT(ref_mul(peer + 1, peer + 33, j, NULL, NULL), 0);
    CHECK_EQ_INT(psa_raw_key_agreement(PSA_ALG_ECDH, key, peer, sizeof(peer), z, sizeof(z), &n), PSA_SUCCESS);
    CHECK_EQ_INT((int)n, 32);
    CHECK_EQ_INT(ref_mul(x, y, k, peer + 1, peer + 33), 0);
    CHECK_EQ_MEM(z, 32, x, 32);
}

static void psa_driver_keys_match_mbedtls(void)
{
    psa_key_attributes_t a = ecdh_attributes();
    int i;
    for (i = 0; i < 5; i++) {
        psa_key_id_t key = 0;
        uint8_t j[32];
        random_scalar(j);
        CHECK_EQ_INT(psa_generate_key(&a, &key), PSA_SUCCESS);
        check_psa_key(key, j);
        CHECK_EQ_INT(psa_destroy_key(key), PSA_SUCCESS);
    }
}

/* RFC 5903 8.1 through PSA: the key imported (PSA's own import checks it),
 * its public key and the shared secret by the driver. */
static void psa_driver_rfc5903_example(void)
{
    psa_key_attributes_t a = ecdh_attributes();
    psa_key_id_t key = 0;
    uint8_t i[32], pub[65], want[64], peer[65], z[32], girx[32];
    size_t n = 0;
    unhex("c88f01f510d9ac3f70a292daa2316de544e9aab8afe84049c62a9c57862d1433", i, 32);
    unhex("dad0b65394221cf9b051e1feca5787d098dfe637fc90b9ef945d0c3772581180"
          "5271a0461cdb8252d61f1c456fa3e59ab1f45b33accf5f58389e0577b8990bb3", want, 64);
    peer[0] = 4;
    unhex("d12dfb5289c8d4f81208b70270398c342296970a0bccb74c736fc7554494bf63"
          "56fbf3ca366cc23e8157854c13c58d6aac23f046ada30f8353e74f33039872ab", peer + 1, 64);
    unhex("d6840f6b42f6edafd13116e0e12565202fef8e9ece7dce03812464d04b9442de", girx, 32);
    CHECK_EQ_INT(psa_import_key(&a, i, sizeof(i), &key), PSA_SUCCESS);
    CHECK_EQ_INT(psa_export_public_key(key, pub, sizeof(pub), &n), PSA_SUCCESS);
    CHECK_EQ_MEM(pub + 1, 64, want, 64);
    CHECK_EQ_INT(psa_raw_key_agreement(PSA_ALG_ECDH, key, peer, sizeof(peer), z, sizeof(z), &n), PSA_SUCCESS);
    CHECK_EQ_MEM(z, 32, girx, 32);
    CHECK_EQ_INT(psa_destroy_key(key), PSA_SUCCESS);
}

/* Peer points off the curve, with x = p, compressed or short, and private
 * keys 0 and n (straight to the entry points: PSA would not import them):
 * refused, and no secret written. */
static void psa_driver_refuses_bad_keys(void)
{
    psa_key_attributes_t a = ecdh_attributes();
    psa_key_id_t key = 0;
    uint8_t j[32], peer[65], bad[65], z[32], zero[32] = { 0 }, n_be[32];
    size_t n = 0;
    int i;
    random_scalar(j);
    peer[0] = 4;
    CHECK_EQ_INT(ref_mul(peer + 1, peer + 33, j, NULL, NULL), 0);
    CHECK_EQ_INT(psa_generate_key(&a, &key), PSA_SUCCESS);
    for (i = 0; i < 4; i++) {
        size_t len = sizeof(bad);
        memcpy(bad, peer, sizeof(bad));
        if (i == 0) bad[64] ^= 1;                                    /* off the curve */
        if (i == 1) CHECK_EQ_INT(mbedtls_mpi_write_binary(&grp.P, bad + 1, 32), 0);   /* x = p */
        if (i == 2) bad[0] = 2;                                      /* compressed */
        if (i == 3) len = 64;
        CHECK(psa_raw_key_agreement(PSA_ALG_ECDH, key, bad, len, z, sizeof(z), &n) != PSA_SUCCESS);
    }
    CHECK_EQ_INT(psa_destroy_key(key), PSA_SUCCESS);
    CHECK_EQ_INT(mbedtls_mpi_write_binary(&grp.N, n_be, 32), 0);
    for (i = 0; i < 2; i++) {
        const uint8_t *k = i == 0 ? zero : n_be;
        memset(z, 0xaa, sizeof(z));
        CHECK_EQ_INT(p256_transparent_key_agreement(&a, k, 32, PSA_ALG_ECDH, peer, sizeof(peer), z, sizeof(z), &n),
                     PSA_ERROR_INVALID_ARGUMENT);
        CHECK_EQ_MEM(z, 32, zero, 32);
        CHECK_EQ_INT(p256_transparent_export_public_key(&a, k, 32, bad, sizeof(bad), &n), PSA_ERROR_INVALID_ARGUMENT);
    }
}

int main(void)
{
    mbedtls_ecp_group_init(&grp);
    if (mbedtls_ecp_group_load(&grp, MBEDTLS_ECP_DP_SECP256R1) != 0) {
        printf("FAIL p256_group_load\n");
        return 1;
    }
    RUN(p256_comb_table_is_multiples_of_g);
    RUN(p256_base_mul_matches_mbedtls);
    RUN(p256_point_mul_matches_mbedtls);
    RUN(p256_edge_scalars_match_mbedtls);
    RUN(p256_rfc5903_ecdh_example);
    RUN(p256_mul_reports_the_point_at_infinity);
    RUN(ecdh_p256_hooks_agree_with_mbedtls);
    RUN(ecdh_p384_falls_back_to_mbedtls);
    RUN(ecdh_p256_refuses_bad_keys);
    RUN(p256_mul_add_matches_mbedtls);
    RUN(ecdsa_inverse_matches_mbedtls);
    RUN(ecdsa_p256_verifies_rfc6979_signature);
    RUN(ecdsa_p256_hook_accepts_and_refuses);
    RUN(ecdsa_p384_falls_back_to_mbedtls);
    if (psa_crypto_init() != PSA_SUCCESS) {
        printf("FAIL psa_crypto_init\n");
        return 1;
    }
    RUN(psa_driver_keys_match_mbedtls);
    RUN(psa_driver_rfc5903_example);
    RUN(psa_driver_refuses_bad_keys);
    mbedtls_psa_crypto_free();
    mbedtls_ecp_group_free(&grp);
    return check_summary();
}

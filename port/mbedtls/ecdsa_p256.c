/* SPDX-License-Identifier: Apache-2.0 */
/* ecdsa_p256.c - mbedTLS's ECDSA verification (MBEDTLS_ECDSA_VERIFY_ALT,
 * set by il_mbedtls_config.h for the Linux builds, IL_TLS_P256_FIAT): SEC 1
 * 4.1.4 as mbedTLS's ecdsa.c does it, with step 5 (u1 G + u2 Q) by p256.c
 * for P-256 (certificate chains, TLS 1.2's ServerKeyExchange and TLS 1.3's
 * CertificateVerify signatures, several times cheaper than ecp.c's) and by
 * mbedtls_ecp_muladd for P-384 and P-521. Everything here is public data:
 * no constant-time requirement, so s^-1 mod n is a binary extended Euclid
 * of its own, not mbedtls_mpi_inv_mod, which 3.6 made constant time (for
 * secrets) at several times the cost. */
#include <stdint.h>
#include <string.h>
#include "mbedtls/ecdsa.h"

#include "p256.h"

#if defined(MBEDTLS_ECDSA_VERIFY_ALT)

#define CHK(f) do { if ((ret = (f)) != 0) goto cleanup; } while (0)

/* ---- s^-1 mod n for a public s: numbers as little-endian 64-bit limbs ---- */

#define INV_LIMBS 9                 /* the largest order: P-521's, 521 bits */

typedef struct {
    uint64_t u[INV_LIMBS], v[INV_LIMBS], x1[INV_LIMBS], x2[INV_LIMBS], n[INV_LIMBS];
    size_t len;                     /* limbs in use: those of n */
} inv_state_t;

static int limbs_read(uint64_t *w, size_t len, const mbedtls_mpi *a)
{
    unsigned char be[INV_LIMBS * 8];
    size_t i, nb = len * 8;
    int ret = mbedtls_mpi_write_binary(a, be, nb);
    for (i = 0; ret == 0 && i < nb; i++) w[i / 8] |= (uint64_t)be[nb - 1 - i] << (8 * (i % 8));
    return ret;
}

/* a == k (k 0 or 1) */
static int limbs_is(const uint64_t *a, size_t len, uint64_t k)
{
    size_t i;
    for (i = 1; i < len; i++)
        if (a[i] != 0) return 0;
    return a[0] == k;
}

/* a -= b; the borrow out */
static uint64_t limbs_sub(uint64_t *a, const uint64_t *b, size_t len)
{
    uint64_t borrow = 0;
    size_t i;
    for (i = 0; i < len; i++) {
        uint64_t d = a[i] - b[i], e = d - borrow;
        borrow = (uint64_t)(a[i] < b[i]) | (uint64_t)(d < borrow);
        a[i] = e;
    }
    return borrow;
}

/* a += b; the carry out */
static uint64_t limbs_add(uint64_t *a, const uint64_t *b, size_t len)
{
    uint64_t carry = 0;
    size_t i;
    for (i = 0; i < len; i++) {
        uint64_t t = a[i] + carry, r = t + b[i];
        carry = (uint64_t)(t < carry) | (uint64_t)(r < t);
        a[i] = r;
    }
    return carry;
}

/* a = a / 2, top the bit shifted in at the top */
static void limbs_half(uint64_t *a, size_t len, uint64_t top)
{
    size_t i;
    for (i = 0; i + 1 < len; i++) a[i] = (a[i] >> 1) | (a[i + 1] << 63);
    a[len - 1] = (a[len - 1] >> 1) | (top << 63);
}

static int limbs_ge(const uint64_t *a, const uint64_t *b, size_t len)
{
    size_t i = len;
    while (i-- > 0)
        if (a[i] != b[i]) return a[i] > b[i];
    return 1;
}

/* While u is even (and not 0): u /= 2 and x = x / 2 mod n. */
static void inv_halve(uint64_t *u, uint64_t *x, const inv_state_t *st)
{
    while ((u[0] & 1) == 0 && !limbs_is(u, st->len, 0)) {
        uint64_t carry = (x[0] & 1) ? limbs_add(x, st->n, st->len) : 0;   /* x + n is even */
        limbs_half(u, st->len, 0);
        limbs_half(x, st->len, carry);
    }
}

/* *x = a^-1 mod n by the binary extended Euclid (HAC 14.61, for an odd n):
 * u = a, v = n, x1 = 1, x2 = 0, keeping x1 a = u and x2 a = v (mod n) while
 * u and v shrink to gcd(a, n) = 1 (a in [1, n-1], n prime). */
static int inv_mod_public(mbedtls_mpi *x, const mbedtls_mpi *a, const mbedtls_mpi *n)
{
    inv_state_t st;
    unsigned char be[INV_LIMBS * 8];
    const uint64_t *res;
    size_t i, nb;
    int ret;
    memset(&st, 0, sizeof(st));
    st.len = (mbedtls_mpi_bitlen(n) + 63) / 64;
    if (st.len == 0 || st.len > INV_LIMBS || mbedtls_mpi_cmp_int(a, 1) < 0 || mbedtls_mpi_cmp_mpi(a, n) >= 0)
        return MBEDTLS_ERR_MPI_BAD_INPUT_DATA;
    if ((ret = limbs_read(st.u, st.len, a)) != 0 || (ret = limbs_read(st.n, st.len, n)) != 0) return ret;
    memcpy(st.v, st.n, sizeof(st.v));
    st.x1[0] = 1;
    while (!limbs_is(st.u, st.len, 1) && !limbs_is(st.v, st.len, 1)) {
        if (limbs_is(st.u, st.len, 0) || limbs_is(st.v, st.len, 0)) return MBEDTLS_ERR_MPI_NOT_ACCEPTABLE;
        inv_halve(st.u, st.x1, &st);
        inv_halve(st.v, st.x2, &st);
        if (limbs_ge(st.u, st.v, st.len)) {
            limbs_sub(st.u, st.v, st.len);
            if (limbs_sub(st.x1, st.x2, st.len)) limbs_add(st.x1, st.n, st.len);
        } else {
            limbs_sub(st.v, st.u, st.len);
            if (limbs_sub(st.x2, st.x1, st.len)) limbs_add(st.x2, st.n, st.len);
        }
    }
    res = limbs_is(st.u, st.len, 1) ? st.x1 : st.x2;
    nb = st.len * 8;
    for (i = 0; i < nb; i++) be[nb - 1 - i] = (unsigned char)(res[i / 8] >> (8 * (i % 8)));
    return mbedtls_mpi_read_binary(x, be, nb);
}

/* SEC 1 4.1.4 step 3 (ecdsa.c's derive_mpi): the hash's leftmost nbits
 * bits as an integer, reduced once modulo n. */
static int hash_to_mpi(const mbedtls_ecp_group *grp, mbedtls_mpi *x, const unsigned char *buf, size_t blen)
{
    size_t n_size = (grp->nbits + 7) / 8, use = blen > n_size ? n_size : blen;
    int ret;
    CHK(mbedtls_mpi_read_binary(x, buf, use));
    if (use * 8 > grp->nbits) CHK(mbedtls_mpi_shift_r(x, use * 8 - grp->nbits));
    if (mbedtls_mpi_cmp_mpi(x, &grp->N) >= 0) CHK(mbedtls_mpi_sub_mpi(x, x, &grp->N));
cleanup:
    return ret;
}

/* R.X = x of u1 G + u2 Q (R.Y and R.Z: Z = 1, or zero for the point at
 * infinity), P-256 through p256.c after the same check of Q as
 * mbedtls_ecp_muladd makes. */
static int p256_mul_add(const mbedtls_ecp_group *grp, mbedtls_ecp_point *R, const mbedtls_mpi *u1,
                        const mbedtls_mpi *u2, const mbedtls_ecp_point *Q)
{
    uint8_t a[32], b[32], qx[32], qy[32], x[32];
    int ret;
    CHK(mbedtls_ecp_check_pubkey(grp, Q));
    CHK(mbedtls_mpi_write_binary(u1, a, sizeof(a)));
    CHK(mbedtls_mpi_write_binary(u2, b, sizeof(b)));
    CHK(mbedtls_mpi_write_binary(&Q->MBEDTLS_PRIVATE(X), qx, sizeof(qx)));
    CHK(mbedtls_mpi_write_binary(&Q->MBEDTLS_PRIVATE(Y), qy, sizeof(qy)));
    if (!il_p256_mul_add(x, a, b, qx, qy)) return mbedtls_ecp_set_zero(R);
    CHK(mbedtls_mpi_read_binary(&R->MBEDTLS_PRIVATE(X), x, sizeof(x)));
    CHK(mbedtls_mpi_lset(&R->MBEDTLS_PRIVATE(Y), 0));
    CHK(mbedtls_mpi_lset(&R->MBEDTLS_PRIVATE(Z), 1));
cleanup:
    return ret;
}

int mbedtls_ecdsa_verify(mbedtls_ecp_group *grp, const unsigned char *buf, size_t blen,
                         const mbedtls_ecp_point *Q, const mbedtls_mpi *r, const mbedtls_mpi *s)
{
    mbedtls_mpi e, s_inv, u1, u2;
    mbedtls_ecp_point R;
    int ret;
    if (grp == NULL || Q == NULL || r == NULL || s == NULL || (buf == NULL && blen != 0) ||
        !mbedtls_ecdsa_can_do(grp->id) || grp->N.MBEDTLS_PRIVATE(p) == NULL)
        return MBEDTLS_ERR_ECP_BAD_INPUT_DATA;
    mbedtls_ecp_point_init(&R);
    mbedtls_mpi_init(&e);
    mbedtls_mpi_init(&s_inv);
    mbedtls_mpi_init(&u1);
    mbedtls_mpi_init(&u2);
    /* step 1: r and s in [1, n-1] */
    if (mbedtls_mpi_cmp_int(r, 1) < 0 || mbedtls_mpi_cmp_mpi(r, &grp->N) >= 0 ||
        mbedtls_mpi_cmp_int(s, 1) < 0 || mbedtls_mpi_cmp_mpi(s, &grp->N) >= 0) {
        ret = MBEDTLS_ERR_ECP_VERIFY_FAILED;
        goto cleanup;
    }
    /* steps 3-4: e from the hash; u1 = e / s, u2 = r / s mod n */
    CHK(hash_to_mpi(grp, &e, buf, blen));
    CHK(inv_mod_public(&s_inv, s, &grp->N));
    CHK(mbedtls_mpi_mul_mpi(&u1, &e, &s_inv));
    CHK(mbedtls_mpi_mod_mpi(&u1, &u1, &grp->N));
    CHK(mbedtls_mpi_mul_mpi(&u2, r, &s_inv));
    CHK(mbedtls_mpi_mod_mpi(&u2, &u2, &grp->N));
    /* step 5: R = u1 G + u2 Q, not the point at infinity */
    if (grp->id == MBEDTLS_ECP_DP_SECP256R1) CHK(p256_mul_add(grp, &R, &u1, &u2, Q));
    else CHK(mbedtls_ecp_muladd(grp, &R, &u1, &grp->G, &u2, Q));
    if (mbedtls_ecp_is_zero(&R)) {
        ret = MBEDTLS_ERR_ECP_VERIFY_FAILED;
        goto cleanup;
    }
    /* steps 6-8: x of R mod n equals r */
    CHK(mbedtls_mpi_mod_mpi(&R.MBEDTLS_PRIVATE(X), &R.MBEDTLS_PRIVATE(X), &grp->N));
    if (mbedtls_mpi_cmp_mpi(&R.MBEDTLS_PRIVATE(X), r) != 0) ret = MBEDTLS_ERR_ECP_VERIFY_FAILED;
cleanup:
    mbedtls_ecp_point_free(&R);
    mbedtls_mpi_free(&e);
    mbedtls_mpi_free(&s_inv);
    mbedtls_mpi_free(&u1);
    mbedtls_mpi_free(&u2);
    return ret;
}

#endif

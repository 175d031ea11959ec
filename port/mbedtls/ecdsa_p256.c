/* SPDX-License-Identifier: Apache-2.0 */
/* ecdsa_p256.c - mbedTLS's ECDSA verification (MBEDTLS_ECDSA_VERIFY_ALT,
 * set by il_mbedtls_config.h for the Linux builds, IL_TLS_P256_FIAT): SEC 1
 * 4.1.4 as mbedTLS's ecdsa.c does it, with step 5 (u1 G + u2 Q) by p256.c
 * for P-256 (certificate chains, TLS 1.2's ServerKeyExchange and TLS 1.3's
 * CertificateVerify signatures, several times cheaper than ecp.c's) and by
 * mbedtls_ecp_muladd for P-384 and P-521. Everything here is public data:
 * no constant-time requirement. */
#include "mbedtls/ecdsa.h"

#include "p256.h"

#if defined(MBEDTLS_ECDSA_VERIFY_ALT)

#define CHK(f) do { if ((ret = (f)) != 0) goto cleanup; } while (0)

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
    CHK(mbedtls_mpi_inv_mod(&s_inv, s, &grp->N));
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

/* SPDX-License-Identifier: Apache-2.0 */
/* ecdh_p256.c - mbedTLS's two ECDH primitives (MBEDTLS_ECDH_GEN_PUBLIC_ALT,
 * MBEDTLS_ECDH_COMPUTE_SHARED_ALT, set by il_mbedtls_config.h for the Linux
 * builds, IL_TLS_P256_FIAT): P-256 through p256.c, any other curve (P-384,
 * P-521) through mbedTLS's own arithmetic, as ecdh.c would. Key and point
 * checks stay mbedTLS's (mbedtls_ecp_gen_privkey, _check_pubkey,
 * _check_privkey). TLS 1.2's ECDHE comes here, and PSA's built-in ECDH for
 * the curves p256_driver.c leaves to it. X25519 does not come here
 * (everest has its own context). Point coordinates are MBEDTLS_PRIVATE
 * fields in 3.x. */
#include "mbedtls/ecdh.h"
#include "mbedtls/platform_util.h"

#include "p256.h"

#if defined(MBEDTLS_ECDH_GEN_PUBLIC_ALT) && defined(MBEDTLS_ECDH_COMPUTE_SHARED_ALT)

#define CHK(f) do { if ((ret = (f)) != 0) goto cleanup; } while (0)

/* k * P into an mbedTLS point (Z = 1), P the base point when Q is NULL. */
static int p256_mul_point(mbedtls_ecp_point *R, const mbedtls_mpi *k, const mbedtls_ecp_point *Q)
{
    uint8_t kb[32], qx[32], qy[32], rx[32], ry[32];
    int ret;
    CHK(mbedtls_mpi_write_binary(k, kb, sizeof(kb)));
    if (Q != NULL) {
        CHK(mbedtls_mpi_write_binary(&Q->MBEDTLS_PRIVATE(X), qx, sizeof(qx)));
        CHK(mbedtls_mpi_write_binary(&Q->MBEDTLS_PRIVATE(Y), qy, sizeof(qy)));
    }
    if (!il_p256_mul(rx, ry, kb, Q != NULL ? qx : NULL, Q != NULL ? qy : NULL)) {
        ret = MBEDTLS_ERR_ECP_BAD_INPUT_DATA;     /* the point at infinity */
        goto cleanup;
    }
    CHK(mbedtls_mpi_read_binary(&R->MBEDTLS_PRIVATE(X), rx, sizeof(rx)));
    CHK(mbedtls_mpi_read_binary(&R->MBEDTLS_PRIVATE(Y), ry, sizeof(ry)));
    CHK(mbedtls_mpi_lset(&R->MBEDTLS_PRIVATE(Z), 1));
cleanup:
    mbedtls_platform_zeroize(kb, sizeof(kb));
    mbedtls_platform_zeroize(rx, sizeof(rx));
    mbedtls_platform_zeroize(ry, sizeof(ry));
    return ret;
}

int mbedtls_ecdh_gen_public(mbedtls_ecp_group *grp, mbedtls_mpi *d, mbedtls_ecp_point *Q,
                            int (*f_rng)(void *, unsigned char *, size_t), void *p_rng)
{
    int ret;
    if (grp == NULL || d == NULL || Q == NULL || f_rng == NULL) return MBEDTLS_ERR_ECP_BAD_INPUT_DATA;
    if (grp->id != MBEDTLS_ECP_DP_SECP256R1) return mbedtls_ecp_gen_keypair(grp, d, Q, f_rng, p_rng);
    CHK(mbedtls_ecp_gen_privkey(grp, d, f_rng, p_rng));
    CHK(p256_mul_point(Q, d, NULL));
cleanup:
    return ret;
}

int mbedtls_ecdh_compute_shared(mbedtls_ecp_group *grp, mbedtls_mpi *z, const mbedtls_ecp_point *Q,
                                const mbedtls_mpi *d, int (*f_rng)(void *, unsigned char *, size_t),
                                void *p_rng)
{
    mbedtls_ecp_point P;
    int ret;
    if (grp == NULL || z == NULL || Q == NULL || d == NULL) return MBEDTLS_ERR_ECP_BAD_INPUT_DATA;
    mbedtls_ecp_point_init(&P);
    if (grp->id == MBEDTLS_ECP_DP_SECP256R1) {
        /* what mbedtls_ecp_mul checks first: a private key in [1, n-1], a
         * peer point on the curve, not at infinity, coordinates below p */
        CHK(mbedtls_ecp_check_privkey(grp, d));
        CHK(mbedtls_ecp_check_pubkey(grp, Q));
        CHK(p256_mul_point(&P, d, Q));
    } else {
        CHK(mbedtls_ecp_mul(grp, &P, d, Q, f_rng, p_rng));
        if (mbedtls_ecp_is_zero(&P)) {
            ret = MBEDTLS_ERR_ECP_BAD_INPUT_DATA;
            goto cleanup;
        }
    }
    CHK(mbedtls_mpi_copy(z, &P.MBEDTLS_PRIVATE(X)));
cleanup:
    mbedtls_ecp_point_free(&P);
    return ret;
}

#endif

/* SPDX-License-Identifier: Apache-2.0 */
/* mpi_exp_public.c - square-and-multiply by a short public exponent
 * (il_tls_mpi.h). Built by port/mbedtls/lib.mk into libmbedcrypto, beside
 * the bignum.c that calls it; it needs mbedTLS's library/ on the include
 * path for the Montgomery multiplication's declaration. */
#include <string.h>
#include "bignum_core.h"
#include "il_tls_mpi.h"

/* The bits of a one-limb exponent, or 0 for a longer or zero one. */
static size_t short_exponent_bits(const mbedtls_mpi_uint *E, size_t E_limbs)
{
    size_t bits = mbedtls_mpi_core_bitlen(E, E_limbs);
    return bits <= sizeof(mbedtls_mpi_uint) * 8 ? bits : 0;
}

void il_mpi_core_exp_mod_public(mbedtls_mpi_uint *X, const mbedtls_mpi_uint *A,
                                const mbedtls_mpi_uint *N, size_t AN_limbs,
                                const mbedtls_mpi_uint *E, size_t E_limbs,
                                const mbedtls_mpi_uint *RR, mbedtls_mpi_uint *T)
{
    size_t bits = short_exponent_bits(E, E_limbs);
    if (bits == 0) {
        mbedtls_mpi_core_exp_mod_unsafe(X, A, N, AN_limbs, E, E_limbs, RR, T);
        return;
    }
    mbedtls_mpi_uint e = E[0];
    mbedtls_mpi_uint mm = mbedtls_mpi_core_montmul_init(N);
    mbedtls_mpi_uint *base = T + 2 * AN_limbs + 1;   /* after montmul's 2n+1 */
    memcpy(base, A, AN_limbs * sizeof(*A));          /* X may alias A */
    memcpy(X, base, AN_limbs * sizeof(*X));
    for (size_t i = bits - 1; i-- > 0;) {
        mbedtls_mpi_core_montmul(X, X, X, AN_limbs, N, AN_limbs, mm, T);
        if ((e >> i) & 1) {
            mbedtls_mpi_core_montmul(X, X, base, AN_limbs, N, AN_limbs, mm, T);
        }
    }
}

/* SPDX-License-Identifier: Apache-2.0 */
/* mpi_exp_public.c - square-and-multiply by a short public exponent
 * (il_tls_mpi.h). Built by port/mbedtls/lib.mk into libmbedcrypto, beside
 * the bignum.c that calls it; it needs mbedTLS's library/ on the include
 * path for the Montgomery multiplication's declaration. With
 * IL_MPI_MONT_ASM (lib.mk, on x86_64) the multiplications are BoringSSL's
 * assembly. */
#include <string.h>
#include "bignum_core.h"
#include "il_tls_mpi.h"

#if IL_MPI_MONT_ASM
/* BoringSSL's bn_mul_mont (x86_64-mont.S, with x86_64-mont5.S for squares;
 * from Debian's source, assembled by lib.mk with every name renamed il_*):
 * rp = ap * bp / R mod np over num limbs; ap and bp below np give rp below
 * np; rp may alias ap or bp; n0[0] = -np^-1 mod 2^64. 1, or 0 for a size it
 * does not take (it takes num >= 2). */
int il_bn_mul_mont(uint64_t *rp, const uint64_t *ap, const uint64_t *bp, const uint64_t *np, const uint64_t *n0,
                   size_t num);
/* The CPU features the assembly may use (its OPENSSL_ia32cap_P): none, so its
 * mulq code runs everywhere, valgrind included. */
extern const uint32_t il_mont_ia32cap[4];
const uint32_t il_mont_ia32cap[4] = { 0, 0, 0, 0 };
typedef char il_mpi_uint_is_64_bits[sizeof(mbedtls_mpi_uint) == sizeof(uint64_t) ? 1 : -1];
#endif

/* X = A * B / R mod N (n limbs each; X may alias A or B), by the assembly
 * where there is one, else by mbedTLS's own (T: its 2n + 1 limbs). */
static void montmul(mbedtls_mpi_uint *X, const mbedtls_mpi_uint *A, const mbedtls_mpi_uint *B,
                    const mbedtls_mpi_uint *N, size_t n, mbedtls_mpi_uint mm, mbedtls_mpi_uint *T)
{
#if IL_MPI_MONT_ASM
    const uint64_t n0[2] = { mm, 0 };
    if (n >= 2 && il_bn_mul_mont(X, A, B, N, n0, n)) return;
#endif
    mbedtls_mpi_core_montmul(X, A, B, n, N, n, mm, T);
}

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
        montmul(X, X, X, N, AN_limbs, mm, T);
        if ((e >> i) & 1) montmul(X, X, base, N, AN_limbs, mm, T);
    }
}

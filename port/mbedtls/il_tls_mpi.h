/* SPDX-License-Identifier: Apache-2.0 */
/* il_tls_mpi.h - a faster modular exponentiation by a short public exponent
 * for mbedTLS's bignum.c (the RSA public operation: verifying a server's
 * signatures and its chain's).
 *
 * mbedTLS 3.6's mbedtls_mpi_core_exp_mod_unsafe() multiplies by a table entry
 * for every bit of the exponent, by one on the zero bits (17 squarings and 17
 * multiplications for e = 65537, where square-and-multiply needs 16 and 1).
 * port/mbedtls/lib.mk compiles library/bignum.c with
 *   -Dmbedtls_mpi_core_exp_mod_unsafe=il_mpi_core_exp_mod_public
 * so that its only caller, the exponentiation by a public exponent, comes
 * here: a rename at compile time, no change to mbedTLS's source. Without the
 * rename this file is simply unused. */
#ifndef IL_TLS_MPI_H
#define IL_TLS_MPI_H

#include <stddef.h>
#include "mbedtls/bignum.h"

/* X = A^E mod N, A and X in Montgomery form: the contract of
 * mbedtls_mpi_core_exp_mod_unsafe() (library/bignum_core.h), word for word:
 * - X, A, N, RR: AN_limbs limbs each; X may alias A (not RR or E); N odd;
 * - E: E_limbs limbs, public (the time taken depends on its bits);
 * - RR: R^2 mod N (R = 2^(biL * AN_limbs));
 * - T: at least mbedtls_mpi_core_exp_mod_working_limbs(AN_limbs, E_limbs)
 *   limbs of the caller's, overlapping nothing; left indeterminate.
 * An exponent of one limb's bits (RSA's 3 or 65537) is done by
 * square-and-multiply in T's first 3 * AN_limbs + 1 limbs; a longer or zero
 * one goes to mbedTLS's own windowed code. */
void il_mpi_core_exp_mod_public(mbedtls_mpi_uint *X, const mbedtls_mpi_uint *A,
                                const mbedtls_mpi_uint *N, size_t AN_limbs,
                                const mbedtls_mpi_uint *E, size_t E_limbs,
                                const mbedtls_mpi_uint *RR, mbedtls_mpi_uint *T);

#endif

/* SPDX-License-Identifier: Apache-2.0 */
/* il_tls_mpi.h - a faster RSA public operation (verifying a server's
 * signatures and its chain's) for mbedTLS's rsa.c.
 *
 * mbedTLS 3.6's mbedtls_mpi_exp_mod_unsafe() multiplies by a table entry for
 * every bit of the exponent, by one on the zero bits (17 squarings and 17
 * multiplications for e = 65537, where square-and-multiply needs 16 and 1),
 * computes R^2 mod N by long division, and works in as many limbs as the
 * modulus was read into (a DER INTEGER's leading zero byte makes RSA-2048's
 * 33). port/mbedtls/lib.mk compiles library/rsa.c with
 *   -Dmbedtls_mpi_exp_mod_unsafe=il_mpi_exp_mod_public
 * so that its one call, mbedtls_rsa_public()'s, comes here: a rename at
 * compile time, no change to mbedTLS's source. Without the rename this file
 * is simply unused. */
#ifndef IL_TLS_MPI_H
#define IL_TLS_MPI_H

#include "mbedtls/bignum.h"

/* X = A^E mod N, the contract of mbedtls_mpi_exp_mod_unsafe()
 * (library/bignum_internal.h): E public (the time taken depends on it);
 * X may alias A. A modulus of more than one limb (odd, positive), a base
 * below it and an exponent of one limb's bits (RSA's 3 or 65537) are done
 * here, in the modulus's own limbs: R^2 mod N by doubling and five or six
 * Montgomery squarings, square-and-multiply, working memory from
 * mbedtls_calloc (the pool); prec_RR is neither read nor written. Anything
 * else goes on to mbedtls_mpi_exp_mod_unsafe(). 0, or mbedTLS's MPI error
 * (MBEDTLS_ERR_MPI_ALLOC_FAILED when the pool is out). */
int il_mpi_exp_mod_public(mbedtls_mpi *X, const mbedtls_mpi *A, const mbedtls_mpi *E, const mbedtls_mpi *N,
                          mbedtls_mpi *prec_RR);

#endif

/* SPDX-License-Identifier: Apache-2.0 */
/* mpi_exp_public.c - the RSA public operation's exponentiation
 * (il_tls_mpi.h). Built by port/mbedtls/lib.mk into libmbedcrypto, beside
 * the rsa.c that calls it; it needs mbedTLS's library/ on the include path
 * for the Montgomery multiplication's declaration. With IL_MPI_MONT_ASM
 * (lib.mk, on x86_64) the multiplications are BoringSSL's assembly. */
#include <string.h>
#include "bignum_core.h"
#include "bignum_internal.h"
#include "mbedtls/platform.h"
#include "il_tls_mpi.h"

#define LIMB_BITS (sizeof(mbedtls_mpi_uint) * 8)

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

/* X = A * B / R mod N (n limbs each, R = 2^(LIMB_BITS n); X may alias A or
 * B), by the assembly where there is one, else by mbedTLS's (T: 2n + 1
 * limbs). */
static void montmul(mbedtls_mpi_uint *X, const mbedtls_mpi_uint *A, const mbedtls_mpi_uint *B,
                    const mbedtls_mpi_uint *N, size_t n, mbedtls_mpi_uint mm, mbedtls_mpi_uint *T)
{
#if IL_MPI_MONT_ASM
    const uint64_t n0[2] = { mm, 0 };
    if (n >= 2 && il_bn_mul_mont(X, A, B, N, n0, n)) return;
#endif
    mbedtls_mpi_core_montmul(X, A, B, n, N, n, mm, T);
}

/* x = 2x mod N over n limbs (x below N). N is public: no need to hide which. */
static void double_mod(mbedtls_mpi_uint *x, const mbedtls_mpi_uint *N, size_t n)
{
    mbedtls_mpi_uint carry = mbedtls_mpi_core_add(x, x, x, n);
    mbedtls_mpi_uint borrow = mbedtls_mpi_core_sub(x, x, N, n);
    (void)mbedtls_mpi_core_add_if(x, N, n, (unsigned)(borrow & (carry ^ 1u)));
}

/* rr = R^2 mod N (N of bits bits in n limbs): 2^(bits - 1), doubled up to
 * R 2^s, then k Montgomery squarings, each R 2^s -> R 2^(2s), to R 2^(s 2^k)
 * = R^2: s = LIMB_BITS n / 2^k, k = 6 where that divides (a squaring costs
 * about fourteen doublings: this balance is the cheapest), else 5. */
static void r2_mod(mbedtls_mpi_uint *rr, const mbedtls_mpi_uint *N, size_t n, size_t bits,
                   mbedtls_mpi_uint mm, mbedtls_mpi_uint *T)
{
    int k = (LIMB_BITS * n) % 64 == 0 ? 6 : 5;
    size_t target = LIMB_BITS * n + (LIMB_BITS * n >> k);
    memset(rr, 0, n * sizeof(*rr));
    rr[(bits - 1) / LIMB_BITS] = (mbedtls_mpi_uint)1 << ((bits - 1) % LIMB_BITS);
    for (size_t i = bits - 1; i < target; i++) double_mod(rr, N, n);
    for (int i = 0; i < k; i++) montmul(rr, rr, rr, N, n, mm, T);
}

/* Whether this file takes the operation: a positive odd modulus of 2 limbs
 * or more, a base below it, an exponent of 1 to LIMB_BITS bits. */
static int takes(const mbedtls_mpi *A, const mbedtls_mpi *E, const mbedtls_mpi *N)
{
    size_t nbits = mbedtls_mpi_bitlen(N), ebits = mbedtls_mpi_bitlen(E);
    return N->s == 1 && nbits > LIMB_BITS && nbits <= MBEDTLS_MPI_MAX_BITS && (N->p[0] & 1) != 0 &&
           E->s == 1 && ebits >= 1 && ebits <= LIMB_BITS && A->s == 1 && mbedtls_mpi_cmp_mpi(A, N) < 0;
}

/* acc = A^e mod N in Montgomery form, from base = A in it (n limbs). */
static void square_and_multiply(mbedtls_mpi_uint *acc, const mbedtls_mpi_uint *base, mbedtls_mpi_uint e,
                                const mbedtls_mpi_uint *N, size_t n, mbedtls_mpi_uint mm, mbedtls_mpi_uint *T)
{
    size_t i = LIMB_BITS;
    while (((e >> (i - 1)) & 1) == 0) i--;
    memcpy(acc, base, n * sizeof(*acc));
    for (i--; i-- > 0;) {
        montmul(acc, acc, acc, N, n, mm, T);
        if ((e >> i) & 1) montmul(acc, acc, base, N, n, mm, T);
    }
}

int il_mpi_exp_mod_public(mbedtls_mpi *X, const mbedtls_mpi *A, const mbedtls_mpi *E, const mbedtls_mpi *N,
                          mbedtls_mpi *prec_RR)
{
    if (!takes(A, E, N)) return mbedtls_mpi_exp_mod_unsafe(X, A, E, N, prec_RR);
    size_t bits = mbedtls_mpi_bitlen(N), n = (bits + LIMB_BITS - 1) / LIMB_BITS;
    int ret = mbedtls_mpi_grow(X, n);                          /* (X may be A: read A after this) */
    mbedtls_mpi_uint *rr = ret == 0 ? mbedtls_calloc(6 * n + 1, sizeof(*rr)) : NULL;
    if (rr == NULL) return ret != 0 ? ret : MBEDTLS_ERR_MPI_ALLOC_FAILED;
    mbedtls_mpi_uint *base = rr + n, *acc = rr + 2 * n, *one = rr + 3 * n, *T = rr + 4 * n;
    mbedtls_mpi_uint mm = mbedtls_mpi_core_montmul_init(N->p);
    memcpy(base, A->p, (A->n < n ? A->n : n) * sizeof(*base));   /* (A is below N: no more limbs hold bits) */
    r2_mod(rr, N->p, n, bits, mm, T);
    montmul(base, base, rr, N->p, n, mm, T);                  /* A R mod N */
    square_and_multiply(acc, base, E->p[0], N->p, n, mm, T);
    one[0] = 1;
    montmul(acc, acc, one, N->p, n, mm, T);                   /* out of Montgomery form */
    memset(X->p, 0, X->n * sizeof(*X->p));
    memcpy(X->p, acc, n * sizeof(*acc));
    X->s = 1;
    mbedtls_free(rr);
    return 0;
}

/* SPDX-License-Identifier: Apache-2.0 */
/* p256_driver.c - a PSA Crypto transparent driver for P-256 (secp256r1)
 * over p256.c, in the slot mbedTLS 3.6 reserves for its p256-m driver
 * (MBEDTLS_PSA_P256M_DRIVER_ENABLED, set by il_mbedtls_config.h with
 * IL_TLS_P256_FIAT and IL_TLS_1_3): PSA's dispatch calls the
 * p256_transparent_* entry points declared in mbedTLS's
 * 3rdparty/p256-m/p256-m_driver_entrypoints.h, and this file defines them,
 * so p256-m itself is never compiled (port/mbedtls/lib.mk).
 *
 * TLS 1.3 makes its key share through PSA: psa_generate_key, then
 * psa_export_public_key (k * G), then psa_raw_key_agreement (k * peer).
 * All three land here; without this file they would take ecp.c's generic
 * arithmetic. TLS 1.2's ECDHE and every ECDSA verification go through
 * mbedTLS's legacy API, whose ALT hooks (ecdh_p256.c, ecdsa_p256.c) reach
 * the same p256.c. Written against the PSA driver interface only, so that
 * mbedTLS 4.x, which keeps this slot but drops the ALT hooks, can take it
 * as it is.
 *
 * Entry points this driver leaves to PSA's built-in code, by answering
 * PSA_ERROR_NOT_SUPPORTED: importing a key (the built-in validates it; TLS
 * never imports an ECC key), signing (a client has no key to sign with) and
 * verifying (the built-in calls mbedtls_ecdsa_verify, i.e. ecdsa_p256.c).
 *
 * Private keys are 32-byte big-endian scalars in [1, n-1], public keys
 * 0x04 || x || y: PSA's export formats, which a transparent driver's key
 * buffers hold. Nothing here branches on, or indexes memory by, a private
 * key (tests/tls/ct_check.c p256-driver). */
#include <string.h>
#include "il_wipe.h"
#include "p256.h"
#include "psa/crypto.h"
#include "p256-m_driver_entrypoints.h"

#if defined(MBEDTLS_PSA_P256M_DRIVER_ENABLED)

#define PRIV_LEN 32u
#define PUB_LEN 65u                 /* 0x04 || x || y */

/* The group order n, big-endian (SEC 2 2.4.2). */
static const uint8_t order_n[32] = {
    0xff, 0xff, 0xff, 0xff, 0x00, 0x00, 0x00, 0x00, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
    0xbc, 0xe6, 0xfa, 0xad, 0xa7, 0x17, 0x9e, 0x84, 0xf3, 0xb9, 0xca, 0xc2, 0xfc, 0x63, 0x25, 0x51,
};

/* 1 when the scalar k is in [1, n-1], else 0, in time independent of k:
 * the borrow of k - n (k < n), and whether any byte is set. */
static unsigned scalar_valid(const uint8_t k[32])
{
    unsigned borrow = 0, any = 0;
    int i;
    for (i = 31; i >= 0; i--) {
        unsigned d = (unsigned)k[i] - (unsigned)order_n[i] - borrow;
        borrow = (d >> 8) & 1u;
        any |= k[i];
    }
    return borrow & ((any + 0xffu) >> 8);
}

/* PSA_SUCCESS when good is 1, err when it is 0, and out[0..n) zeroed then;
 * without a branch on good, which derives from a private key (whether a key
 * is valid is no secret, but a checker cannot tell, and a branch on it
 * would hide a real leak from tests/tls/ct_check.c). */
static psa_status_t result_of(unsigned good, psa_status_t err, uint8_t *out, size_t n)
{
    uint32_t keep = 0u - (uint32_t)good;        /* all ones when good */
    size_t i;
    for (i = 0; i < n; i++) out[i] = (uint8_t)(out[i] & keep);
    return (psa_status_t)(int32_t)((uint32_t)err & ~keep);
}

static int is_p256_pair(const psa_key_attributes_t *attributes)
{
    return psa_get_key_type(attributes) == PSA_KEY_TYPE_ECC_KEY_PAIR(PSA_ECC_FAMILY_SECP_R1) &&
           psa_get_key_bits(attributes) == 256;
}

psa_status_t p256_transparent_import_key(const psa_key_attributes_t *attributes, const uint8_t *data,
                                         size_t data_length, uint8_t *key_buffer, size_t key_buffer_size,
                                         size_t *key_buffer_length, size_t *bits)
{
    (void)attributes;
    (void)data;
    (void)data_length;
    (void)key_buffer;
    (void)key_buffer_size;
    (void)key_buffer_length;
    (void)bits;
    return PSA_ERROR_NOT_SUPPORTED;
}

/* A private key: random scalars until one is in [1, n-1] (a rejection
 * about once in 2^32 draws). */
psa_status_t p256_transparent_generate_key(const psa_key_attributes_t *attributes, uint8_t *key_buffer,
                                           size_t key_buffer_size, size_t *key_buffer_length)
{
    psa_status_t st;
    if (!is_p256_pair(attributes)) return PSA_ERROR_NOT_SUPPORTED;
    if (key_buffer_size < PRIV_LEN) return PSA_ERROR_BUFFER_TOO_SMALL;
    do {
        st = psa_generate_random(key_buffer, PRIV_LEN);
        if (st != PSA_SUCCESS) {
            il_wipe(key_buffer, PRIV_LEN);
            return st;
        }
    } while (!scalar_valid(key_buffer));
    *key_buffer_length = PRIV_LEN;
    return PSA_SUCCESS;
}

/* k * G, for a key pair (a public key's export is PSA's own copy). */
psa_status_t p256_transparent_export_public_key(const psa_key_attributes_t *attributes, const uint8_t *key_buffer,
                                                size_t key_buffer_size, uint8_t *data, size_t data_size,
                                                size_t *data_length)
{
    unsigned good;
    if (!is_p256_pair(attributes)) return PSA_ERROR_NOT_SUPPORTED;
    if (key_buffer_size != PRIV_LEN) return PSA_ERROR_INVALID_ARGUMENT;
    if (data_size < PUB_LEN) return PSA_ERROR_BUFFER_TOO_SMALL;
    data[0] = 0x04;
    good = scalar_valid(key_buffer);
    good &= (unsigned)il_p256_mul(data + 1, data + 33, key_buffer, NULL, NULL);
    *data_length = PUB_LEN;
    return result_of(good, PSA_ERROR_INVALID_ARGUMENT, data, PUB_LEN);
}

/* ECDH: the x coordinate of k * peer, after the checks SEC 1 3.2.2 asks of
 * the peer's point (uncompressed, coordinates below p, on the curve). */
psa_status_t p256_transparent_key_agreement(const psa_key_attributes_t *attributes, const uint8_t *key_buffer,
                                            size_t key_buffer_size, psa_algorithm_t alg, const uint8_t *peer_key,
                                            size_t peer_key_length, uint8_t *shared_secret,
                                            size_t shared_secret_size, size_t *shared_secret_length)
{
    uint8_t y[32];
    unsigned good;
    if (!is_p256_pair(attributes) || alg != PSA_ALG_ECDH) return PSA_ERROR_NOT_SUPPORTED;
    if (key_buffer_size != PRIV_LEN) return PSA_ERROR_INVALID_ARGUMENT;
    if (peer_key_length != PUB_LEN || peer_key[0] != 0x04 || !il_p256_point_valid(peer_key + 1, peer_key + 33))
        return PSA_ERROR_INVALID_ARGUMENT;
    if (shared_secret_size < 32) return PSA_ERROR_BUFFER_TOO_SMALL;
    good = scalar_valid(key_buffer);
    /* (the point at infinity only for a scalar that is 0 mod n: the point is of prime order) */
    good &= (unsigned)il_p256_mul(shared_secret, y, key_buffer, peer_key + 1, peer_key + 33);
    il_wipe(y, sizeof(y));
    *shared_secret_length = 32;
    return result_of(good, PSA_ERROR_INVALID_ARGUMENT, shared_secret, 32);
}

psa_status_t p256_transparent_sign_hash(const psa_key_attributes_t *attributes, const uint8_t *key_buffer,
                                        size_t key_buffer_size, psa_algorithm_t alg, const uint8_t *hash,
                                        size_t hash_length, uint8_t *signature, size_t signature_size,
                                        size_t *signature_length)
{
    (void)attributes;
    (void)key_buffer;
    (void)key_buffer_size;
    (void)alg;
    (void)hash;
    (void)hash_length;
    (void)signature;
    (void)signature_size;
    (void)signature_length;
    return PSA_ERROR_NOT_SUPPORTED;
}

psa_status_t p256_transparent_verify_hash(const psa_key_attributes_t *attributes, const uint8_t *key_buffer,
                                          size_t key_buffer_size, psa_algorithm_t alg, const uint8_t *hash,
                                          size_t hash_length, const uint8_t *signature, size_t signature_length)
{
    (void)attributes;
    (void)key_buffer;
    (void)key_buffer_size;
    (void)alg;
    (void)hash;
    (void)hash_length;
    (void)signature;
    (void)signature_length;
    return PSA_ERROR_NOT_SUPPORTED;
}

#else
typedef int il_p256_driver_unused;   /* TLS 1.2 only, or no fiat P-256: PSA's built-in code, if any */
#endif

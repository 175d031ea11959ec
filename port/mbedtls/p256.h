/* SPDX-License-Identifier: Apache-2.0 */
/* p256.h - NIST P-256 scalar multiplication over fiat-crypto's verified
 * field arithmetic (p256_64.h, from Debian's BoringSSL source package),
 * for the Linux builds' ECDH, key generation and ECDSA verification
 * (ecdh_p256.c, ecdsa_p256.c, p256_driver.c; IL_TLS_P256_FIAT).
 *
 * mbedTLS's generic ecp.c makes a P-256 scalar multiplication several
 * times dearer, and 3.6's p256-m, written for small 32-bit parts, dearer
 * still on 64-bit ones; InfluxDB's own TLS offers only NIST curves, so every
 * handshake with influxd pays two of them. This file's are constant
 * time in the scalar (valgrind-checked, tests/tls/ct_check.c) and checked
 * against mbedTLS's own arithmetic (tests/tls/test_p256.c).
 *
 * Coordinates and scalars are 32-byte big-endian strings, as in SEC 1. */
#ifndef IL_P256_H
#define IL_P256_H

#include <stdint.h>

/* out = k * P, affine, where P = (px, py), or the base point G when px is
 * NULL. k must be in [1, n-1] and P a point of the curve (both checked by
 * the caller: mbedtls_ecp_check_privkey / _check_pubkey). Runs in time
 * independent of k. Returns 1, or 0 when the result is the point at
 * infinity (impossible for valid inputs; out is then zeros). Memory: the
 * caller's; nothing is kept, the stack is wiped of k's traces. */
int il_p256_mul(uint8_t out_x[32], uint8_t out_y[32], const uint8_t k[32],
                const uint8_t px[32], const uint8_t py[32]);

/* out_x = the x coordinate of u1 * G + u2 * Q (ECDSA verification, SEC 1
 * 4.1.4 step 5), u1 and u2 in [0, n-1], Q = (qx, qy) a point of the curve
 * (checked by the caller). Returns 1, or 0 when the sum is the point at
 * infinity (out_x is then zeros). */
int il_p256_mul_add(uint8_t out_x[32], const uint8_t u1[32], const uint8_t u2[32],
                    const uint8_t qx[32], const uint8_t qy[32]);

/* Whether (x, y) is a point of the curve: both coordinates below p and
 * y^2 = x^3 - 3x + b (what il_p256_mul asks of a peer's point; the point at
 * infinity has no affine form). Public data: not constant time. */
int il_p256_point_valid(const uint8_t x[32], const uint8_t y[32]);

#endif

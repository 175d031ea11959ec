/* SPDX-License-Identifier: Apache-2.0 */
/* il_tls_pool.h - the static pool every mbedTLS allocation comes from
 * (pool.c; IL_TLS_POOL_SIZE bytes, il_tls_config.h). il_mbedtls_config.h points
 * MBEDTLS_PLATFORM_STD_CALLOC/FREE at the first two functions, so nothing
 * can reach libc's heap; the pool's peak, size and use are public
 * (il_tls_pool_peak, _size, _in_use in il_tls.h).
 *
 * One user at a time, no threads: the pool is shared by the one connection
 * and the trust-anchor lookups it makes. Only <stdbool.h> and <stddef.h>
 * here: mbedTLS's own sources include this header through il_mbedtls_config.h. */
#ifndef IL_TLS_POOL_H
#define IL_TLS_POOL_H

#include <stdbool.h>
#include <stddef.h>

/* calloc and free for mbedTLS: first fit, zeroed memory, NULL when the pool
 * cannot hold n * size bytes (or either is 0). Freeing NULL or a pointer
 * the pool did not hand out does nothing. */
void *il_tls_pool_calloc(size_t n, size_t size);
void il_tls_pool_free(void *ptr);

/* mbedtls_zeroize_and_free for ssl_tls.c (renamed at compile time,
 * port/mbedtls/lib.mk): erase len bytes at buf, then free it; in the pool,
 * on Linux, only on pages mapped in (a 16 KB record buffer of which a
 * connection wrote a few KB is not mapped in whole just to be zeroed). */
void il_tls_pool_zeroize_and_free(void *buf, size_t len);

/* How many allocations the pool has refused so far: a connection compares
 * the count before and after its handshake to tell "pool too small" from
 * what mbedTLS reports (it turns some refusals into "not trusted"). */
unsigned long il_tls_pool_failures(void);

/* Whether an mbedTLS error code (a high-level code plus a low-level one)
 * says an allocation failed. */
bool il_tls_pool_alloc_error(int mbedtls_ret);

/* Once no block is in use: erase every byte the pool ever handed out (keys
 * and records lived there) and start again from one free block. Does
 * nothing while a block is still in use. */
void il_tls_pool_wipe(void);

#endif

/* SPDX-License-Identifier: Apache-2.0 */
/* test_pool.c - port/mbedtls/pool.c, the static pool behind mbedTLS's
 * calloc and free: memory comes back zeroed also when it was used before,
 * without writing to what was never written (a 16 KB record buffer of which
 * a connection uses a few KB maps in only those pages: mincore says which);
 * il_tls_pool_zeroize_and_free (ssl_tls.c's mbedtls_zeroize_and_free, a
 * rename in port/mbedtls/lib.mk) erases what was written and maps nothing
 * in; il_tls_pool_wipe erases every byte handed out, and then the pool
 * hands out zeroed memory again; mbedTLS's ssl_tls.c calls the port's. */
#define _DEFAULT_SOURCE
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include "check.h"
#include "il_tls.h"
#include "il_tls_pool.h"

static bool all_zero(const unsigned char *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (p[i] != 0) return false;
    return true;
}

/* Whether the page holding p is mapped in. */
static bool mapped(const void *p)
{
    unsigned char v = 0;
    uintptr_t page = (uintptr_t)p & ~(uintptr_t)(sysconf(_SC_PAGESIZE) - 1);
    CHECK_EQ_INT(mincore((void *)page, 1, &v), 0);
    return (v & 1u) != 0;
}

static void pool_calloc_zeroes_reused_memory(void)
{
    unsigned char *a = il_tls_pool_calloc(1, 300), *b;
    CHECK(a != NULL && all_zero(a, 300));
    memset(a, 0xA5, 300);
    il_tls_pool_free(a);
    b = il_tls_pool_calloc(3, 100);
    CHECK(b == a);                       /* first fit: the same block */
    CHECK(all_zero(b, 300));
    il_tls_pool_free(b);
}

static void pool_big_block_maps_only_what_is_written(void)
{
    unsigned char *small = il_tls_pool_calloc(1, 64);
    unsigned char *big = il_tls_pool_calloc(1, 16 * 1024 + 45);
    CHECK(small != NULL && big != NULL);
    memset(big, 0x5A, 100);                                  /* the head, as a short record */
    CHECK(mapped(big));
    CHECK(!mapped(big + 8192));                               /* calloc zeroed nothing there */
    CHECK(all_zero(big + 100, 1000));
    il_tls_pool_zeroize_and_free(big, 16 * 1024 + 45);
    CHECK(!mapped(big + 8192));                               /* nor did the erasing */
    CHECK(all_zero(big, 200));
    CHECK(all_zero(big + 8192, 100));                         /* (reading maps the zero page in) */
    il_tls_pool_free(small);
}

static void pool_wipe_erases_and_zeroes_again(void)
{
    unsigned char *a = il_tls_pool_calloc(1, 5000), *b;
    CHECK(a != NULL);
    memset(a, 0x77, 5000);
    il_tls_pool_free(a);
    il_tls_pool_wipe();
    CHECK(all_zero(a, 5000));
    b = il_tls_pool_calloc(1, 5000);
    CHECK(b == a && all_zero(b, 5000));
    il_tls_pool_wipe();                                      /* in use: nothing happens */
    memset(b, 1, 10);
    il_tls_pool_free(b);
    il_tls_pool_wipe();
    CHECK(all_zero(b, 10));
    CHECK_EQ_INT((int)il_tls_pool_in_use(), 0);
}

/* Outside the pool, il_tls_pool_zeroize_and_free erases what it is given. */
static void pool_zeroize_outside_the_pool(void)
{
    unsigned char buf[32];
    memset(buf, 0xEE, sizeof buf);
    il_tls_pool_zeroize_and_free(buf, sizeof buf);
    CHECK(all_zero(buf, sizeof buf));
    il_tls_pool_zeroize_and_free(NULL, 10);
}

int main(void)
{
    RUN(pool_calloc_zeroes_reused_memory);
    RUN(pool_big_block_maps_only_what_is_written);
    RUN(pool_wipe_erases_and_zeroes_again);
    RUN(pool_zeroize_outside_the_pool);
    return check_summary();
}

/* SPDX-License-Identifier: Apache-2.0 */
/* pool.c - the static pool mbedTLS allocates from (il_tls_pool.h).
 *
 * A plain first-fit allocator over contiguous blocks, each with a small
 * header, coalescing free neighbours as it walks. Unlike mbedTLS's
 * MEMORY_BUFFER_ALLOC_C it counts the allocations it refuses (mbedTLS turns
 * some of those into "certificate not trusted" or a failed handshake, and
 * the connection must say "pool too small" instead) and keeps an exact
 * high-water mark, so a build can size IL_TLS_POOL_SIZE from
 * il_tls_pool_peak(). PSA Crypto's key store allocates here too. */
#if defined(__linux__) && !defined(_DEFAULT_SOURCE)
#define _DEFAULT_SOURCE             /* madvise */
#endif
#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include "il_tls.h"
#include "il_tls_config.h"
#include "il_tls_pool.h"
#include "il_wipe.h"
#include "mbedtls/asn1.h"
#include "mbedtls/bignum.h"
#include "mbedtls/cipher.h"
#include "mbedtls/ecp.h"
#include "mbedtls/md.h"
#include "mbedtls/pk.h"
#include "mbedtls/ssl.h"
#include "mbedtls/x509.h"

#if defined(__linux__)
#include <sys/mman.h>
#endif

/* On Linux the pool starts on a page, so that a run touches as few pages of
 * it as it writes, and mincore can tell which those are. */
#define POOL_PAGE 4096u
#if defined(__linux__) && defined(__GNUC__)
#define POOL_ATTR __attribute__((aligned(POOL_PAGE)))
#else
#define POOL_ATTR
#endif

typedef struct pool_blk {
    size_t size;                 /* bytes including this header */
    size_t used;
} pool_blk_t;

#define POOL_ALIGN 16u
#define POOL_HDR ((sizeof(pool_blk_t) + POOL_ALIGN - 1) & ~(size_t)(POOL_ALIGN - 1))

static union {
    unsigned char b[IL_TLS_POOL_SIZE];
    long double align;
} il_tls_pool POOL_ATTR;
static bool pool_ready;
static size_t pool_hwm;          /* highest offset ever allocated */
static size_t pool_dirty;        /* every byte from this offset on is zero (never written since the last wipe) */
static size_t pool_in_use;
static size_t pool_first_free;   /* every block below this offset is in use */
static unsigned long pool_failures;

static size_t pool_len(void)
{
    return sizeof(il_tls_pool.b) & ~(size_t)(POOL_ALIGN - 1);
}

static void pool_init(void)
{
    pool_blk_t *b = (pool_blk_t *)(void *)il_tls_pool.b;
    if (pool_ready) return;
    b->size = pool_len();
    b->used = 0;
    if (pool_dirty < POOL_HDR) pool_dirty = POOL_HDR;
    pool_ready = true;
}

/* Grow the free block b over the free blocks that follow it. */
static void pool_merge_next(pool_blk_t *b, const unsigned char *end)
{
    unsigned char *p = (unsigned char *)b, *q = p + b->size;
    while (q < end && !((pool_blk_t *)(void *)q)->used) {
        b->size += ((pool_blk_t *)(void *)q)->size;
        q = p + b->size;
    }
}

/* Zero the want bytes at offset off for calloc: only what lies below
 * pool_dirty, the rest is still as the program started or the last wipe
 * left it (a page never written is never touched: mbedTLS asks for 16 KB
 * record buffers and fills a few), and mark them written. */
static void pool_zero(size_t off, size_t want)
{
    if (off < pool_dirty) memset(il_tls_pool.b + off, 0, (off + want < pool_dirty ? off + want : pool_dirty) - off);
    if (off + want > pool_dirty) pool_dirty = off + want;
}

/* Hand out the free block b (at least need bytes) for want bytes, splitting
 * off its tail when that can hold a block; first_free is the first free
 * block the walk saw. */
static void *pool_take(pool_blk_t *b, size_t need, size_t want, unsigned char *first_free)
{
    unsigned char *p = (unsigned char *)b;
    size_t off = (size_t)(p - il_tls_pool.b), end_off;
    pool_zero(off + POOL_HDR, want);          /* before the next block's header raises pool_dirty */
    if (b->size - need >= POOL_HDR + POOL_ALIGN) {
        pool_blk_t *rest = (pool_blk_t *)(void *)(p + need);
        rest->size = b->size - need;
        rest->used = 0;
        b->size = need;
        if (off + need + POOL_HDR > pool_dirty) pool_dirty = off + need + POOL_HDR;
    }
    b->used = 1;
    pool_in_use += b->size;
    end_off = off + b->size;
    if (end_off > pool_hwm) pool_hwm = end_off;
    pool_first_free = (size_t)((first_free == p ? p + b->size : first_free) - il_tls_pool.b);
    return p + POOL_HDR;
}

void *il_tls_pool_calloc(size_t n, size_t m)
{
    unsigned char *p, *end, *first_free = NULL;
    size_t want, need;
    pool_init();
    p = il_tls_pool.b + pool_first_free;   /* first fit, minus the walk over used blocks */
    end = il_tls_pool.b + pool_len();
    if (n == 0 || m == 0) return NULL;
    if (n > (size_t)-1 / m || n * m > pool_len()) {
        pool_failures++;
        return NULL;
    }
    want = n * m;
    need = POOL_HDR + ((want + POOL_ALIGN - 1) & ~(size_t)(POOL_ALIGN - 1));
    for (; p < end; p += ((pool_blk_t *)(void *)p)->size) {
        pool_blk_t *b = (pool_blk_t *)(void *)p;
        if (b->used) continue;
        if (first_free == NULL) first_free = p;
        pool_merge_next(b, end);
        if (b->size >= need) return pool_take(b, need, want, first_free);
    }
    if (first_free != NULL) pool_first_free = (size_t)(first_free - il_tls_pool.b);
    pool_failures++;
    return NULL;
}

void il_tls_pool_free(void *ptr)
{
    unsigned char *p = ptr;
    pool_blk_t *b;
    if (p == NULL || p < il_tls_pool.b + POOL_HDR || p >= il_tls_pool.b + pool_len()) return;
    b = (pool_blk_t *)(void *)(p - POOL_HDR);
    if (!b->used) return;
    b->used = 0;
    pool_in_use -= b->size;
    if ((size_t)((unsigned char *)b - il_tls_pool.b) < pool_first_free)
        pool_first_free = (size_t)((unsigned char *)b - il_tls_pool.b);
}

unsigned long il_tls_pool_failures(void)
{
    return pool_failures;
}

bool il_tls_pool_alloc_error(int mbedtls_ret)
{
    int e = -mbedtls_ret, hi = e & 0xFF80, lo = e & 0x7F;
    return lo == -MBEDTLS_ERR_MPI_ALLOC_FAILED || lo == -MBEDTLS_ERR_ASN1_ALLOC_FAILED ||
           hi == -MBEDTLS_ERR_X509_ALLOC_FAILED || hi == -MBEDTLS_ERR_PK_ALLOC_FAILED ||
           hi == -MBEDTLS_ERR_ECP_ALLOC_FAILED || hi == -MBEDTLS_ERR_SSL_ALLOC_FAILED ||
           hi == -MBEDTLS_ERR_CIPHER_ALLOC_FAILED || hi == -MBEDTLS_ERR_MD_ALLOC_FAILED;
}

/* Wipe n bytes of the pool from p, on Linux only on the pages mapped in: a
 * page of the pool that was never written was never mapped (mincore says
 * so; pool_zero does not touch what is still zero), holds nothing to wipe,
 * and writing zeros into it would only map it. A page swapped out reads as
 * not mapped; its copy in swap would survive a wipe of the page anyway. Two
 * pages or fewer are wiped without asking (a system call costs more).  */
static void pool_wipe_mapped(unsigned char *p, size_t n)
{
#if defined(__linux__) && defined(__GNUC__)
    unsigned char mapped[IL_TLS_POOL_SIZE / POOL_PAGE + 2];
    uintptr_t first = (uintptr_t)p & ~(uintptr_t)(POOL_PAGE - 1), end = (uintptr_t)p + n;
    size_t pages = (size_t)((end - first + POOL_PAGE - 1) / POOL_PAGE), i;
    if (pages > 2 && pages <= sizeof mapped && mincore((void *)first, pages * POOL_PAGE, mapped) == 0) {
        for (i = 0; i < pages; i++) {
            uintptr_t a = first + i * POOL_PAGE, b = a + POOL_PAGE;
            if (a < (uintptr_t)p) a = (uintptr_t)p;
            if (b > end) b = end;
            if (mapped[i] & 1u) il_wipe((void *)a, (size_t)(b - a));
        }
        return;
    }
#endif
    il_wipe(p, n);
}

void il_tls_pool_zeroize_and_free(void *buf, size_t len)
{
    unsigned char *p = buf;
    if (p == NULL) return;
    if (p >= il_tls_pool.b && p < il_tls_pool.b + pool_len() && len <= (size_t)(il_tls_pool.b + pool_len() - p))
        pool_wipe_mapped(p, len);
    else
        il_wipe(buf, len);
    il_tls_pool_free(buf);
}

void il_tls_pool_wipe(void)
{
    if (pool_in_use != 0) return;
    pool_wipe_mapped(il_tls_pool.b, pool_dirty > pool_hwm ? pool_dirty : pool_hwm);
    pool_dirty = 0;
    pool_ready = false;          /* the block headers went too: one free block again */
    pool_first_free = 0;
}

size_t il_tls_pool_peak(void)
{
    return pool_hwm;
}

size_t il_tls_pool_size(void)
{
    return pool_len();
}

size_t il_tls_pool_in_use(void)
{
    return pool_in_use;
}

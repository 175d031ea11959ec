/* SPDX-License-Identifier: Apache-2.0 */
/* fuzz_common.h - helpers shared by the libFuzzer targets (tests only:
 * these may use the heap, so that ASan sees every buffer at its exact size). */
#ifndef FUZZ_COMMON_H
#define FUZZ_COMMON_H

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* A finding: crash at once so libFuzzer keeps the input. */
#define FUZZ_CHECK(cond) do { if (!(cond)) __builtin_trap(); } while (0)

/* xorshift32: split sizes and transport behaviour derived from input bytes. */
typedef struct { uint32_t s; } fuzz_rng_t;

static inline void fuzz_rng_seed(fuzz_rng_t *r, uint32_t seed)
{
    r->s = seed ? seed : 0x9e3779b9u;
}

static inline uint32_t fuzz_rng_next(fuzz_rng_t *r)
{
    uint32_t x = r->s;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    r->s = x;
    return x;
}

/* A heap copy of exactly n bytes (at least 1 allocated), so that any read or
 * write past data[n) is an ASan report. */
static inline uint8_t *fuzz_dup(const uint8_t *data, size_t n)
{
    uint8_t *p = malloc(n ? n : 1);
    if (p == NULL)
        abort();
    if (n)
        memcpy(p, data, n);
    return p;
}

/* A NUL-terminated heap copy of data[0..n) (which must hold no NUL). */
static inline char *fuzz_strndup(const uint8_t *data, size_t n)
{
    char *p = malloc(n + 1);
    if (p == NULL)
        abort();
    if (n)
        memcpy(p, data, n);
    p[n] = '\0';
    return p;
}

/* True if view [p, p+n) lies inside [base, base+len). */
static inline int fuzz_inside(const void *p, size_t n, const void *base, size_t len)
{
    uintptr_t a = (uintptr_t)p, b = (uintptr_t)base;
    if (p == NULL)
        return n == 0;
    return a >= b && a - b <= len && n <= len - (size_t)(a - b);
}

#endif

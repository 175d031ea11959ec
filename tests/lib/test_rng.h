/* SPDX-License-Identifier: Apache-2.0 */
/* test_rng.h - a deterministic generator for the C tests (xorshift64*), in
 * mbedTLS's f_rng shape: the same bytes on every run. */
#ifndef TEST_RNG_H
#define TEST_RNG_H

#include <stddef.h>
#include <stdint.h>

static uint64_t test_rng_state = 0x9e3779b97f4a7c15u;

/* len bytes into out; ctx unused; always 0. */
static int test_rng(void *ctx, unsigned char *out, size_t len)
{
    (void)ctx;
    while (len--) {
        test_rng_state ^= test_rng_state >> 12;
        test_rng_state ^= test_rng_state << 25;
        test_rng_state ^= test_rng_state >> 27;
        *out++ = (unsigned char)((test_rng_state * 0x2545f4914f6cdd1du) >> 56);
    }
    return 0;
}

#endif

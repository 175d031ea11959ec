/* SPDX-License-Identifier: Apache-2.0 */
/* board_entropy_seed.c - mbedtls_hardware_poll() for a part without a
 * hardware RNG (QEMU's MPS2 and RISC-V virt have none).
 *
 * The generator's state starts as the 32-byte seed provision.py wrote into
 * the credential page (a value the part could never measure by itself);
 * every block of output is SHA-256 of the state and what the part
 * measures (the cycle counter, the millisecond clock, board_jitter()), and
 * the state moves on through SHA-256 as well, so an output never reveals
 * the state. board_entropy_refresh() writes a block of output back as the
 * page's next seed before the first handshake: the next boot starts from a
 * state this one never handed to mbedTLS. A page without a seed is refused
 * before this runs (board_cred_read); a part with a TRNG reads it here
 * instead (README: Entropy). */
#include <stdint.h>
#include <string.h>
#include "board.h"
#include "board_entropy.h"
#include "il_tls.h"
#include "il_wipe.h"
#include "mbedtls/entropy.h"
#include "mbedtls/sha256.h"

static unsigned char state[BOARD_CRED_SEED_LEN];
static int state_loaded;

/* out = SHA-256(state, what the part measures now, tag) */
static int mix(unsigned char *out, unsigned char tag)
{
    static uint32_t counter;
    mbedtls_sha256_context ctx;
    uint32_t m[8];
    int ret;
    for (int i = 0; i < 8; i++) {
        m[i] = board_cycles() ^ (board_ms() << 7) ^ board_jitter() ^ (counter++ << 16);
        for (volatile int spin = 0; spin < (int)(m[i] & 63u); spin++) { }
    }
    mbedtls_sha256_init(&ctx);
    ret = mbedtls_sha256_starts(&ctx, 0);
    if (ret == 0) ret = mbedtls_sha256_update(&ctx, state, sizeof state);
    if (ret == 0) ret = mbedtls_sha256_update(&ctx, (const unsigned char *)m, sizeof m);
    if (ret == 0) ret = mbedtls_sha256_update(&ctx, &tag, 1);
    if (ret == 0) ret = mbedtls_sha256_finish(&ctx, out);
    mbedtls_sha256_free(&ctx);
    return ret;
}

int mbedtls_hardware_poll(void *data, unsigned char *output, size_t len, size_t *olen)
{
    size_t done = 0;
    (void)data;
    if (!state_loaded) {
        const uint8_t *seed = board_cred_seed(il_cred_page);
        if (seed == NULL) return MBEDTLS_ERR_ENTROPY_SOURCE_FAILED;
        memcpy(state, seed, sizeof state);
        state_loaded = 1;
    }
    while (done < len) {
        unsigned char h[32];
        size_t n = len - done < sizeof h ? len - done : sizeof h;
        if (mix(h, 'o') != 0 || mix(state, 's') != 0) return MBEDTLS_ERR_ENTROPY_SOURCE_FAILED;
        memcpy(output + done, h, n);
        il_wipe(h, sizeof h);
        done += n;
    }
    *olen = len;
    return 0;
}

board_cred_status_t board_entropy_refresh(void)
{
    unsigned char fresh[BOARD_CRED_SEED_LEN];
    size_t n;
    board_cred_status_t st = BOARD_CRED_NOSEED;
    if (mbedtls_hardware_poll(NULL, fresh, sizeof fresh, &n) == 0)
        st = board_cred_put_seed(il_cred_page, board_cred_program, fresh);
    il_wipe(fresh, sizeof fresh);
    return st;
}

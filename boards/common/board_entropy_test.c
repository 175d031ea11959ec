/* SPDX-License-Identifier: Apache-2.0 */
/* board_entropy_test.c - mbedtls_hardware_poll() for the QEMU firmware.
 *
 * TEST ONLY, NOT SECURE: QEMU's MPS2 and RISC-V virt boards have no TRNG,
 * so this mixes the board's cycle counter, the millisecond clock and
 * board_jitter() (a free-running counter of the board's) through SHA-256.
 * Under QEMU these vary from run to run, which is enough to exercise the
 * TLS path; a product must feed its MCU's TRNG here (README: Entropy). */
#include <stdint.h>
#include <string.h>
#include "board.h"
#include "il_tls.h"
#include "mbedtls/entropy.h"
#include "mbedtls/sha256.h"

int mbedtls_hardware_poll(void *data, unsigned char *output, size_t len, size_t *olen)
{
    static uint32_t counter;
    size_t done = 0;
    (void)data;
    while (done < len) {
        uint32_t mix[8];
        unsigned char h[32];
        size_t n;
        for (int i = 0; i < 8; i++) {
            mix[i] = board_cycles() ^ (board_ms() << 7) ^ board_jitter() ^ (counter++ << 16);
            for (volatile int spin = 0; spin < (int)(mix[i] & 63u); spin++) { }
        }
        if (mbedtls_sha256((const unsigned char *)mix, sizeof mix, h, 0) != 0)
            return MBEDTLS_ERR_ENTROPY_SOURCE_FAILED;
        n = len - done < sizeof h ? len - done : sizeof h;
        memcpy(output + done, h, n);
        done += n;
    }
    *olen = len;
    return 0;
}

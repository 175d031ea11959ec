/* SPDX-License-Identifier: Apache-2.0 */
/* entropy.c - mbedtls_hardware_poll() for the QEMU MPS2 firmware.
 *
 * TEST ONLY, NOT SECURE: MPS2 AN386 has no TRNG, so this mixes the SysTick
 * down-counter, the millisecond clock and the LAN9118 free-running counter
 * through SHA-256. Under QEMU these vary from run to run, which is enough to
 * exercise the TLS path; a product must feed its MCU's TRNG here. */
#include <stdint.h>
#include <string.h>
#include "board.h"
#include "il_tls.h"
#include "mbedtls/entropy.h"
#include "mbedtls/sha256.h"

#define LAN9118_FREE_RUN (*(volatile uint32_t *)0x4020009cu)

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
            mix[i] = board_cycles() ^ (board_ms() << 7) ^ LAN9118_FREE_RUN ^ (counter++ << 16);
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

/* SPDX-License-Identifier: Apache-2.0 */
/* entropy_getrandom.c - mbedTLS's MBEDTLS_ENTROPY_HARDWARE_ALT hook on Linux
 * (glibc >= 2.25, musl >= 1.1.20): the kernel CSPRNG through getrandom(2),
 * so no /dev is needed (empty chroots, scratch containers). A board provides
 * its own mbedtls_hardware_poll() from its TRNG instead of this file. */
#include <errno.h>
#include <stddef.h>
#include <sys/random.h>
#include <sys/types.h>
#include "il_tls.h"
#include "mbedtls/entropy.h"

int mbedtls_hardware_poll(void *data, unsigned char *output, size_t len, size_t *olen)
{
    size_t got = 0;
    (void)data;
    while (got < len) {
        ssize_t n = getrandom(output + got, len - got, 0);
        if (n < 0) {
            if (errno == EINTR) continue;
            *olen = got;
            return MBEDTLS_ERR_ENTROPY_SOURCE_FAILED;
        }
        got += (size_t)n;
    }
    *olen = got;
    return 0;
}

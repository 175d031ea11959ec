/* SPDX-License-Identifier: Apache-2.0 */
/* wipe.c - il_wipe: zero memory through a volatile pointer to memset, so
 * the call survives optimisation even when the memory is never read again
 * (the way mbedTLS's mbedtls_platform_zeroize does it, without a global). */
#include <string.h>
#include "il_wipe.h"

void il_wipe(void *p, size_t n)
{
    void *(*volatile set)(void *, int, size_t) = memset;
    if (p != NULL && n > 0) (void)set(p, 0, n);
}

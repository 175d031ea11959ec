/* wipe.c - il_wipe: zero memory through a volatile pointer, so the stores
 * survive optimisation even when the memory is never read again. */
#include "il_client.h"

void il_wipe(void *p, size_t n)
{
    volatile unsigned char *v = p;
    if (p == NULL) return;
    while (n-- > 0) *v++ = 0;
}

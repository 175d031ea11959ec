/* SPDX-License-Identifier: Apache-2.0 */
/* il_wipe.h - erase memory that held a secret. */
#ifndef IL_WIPE_H
#define IL_WIPE_H

#include <stddef.h>

/* Zero n bytes at p in a way the compiler may not drop: for tokens and
 * buffers that held them (the client wipes its request buffer itself).
 * p may be NULL when n is 0. */
void il_wipe(void *p, size_t n);

#endif

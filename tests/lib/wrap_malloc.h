/* SPDX-License-Identifier: Apache-2.0 */
/* wrap_malloc.h - the one heap-call counter of the zero-heap proofs
 * (tests/lib/wrap_malloc.c). A program linked with
 * -Wl,--wrap=malloc,--wrap=calloc,--wrap=realloc,--wrap=free has every such
 * call made from the objects of its link counted (core, ports, boards,
 * mbedTLS); calls inside the shared libc (getaddrinfo, stdio) are not
 * redirected by --wrap and so not counted. */
#ifndef WRAP_MALLOC_H
#define WRAP_MALLOC_H

#include <stdbool.h>

/* Count from now on (true, the default from the start) or not. */
void wrap_malloc_counting(bool on);

/* Heap calls counted so far (free(NULL) is not one). */
unsigned long wrap_malloc_calls(void);

#endif

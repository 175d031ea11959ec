/* SPDX-License-Identifier: Apache-2.0 */
/* wrap_malloc.c - see wrap_malloc.h. At exit the count is also written, as
 * a decimal line, to the file named by $IL_MALLOC_COUNT_FILE when that is
 * set (the no-malloc CLI suite and the bench read it there). */
#include <fcntl.h>
#include <stddef.h>
#include <stdlib.h>
#include <unistd.h>
#include "il_text.h"
#include "wrap_malloc.h"

void *__real_malloc(size_t n);
void *__real_calloc(size_t n, size_t m);
void *__real_realloc(void *p, size_t n);
void __real_free(void *p);
void *__wrap_malloc(size_t n);
void *__wrap_calloc(size_t n, size_t m);
void *__wrap_realloc(void *p, size_t n);
void __wrap_free(void *p);

static bool counting = true;
static unsigned long calls;

void wrap_malloc_counting(bool on) { counting = on; }
unsigned long wrap_malloc_calls(void) { return calls; }

void *__wrap_malloc(size_t n) { if (counting) calls++; return __real_malloc(n); }
void *__wrap_calloc(size_t n, size_t m) { if (counting) calls++; return __real_calloc(n, m); }
void *__wrap_realloc(void *p, size_t n) { if (counting) calls++; return __real_realloc(p, n); }
void __wrap_free(void *p) { if (counting && p != NULL) calls++; __real_free(p); }

__attribute__((destructor)) static void wrap_malloc_report(void)
{
    const char *path = getenv("IL_MALLOC_COUNT_FILE");
    char line[IL_UDEC_MAX + 1];
    size_t n;
    int fd;
    if (path == NULL) return;
    n = il_udec(calls, line);
    line[n++] = '\n';
    fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (fd < 0) return;
    if (write(fd, line, n) < 0) { /* nothing to do */ }
    close(fd);
}

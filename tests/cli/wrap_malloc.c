/* SPDX-License-Identifier: Apache-2.0 */
/* wrap_malloc.c - the no-malloc proof's shim. Linked with
 * -Wl,--wrap=malloc,--wrap=calloc,--wrap=realloc,--wrap=free, every call
 * from the objects of the link (core, ports, boards/linux, mbedTLS) goes
 * through here; calls inside the shared libc (getaddrinfo, stdio) do not.
 * At exit the count is written to the file named by $IL_MALLOC_COUNT_FILE. */
#include <fcntl.h>
#include <stddef.h>
#include <stdlib.h>
#include <unistd.h>

void *__real_malloc(size_t n);
void *__real_calloc(size_t n, size_t m);
void *__real_realloc(void *p, size_t n);
void __real_free(void *p);
void *__wrap_malloc(size_t n);
void *__wrap_calloc(size_t n, size_t m);
void *__wrap_realloc(void *p, size_t n);
void __wrap_free(void *p);

static unsigned long calls;

void *__wrap_malloc(size_t n) { calls++; return __real_malloc(n); }
void *__wrap_calloc(size_t n, size_t m) { calls++; return __real_calloc(n, m); }
void *__wrap_realloc(void *p, size_t n) { calls++; return __real_realloc(p, n); }
void __wrap_free(void *p) { if (p != NULL) calls++; __real_free(p); }

__attribute__((destructor)) static void report(void)
{
    const char *path = getenv("IL_MALLOC_COUNT_FILE");
    char buf[24];
    size_t i = sizeof buf;
    unsigned long v = calls;
    if (path == NULL) return;
    buf[--i] = '\n';
    do {
        buf[--i] = (char)('0' + v % 10);
        v /= 10;
    } while (v != 0);
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (fd < 0) return;
    if (write(fd, buf + i, sizeof buf - i) < 0) { /* nothing to do */ }
    close(fd);
}

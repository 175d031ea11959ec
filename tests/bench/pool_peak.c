/* SPDX-License-Identifier: Apache-2.0 */
/* pool_peak.c - linked into build/bench/influx-lite-poolpeak (the CLI as it
 * is, plus this file): at exit, writes il_tls_pool_peak() and
 * il_tls_pool_size() ("PEAK SIZE\n") to the file named by
 * $IL_POOL_PEAK_FILE, so `make bench` reports the static mbedTLS pool's
 * high-water mark for one real HTTPS inactivation by the CLI. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include "il_tls.h"

__attribute__((destructor)) static void il_bench_pool_report(void)
{
    const char *path = getenv("IL_POOL_PEAK_FILE");
    char buf[64];
    int n, fd;
    if (path == NULL) return;
    n = snprintf(buf, sizeof buf, "%zu %zu\n", il_tls_pool_peak(), il_tls_pool_size());
    if (n <= 0) return;
    fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (fd < 0) return;
    if (write(fd, buf, (size_t)n) < 0) { /* nothing to do */ }
    close(fd);
}

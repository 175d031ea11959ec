/* SPDX-License-Identifier: Apache-2.0 */
/* cli_lines.c - a text file line by line (see cli_lines.h). */
#include "cli_lines.h"

#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <unistd.h>

typedef struct line_reader {
    char line[CLI_LINE_MAX];
    size_t len;
    bool skipping;
} line_reader_t;

/* Feed buf[0..n) (eof: the file ended after it): true once fn said so. */
static bool lines_feed(line_reader_t *r, const char *buf, size_t n, bool eof, bool (*fn)(char *, void *),
                       void *ctx)
{
    for (size_t i = 0; i <= n; i++) {
        if (i == n && (!eof || (r->len == 0 && !r->skipping))) break;
        if (i < n && buf[i] != '\n') {
            if (r->len + 1 < sizeof r->line) r->line[r->len++] = buf[i];
            else r->skipping = true;
            continue;
        }
        r->line[r->len] = '\0';
        if (!r->skipping && fn(r->line, ctx)) return true;
        r->len = 0;
        r->skipping = false;
    }
    return false;
}

bool cli_file_lines(const char *path, bool (*fn)(char *line, void *ctx), void *ctx)
{
    char buf[512];
    line_reader_t r;
    bool found = false;
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0) return false;
    r.len = 0;
    r.skipping = false;
    for (;;) {
        ssize_t n = read(fd, buf, sizeof buf);
        if (n < 0 && errno == EINTR) continue;
        found = lines_feed(&r, buf, n > 0 ? (size_t)n : 0, n <= 0, fn, ctx);
        if (n <= 0 || found) break;
    }
    close(fd);
    return found;
}

/* SPDX-License-Identifier: Apache-2.0 */
/* cli_ids.c - the --ids-from lines (see cli_ids.h). */
#include "cli_ids.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "cli_signal.h"

void cli_ids_init(cli_ids_t *s, char *buf, size_t cap)
{
    memset(s, 0, offsetof(cli_ids_t, lines));
    s->fd = -1;
    s->buf = buf;
    s->cap = cap;
}

int cli_ids_open(cli_ids_t *s, const char *path)
{
    s->path = path;
    if (strcmp(path, "-") == 0) {
        if (s->stdin_closed) return EBADF;    /* fd 0 only holds its place */
        s->fd = 0;
        s->path = "stdin";
        return 0;
    }
    s->fd = open(path, O_RDONLY | O_CLOEXEC);
    return s->fd < 0 ? errno : 0;
}

void cli_ids_close(cli_ids_t *s)
{
    if (s->fd > 0) close(s->fd);
    s->fd = -1;
}

/* The next byte of the file: false at its end or on a read error. */
static bool ids_byte(cli_ids_t *s, char *c)
{
    if (s->pos == s->len) {
        ssize_t n;
        if (s->fd < 0) return false;
        do {
            n = read(s->fd, s->buf, s->cap);
        } while (n < 0 && errno == EINTR && cli_signal_caught() == 0);
        if (n <= 0) {
            if (n < 0 && errno != EINTR) s->read_errno = errno;
            cli_ids_close(s);
            return false;
        }
        s->pos = 0;
        s->len = (size_t)n;
    }
    *c = s->buf[s->pos++];
    return true;
}

/* One raw line of the file into dst (comments dropped, cut at
 * CLI_ID_LINE_MAX): its length, or -1 at the end. */
static long ids_raw_line(cli_ids_t *s, char *dst)
{
    size_t n = 0;
    char c;
    bool any = false, comment = false;
    while (ids_byte(s, &c)) {
        any = true;
        if (c == '\n') break;
        if (c == '#') comment = true;
        if (!comment && n < CLI_ID_LINE_MAX) dst[n++] = c;
    }
    return any ? (long)n : -1;
}

/* The next ID line of the file into dst, its blanks trimmed; false at the end. */
static bool ids_line(cli_ids_t *s, char *dst)
{
    for (;;) {
        long got = ids_raw_line(s, dst);
        if (got < 0) return false;
        size_t n = (size_t)got, b = 0;
        while (n > 0 && (dst[n - 1] == ' ' || dst[n - 1] == '\t' || dst[n - 1] == '\r')) n--;
        while (b < n && (dst[b] == ' ' || dst[b] == '\t')) b++;
        if (b == n) continue;
        memmove(dst, dst + b, n - b);
        dst[n - b] = '\0';
        return true;
    }
}

const char *cli_ids_next(cli_ids_t *s)
{
    char *dst = s->lines[s->slot];
    if (!ids_line(s, dst)) return NULL;
    s->slot ^= 1;
    return dst;
}

/* SPDX-License-Identifier: Apache-2.0 */
/* cli_ids.c - the --ids-from lines (see cli_ids.h). */
#include "cli_ids.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <string.h>
#include <unistd.h>

#include "il_posix.h"
#include "cli_errors.h"
#include "cli_signal.h"

void cli_ids_init(cli_ids_t *s, char *buf, size_t cap, cli_id_line_t *lines)
{
    memset(s, 0, sizeof *s);
    s->fd = -1;
    s->buf = buf;
    s->cap = cap;
    s->lines = lines;
}

int cli_ids_open(cli_ids_t *s, const char *path, int64_t timeout_ms)
{
    s->path = path;
    s->timeout_ms = timeout_ms;
    if (strcmp(path, "-") == 0) {
        if (s->stdin_closed) return EBADF;    /* fd 0 only holds its place */
        s->fd = 0;                    /* left blocking: the descriptor is shared */
        s->path = "stdin";
        return 0;
    }
    /* a FIFO opens at once without a writer; each read then waits in poll */
    do {
        s->fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
    } while (s->fd < 0 && errno == EINTR);
    return s->fd < 0 ? errno : 0;
}

void cli_ids_close(cli_ids_t *s)
{
    if (s->fd > 0) close(s->fd);
    s->fd = -1;
}

/* The list ends here, for why (e: the errno). */
static bool ids_end(cli_ids_t *s, cli_ids_error_t why, int e)
{
    s->error = why;
    s->read_errno = e;
    cli_ids_close(s);
    return false;
}

/* Wait until fd can be read (data, or its end), the line's deadline, or a
 * SIGINT or SIGTERM that stopped the run. */
static bool ids_wait(cli_ids_t *s, int64_t deadline)
{
    for (;;) {
        struct pollfd p = {s->fd, POLLIN, 0};
        int64_t left = deadline - il_posix_now_ms();
        int r;
        if (cli_signal_caught() != 0) return ids_end(s, CLI_IDS_OK, 0);   /* the batch stops */
        if (left <= 0) return ids_end(s, CLI_IDS_TIMEOUT, 0);
        r = poll(&p, 1, left > 60000 ? 60000 : (int)left);
        if (r > 0) return true;
        if (r < 0 && errno != EINTR) return ids_end(s, CLI_IDS_ERRNO, errno);
    }
}

/* The next byte of the file: false at its end, on a read error or when
 * the line's deadline passed. */
static bool ids_byte(cli_ids_t *s, int64_t deadline, char *c)
{
    while (s->pos == s->len) {
        ssize_t n;
        if (s->fd < 0 || !ids_wait(s, deadline)) return false;
        n = read(s->fd, s->buf, s->cap);
        if (n < 0 && (errno == EINTR || errno == EAGAIN)) continue;
        if (n < 0) return ids_end(s, CLI_IDS_ERRNO, errno);
        if (n == 0) return ids_end(s, CLI_IDS_OK, 0);
        s->pos = 0;
        s->len = (size_t)n;
    }
    *c = s->buf[s->pos++];
    return true;
}

/* One raw line of the file into dst (comments dropped): its length, or -1
 * at the end (s->error set when it came early). */
static long ids_raw_line(cli_ids_t *s, char *dst)
{
    size_t n = 0, raw = 0;
    char c;
    bool any = false, comment = false;
    int64_t deadline = il_posix_now_ms() + s->timeout_ms;
    while (ids_byte(s, deadline, &c)) {
        any = true;
        if (c == '\n') break;
        if (++raw > CLI_ID_LINE_MAX) {
            ids_end(s, CLI_IDS_LONG_LINE, 0);
            return -1;
        }
        if (c == '#') comment = true;
        if (!comment) dst[n++] = c;
    }
    if (s->error != CLI_IDS_OK) return -1;
    if (any) s->lineno++;
    return any ? (long)n : -1;
}

static bool is_blank(char c)
{
    return c == ' ' || c == '\t';
}

/* The next ID line of the file into lines[slot], its blanks (and a CR
 * before the newline) trimmed; false at the end. */
static bool ids_line(cli_ids_t *s)
{
    char *dst = s->lines[s->slot];
    for (;;) {
        long got = ids_raw_line(s, dst);
        if (got < 0) return false;
        size_t n = (size_t)got, b = 0;
        if (n > 0 && dst[n - 1] == '\r') n--;
        while (n > 0 && is_blank(dst[n - 1])) n--;
        while (b < n && is_blank(dst[b])) b++;
        if (b == n) continue;
        memmove(dst, dst + b, n - b);
        dst[n - b] = '\0';
        s->lens[s->slot] = n - b;
        s->ctl[s->slot] = false;
        for (size_t k = 0; k < n - b; k++)
            if ((unsigned char)dst[k] < 0x20 || dst[k] == 0x7f) s->ctl[s->slot] = true;
        return true;
    }
}

const char *cli_ids_next(cli_ids_t *s)
{
    char *dst = s->lines[s->slot];
    if (!ids_line(s)) return NULL;
    s->slot ^= 1;
    return dst;
}

bool cli_ids_has_ctl(const cli_ids_t *s, const char *id, size_t *len)
{
    for (int k = 0; k < 2; k++) {
        if (id != s->lines[k]) continue;
        *len = s->lens[k];
        return s->ctl[k];
    }
    *len = strlen(id);
    return false;
}

int cli_ids_fail(const cli_ids_t *s, cli_buf_t *err)
{
    if (s->error == CLI_IDS_ERRNO) return cli_fail_path(err, CLI_EXIT_USAGE, "read", s->path, s->read_errno);
    cli_putf(err, "Error: read %s: ", s->path);
    if (s->error == CLI_IDS_TIMEOUT) {
        cli_puts(err, "i/o timeout");
    } else {
        cli_puts(err, "line ");
        cli_put_uint(err, s->lineno + 1);
        cli_puts(err, " is longer than ");
        cli_put_uint(err, CLI_ID_LINE_MAX);
        cli_puts(err, " bytes");
    }
    cli_putc(err, '\n');
    return CLI_EXIT_USAGE;
}

/* SPDX-License-Identifier: Apache-2.0 */
/* cli_local.c - local files: regular only, never blocking, bounded (see
 * cli_local.h). */
#if defined(__linux__) && !defined(_DEFAULT_SOURCE)
#define _DEFAULT_SOURCE 1           /* syscall(SYS_getdents64), makedev */
#endif
#include "cli_local.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "il_wipe.h"
#include "cli_errors.h"

static const char *file_kind(mode_t m)
{
    if (S_ISFIFO(m)) return "a FIFO";
    if (S_ISCHR(m)) return "a character device";
    if (S_ISBLK(m)) return "a block device";
    if (S_ISSOCK(m)) return "a socket";
    return "not a file";
}

/* What fd (just opened) is: CLI_LOCAL_OK when it may be read. */
static cli_local_why_t local_kind(int fd, size_t max, cli_local_t *r)
{
    struct stat st;
    if (fstat(fd, &st) != 0) {
        r->e = errno;
        return CLI_LOCAL_OPEN;
    }
    if (S_ISDIR(st.st_mode)) return CLI_LOCAL_DIR;
    if (S_ISCHR(st.st_mode) && st.st_rdev == makedev(1, 3)) {
        r->empty = true;            /* /dev/null: an empty file */
        return CLI_LOCAL_OK;
    }
    if (!S_ISREG(st.st_mode)) {
        r->kind = file_kind(st.st_mode);
        return CLI_LOCAL_NOT_REGULAR;
    }
    r->loose = (st.st_mode & (S_IRGRP | S_IROTH)) != 0;
    return (uint64_t)st.st_size > (uint64_t)max ? CLI_LOCAL_TOO_LARGE : CLI_LOCAL_OK;
}

int cli_local_open(const char *path, size_t max, cli_local_t *r)
{
    int fd;
    memset(r, 0, sizeof *r);
    do {
        fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
    } while (fd < 0 && errno == EINTR);
    if (fd < 0) {
        r->why = CLI_LOCAL_OPEN;
        r->e = errno;
        return -1;
    }
    r->why = local_kind(fd, max, r);
    if (r->why == CLI_LOCAL_OK) return fd;
    close(fd);
    return -1;
}

int cli_local_fail(cli_buf_t *err, bool bare, const char *what, const char *path, size_t max, const cli_local_t *r)
{
    if (!bare) cli_puts(err, "Error: ");
    switch (r->why) {
    case CLI_LOCAL_OPEN:
        cli_putf(err, "open %s: ", path);
        cli_put_errno(err, r->e);
        break;
    case CLI_LOCAL_READ:
        cli_putf(err, "read %s: ", path);
        cli_put_errno(err, r->e);
        break;
    case CLI_LOCAL_DIR:
        cli_putf(err, "read %s: is a directory", path);
        break;
    case CLI_LOCAL_NOT_REGULAR:
        cli_putf(err, "open %s: not a regular file (%s)", path, r->kind);
        break;
    default:
        cli_putf(err, "%s %s: larger than ", what, path);
        cli_put_uint(err, (unsigned long)max);
        cli_puts(err, " bytes");
        break;
    }
    if (!bare) cli_putc(err, '\n');
    if ((r->why == CLI_LOCAL_OPEN || r->why == CLI_LOCAL_READ) && cli_errno_no_resources(r->e)) return CLI_EXIT_LOCAL;
    return CLI_EXIT_USAGE;
}

long cli_local_read(const char *path, char *buf, size_t max, cli_local_t *r)
{
    size_t len = 0;
    int fd = cli_local_open(path, max - 1, r);
    if (fd < 0) return -1;
    while (!r->empty) {
        ssize_t n;
        if (len == max - 1) {       /* it grew past the bound since fstat */
            r->why = CLI_LOCAL_TOO_LARGE;
            break;
        }
        n = read(fd, buf + len, max - 1 - len);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
            r->why = CLI_LOCAL_READ;
            r->e = errno;
        }
        if (n <= 0) break;
        len += (size_t)n;
    }
    close(fd);
    buf[len] = '\0';
    if (r->why == CLI_LOCAL_OK) return (long)len;
    il_wipe(buf, len);
    return -1;
}

int cli_local_token_file(const char *path, char *buf, size_t cap, cli_buf_t *err)
{
    cli_local_t r;
    long n = cli_local_read(path, buf, cap, &r);
    if (n < 0) return cli_local_fail(err, false, "token file", path, cap - 1, &r);
    if (n > 0 && buf[n - 1] == '\n') buf[--n] = '\0';
    if (n > 0 && buf[n - 1] == '\r') buf[--n] = '\0';
    if (n == 0) return cli_fail(err, CLI_EXIT_USAGE, "token file %s is empty", path);
    return CLI_EXIT_OK;
}

/* One file the TLS port will read: refused when it is no regular file or
 * too large; an open failure is refused only when must_open. */
static int check_ca_file(const char *path, bool must_open, cli_buf_t *err)
{
    cli_local_t r;
    int fd = cli_local_open(path, CLI_CA_FILE_MAX, &r);
    if (fd >= 0) {
        close(fd);
        return CLI_EXIT_OK;
    }
    if (!must_open && (r.why == CLI_LOCAL_OPEN || r.why == CLI_LOCAL_DIR)) return CLI_EXIT_OK;
    return cli_local_fail(err, false, "CA file", path, CLI_CA_FILE_MAX, &r);
}

/* Every entry of the directory dir (dot files passed over, as the TLS port
 * does). */
static int check_ca_dir(const char *dir, cli_buf_t *err)
{
    static char path[1024];
    long buf[256];                  /* long-aligned, as struct linux_dirent64 needs */
    size_t dlen = strlen(dir);
    int code = CLI_EXIT_OK, fd;
    if (dlen + 2 >= sizeof path) return CLI_EXIT_OK;
    memcpy(path, dir, dlen + 1);
    if (dlen == 0 || path[dlen - 1] != '/') path[dlen++] = '/';
    fd = open(dir, O_RDONLY | O_DIRECTORY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) return CLI_EXIT_OK;   /* the port then finds no certificate: its own error */
    while (code == CLI_EXIT_OK) {
        long n = syscall(SYS_getdents64, fd, buf, sizeof buf);
        if (n <= 0) break;
        for (long off = 0; off < n && code == CLI_EXIT_OK;) {
            const unsigned char *d = (const unsigned char *)buf + off;
            unsigned short reclen;
            const char *name = (const char *)d + 19;      /* d_name in struct linux_dirent64 */
            size_t nlen = strnlen(name, sizeof buf - (size_t)off - 19);
            memcpy(&reclen, d + 16, sizeof reclen);
            if (reclen == 0) break;
            off += reclen;
            if (name[0] == '.' || dlen + nlen + 1 > sizeof path) continue;
            memcpy(path + dlen, name, nlen + 1);
            code = check_ca_file(path, false, err);
        }
    }
    close(fd);
    return code;
}

int cli_local_check_ca(const char *ca_file, cli_buf_t *err)
{
    const char *f = getenv("SSL_CERT_FILE"), *d = getenv("SSL_CERT_DIR");
    if (ca_file != NULL) return check_ca_file(ca_file, true, err);
    if (f != NULL && f[0] != '\0') return check_ca_file(f, false, err);
    if (d != NULL && d[0] != '\0') return check_ca_dir(d, err);
    return CLI_EXIT_OK;
}

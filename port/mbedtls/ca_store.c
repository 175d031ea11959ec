/* SPDX-License-Identifier: Apache-2.0 */
/* ca_store.c - the trust-anchor store (il_tls_ca.h): the streaming PEM
 * scan, the DER subject match, the file and directory readers, the choice
 * of source. Nothing here prints; no heap but the pool. */
#if defined(__linux__) && !defined(_DEFAULT_SOURCE)
#define _DEFAULT_SOURCE             /* syscall(SYS_getdents64, SYS_clock_gettime) */
#endif
#include <string.h>
#include "il_text.h"
#include "il_tls_ca.h"
#include "il_tls_pool.h"
#include "il_tls_verify.h"
#include "mbedtls/asn1.h"
#include "mbedtls/platform.h"

#if !IL_TLS_NO_FILES
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/syscall.h>
#else
#include <dirent.h>
#endif
#endif

/* The certificate being decoded: one buffer for every scan (one connection
 * at a time, like the pool). */
static uint8_t ca_der[IL_TLS_CA_DER_MAX];

/* ---- DER: where a certificate's subject lies ---- */

/* The subject Name (with its tag and length) of a whole DER certificate. */
static int der_subject(uint8_t *der, size_t len, const uint8_t **sp, size_t *slen)
{
    unsigned char *p = der, *end = der + len, *start;
    size_t l;
    const int seq = MBEDTLS_ASN1_CONSTRUCTED | MBEDTLS_ASN1_SEQUENCE;
    int i;
    if (mbedtls_asn1_get_tag(&p, end, &l, seq) != 0) return -1;        /* Certificate */
    end = p + l;
    if (mbedtls_asn1_get_tag(&p, end, &l, seq) != 0) return -1;        /* TBSCertificate */
    end = p + l;
    if (p < end && *p == (MBEDTLS_ASN1_CONTEXT_SPECIFIC | MBEDTLS_ASN1_CONSTRUCTED)) {
        if (mbedtls_asn1_get_tag(&p, end, &l, *p) != 0) return -1;     /* [0] version */
        p += l;
    }
    if (mbedtls_asn1_get_tag(&p, end, &l, MBEDTLS_ASN1_INTEGER) != 0) return -1;
    p += l;
    for (i = 0; i < 3; i++) {                                          /* sigAlg, issuer, validity */
        if (mbedtls_asn1_get_tag(&p, end, &l, seq) != 0) return -1;
        p += l;
    }
    start = p;
    if (mbedtls_asn1_get_tag(&p, end, &l, seq) != 0) return -1;        /* subject */
    *sp = start;
    *slen = (size_t)(p - start) + l;
    return 0;
}

/* One DER header at *pos (at most 4 length bytes): 1 and the content's
 * offset and length, 0 if more bytes are needed, -1 if not tag. */
static int der_hdr(const uint8_t *d, size_t have, size_t *pos, unsigned tag, size_t *len)
{
    size_t p = *pos, l, n, i;
    if (p > have || have - p < 2) return 0;
    if (d[p] != tag) return -1;
    l = d[p + 1];
    p += 2;
    if (l & 0x80u) {
        n = l & 0x7fu;
        if (n == 0 || n > 4) return -1;
        if (have - p < n) return 0;
        for (l = 0, i = 0; i < n; i++) l = (l << 8) | d[p + i];
        p += n;
    }
    *pos = p;
    *len = l;
    return 1;
}

/* Where the subject Name lies in a certificate of which only the first
 * `have` DER bytes are decoded: 1 (and [*start, *end)) once they hold it
 * whole, 0 if more are needed, -1 if the headers are not a certificate's.
 * Lets the scan compare a certificate after its first few hundred bytes and
 * skip decoding the rest of every one that is not the issuer. */
static int der_subject_prefix(const uint8_t *d, size_t have, size_t *start, size_t *end)
{
    const unsigned seq = MBEDTLS_ASN1_CONSTRUCTED | MBEDTLS_ASN1_SEQUENCE;
    static const unsigned skip[4] = {MBEDTLS_ASN1_INTEGER, MBEDTLS_ASN1_CONSTRUCTED | MBEDTLS_ASN1_SEQUENCE,
                                     MBEDTLS_ASN1_CONSTRUCTED | MBEDTLS_ASN1_SEQUENCE,
                                     MBEDTLS_ASN1_CONSTRUCTED | MBEDTLS_ASN1_SEQUENCE};
    size_t pos = 0, len, s0;
    int r, i;
    if ((r = der_hdr(d, have, &pos, seq, &len)) != 1) return r;          /* Certificate */
    if ((r = der_hdr(d, have, &pos, seq, &len)) != 1) return r;          /* TBSCertificate */
    if (pos < have && d[pos] == (MBEDTLS_ASN1_CONTEXT_SPECIFIC | MBEDTLS_ASN1_CONSTRUCTED)) {
        if ((r = der_hdr(d, have, &pos, d[pos], &len)) != 1) return r;   /* [0] version */
        if (len > have - pos) return 0;
        pos += len;
    }
    for (i = 0; i < 4; i++) {                        /* serial, sigAlg, issuer, validity */
        if ((r = der_hdr(d, have, &pos, skip[i], &len)) != 1) return r;
        if (len > have - pos) return 0;              /* (pos <= have after a header) */
        pos += len;
    }
    s0 = pos;
    if ((r = der_hdr(d, have, &pos, seq, &len)) != 1) return r;          /* subject */
    if (len > have - pos) return 0;
    *start = s0;
    *end = pos + len;
    return 1;
}

/* ---- one certificate: match and keep ---- */

/* Whether the candidates already hold the certificate in ca_der (a bundle
 * may list one twice). */
static bool scan_found_has(const il_tls_ca_scan_t *s)
{
    const mbedtls_x509_crt *cur;
    for (cur = s->found; cur != NULL && cur->raw.p != NULL; cur = cur->next)
        if (cur->raw.len == s->der_len && memcmp(cur->raw.p, ca_der, s->der_len) == 0) return true;
    return false;
}

/* Parse the certificate in ca_der onto the candidates. */
static void scan_keep(il_tls_ca_scan_t *s)
{
    int ret;
    if (s->found == NULL) {
        s->found = mbedtls_calloc(1, sizeof(*s->found));
        if (s->found == NULL) {
            s->err = IL_TLS_CA_NO_MEMORY;
            return;
        }
        mbedtls_x509_crt_init(s->found);
    }
    ret = mbedtls_x509_crt_parse_der_with_ext_cb(s->found, ca_der, s->der_len, 1, il_tls_x509_ext_cb, NULL);
    if (ret == 0) s->nfound++;
    else if (il_tls_pool_alloc_error(ret)) s->err = IL_TLS_CA_NO_MEMORY;
    /* any other error: a certificate this build cannot use; skip it */
}

/* At an END line: count the certificate, and keep it if it is the issuer. */
static void scan_cert_done(il_tls_ca_scan_t *s)
{
    const uint8_t *subj;
    size_t slen;
    if (s->bad || s->der_len == 0) return;
    s->ncerts++;
    if (s->want == NULL || s->skip || s->nfound >= IL_TLS_CA_MAX_MATCH) return;
    if (der_subject(ca_der, s->der_len, &subj, &slen) != 0) return;
    if (slen != s->want->len || memcmp(subj, s->want->p, slen) != 0) return;
    if (scan_found_has(s)) return;
    scan_keep(s);
}

/* ---- PEM lines ---- */

static const char pem_begin[] = "-----BEGIN CERTIFICATE-----";
static const char pem_end[] = "-----END CERTIFICATE-----";

/* The line's length without trailing CR, spaces and tabs. */
static size_t line_trimmed_len(const il_tls_ca_scan_t *s)
{
    size_t n = s->line_len;
    while (n > 0 && (s->line[n - 1] == '\r' || s->line[n - 1] == ' ' || s->line[n - 1] == '\t')) n--;
    return n;
}

/* Whether the line, trimmed to n bytes, is the marker (mlen bytes). */
static bool line_is(const il_tls_ca_scan_t *s, size_t n, const char *marker, size_t mlen)
{
    return !s->line_long && n == mlen && memcmp(s->line, marker, n) == 0;
}

static void scan_cert_begin(il_tls_ca_scan_t *s)
{
    s->in_cert = true;
    s->bad = false;
    s->subject_seen = false;
    s->skip = false;
    s->der_len = 0;
    s->b64.acc = 0;
    s->b64.bits = 0;
}

/* Decode the line's n bytes of base64 into ca_der: '=', spaces and tabs are
 * passed over; anything else (headers such as Proc-Type:, junk), or more
 * than ca_der holds, makes the block bad. */
static void scan_base64(il_tls_ca_scan_t *s, size_t n)
{
    size_t i;
    uint8_t byte;
    for (i = 0; i < n && !s->bad; i++) {
        int v = il_b64_value(s->line[i], IL_B64_STD);
        if (v < 0) {
            if (s->line[i] != '=' && s->line[i] != ' ' && s->line[i] != '\t') s->bad = true;
            continue;
        }
        if (!il_b64_push(&s->b64, (unsigned)v, &byte)) continue;
        if (s->der_len >= sizeof(ca_der)) s->bad = true;
        else ca_der[s->der_len++] = byte;
    }
}

/* Once the decoded start of the certificate holds its subject: unless it is
 * the issuer looked for (or no certificate this scan can read), the rest of
 * the block is skipped undecoded. */
static void scan_check_subject(il_tls_ca_scan_t *s)
{
    size_t a = 0, e = 0;
    int r;
    if (s->want == NULL || s->subject_seen || s->bad) return;
    r = der_subject_prefix(ca_der, s->der_len, &a, &e);
    if (r == 0) return;
    s->subject_seen = true;
    if (r < 0 || e - a != s->want->len || memcmp(ca_der + a, s->want->p, e - a) != 0) s->skip = true;
}

static void scan_line(il_tls_ca_scan_t *s)
{
    size_t n = line_trimmed_len(s);
    if (line_is(s, n, pem_begin, sizeof(pem_begin) - 1)) {
        scan_cert_begin(s);
        return;
    }
    if (!s->in_cert) return;
    if (line_is(s, n, pem_end, sizeof(pem_end) - 1)) {
        scan_cert_done(s);
        s->in_cert = false;
        return;
    }
    if (s->skip) return;                  /* not the issuer: only its END line matters */
    if (s->line_long) {                   /* longer than any PEM line: not ours */
        s->bad = true;
        return;
    }
    scan_base64(s, n);
    scan_check_subject(s);
}

/* Whether the scan needs no more input. */
static bool scan_done(const il_tls_ca_scan_t *s)
{
    return (s->want == NULL && s->ncerts > 0) || s->err != IL_TLS_CA_OK;
}

void il_tls_ca_scan_start(il_tls_ca_scan_t *s, const mbedtls_x509_buf *want)
{
    memset(s, 0, sizeof(*s));
    s->want = want;
}

bool il_tls_ca_scan_feed(il_tls_ca_scan_t *s, const unsigned char *p, size_t n)
{
    /* a line ends at '\n' or NUL; memchr finds both fast */
    const unsigned char *nul = memchr(p, '\0', n);
    while (n > 0) {
        const unsigned char *eol = memchr(p, '\n', n);
        size_t take, room;
        if (nul != NULL && nul < p) nul = memchr(p, '\0', n);
        if (nul != NULL && (eol == NULL || nul < eol)) eol = nul;
        take = eol != NULL ? (size_t)(eol - p) : n;
        room = sizeof(s->line) - s->line_len;
        if (take > room) s->line_long = true;
        memcpy(s->line + s->line_len, p, take > room ? room : take);
        s->line_len += take > room ? room : take;
        if (eol == NULL) break;
        p += take + 1;
        n -= take + 1;
        scan_line(s);
        s->line_len = 0;
        s->line_long = false;
        if (scan_done(s)) return true;
    }
    return false;
}

void il_tls_ca_scan_end(il_tls_ca_scan_t *s)
{
    if (s->line_len > 0) scan_line(s);
    s->line_len = 0;
    s->line_long = false;
    s->in_cert = false;
}

void il_tls_ca_scan_free(il_tls_ca_scan_t *s)
{
    if (s->found == NULL) return;
    mbedtls_x509_crt_free(s->found);
    mbedtls_free(s->found);
    s->found = NULL;
}

/* ---- files and directories ---- */

#if !IL_TLS_NO_FILES
#define CA_PATH_MAX 512             /* a directory's entry, as a path */

/* CLOCK_MONOTONIC. The first reads are system calls, as il_posix_now_ms
 * and il_tls_time make them: libc's first vDSO call costs two page faults
 * (the vDSO's pages), more than a dozen system calls, and a scan of one file
 * reads the clock once per 16 KB; a directory's, once per entry, which the
 * vDSO then serves more cheaply. LP64 only: 32-bit musl has no
 * SYS_clock_gettime (time64). */
static int scan_clock(struct timespec *ts)
{
#if defined(__linux__) && defined(SYS_clock_gettime) && defined(__LP64__)
    static unsigned syscalls;
    if (syscalls < 16) {
        syscalls++;
        if (syscall(SYS_clock_gettime, (long)CLOCK_MONOTONIC, ts) == 0) return 0;
    }
#endif
    return clock_gettime(CLOCK_MONOTONIC, ts);
}

/* Whether the deadline (CLOCK_MONOTONIC milliseconds; 0: none) has passed:
 * then the scan stops with IL_TLS_CA_TIMEOUT. */
static bool scan_late(il_tls_ca_scan_t *s, int64_t deadline_ms)
{
    struct timespec ts;
    if (deadline_ms == 0 || scan_clock(&ts) != 0) return false;
    if ((int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000 < deadline_ms) return false;
    s->err = IL_TLS_CA_TIMEOUT;
    return true;
}

/* Open path if it is a regular file of at most IL_TLS_CA_FILE_MAX bytes
 * (its size in *size), without blocking (a FIFO without a writer, a device
 * are not waited on). */
static int open_regular(const char *path, size_t *size)
{
    struct stat st;
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
    if (fd < 0) return -1;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || (uint64_t)st.st_size > IL_TLS_CA_FILE_MAX) {
        close(fd);
        return -1;
    }
    *size = (size_t)st.st_size;
    return fd;
}

/* The read buffer of scan_file, and which CA source's whole file it holds
 * (NULL: none): a file that fits is read once per connection, its lookups
 * scan these bytes (the official CLI reads its CA file once, too). */
static unsigned char file_buf[16384];   /* a system bundle in a few reads */
static const il_tls_ca_t *file_buf_whole;
static size_t file_buf_len;

/* Scan one file; -1 if it cannot be read. When whole is not NULL and the
 * file fits the buffer, the buffer is left holding all of it for whole. */
static int scan_file(il_tls_ca_scan_t *s, const char *path, int64_t deadline_ms, const il_tls_ca_t *whole)
{
    size_t total = 0, size = 0;
    int fd = open_regular(path, &size), rc = 0;
    file_buf_whole = NULL;
    if (fd < 0) return -1;
    while (!scan_late(s, deadline_ms)) {
        ssize_t n = read(fd, file_buf, sizeof(file_buf));
        if (n < 0 && errno == EINTR) continue;
        total += n > 0 ? (size_t)n : 0;
        if (n < 0 || total > IL_TLS_CA_FILE_MAX) {     /* it grew past the bound since fstat */
            rc = -1;
            break;
        }
        if (whole != NULL && (size_t)n == total && total == size && size < sizeof(file_buf)) {
            file_buf_whole = whole;
            file_buf_len = size;
        }
        if (n == 0 || il_tls_ca_scan_feed(s, file_buf, (size_t)n)) break;
    }
    il_tls_ca_scan_end(s);
    close(fd);
    return rc;
}

/* Scan the entry name (nlen bytes) of the directory whose path, with a
 * trailing '/', fills path[0..dlen); dot files are passed over. */
static void scan_dir_entry(il_tls_ca_scan_t *s, char *path, size_t dlen, const char *name, size_t nlen,
                           int64_t deadline_ms)
{
    if (name[0] == '.' || dlen + nlen + 1 > CA_PATH_MAX || scan_late(s, deadline_ms)) return;
    memcpy(path + dlen, name, nlen);
    path[dlen + nlen] = '\0';
    (void)scan_file(s, path, deadline_ms, NULL);
}

#ifdef __linux__
/* struct linux_dirent64: d_reclen (16-bit) and d_name's offsets */
#define DIRENT64_RECLEN 16
#define DIRENT64_NAME 19

/* The entries of one getdents64 answer (n bytes of struct linux_dirent64). */
static void scan_dirents(il_tls_ca_scan_t *s, const unsigned char *buf, size_t n, char *path, size_t dlen,
                         int64_t deadline_ms)
{
    size_t off = 0;
    while (off < n && !scan_done(s)) {
        const unsigned char *d = buf + off;
        const char *name = (const char *)d + DIRENT64_NAME;
        unsigned short reclen;
        memcpy(&reclen, d + DIRENT64_RECLEN, sizeof(reclen));
        if (reclen == 0) break;
        off += reclen;
        scan_dir_entry(s, path, dlen, name, strnlen(name, (size_t)reclen - DIRENT64_NAME), deadline_ms);
    }
}

static int scan_dir_entries(il_tls_ca_scan_t *s, const char *dir, char *path, size_t dlen, int64_t deadline_ms)
{
    long buf[256];     /* long-aligned, as struct linux_dirent64 needs */
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return -1;
    while (!scan_done(s)) {
        long n = syscall(SYS_getdents64, fd, buf, sizeof(buf));
        if (n <= 0) break;
        scan_dirents(s, (const unsigned char *)buf, (size_t)n, path, dlen, deadline_ms);
    }
    close(fd);
    return 0;
}
#else
static int scan_dir_entries(il_tls_ca_scan_t *s, const char *dir, char *path, size_t dlen, int64_t deadline_ms)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    if (d == NULL) return -1;
    while (!scan_done(s) && (e = readdir(d)) != NULL)
        scan_dir_entry(s, path, dlen, e->d_name, strlen(e->d_name), deadline_ms);
    closedir(d);
    return 0;
}
#endif

/* Scan every regular file of a directory (c_rehash links included). */
static int scan_dir(il_tls_ca_scan_t *s, const char *dir, int64_t deadline_ms)
{
    static char path[CA_PATH_MAX];
    size_t dlen = strlen(dir);
    if (dlen == 0 || dlen + 2 >= sizeof(path)) return -1;
    memcpy(path, dir, dlen + 1);
    if (path[dlen - 1] != '/') path[dlen++] = '/';
    return scan_dir_entries(s, dir, path, dlen, deadline_ms);
}
#endif

/* ---- sources ---- */

/* Scan the whole CA source; -1 if it cannot be read. */
static int scan_source(const il_tls_ca_t *ca, il_tls_ca_scan_t *s)
{
    switch (ca->kind) {
    case IL_TLS_CA_MEMORY:
        (void)il_tls_ca_scan_feed(s, ca->mem, ca->mem_len);
        il_tls_ca_scan_end(s);
        return 0;
#if !IL_TLS_NO_FILES
    case IL_TLS_CA_FILE:
        if (file_buf_whole != ca) return scan_file(s, ca->path, ca->deadline_ms, ca);
        (void)il_tls_ca_scan_feed(s, file_buf, file_buf_len);
        il_tls_ca_scan_end(s);
        return 0;
    case IL_TLS_CA_DIR:
        return scan_dir(s, ca->path, ca->deadline_ms);
#endif
    default:
        return -1;
    }
}

/* Whether the source holds at least one PEM certificate: IL_OK,
 * IL_ERR_TLS_CONFIG, or IL_ERR_TIMEOUT when reading it passed the deadline. */
static il_status_t source_usable(const il_tls_ca_t *ca)
{
    il_tls_ca_scan_t s;
    il_tls_ca_scan_start(&s, NULL);
    if (scan_source(ca, &s) == 0 && s.ncerts > 0) return IL_OK;
    return s.err == IL_TLS_CA_TIMEOUT ? IL_ERR_TIMEOUT : IL_ERR_TLS_CONFIG;
}

int il_tls_ca_lookup(void *ctx, mbedtls_x509_crt const *child, mbedtls_x509_crt **candidates)
{
    il_tls_ca_t *ca = ctx;
    il_tls_ca_scan_t s;
    il_tls_ca_scan_start(&s, &child->issuer_raw);
    *candidates = NULL;
    if (scan_source(ca, &s) != 0 && s.err == IL_TLS_CA_OK) s.err = IL_TLS_CA_UNREADABLE;
    if (s.err != IL_TLS_CA_OK) {
        ca->err = s.err;
        il_tls_ca_scan_free(&s);
        return -1;
    }
    if (s.nfound == 0) il_tls_ca_scan_free(&s);   /* allocated, nothing parsed */
    *candidates = s.found;
    return 0;
}

/* ca uses the given source, which must hold a certificate. */
static il_status_t ca_use(il_tls_ca_t *ca, il_tls_ca_kind_t kind, const char *path)
{
    ca->kind = kind;
    ca->path = path;
    return source_usable(ca);
}

#if !IL_TLS_NO_FILES
/* An environment variable's value, NULL when unset or empty. */
static const char *env_path(const char *name)
{
    const char *v = getenv(name);
    return v != NULL && v[0] != '\0' ? v : NULL;
}

/* ca_file, $SSL_CERT_FILE, $SSL_CERT_DIR (each, when set, is the answer),
 * then the first usable system bundle or directory. */
static il_status_t ca_choose_files(il_tls_ca_t *ca, const il_tls_options_t *opt)
{
    static const struct {
        il_tls_ca_kind_t kind;
        const char *path;
    } system_ca[] = {
        { IL_TLS_CA_FILE, "/etc/ssl/certs/ca-certificates.crt" },                /* Debian, Ubuntu, Alpine, Arch */
        { IL_TLS_CA_FILE, "/etc/pki/tls/certs/ca-bundle.crt" },                  /* Fedora, RHEL */
        { IL_TLS_CA_FILE, "/etc/ssl/ca-bundle.pem" },                            /* openSUSE */
        { IL_TLS_CA_FILE, "/etc/pki/tls/cacert.pem" },                           /* OpenELEC */
        { IL_TLS_CA_FILE, "/etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem" }, /* CentOS, RHEL 7 */
        { IL_TLS_CA_FILE, "/etc/ssl/cert.pem" },                                 /* Alpine, BSD, macOS */
        { IL_TLS_CA_DIR, "/etc/ssl/certs" },
        { IL_TLS_CA_DIR, "/etc/pki/tls/certs" },
    };
    const char *env;
    size_t i;
    if (opt->ca_file != NULL) return ca_use(ca, IL_TLS_CA_FILE, opt->ca_file);
    if ((env = env_path("SSL_CERT_FILE")) != NULL) return ca_use(ca, IL_TLS_CA_FILE, env);
    if ((env = env_path("SSL_CERT_DIR")) != NULL) return ca_use(ca, IL_TLS_CA_DIR, env);
    for (i = 0; i < sizeof(system_ca) / sizeof(system_ca[0]); i++) {
        il_status_t st = ca_use(ca, system_ca[i].kind, system_ca[i].path);
        if (st == IL_OK || st == IL_ERR_TIMEOUT) return st;
    }
    memset(ca, 0, sizeof(*ca));
    return IL_ERR_TLS_CONFIG;
}
#endif

il_status_t il_tls_ca_choose(il_tls_ca_t *ca, const il_tls_options_t *opt)
{
#if !IL_TLS_NO_FILES
    if (file_buf_whole == ca) file_buf_whole = NULL;   /* a new choice reads its file again */
#endif
    memset(ca, 0, sizeof(*ca));
    ca->deadline_ms = opt->ca_deadline_ms;
    if (opt->ca_pem != NULL) {
        ca->mem = opt->ca_pem;
        ca->mem_len = opt->ca_pem_len;
        return ca_use(ca, IL_TLS_CA_MEMORY, NULL);
    }
#if !IL_TLS_NO_FILES
    return ca_choose_files(ca, opt);
#else
    return IL_ERR_TLS_CONFIG;
#endif
}

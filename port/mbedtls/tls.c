/* SPDX-License-Identifier: Apache-2.0 */
/* tls.c - il_tls.h on mbedTLS 2.28: a TLS 1.2 client over any il_transport_t.
 *
 * Memory: mbedTLS allocates only from il_tls_pool (a static array, see
 * IL_TLS_POOL_SIZE) through il_tls_pool_calloc/free below. The pool is
 * shared, so one connection at a time. Trust anchors are never loaded as a whole bundle:
 * the X.509 trusted-certificate callback streams the CA source (PEM in
 * memory, a file, or a directory of files) through a fixed buffer and parses
 * only the certificates whose subject equals the issuer being looked up.
 * Files are read with open/read (and getdents64 for directories), never
 * stdio or opendir, so there is no hidden libc heap either.
 *
 * Host names: a DNS name goes to mbedtls_ssl_set_hostname (SNI + the
 * dNSName check). mbedTLS 2.28 matches only dNSName SANs, so an IP literal
 * (IPv4 or IPv6, optionally in brackets) is not sent as SNI (RFC 6066 s3)
 * and is matched here against the certificate's iPAddress SANs.
 *
 * Nothing here prints: errors are il_status_t values. */
#if defined(__linux__) && !defined(_DEFAULT_SOURCE)
#define _DEFAULT_SOURCE             /* syscall(SYS_getdents64) */
#endif
#include <string.h>
#include "il_wipe.h"
#include "il_tls_conn.h"
#include "mbedtls/asn1.h"
#include "mbedtls/oid.h"
#include "mbedtls/platform.h"
#include "mbedtls/sha256.h"
#include "mbedtls/x509_crt.h"

#ifndef IL_TLS_NO_FILES
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/syscall.h>
#else
#include <dirent.h>
#endif
#endif

#ifndef IL_TLS_POOL_SIZE
#define IL_TLS_POOL_SIZE (64u * 1024u)
#endif
#ifndef IL_TLS_CA_DER_MAX
#define IL_TLS_CA_DER_MAX 4096u      /* largest trust anchor considered (DER bytes) */
#endif
#define IL_TLS_CA_MAX_MATCH 4        /* candidates returned per issuer */
#define IL_TLS_ERR_LOWER (-0x004C)   /* = MBEDTLS_ERR_NET_RECV_FAILED: see c->lower_err */

/* ---- static pool ------------------------------------------------------ */
/* mbedTLS's calloc/free (MBEDTLS_PLATFORM_STD_CALLOC/FREE in
 * mbedtls_config.h point here, so nothing can reach libc's heap). A plain
 * first-fit allocator over contiguous blocks, coalescing free neighbours as
 * it walks; unlike MEMORY_BUFFER_ALLOC_C it tells us when an allocation
 * failed (mbedTLS turns some of those into "certificate not trusted") and
 * keeps an exact high-water mark. One connection at a time, no threads. */

typedef struct pool_blk {
    size_t size;                 /* bytes including this header */
    size_t used;
} pool_blk_t;

#define POOL_ALIGN 16u
#define POOL_HDR ((sizeof(pool_blk_t) + POOL_ALIGN - 1) & ~(size_t)(POOL_ALIGN - 1))

/* On Linux the pool starts on a page: a run touches ceil(peak / 4 KB) of its
 * pages, and each page first touched is a page fault (~9-12 us on the bench
 * VM). The first IL_TLS_POOL_PREFAULT bytes (a handshake's usual peak) are
 * mapped at once, by one madvise(MADV_POPULATE_WRITE) (Linux 5.14+; older
 * kernels refuse it and the pages fault in as before): ~3 us a page instead
 * of ~12 for a fault on the bench VM. */
#if defined(__linux__) && defined(__GNUC__)
#include <sys/mman.h>
#define IL_TLS_POOL_ATTR __attribute__((aligned(4096)))
#ifndef MADV_POPULATE_WRITE
#define MADV_POPULATE_WRITE 23      /* musl's headers predate it */
#endif
#ifndef IL_TLS_POOL_PREFAULT
#define IL_TLS_POOL_PREFAULT 32768
#endif
#else
#define IL_TLS_POOL_ATTR
#endif

static union {
    unsigned char b[IL_TLS_POOL_SIZE];
    long double align;
} il_tls_pool IL_TLS_POOL_ATTR;
static bool pool_ready;
static size_t pool_hwm;          /* highest offset ever allocated */
static size_t pool_in_use;
static size_t pool_first_free;   /* every block below this offset is in use */
static unsigned long pool_failures;

static size_t pool_len(void)
{
    return sizeof(il_tls_pool.b) & ~(size_t)(POOL_ALIGN - 1);
}

static void pool_init(void)
{
    pool_blk_t *b = (pool_blk_t *)(void *)il_tls_pool.b;
    if (pool_ready) return;
#ifdef IL_TLS_POOL_PREFAULT
    {
        static bool prefaulted;
        if (!prefaulted) {
            size_t n = IL_TLS_POOL_PREFAULT < sizeof(il_tls_pool.b) ? IL_TLS_POOL_PREFAULT : sizeof(il_tls_pool.b);
            (void)madvise(il_tls_pool.b, n & ~(size_t)4095, MADV_POPULATE_WRITE);
            prefaulted = true;
        }
    }
#endif
    b->size = pool_len();
    b->used = 0;
    pool_ready = true;
}

void *il_tls_pool_calloc(size_t n, size_t m)
{
    unsigned char *p, *end, *first_free = NULL;
    size_t want, need;
    pool_init();
    p = il_tls_pool.b + pool_first_free;   /* first fit, minus the walk over used blocks */
    end = il_tls_pool.b + pool_len();
    if (n == 0 || m == 0) return NULL;
    if (n > (size_t)-1 / m) goto fail;
    want = n * m;
    if (want > pool_len()) goto fail;
    need = POOL_HDR + ((want + POOL_ALIGN - 1) & ~(size_t)(POOL_ALIGN - 1));
    while (p < end) {
        pool_blk_t *b = (pool_blk_t *)(void *)p;
        if (!b->used) {
            unsigned char *q = p + b->size;
            if (first_free == NULL) first_free = p;
            while (q < end && !((pool_blk_t *)(void *)q)->used) {
                b->size += ((pool_blk_t *)(void *)q)->size;
                q = p + b->size;
            }
            if (b->size >= need) {
                if (b->size - need >= POOL_HDR + POOL_ALIGN) {
                    pool_blk_t *rest = (pool_blk_t *)(void *)(p + need);
                    rest->size = b->size - need;
                    rest->used = 0;
                    b->size = need;
                }
                b->used = 1;
                pool_in_use += b->size;
                if ((size_t)(p - il_tls_pool.b) + b->size > pool_hwm)
                    pool_hwm = (size_t)(p - il_tls_pool.b) + b->size;
                pool_first_free = (size_t)((first_free == p ? p + b->size : first_free) - il_tls_pool.b);
                memset(p + POOL_HDR, 0, want);
                return p + POOL_HDR;
            }
        }
        p += b->size;
    }
    if (first_free != NULL) pool_first_free = (size_t)(first_free - il_tls_pool.b);
fail:
    pool_failures++;
    return NULL;
}

void il_tls_pool_free(void *ptr)
{
    unsigned char *p = ptr;
    pool_blk_t *b;
    if (p == NULL || p < il_tls_pool.b + POOL_HDR || p >= il_tls_pool.b + pool_len()) return;
    b = (pool_blk_t *)(void *)(p - POOL_HDR);
    if (!b->used) return;
    b->used = 0;
    pool_in_use -= b->size;
    if ((size_t)((unsigned char *)b - il_tls_pool.b) < pool_first_free)
        pool_first_free = (size_t)((unsigned char *)b - il_tls_pool.b);
}

size_t il_tls_pool_peak(void)
{
    return pool_hwm;
}

size_t il_tls_pool_size(void)
{
    return pool_len();
}

size_t il_tls_pool_in_use(void)
{
    return pool_in_use;
}

size_t il_tls_conn_size(void)
{
    return sizeof(il_tls_conn_t);
}

/* ---- IP literals -------------------------------------------------------- */

static int hexval(char ch)
{
    if (ch >= '0' && ch <= '9') return ch - '0';
    if (ch >= 'a' && ch <= 'f') return ch - 'a' + 10;
    if (ch >= 'A' && ch <= 'F') return ch - 'A' + 10;
    return -1;
}

/* Dotted quad, exactly four decimal parts 0..255: 1 and out[4], else 0. */
static int parse_ipv4(const char *s, size_t len, uint8_t out[4])
{
    size_t i = 0;
    int part;
    for (part = 0; part < 4; part++) {
        unsigned v = 0, digits = 0;
        while (i < len && s[i] >= '0' && s[i] <= '9' && digits < 4) {
            v = v * 10u + (unsigned)(s[i] - '0');
            i++;
            digits++;
        }
        if (digits == 0 || digits > 3 || v > 255) return 0;
        out[part] = (uint8_t)v;
        if (part < 3) {
            if (i >= len || s[i] != '.') return 0;
            i++;
        }
    }
    return i == len;
}

/* RFC 4291 text form with "::" and an optional trailing dotted quad. */
static int parse_ipv6(const char *s, size_t len, uint8_t out[16])
{
    uint8_t w[16];
    size_t i = 0, n = 0;
    int gap = -1;
    if (len >= 2 && s[0] == ':' && s[1] == ':') {
        gap = 0;
        i = 2;
    } else if (len >= 1 && s[0] == ':') {
        return 0;
    }
    while (i < len) {
        unsigned v = 0, digits = 0;
        size_t start = i;
        while (i < len && hexval(s[i]) >= 0 && digits < 5) {
            v = (v << 4) | (unsigned)hexval(s[i]);
            i++;
            digits++;
        }
        if (i < len && s[i] == '.') {      /* embedded IPv4 at the end */
            if (n > 12 || !parse_ipv4(s + start, len - start, w + n)) return 0;
            n += 4;
            break;
        }
        if (digits == 0 || digits > 4 || n > 14) return 0;
        w[n++] = (uint8_t)(v >> 8);
        w[n++] = (uint8_t)v;
        if (i == len) break;
        if (s[i] != ':') return 0;
        i++;
        if (i < len && s[i] == ':') {
            if (gap >= 0) return 0;
            gap = (int)n;
            i++;
        } else if (i == len) {
            return 0;                      /* trailing single ':' */
        }
    }
    if (gap < 0) {
        if (n != 16) return 0;
        memcpy(out, w, 16);
    } else {
        size_t g = (size_t)gap, tail = n - g;
        if (n > 14) return 0;
        memset(out, 0, 16);
        memcpy(out, w, g);
        memcpy(out + 16 - tail, w + g, tail);
    }
    return 1;
}

static size_t parse_ip(const char *name, uint8_t out[16])
{
    size_t len = strlen(name);
    if (len >= 2 && name[0] == '[' && name[len - 1] == ']') {
        name++;
        len -= 2;
    }
    if (parse_ipv4(name, len, out)) return 4;
    if (memchr(name, ':', len) != NULL && parse_ipv6(name, len, out)) return 16;
    return 0;
}

/* Verify callback: for an IP literal, the leaf must carry it as an
 * iPAddress SAN (mbedTLS 2.28 checks dNSName only). */
static int verify_cb(void *ctx, mbedtls_x509_crt *crt, int depth, uint32_t *flags)
{
    il_tls_conn_t *c = ctx;
    const mbedtls_x509_sequence *san;
    if (depth != 0 || c->ip_len == 0) return 0;
    if (crt->ext_types & MBEDTLS_X509_EXT_SUBJECT_ALT_NAME) {
        for (san = &crt->subject_alt_names; san != NULL; san = san->next) {
            if (san->buf.tag == (MBEDTLS_ASN1_CONTEXT_SPECIFIC | MBEDTLS_X509_SAN_IP_ADDRESS) &&
                san->buf.len == c->ip_len && san->buf.p != NULL &&
                memcmp(san->buf.p, c->ip, c->ip_len) == 0)
                return 0;
        }
    }
    *flags |= MBEDTLS_X509_BADCERT_CN_MISMATCH;
    return 0;
}

/* ---- trust anchors: streaming PEM scan --------------------------------- */

typedef struct ca_scan {
    const mbedtls_x509_buf *want;   /* issuer DER to find; NULL: stop at the first certificate */
    mbedtls_x509_crt *found;        /* candidates (pool), or NULL */
    int nfound;
    int ncerts;
    int fatal;                      /* 1 source unreadable, 2 pool exhausted */
    bool in_cert, bad;
    bool subject_seen;              /* the subject is decoded and was compared */
    bool skip;                      /* not the issuer: the rest is not decoded */
    char line[100];
    size_t line_len;
    bool line_long;
    uint32_t acc;
    unsigned bits;
    size_t der_len;
} ca_scan_t;

static uint8_t ca_der[IL_TLS_CA_DER_MAX];

/* An mbedTLS error (maybe high-level + low-level) that means "pool empty". */
static int is_alloc_error(int ret)
{
    int e = -ret, hi = e & 0xFF80, lo = e & 0x7F;
    return lo == -MBEDTLS_ERR_MPI_ALLOC_FAILED || lo == -MBEDTLS_ERR_ASN1_ALLOC_FAILED ||
           hi == -MBEDTLS_ERR_X509_ALLOC_FAILED || hi == -MBEDTLS_ERR_PK_ALLOC_FAILED ||
           hi == -MBEDTLS_ERR_ECP_ALLOC_FAILED || hi == -MBEDTLS_ERR_SSL_ALLOC_FAILED ||
           hi == -MBEDTLS_ERR_CIPHER_ALLOC_FAILED || hi == -MBEDTLS_ERR_MD_ALLOC_FAILED;
}

/* The subject Name (with its tag and length) of a DER certificate. */
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

static void scan_cert_done(ca_scan_t *s)
{
    const uint8_t *subj;
    size_t slen;
    mbedtls_x509_crt *cur;
    int ret;

    if (s->bad || s->der_len == 0) return;
    s->ncerts++;
    if (s->want == NULL || s->skip) return;
    if (s->nfound >= IL_TLS_CA_MAX_MATCH) return;
    if (der_subject(ca_der, s->der_len, &subj, &slen) != 0) return;
    if (slen != s->want->len || memcmp(subj, s->want->p, slen) != 0) return;
    for (cur = s->found; cur != NULL && cur->raw.p != NULL; cur = cur->next)
        if (cur->raw.len == s->der_len && memcmp(cur->raw.p, ca_der, s->der_len) == 0) return;
    if (s->found == NULL) {
        s->found = mbedtls_calloc(1, sizeof(*s->found));
        if (s->found == NULL) {
            s->fatal = 2;
            return;
        }
        mbedtls_x509_crt_init(s->found);
    }
    ret = mbedtls_x509_crt_parse_der(s->found, ca_der, s->der_len);
    if (ret == 0) s->nfound++;
    else if (is_alloc_error(ret)) s->fatal = 2;
    /* any other error: a certificate this build cannot use; skip it */
}

/* base64 digit values, -1 for anything else */
static const signed char b64_digit[256] = {
    -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
    -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
    -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, 62, -1, -1, -1, 63,
    52, 53, 54, 55, 56, 57, 58, 59, 60, 61, -1, -1, -1, -1, -1, -1,
    -1, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14,
    15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, -1, -1, -1, -1, -1,
    -1, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40,
    41, 42, 43, 44, 45, 46, 47, 48, 49, 50, 51, -1, -1, -1, -1, -1,
    -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
    -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
    -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
    -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
    -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
    -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
    -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
    -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
};

static int b64val(char ch)
{
    return b64_digit[(unsigned char)ch];
}

static void scan_line(ca_scan_t *s)
{
    static const char begin[] = "-----BEGIN CERTIFICATE-----";
    static const char end[] = "-----END CERTIFICATE-----";
    size_t n = s->line_len, i;
    while (n > 0 && (s->line[n - 1] == '\r' || s->line[n - 1] == ' ' || s->line[n - 1] == '\t')) n--;
    if (!s->line_long && n == sizeof(begin) - 1 && memcmp(s->line, begin, n) == 0) {
        s->in_cert = true;
        s->bad = false;
        s->subject_seen = false;
        s->skip = false;
        s->der_len = 0;
        s->acc = 0;
        s->bits = 0;
        return;
    }
    if (!s->in_cert) return;
    if (!s->line_long && n == sizeof(end) - 1 && memcmp(s->line, end, n) == 0) {
        scan_cert_done(s);
        s->in_cert = false;
        return;
    }
    if (s->skip) return;                  /* not the issuer: only its END line matters */
    if (s->line_long) {                   /* longer than any PEM line: not ours */
        s->bad = true;
        return;
    }
    for (i = 0; i < n && !s->bad; i++) {
        int v = b64val(s->line[i]);
        if (v < 0) {
            if (s->line[i] == '=' || s->line[i] == ' ' || s->line[i] == '\t') continue;
            s->bad = true;                 /* headers (Proc-Type: ...) or junk */
            break;
        }
        s->acc = (s->acc << 6) | (uint32_t)v;
        s->bits += 6;
        if (s->bits >= 8) {
            s->bits -= 8;
            if (s->der_len >= sizeof(ca_der)) {
                s->bad = true;
                break;
            }
            ca_der[s->der_len++] = (uint8_t)(s->acc >> s->bits);
        }
    }
    if (s->want != NULL && !s->subject_seen && !s->bad) {
        size_t a = 0, e = 0;
        int r = der_subject_prefix(ca_der, s->der_len, &a, &e);
        if (r != 0) {
            s->subject_seen = true;
            /* a certificate, but not the issuer (or no certificate we can read) */
            if (r < 0 || e - a != s->want->len || memcmp(ca_der + a, s->want->p, e - a) != 0)
                s->skip = true;
        }
    }
}

/* Feed bytes; returns 1 once a count-only scan found a certificate. */
static int scan_feed(ca_scan_t *s, const unsigned char *p, size_t n)
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
        if (s->want == NULL && s->ncerts > 0) return 1;
        if (s->fatal) return 1;
    }
    return 0;
}

static void scan_end(ca_scan_t *s)
{
    if (s->line_len > 0) scan_line(s);
    s->line_len = 0;
    s->line_long = false;
    s->in_cert = false;
}

#ifndef IL_TLS_NO_FILES
/* Scan one file; -1 if it cannot be read. */
static int scan_file(ca_scan_t *s, const char *path)
{
    static unsigned char buf[16384];   /* a 220 KB system bundle in 14 reads, not 220 */
    struct stat st;
    int fd = open(path, O_RDONLY | O_CLOEXEC), rc = 0;
    if (fd < 0) return -1;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        close(fd);
        return -1;
    }
    for (;;) {
        ssize_t n = read(fd, buf, sizeof(buf));
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
            rc = -1;
            break;
        }
        if (n == 0) break;
        if (scan_feed(s, buf, (size_t)n)) break;
    }
    scan_end(s);
    close(fd);
    return rc;
}

/* Scan every regular file of a directory (c_rehash links included). */
static int scan_dir(ca_scan_t *s, const char *dir)
{
    static char path[512];
    size_t dlen = strlen(dir);
    int done = 0;
    if (dlen == 0 || dlen + 2 >= sizeof(path)) return -1;
    memcpy(path, dir, dlen);
    if (path[dlen - 1] != '/') path[dlen++] = '/';
#ifdef __linux__
    {
        long buf[256];     /* long-aligned, as struct linux_dirent64 needs */
        int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (fd < 0) return -1;
        while (!done) {
            long n = syscall(SYS_getdents64, fd, buf, sizeof(buf));
            size_t off = 0;
            if (n <= 0) break;
            while (off < (size_t)n && !done) {
                const unsigned char *d = (const unsigned char *)buf + off;
                unsigned short reclen;
                const char *name = (const char *)d + 19;
                size_t nlen;
                memcpy(&reclen, d + 16, sizeof(reclen));
                if (reclen == 0) break;
                off += reclen;
                nlen = strnlen(name, (size_t)reclen - 19);
                if (name[0] == '.' || dlen + nlen + 1 > sizeof(path)) continue;
                memcpy(path + dlen, name, nlen);
                path[dlen + nlen] = '\0';
                (void)scan_file(s, path);
                if (s->fatal || (s->want == NULL && s->ncerts > 0)) done = 1;
            }
        }
        close(fd);
    }
#else
    {
        DIR *d = opendir(dir);
        struct dirent *e;
        if (d == NULL) return -1;
        while (!done && (e = readdir(d)) != NULL) {
            size_t nlen = strlen(e->d_name);
            if (e->d_name[0] == '.' || dlen + nlen + 1 > sizeof(path)) continue;
            memcpy(path + dlen, e->d_name, nlen + 1);
            (void)scan_file(s, path);
            if (s->fatal || (s->want == NULL && s->ncerts > 0)) done = 1;
        }
        closedir(d);
    }
#endif
    return 0;
}
#endif

/* Scan the connection's CA source; -1 if it cannot be read. */
static int scan_source(const il_tls_ca_src_t *src, ca_scan_t *s)
{
    switch (src->kind) {
    case 1:
        (void)scan_feed(s, src->mem, src->mem_len);
        scan_end(s);
        return 0;
#ifndef IL_TLS_NO_FILES
    case 2:
        return scan_file(s, src->path);
    case 3:
        return scan_dir(s, src->path);
#endif
    default:
        return -1;
    }
}

/* 1 if the source holds at least one PEM certificate. */
static int source_usable(const il_tls_ca_src_t *src)
{
    ca_scan_t s;
    memset(&s, 0, sizeof(s));
    return scan_source(src, &s) == 0 && s.ncerts > 0;
}

/* mbedtls_x509_crt_ca_cb_t: the trusted CAs whose subject is child's issuer. */
static int ca_cb(void *ctx, mbedtls_x509_crt const *child, mbedtls_x509_crt **candidates)
{
    il_tls_conn_t *c = ctx;
    ca_scan_t s;
    memset(&s, 0, sizeof(s));
    s.want = &child->issuer_raw;
    *candidates = NULL;
    if (scan_source(&c->ca, &s) != 0 && s.fatal == 0) s.fatal = 1;
    if (s.fatal) {
        c->ca_err = s.fatal;
        if (s.found != NULL) {
            mbedtls_x509_crt_free(s.found);
            mbedtls_free(s.found);
        }
        return -1;
    }
    if (s.found != NULL && s.nfound == 0) {       /* allocated, nothing parsed */
        mbedtls_x509_crt_free(s.found);
        mbedtls_free(s.found);
        s.found = NULL;
    }
    *candidates = s.found;
    return 0;
}

/* Choose the trust anchors: ca_pem, ca_file, $SSL_CERT_FILE, $SSL_CERT_DIR,
 * then the usual system bundles and directories. */
static il_status_t choose_ca(il_tls_conn_t *c, const il_tls_options_t *opt)
{
    il_tls_ca_src_t *src = &c->ca;
    memset(src, 0, sizeof(*src));
    if (opt->ca_pem != NULL) {
        src->kind = 1;
        src->mem = opt->ca_pem;
        src->mem_len = opt->ca_pem_len;
        return source_usable(src) ? IL_OK : IL_ERR_TLS_CONFIG;
    }
#ifndef IL_TLS_NO_FILES
    {
        static const char *const files[] = {
            "/etc/ssl/certs/ca-certificates.crt",                /* Debian, Ubuntu, Alpine, Arch */
            "/etc/pki/tls/certs/ca-bundle.crt",                  /* Fedora, RHEL */
            "/etc/ssl/ca-bundle.pem",                            /* openSUSE */
            "/etc/pki/tls/cacert.pem",                           /* OpenELEC */
            "/etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem", /* CentOS, RHEL 7 */
            "/etc/ssl/cert.pem",                                 /* Alpine, BSD, macOS */
        };
        static const char *const dirs[] = { "/etc/ssl/certs", "/etc/pki/tls/certs" };
        const char *env;
        size_t i;
        if (opt->ca_file != NULL) {
            src->kind = 2;
            src->path = opt->ca_file;
            return source_usable(src) ? IL_OK : IL_ERR_TLS_CONFIG;
        }
        env = getenv("SSL_CERT_FILE");
        if (env != NULL && env[0] != '\0') {
            src->kind = 2;
            src->path = env;
            return source_usable(src) ? IL_OK : IL_ERR_TLS_CONFIG;
        }
        env = getenv("SSL_CERT_DIR");
        if (env != NULL && env[0] != '\0') {
            src->kind = 3;
            src->path = env;
            return source_usable(src) ? IL_OK : IL_ERR_TLS_CONFIG;
        }
        for (i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
            src->kind = 2;
            src->path = files[i];
            if (source_usable(src)) return IL_OK;
        }
        for (i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++) {
            src->kind = 3;
            src->path = dirs[i];
            if (source_usable(src)) return IL_OK;
        }
    }
#endif
    memset(src, 0, sizeof(*src));
    return IL_ERR_TLS_CONFIG;
}

/* ---- bio over the lower transport -------------------------------------- */

/* With IL_TLS_IO_BUF (Linux, il_tls_conn.h): the records mbedTLS writes
 * collect in io_wbuf until it reads (or a write, the handshake or the close
 * ends), so a flight (ClientKeyExchange, ChangeCipherSpec, Finished) is one
 * send; a small read fills io_rbuf with whatever has arrived, so a flight
 * is one receive, not a header and a body per record. Large reads (a 16 KB
 * record body) go straight to mbedTLS's buffer. One connection at a time,
 * like the pool. */
#if IL_TLS_IO_BUF
static unsigned char io_wbuf[IL_TLS_WBUF_SIZE];
static unsigned char io_rbuf[IL_TLS_RBUF_SIZE];

static int io_flush(il_tls_conn_t *c)
{
    size_t off = 0;
    while (off < c->wlen) {
        int32_t n = c->lower.send(c->lower.ctx, io_wbuf + off, c->wlen - off);
        if (n <= 0) {
            c->lower_err = n < 0 ? -n : (int32_t)IL_ERR_SEND;
            c->wlen = 0;
            return -1;
        }
        off += (size_t)n;
    }
    c->wlen = 0;
    return 0;
}
#endif

static int bio_send(void *ctx, const unsigned char *buf, size_t len)
{
    il_tls_conn_t *c = ctx;
    int32_t n;
    if (len > 0x40000000u) len = 0x40000000u;
#if IL_TLS_IO_BUF
    if (len > sizeof(io_wbuf) - c->wlen && io_flush(c) != 0) return IL_TLS_ERR_LOWER;
    if (len <= sizeof(io_wbuf) - c->wlen) {
        memcpy(io_wbuf + c->wlen, buf, len);
        c->wlen += len;
        return (int)len;
    }
#endif
    n = c->lower.send(c->lower.ctx, buf, len);
    if (n > 0) return (int)n;
    c->lower_err = n < 0 ? -n : (int32_t)IL_ERR_SEND;
    return IL_TLS_ERR_LOWER;
}

static int bio_recv(void *ctx, unsigned char *buf, size_t len)
{
    il_tls_conn_t *c = ctx;
    int32_t n;
    if (len > 0x40000000u) len = 0x40000000u;
#if IL_TLS_IO_BUF
    if (c->wlen > 0 && io_flush(c) != 0) return IL_TLS_ERR_LOWER;
    if (c->rpos < c->rlen) {
        size_t k = c->rlen - c->rpos < len ? c->rlen - c->rpos : len;
        memcpy(buf, io_rbuf + c->rpos, k);
        c->rpos += k;
        return (int)k;
    }
    if (len < sizeof(io_rbuf)) {
        n = c->lower.recv(c->lower.ctx, io_rbuf, sizeof(io_rbuf));
        if (n > 0) {
            size_t k = (size_t)n < len ? (size_t)n : len;
            memcpy(buf, io_rbuf, k);
            c->rpos = k;
            c->rlen = (size_t)n;
            return (int)k;
        }
        if (n == 0) return 0;
        c->lower_err = -n;
        return IL_TLS_ERR_LOWER;
    }
#endif
    n = c->lower.recv(c->lower.ctx, buf, len);
    if (n >= 0) return (int)n;                  /* 0: peer closed (CONN_EOF) */
    c->lower_err = -n;
    return IL_TLS_ERR_LOWER;
}

/* ---- errors -------------------------------------------------------------- */

static il_status_t map_verify_flags(uint32_t flags)
{
    if (flags & MBEDTLS_X509_BADCERT_NOT_TRUSTED) return IL_ERR_TLS_CA;
    if (flags & MBEDTLS_X509_BADCERT_EXPIRED) return IL_ERR_TLS_EXPIRED;
    if (flags & MBEDTLS_X509_BADCERT_FUTURE) return IL_ERR_TLS_FUTURE;
    if (flags & MBEDTLS_X509_BADCERT_CN_MISMATCH) return IL_ERR_TLS_NAME;
    return IL_ERR_TLS;   /* weak key or hash, key usage, ... */
}

static il_status_t map_error(il_tls_conn_t *c, int ret)
{
    if (c->lower_err != 0) return (il_status_t)c->lower_err;
    if (c->ca_err) return c->ca_err == 2 ? IL_ERR_TLS : IL_ERR_TLS_CONFIG;
    if (pool_failures != c->pool_failures) return IL_ERR_TLS;   /* pool too small: IL_TLS_POOL_SIZE */
    if (is_alloc_error(ret)) return IL_ERR_TLS;   /* pool too small: IL_TLS_POOL_SIZE */
    switch (ret) {
    case MBEDTLS_ERR_X509_CERT_VERIFY_FAILED:
        return map_verify_flags(mbedtls_ssl_get_verify_result(&c->ssl));
    case MBEDTLS_ERR_SSL_FATAL_ALERT_MESSAGE:
        if (c->ssl.in_msg != NULL && c->ssl.in_msg[1] == MBEDTLS_SSL_ALERT_MSG_PROTOCOL_VERSION)
            return IL_ERR_TLS_VERSION;
        return IL_ERR_TLS_HANDSHAKE;
    case MBEDTLS_ERR_SSL_BAD_HS_PROTOCOL_VERSION:
        return IL_ERR_TLS_VERSION;
    case MBEDTLS_ERR_SSL_INVALID_RECORD:
        return IL_ERR_TLS_NOT_TLS;
    case MBEDTLS_ERR_SSL_UNEXPECTED_MESSAGE:
    case MBEDTLS_ERR_SSL_BAD_HS_SERVER_HELLO:
    case MBEDTLS_ERR_SSL_UNEXPECTED_RECORD:
    case MBEDTLS_ERR_SSL_INVALID_MAC:
        /* nothing TLS-shaped came back before the ServerHello */
        return c->ssl.state <= MBEDTLS_SSL_SERVER_HELLO ? IL_ERR_TLS_NOT_TLS : IL_ERR_TLS_HANDSHAKE;
    case MBEDTLS_ERR_CTR_DRBG_ENTROPY_SOURCE_FAILED:
    case MBEDTLS_ERR_ENTROPY_SOURCE_FAILED:
        return IL_ERR_TLS;
    default:
        return IL_ERR_TLS_HANDSHAKE;   /* incl. CONN_EOF: the peer hung up mid-handshake */
    }
}

/* ---- connection ------------------------------------------------------------ */

static void release(il_tls_conn_t *c)
{
#if IL_TLS_IO_BUF
    il_wipe(io_wbuf, sizeof(io_wbuf));      /* records, as sent and received */
    il_wipe(io_rbuf, sizeof(io_rbuf));
    c->wlen = c->rpos = c->rlen = 0;
#endif
    mbedtls_ssl_free(&c->ssl);
    mbedtls_ssl_config_free(&c->conf);
    mbedtls_ctr_drbg_free(&c->drbg);
    mbedtls_entropy_free(&c->entropy);
    c->open = false;
    if (pool_in_use == 0) {  /* records and keys lived here: leave nothing behind */
        il_wipe(il_tls_pool.b, pool_hwm);
        pool_ready = false;  /* the block headers went too: one free block again */
        pool_first_free = 0;
    }
}

static il_status_t check_pin(il_tls_conn_t *c, const uint8_t *pin)
{
    const mbedtls_x509_crt *crt = mbedtls_ssl_get_peer_cert(&c->ssl);
    unsigned char h[32];
    unsigned diff = 0;
    size_t i;
    if (crt == NULL || crt->pk_raw.p == NULL) return IL_ERR_TLS_PIN;
    if (mbedtls_sha256_ret(crt->pk_raw.p, crt->pk_raw.len, h, 0) != 0) return IL_ERR_TLS;
    for (i = 0; i < sizeof(h); i++) diff |= (unsigned)(h[i] ^ pin[i]);
    return diff == 0 ? IL_OK : IL_ERR_TLS_PIN;
}

il_status_t il_tls_connect(il_tls_conn_t *c, const il_transport_t *lower,
                           const char *server_name, const il_tls_options_t *opt)
{
    /* Our preference order, sent in supported_groups: X25519 first where it is
     * built in (IL_TLS_X25519: HACL*, far cheaper than P-256's generic bignum
     * code), which both Go (its own order, X25519 first) and OpenSSL servers
     * (ours, unless told -serverpref) then choose; P-256 next. */
    static const mbedtls_ecp_group_id curves[] = {
#if defined(MBEDTLS_ECP_DP_CURVE25519_ENABLED)
        MBEDTLS_ECP_DP_CURVE25519,
#endif
        MBEDTLS_ECP_DP_SECP256R1, MBEDTLS_ECP_DP_SECP384R1, MBEDTLS_ECP_DP_SECP521R1,
        MBEDTLS_ECP_DP_NONE
    };
    static const int hashes[] = {
        MBEDTLS_MD_SHA256, MBEDTLS_MD_SHA384, MBEDTLS_MD_SHA512, MBEDTLS_MD_NONE
    };
    static const unsigned char pers[] = "influx-lite tls";
    static const il_tls_options_t no_options;
    il_status_t st;
    int ret;

    if (c == NULL || lower == NULL || lower->send == NULL || lower->recv == NULL ||
        server_name == NULL || server_name[0] == '\0')
        return IL_ERR_ARG;
    if (opt == NULL) opt = &no_options;
    pool_init();

    memset(c, 0, sizeof(*c));
    c->lower = *lower;
    c->pool_failures = pool_failures;
    mbedtls_ssl_init(&c->ssl);
    mbedtls_ssl_config_init(&c->conf);
    mbedtls_ctr_drbg_init(&c->drbg);
    mbedtls_entropy_init(&c->entropy);
    c->open = true;
    c->ip_len = parse_ip(server_name, c->ip);

    if (!opt->skip_verify) {
        st = choose_ca(c, opt);
        if (st != IL_OK) goto fail;
    }
    if (mbedtls_ctr_drbg_seed(&c->drbg, mbedtls_entropy_func, &c->entropy,
                              pers, sizeof(pers) - 1) != 0) {
        st = IL_ERR_TLS;
        goto fail;
    }
    if (mbedtls_ssl_config_defaults(&c->conf, MBEDTLS_SSL_IS_CLIENT, MBEDTLS_SSL_TRANSPORT_STREAM,
                                    MBEDTLS_SSL_PRESET_DEFAULT) != 0) {
        st = IL_ERR_TLS_CONFIG;
        goto fail;
    }
    mbedtls_ssl_conf_min_version(&c->conf, MBEDTLS_SSL_MAJOR_VERSION_3, MBEDTLS_SSL_MINOR_VERSION_3);
    mbedtls_ssl_conf_max_version(&c->conf, MBEDTLS_SSL_MAJOR_VERSION_3, MBEDTLS_SSL_MINOR_VERSION_3);
    mbedtls_ssl_conf_rng(&c->conf, mbedtls_ctr_drbg_random, &c->drbg);
    mbedtls_ssl_conf_curves(&c->conf, curves);
    mbedtls_ssl_conf_sig_hashes(&c->conf, hashes);
    mbedtls_ssl_conf_authmode(&c->conf, opt->skip_verify ? MBEDTLS_SSL_VERIFY_NONE
                                                         : MBEDTLS_SSL_VERIFY_REQUIRED);
    if (!opt->skip_verify) mbedtls_ssl_conf_ca_cb(&c->conf, ca_cb, c);
    mbedtls_ssl_conf_verify(&c->conf, verify_cb, c);

    ret = mbedtls_ssl_setup(&c->ssl, &c->conf);
    if (ret != 0) {
        st = map_error(c, ret);
        goto fail;
    }
    if (c->ip_len == 0 && (ret = mbedtls_ssl_set_hostname(&c->ssl, server_name)) != 0) {
        st = ret == MBEDTLS_ERR_SSL_BAD_INPUT_DATA ? IL_ERR_ARG   /* longer than 255 bytes */
                                                   : map_error(c, ret);
        goto fail;
    }
    mbedtls_ssl_set_bio(&c->ssl, c, bio_send, bio_recv, NULL);

    do {
        ret = mbedtls_ssl_handshake(&c->ssl);
    } while (ret == MBEDTLS_ERR_SSL_WANT_READ || ret == MBEDTLS_ERR_SSL_WANT_WRITE);
    if (ret != 0) {
        st = map_error(c, ret);
        goto fail;
    }
#if IL_TLS_IO_BUF
    if (io_flush(c) != 0) {
        st = map_error(c, IL_TLS_ERR_LOWER);
        goto fail;
    }
#endif
    if (opt->pin_sha256 != NULL) {
        st = check_pin(c, opt->pin_sha256);
        if (st != IL_OK) goto fail;
    }
    return IL_OK;

fail:
    release(c);
    return st;
}

/* ---- transport over the session ---------------------------------------- */

static int32_t tls_send(void *ctx, const uint8_t *data, size_t len)
{
    il_tls_conn_t *c = ctx;
    int ret;
    if (data == NULL || len == 0) return -(int32_t)IL_ERR_ARG;
    if (!c->open) return -(int32_t)IL_ERR_SEND;
    if (len > 0x40000000u) len = 0x40000000u;
    c->lower_err = 0;
    do {
        ret = mbedtls_ssl_write(&c->ssl, data, len);
    } while (ret == MBEDTLS_ERR_SSL_WANT_READ || ret == MBEDTLS_ERR_SSL_WANT_WRITE);
#if IL_TLS_IO_BUF
    if (ret > 0 && io_flush(c) != 0) return -c->lower_err;
#endif
    if (ret > 0) return (int32_t)ret;
    if (c->lower_err != 0) return -c->lower_err;
    return -(int32_t)IL_ERR_TLS;
}

static int32_t tls_recv(void *ctx, uint8_t *buf, size_t cap)
{
    il_tls_conn_t *c = ctx;
    int ret;
    if (buf == NULL || cap == 0) return -(int32_t)IL_ERR_ARG;
    if (!c->open) return -(int32_t)IL_ERR_RECV;
    if (cap > 0x40000000u) cap = 0x40000000u;
    c->lower_err = 0;
    do {
        ret = mbedtls_ssl_read(&c->ssl, buf, cap);
    } while (ret == MBEDTLS_ERR_SSL_WANT_READ || ret == MBEDTLS_ERR_SSL_WANT_WRITE);
    if (ret > 0) return (int32_t)ret;
    /* close_notify or a bare TCP close: both end the stream; HTTP framing
     * (Content-Length / chunked) catches a truncated answer */
    if (ret == 0 || ret == MBEDTLS_ERR_SSL_PEER_CLOSE_NOTIFY || ret == MBEDTLS_ERR_SSL_CONN_EOF)
        return 0;
    if (c->lower_err != 0) return -c->lower_err;
    return -(int32_t)IL_ERR_TLS;
}

void il_tls_transport(il_tls_conn_t *c, il_transport_t *t)
{
    t->ctx = c;
    t->send = tls_send;
    t->recv = tls_recv;
}

void il_tls_close(il_tls_conn_t *c)
{
    if (c == NULL || !c->open) return;
    c->lower_err = 0;
    (void)mbedtls_ssl_close_notify(&c->ssl);
#if IL_TLS_IO_BUF
    (void)io_flush(c);
#endif
    release(c);
}

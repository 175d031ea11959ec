/* SPDX-License-Identifier: Apache-2.0 */
/* fuzz_ca_scan.c - the streaming PEM scan of the TLS port's trust anchors
 * (port/mbedtls/tls.c: scan_feed, scan_line, der_subject_prefix, the
 * certificate match and parse), included whole so its static functions are
 * reachable.
 *
 * Input: byte 0 picks where the input is split in two feeds, byte 1 whether
 * the scan looks for the issuer "CN=fuzz" (the subject of the seed CA in the
 * corpus) or just counts certificates. Invariants:
 *  - the same input fed in one piece gives the same counts (split-independent);
 *  - a scan for an issuer finds at most IL_TLS_CA_MAX_MATCH candidates, and
 *    every certificate it parsed has exactly that subject;
 *  - after the candidates are freed the pool holds nothing. */
#include "fuzz_common.h"
#include "../../port/mbedtls/tls.c"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const unsigned char fuzz_subject[] = {0x30, 0x0f, 0x31, 0x0d, 0x30, 0x0b, 0x06, 0x03, 0x55, 0x04,
                                             0x03, 0x0c, 0x04, 'f', 'u', 'z', 'z'};

static void scan_run(ca_scan_t *s, const mbedtls_x509_buf *want, const uint8_t *d, size_t n, size_t split)
{
    memset(s, 0, sizeof(*s));
    s->want = want;
    if (scan_feed(s, d, split) == 0) (void)scan_feed(s, d + split, n - split);
    scan_end(s);
}

static void drop(ca_scan_t *s)
{
    if (s->found != NULL) {
        mbedtls_x509_crt_free(s->found);
        mbedtls_free(s->found);
        s->found = NULL;
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    mbedtls_x509_buf want;
    const mbedtls_x509_crt *c;
    ca_scan_t a, b;
    size_t split;
    if (size < 2) return 0;
    split = data[0] % (size - 1);
    want.tag = MBEDTLS_ASN1_CONSTRUCTED | MBEDTLS_ASN1_SEQUENCE;
    want.p = (unsigned char *)fuzz_subject;
    want.len = sizeof(fuzz_subject);
    data += 2;
    size -= 2;
    scan_run(&a, (data[-1] & 1) ? &want : NULL, data, size, split);
    scan_run(&b, a.want, data, size, size);
    FUZZ_CHECK(a.ncerts == b.ncerts && a.nfound == b.nfound && a.fatal == b.fatal);
    FUZZ_CHECK(a.nfound <= IL_TLS_CA_MAX_MATCH);
    for (c = a.found; c != NULL && c->raw.p != NULL; c = c->next)
        FUZZ_CHECK(c->subject_raw.len == sizeof(fuzz_subject) &&
                   memcmp(c->subject_raw.p, fuzz_subject, sizeof(fuzz_subject)) == 0);
    drop(&a);
    drop(&b);
    FUZZ_CHECK(il_tls_pool_in_use() == 0);
    return 0;
}

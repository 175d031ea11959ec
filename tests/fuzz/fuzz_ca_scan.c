/* SPDX-License-Identifier: Apache-2.0 */
/* fuzz_ca_scan.c - the streaming PEM scan of the TLS port's trust anchors
 * (port/mbedtls/ca_store.c through il_tls_ca.h: the line splitting, the
 * PEM/base64 decoding, der_subject_prefix, the certificate match and parse).
 *
 * Input: byte 0 picks where the input is split in two feeds, byte 1 whether
 * the scan looks for the issuer "CN=fuzz" (the subject of the seed CA in the
 * corpus) or just counts certificates. Invariants:
 *  - the same input fed in one piece gives the same counts (split-independent);
 *  - a scan for an issuer finds at most IL_TLS_CA_MAX_MATCH candidates, and
 *    every certificate it parsed has exactly that subject;
 *  - after the candidates are freed the pool holds nothing. */
#include <string.h>
#include "fuzz_common.h"
#include "il_tls_ca.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const unsigned char fuzz_subject[] = {0x30, 0x0f, 0x31, 0x0d, 0x30, 0x0b, 0x06, 0x03, 0x55, 0x04,
                                             0x03, 0x0c, 0x04, 'f', 'u', 'z', 'z'};

static void scan_run(il_tls_ca_scan_t *s, const mbedtls_x509_buf *want, const uint8_t *d, size_t n, size_t split)
{
    il_tls_ca_scan_start(s, want);
    if (!il_tls_ca_scan_feed(s, d, split)) (void)il_tls_ca_scan_feed(s, d + split, n - split);
    il_tls_ca_scan_end(s);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    mbedtls_x509_buf want;
    const mbedtls_x509_crt *c;
    il_tls_ca_scan_t a, b;
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
    FUZZ_CHECK(a.ncerts == b.ncerts && a.nfound == b.nfound && a.err == b.err);
    FUZZ_CHECK(a.nfound <= IL_TLS_CA_MAX_MATCH);
    for (c = a.found; c != NULL && c->raw.p != NULL; c = c->next)
        FUZZ_CHECK(c->subject_raw.len == sizeof(fuzz_subject) &&
                   memcmp(c->subject_raw.p, fuzz_subject, sizeof(fuzz_subject)) == 0);
    il_tls_ca_scan_free(&a);
    il_tls_ca_scan_free(&b);
    FUZZ_CHECK(il_tls_pool_in_use() == 0);
    return 0;
}

/* SPDX-License-Identifier: Apache-2.0 */
/* x509_rules.c - the TLS port's certificate rules on DER, without TLS:
 *
 *   x509_rules HOST ROOTS.pem LEAF.der [INTERMEDIATE.der ...]
 *
 * parses the chain as the TLS library does (il_tls_crt_parse_der), verifies
 * it with mbedTLS against the trust anchors in ROOTS.pem (the port's
 * streaming store) with the port's verify callback (il_tls_verify, Go's
 * rules), and prints the status's name on the first line and, on the
 * second, the cause the CLI prints for it (boards/linux/cli_cert_errors.c),
 * or "accepted". tests/tls/test_x509_rules.py drives it. Exit 0 unless the
 * arguments or files are unusable (2). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "il_tls_conn.h"
#include "il_tls_verify.h"
#include "cli_cert_errors.h"
#include "cli_out.h"
#if IL_TLS_1_3
#include "psa/crypto.h"
#endif

static il_tls_conn_t conn;
static unsigned char ca_pem[65536], der[16384];
static char out_mem[4096];

static size_t read_file(const char *path, unsigned char *buf, size_t cap)
{
    FILE *f = fopen(path, "rb");
    size_t n;
    if (f == NULL) {
        perror(path);
        exit(2);
    }
    n = fread(buf, 1, cap, f);
    fclose(f);
    if (n == cap) {
        fprintf(stderr, "%s: too large\n", path);
        exit(2);
    }
    return n;
}

static const char *status_name(il_status_t st)
{
#define IL_NAME_(name, cls, retry, text) case name: return #name;
    switch (st) {
        IL_STATUS_LIST(IL_NAME_)
    default: return "?";
    }
#undef IL_NAME_
}

int main(int argc, char **argv)
{
    il_tls_options_t opt;
    mbedtls_x509_crt chain;
    uint32_t flags = 0;
    il_status_t st;
    cli_buf_t b;
    int i, ret;
    if (argc < 4) {
        fprintf(stderr, "usage: x509_rules HOST ROOTS.pem LEAF.der [INTERMEDIATE.der ...]\n");
        return 2;
    }
#if IL_TLS_1_3
    if (psa_crypto_init() != PSA_SUCCESS) return 2;
#endif
    memset(&opt, 0, sizeof opt);
    opt.ca_pem = ca_pem;
    opt.ca_pem_len = read_file(argv[2], ca_pem, sizeof ca_pem - 1) + 1;
    if (il_tls_ca_choose(&conn.ca, &opt) != IL_OK) return 2;
    il_tls_ip_parse(&conn.ip, argv[1]);
    conn.verify.host = argv[1];
    mbedtls_x509_crt_init(&chain);
    for (i = 3; i < argc; i++) {
        size_t n = read_file(argv[i], der, sizeof der);
        if ((ret = il_tls_crt_parse_der(&chain, der, n)) != 0) {
            printf("parse\n%s: mbedTLS error -0x%04x\n", argv[i], (unsigned)-ret);
            return 0;
        }
    }
    ret = mbedtls_x509_crt_verify_with_ca_cb(&chain, il_tls_ca_lookup, &conn.ca, &mbedtls_x509_crt_profile_default,
                                             conn.ip.len != 0 ? NULL : argv[1], &flags, il_tls_verify, &conn);
    st = ret == 0 ? IL_OK : conn.verify.status != IL_OK ? conn.verify.status : il_tls_verify_flags_status(flags);
    cli_buf_init(&b, out_mem, sizeof out_mem);
    if (st == IL_OK) cli_puts(&b, "accepted");
    else if (cli_cert_status(st)) cli_put_cert_failure(&b, st, il_tls_cert_error(&conn), argv[1]);
    else cli_puts(&b, il_status_str(st));
    printf("%s\n%.*s\n", status_name(st), (int)b.len, b.p);
    mbedtls_x509_crt_free(&chain);
#if IL_TLS_1_3
    mbedtls_psa_crypto_free();
#endif
    return 0;
}

/* SPDX-License-Identifier: Apache-2.0 */
/* ct_check.c - valgrind memcheck as a constant-time checker for the crypto
 * the Linux builds compile with extra optimisation (port/mbedtls/rules.mk:
 * HACL*'s X25519 at -O3, AES/GCM at -O2 with AES-NI), for the fiat P-256
 * (port/mbedtls/p256.c, and p256_driver.c, the PSA driver TLS 1.3's key
 * share goes through) and for the port's SHA-256 blocks (sha256_x86.c,
 * through HMAC: valgrind's CPU has no SHA extensions, so the portable blocks
 * run; the SHA instructions' timing does not depend on the data). The secret inputs are marked undefined
 * (VALGRIND_MAKE_MEM_UNDEFINED): memcheck then reports every branch and every
 * memory address that depends on them, so
 *
 *   valgrind --error-exitcode=3 ct_check x25519|p256|p256-driver|gcm|sha256|leak-branch|leak-index
 *
 * exits 3 when the compiled code is not constant time in the secret, 1 when
 * an answer is wrong (RFC 7748 6.1, RFC 5903 8.1 for port/mbedtls/p256.c's
 * base-point comb and variable-point windows and for the driver's public key
 * and ECDH, McGrew-Viega GCM test case 2, RFC 4231 HMAC-SHA-256 test case 2),
 * 0 when all is well.
 * `leak-branch` and `leak-index` branch on a secret and index a table with
 * one on purpose: each must exit 3 (the method works). `gcm` prints
 * "aesni=0" and exits 0 on a CPU without AES-NI/PCLMULQDQ (mbedTLS then uses
 * tables, which are not constant time).
 * Built twice, against build/mbedtls/host and build/mbedtls/musl
 * (tests/tls/rules.mk); run by tests/tls/test_tls.py. aesni.h is one of
 * mbedTLS 3.x's private headers (library/): whether mbedTLS itself uses
 * AES-NI on this CPU. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include "memcheck.h"
#include "aesni.h"
#include "mbedtls/gcm.h"
#include "mbedtls/md.h"
#include "p256.h"
#include "psa/crypto.h"
#include "p256-m_driver_entrypoints.h"

/* 3rdparty/everest/include/everest/Hacl_Curve25519.h (its kremlib headers
 * need include paths of their own) */
void Hacl_Curve25519_crypto_scalarmult(uint8_t *mypublic, uint8_t *secret, uint8_t *basepoint);

static void unhex(const char *s, uint8_t *out, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++) {
        unsigned v;
        if (sscanf(s + 2 * i, "%2x", &v) != 1) v = 0;
        out[i] = (uint8_t)v;
    }
}

/* Compare a result only once it is declared public. */
static int same(const char *what, uint8_t *got, const char *want_hex, size_t n)
{
    uint8_t want[64];
    unhex(want_hex, want, n);
    VALGRIND_MAKE_MEM_DEFINED(got, n);
    if (memcmp(got, want, n) != 0) {
        printf("%s: wrong answer\n", what);
        return 1;
    }
    return 0;
}

static int x25519(void)
{
    /* RFC 7748 section 6.1 */
    static const char a_priv[] = "77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a";
    static const char a_pub[] = "8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a";
    static const char b_priv[] = "5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb";
    static const char b_pub[] = "de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f";
    static const char shared[] = "4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742";
    uint8_t a[32], b[32], base[32] = { 9 }, pa[32], pb[32], peer[32], k1[32], k2[32];
    int bad = 0;
    unhex(a_priv, a, 32);
    unhex(b_priv, b, 32);
    VALGRIND_MAKE_MEM_UNDEFINED(a, sizeof(a));
    VALGRIND_MAKE_MEM_UNDEFINED(b, sizeof(b));
    Hacl_Curve25519_crypto_scalarmult(pa, a, base);      /* key generation */
    Hacl_Curve25519_crypto_scalarmult(pb, b, base);
    bad |= same("alice public", pa, a_pub, 32);
    bad |= same("bob public", pb, b_pub, 32);
    unhex(b_pub, peer, 32);
    Hacl_Curve25519_crypto_scalarmult(k1, a, peer);      /* shared secret */
    unhex(a_pub, peer, 32);
    Hacl_Curve25519_crypto_scalarmult(k2, b, peer);
    bad |= same("alice shared", k1, shared, 32);
    bad |= same("bob shared", k2, shared, 32);
    return bad;
}

static int p256(void)
{
    /* RFC 5903 section 8.1 */
    static const char i_priv[] = "c88f01f510d9ac3f70a292daa2316de544e9aab8afe84049c62a9c57862d1433";
    static const char gix[] = "dad0b65394221cf9b051e1feca5787d098dfe637fc90b9ef945d0c3772581180";
    static const char giy[] = "5271a0461cdb8252d61f1c456fa3e59ab1f45b33accf5f58389e0577b8990bb3";
    static const char grx[] = "d12dfb5289c8d4f81208b70270398c342296970a0bccb74c736fc7554494bf63";
    static const char gry[] = "56fbf3ca366cc23e8157854c13c58d6aac23f046ada30f8353e74f33039872ab";
    static const char girx[] = "d6840f6b42f6edafd13116e0e12565202fef8e9ece7dce03812464d04b9442de";
    uint8_t k[32], px[32], py[32], x[32], y[32];
    int ok, bad = 0;
    unhex(i_priv, k, 32);
    VALGRIND_MAKE_MEM_UNDEFINED(k, sizeof(k));
    ok = il_p256_mul(x, y, k, NULL, NULL);                /* key generation */
    VALGRIND_MAKE_MEM_DEFINED(&ok, sizeof(ok));
    bad |= !ok;
    bad |= same("p256 public x", x, gix, 32);
    bad |= same("p256 public y", y, giy, 32);
    unhex(grx, px, 32);
    unhex(gry, py, 32);
    ok = il_p256_mul(x, y, k, px, py);                    /* shared secret */
    VALGRIND_MAKE_MEM_DEFINED(&ok, sizeof(ok));
    bad |= !ok;
    bad |= same("p256 shared x", x, girx, 32);
    return bad;
}

/* The same RFC 5903 8.1 exchange through the PSA driver's entry points, as
 * PSA calls them for TLS 1.3: the public key of a key pair, then ECDH. */
static int p256_driver(void)
{
    static const char i_priv[] = "c88f01f510d9ac3f70a292daa2316de544e9aab8afe84049c62a9c57862d1433";
    static const char gi[] = "dad0b65394221cf9b051e1feca5787d098dfe637fc90b9ef945d0c3772581180"
                             "5271a0461cdb8252d61f1c456fa3e59ab1f45b33accf5f58389e0577b8990bb3";
    static const char gr[] = "d12dfb5289c8d4f81208b70270398c342296970a0bccb74c736fc7554494bf63"
                             "56fbf3ca366cc23e8157854c13c58d6aac23f046ada30f8353e74f33039872ab";
    static const char girx[] = "d6840f6b42f6edafd13116e0e12565202fef8e9ece7dce03812464d04b9442de";
    psa_key_attributes_t attr = psa_key_attributes_init();
    uint8_t k[32], pub[65], peer[65], z[32];
    size_t n = 0;
    psa_status_t st;
    int bad = 0;
    psa_set_key_type(&attr, PSA_KEY_TYPE_ECC_KEY_PAIR(PSA_ECC_FAMILY_SECP_R1));
    psa_set_key_bits(&attr, 256);
    unhex(i_priv, k, 32);
    VALGRIND_MAKE_MEM_UNDEFINED(k, sizeof(k));
    st = p256_transparent_export_public_key(&attr, k, sizeof(k), pub, sizeof(pub), &n);
    VALGRIND_MAKE_MEM_DEFINED(&st, sizeof(st));        /* results, public from here on */
    VALGRIND_MAKE_MEM_DEFINED(&n, sizeof(n));
    VALGRIND_MAKE_MEM_DEFINED(pub, sizeof(pub));
    bad |= st != PSA_SUCCESS || n != 65 || pub[0] != 4;
    bad |= same("driver public key", pub + 1, gi, 64);
    peer[0] = 4;
    unhex(gr, peer + 1, 64);
    st = p256_transparent_key_agreement(&attr, k, sizeof(k), PSA_ALG_ECDH, peer, sizeof(peer), z, sizeof(z), &n);
    VALGRIND_MAKE_MEM_DEFINED(&st, sizeof(st));
    VALGRIND_MAKE_MEM_DEFINED(&n, sizeof(n));
    bad |= st != PSA_SUCCESS || n != 32;
    bad |= same("driver shared x", z, girx, 32);
    return bad;
}

static int gcm(void)
{
    /* McGrew-Viega "The Galois/Counter Mode of Operation", test case 2 */
    uint8_t key[16] = { 0 }, iv[12] = { 0 }, pt[16] = { 0 }, ct[16], tag[16];
    mbedtls_gcm_context g;
    int bad = 0, aesni;
#if defined(MBEDTLS_AESNI_HAVE_CODE)
    aesni = mbedtls_aesni_has_support(MBEDTLS_AESNI_AES) && mbedtls_aesni_has_support(MBEDTLS_AESNI_CLMUL);
#else
    aesni = 0;
#endif
    printf("aesni=%d\n", aesni);
    if (!aesni) return 0;
    VALGRIND_MAKE_MEM_UNDEFINED(key, sizeof(key));
    VALGRIND_MAKE_MEM_UNDEFINED(pt, sizeof(pt));
    mbedtls_gcm_init(&g);
    if (mbedtls_gcm_setkey(&g, MBEDTLS_CIPHER_ID_AES, key, 128) != 0 ||
        mbedtls_gcm_crypt_and_tag(&g, MBEDTLS_GCM_ENCRYPT, sizeof(pt), iv, sizeof(iv), NULL, 0,
                                  pt, ct, sizeof(tag), tag) != 0) {
        printf("gcm: error\n");
        bad = 1;
    }
    mbedtls_gcm_free(&g);
    bad |= same("gcm ciphertext", ct, "0388dace60b6a392f328c2b971b2fe78", 16);
    bad |= same("gcm tag", tag, "ab6e47d42cec13bdf53a67b21257bddf", 16);
    return bad;
}

/* HMAC-SHA-256 with a secret key: the SHA-256 blocks (RFC 4231, test case 2). */
static int sha256(void)
{
    uint8_t key[4] = { 'J', 'e', 'f', 'e' }, mac[32];
    static const char data[] = "what do ya want for nothing?";
    const mbedtls_md_info_t *md = mbedtls_md_info_from_type(MBEDTLS_MD_SHA256);
    VALGRIND_MAKE_MEM_UNDEFINED(key, sizeof(key));
    if (md == NULL || mbedtls_md_hmac(md, key, sizeof(key), (const unsigned char *)data, sizeof(data) - 1, mac) != 0) {
        printf("sha256: error\n");
        return 1;
    }
    return same("hmac-sha256", mac, "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843", 32);
}

/* What the checker must catch: a branch on a secret, and a table index
 * made of a secret (how table-based AES leaks). */
static int leak(int by_index)
{
    static const uint8_t table[256] = { 1, 2, 3 };
    volatile uint8_t s[1] = { 1 };
    uint8_t v;
    VALGRIND_MAKE_MEM_UNDEFINED((void *)s, 1);
    if (by_index) {
        v = table[s[0]];
        VALGRIND_MAKE_MEM_DEFINED(&v, 1);
        printf("looked up %u\n", v);
    } else if (s[0] == 1) {
        printf("branched on a secret\n");
    }
    return 0;
}

int main(int argc, char **argv)
{
    int bad;
    if (argc != 2) {
        fprintf(stderr, "usage: ct_check x25519|p256|p256-driver|gcm|sha256|leak-branch|leak-index\n");
        return 2;
    }
    if (strcmp(argv[1], "x25519") == 0) bad = x25519();
    else if (strcmp(argv[1], "p256") == 0) bad = p256();
    else if (strcmp(argv[1], "p256-driver") == 0) bad = p256_driver();
    else if (strcmp(argv[1], "gcm") == 0) bad = gcm();
    else if (strcmp(argv[1], "sha256") == 0) bad = sha256();
    else if (strcmp(argv[1], "leak-branch") == 0) bad = leak(0);
    else if (strcmp(argv[1], "leak-index") == 0) bad = leak(1);
    else return 2;
    printf("%s: %s\n", argv[1], bad ? "wrong" : "ok");
    return bad ? 1 : 0;
}

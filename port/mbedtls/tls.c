/* SPDX-License-Identifier: Apache-2.0 */
/* tls.c - il_tls.h on mbedTLS 3.6: a TLS 1.3 and 1.2 client over any
 * il_transport_t.
 *
 * A connection is configured (trust anchors, random generator, protocol),
 * set up on the server name, handshaken and, when asked, pinned; its records
 * go through the lower transport by the bio below, which also turns the
 * lower transport's errors into il_status_t values; mbedTLS's own errors
 * become il_status_t values (and the alert behind them) in map_error.
 * Memory comes from the static pool (pool.c), trust anchors from the
 * streaming store (ca_store.c), and the chain is judged by Go's rules
 * (x509_verify.c). The pool and the record buffers are
 * shared: one connection at a time, or one inside another (TLS through an
 * https:// proxy's tunnel, the inner opened and closed while the outer
 * lives: the buffers serve the outer one, the pool both).
 *
 * With TLS 1.3 (IL_TLS_1_3), PSA Crypto lives while a connection does:
 * psa_crypto_init() when one starts, mbedtls_psa_crypto_free() when the last ends,
 * so that its keys and its random generator's state leave the pool, which is
 * then wiped, as the records' buffers are. PSA's generator is the
 * connection's; a TLS 1.2-only build keeps its own entropy and CTR_DRBG.
 *
 * Nothing here prints: errors are il_status_t values. */
#include <string.h>
#include "il_tls_conn.h"
#include "il_tls_pool.h"
#include "il_wipe.h"
#include "mbedtls/sha256.h"
#if IL_TLS_1_3
#include "mbedtls/psa_util.h"
#include "psa/crypto.h"
#endif

/* bio's "the lower transport failed" (= MBEDTLS_ERR_NET_RECV_FAILED); the
 * lower transport's own status is kept in c->lower_err. */
#define IL_TLS_ERR_LOWER (-0x004C)

/* The most bytes one call passes on: mbedTLS and il_transport_t return
 * counts as int and int32_t. */
#define IO_LEN_MAX 0x40000000u

size_t il_tls_conn_size(void)
{
    return sizeof(il_tls_conn_t);
}

/* ---- bio over the lower transport -------------------------------------- */

/* With IL_TLS_IO_BUF (il_tls_config.h): the records mbedTLS writes collect
 * in io_wbuf until it reads (or a write, the handshake or the close ends),
 * so a flight (ClientKeyExchange, ChangeCipherSpec, Finished) is one send;
 * a small read fills io_rbuf with whatever has arrived, so a flight is one
 * receive, not a header and a body per record. Large reads (a whole record
 * body) go straight to mbedTLS's buffer. */
#if IL_TLS_IO_BUF
static unsigned char io_wbuf[IL_TLS_WBUF_SIZE];
static unsigned char io_rbuf[IL_TLS_RBUF_SIZE];
/* The connection the two buffers serve: the first one opened. A connection
 * opened while it lives (TLS inside TLS: an https:// proxy's tunnel) goes
 * straight through to its lower transport. */
static const il_tls_conn_t *io_owner;

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
    if (len > IO_LEN_MAX) len = IO_LEN_MAX;
#if IL_TLS_IO_BUF
    if (c == io_owner && len > sizeof(io_wbuf) - c->wlen && io_flush(c) != 0) return IL_TLS_ERR_LOWER;
    if (c == io_owner && len <= sizeof(io_wbuf) - c->wlen) {
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
    if (len > IO_LEN_MAX) len = IO_LEN_MAX;
#if IL_TLS_IO_BUF
    if (c->wlen > 0 && io_flush(c) != 0) return IL_TLS_ERR_LOWER;
    if (c->rpos < c->rlen) {
        size_t k = c->rlen - c->rpos < len ? c->rlen - c->rpos : len;
        memcpy(buf, io_rbuf + c->rpos, k);
        c->rpos += k;
        return (int)k;
    }
    if (c == io_owner && len < sizeof(io_rbuf)) {
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

/* TLS alert descriptions (RFC 8446 6.2) this file names. */
enum {
    ALERT_UNEXPECTED_MESSAGE = 10, ALERT_BAD_RECORD_MAC = 20, ALERT_HANDSHAKE_FAILURE = 40,
    ALERT_BAD_CERTIFICATE = 42, ALERT_ILLEGAL_PARAMETER = 47, ALERT_DECODE_ERROR = 50,
    ALERT_PROTOCOL_VERSION = 70, ALERT_INTERNAL_ERROR = 80, ALERT_UNSUPPORTED_EXTENSION = 110
};

/* The alert mbedTLS sends with each error the client detects itself, where
 * it does not record it (TLS 1.2's code sends most alerts directly). */
static const struct tls_local_alert {
    int ret;
    unsigned char alert;
} tls_local_alerts[] = {
    {MBEDTLS_ERR_SSL_INVALID_MAC, ALERT_BAD_RECORD_MAC},
    {MBEDTLS_ERR_SSL_UNEXPECTED_MESSAGE, ALERT_UNEXPECTED_MESSAGE},
    {MBEDTLS_ERR_SSL_UNEXPECTED_RECORD, ALERT_UNEXPECTED_MESSAGE},
    {MBEDTLS_ERR_SSL_HANDSHAKE_FAILURE, ALERT_HANDSHAKE_FAILURE},
    {MBEDTLS_ERR_SSL_BAD_CERTIFICATE, ALERT_BAD_CERTIFICATE},
    {MBEDTLS_ERR_SSL_ILLEGAL_PARAMETER, ALERT_ILLEGAL_PARAMETER},
    {MBEDTLS_ERR_SSL_DECODE_ERROR, ALERT_DECODE_ERROR},
    {MBEDTLS_ERR_SSL_INVALID_RECORD, ALERT_DECODE_ERROR},
    {MBEDTLS_ERR_SSL_UNSUPPORTED_EXTENSION, ALERT_UNSUPPORTED_EXTENSION},
    {MBEDTLS_ERR_SSL_BAD_PROTOCOL_VERSION, ALERT_PROTOCOL_VERSION},
};

/* The alert the client sent, or would have sent, for ret: the one mbedTLS
 * recorded as pending (its TLS 1.3 code does), else the table's; -1 for an
 * error that is not about what the peer sent. */
static int tls_local_alert(const il_tls_conn_t *c, int ret)
{
    size_t i;
    if (c->ssl.MBEDTLS_PRIVATE(alert_type) != 0) return c->ssl.MBEDTLS_PRIVATE(alert_type);
    for (i = 0; i < sizeof(tls_local_alerts) / sizeof(tls_local_alerts[0]); i++)
        if (tls_local_alerts[i].ret == ret) return tls_local_alerts[i].alert;
    return -1;
}

/* What mbedTLS keeps only in the SSL context's private state: the
 * description byte of the alert last received, and whether the handshake
 * was still waiting for the (first) ServerHello. */
static int tls_alert_received(const il_tls_conn_t *c)
{
    const unsigned char *msg = c->ssl.MBEDTLS_PRIVATE(in_msg);
    return msg != NULL ? msg[1] : -1;
}

static bool tls_before_server_hello(const il_tls_conn_t *c)
{
    return c->ssl.MBEDTLS_PRIVATE(state) <= MBEDTLS_SSL_SERVER_HELLO;
}

/* The first record could not be read: its header is not a TLS record's
 * (what Go calls "first record does not look like a TLS handshake": a
 * plain HTTP server, another protocol). A well-formed record with wrong
 * contents is something else: the client refused it. */
static bool tls_not_tls(const il_tls_conn_t *c, int ret)
{
    return ret == MBEDTLS_ERR_SSL_INVALID_RECORD && tls_before_server_hello(c);
}

/* The status of an mbedTLS error code itself, and c->alert: in the
 * handshake (in_handshake) or on the records after it. Only an alert the
 * server sent is IL_ERR_TLS_ALERT; what the client refuses itself is
 * IL_ERR_TLS_HANDSHAKE or _RECORD, with the alert it sent. */
static il_status_t map_mbedtls_error(il_tls_conn_t *c, int ret, bool in_handshake)
{
    if (ret == MBEDTLS_ERR_X509_CERT_VERIFY_FAILED)   /* Go's verdict (x509_verify.c), else mbedTLS's */
        return c->verify.status != IL_OK ? c->verify.status
                                         : il_tls_verify_flags_status(mbedtls_ssl_get_verify_result(&c->ssl));
    if (ret == MBEDTLS_ERR_SSL_FATAL_ALERT_MESSAGE) {
        c->alert = tls_alert_received(c);
        return IL_ERR_TLS_ALERT;
    }
    if (ret == MBEDTLS_ERR_SSL_CONN_EOF || ret == MBEDTLS_ERR_SSL_PEER_CLOSE_NOTIFY) return IL_ERR_TLS_EOF;
    if (in_handshake && tls_not_tls(c, ret)) return IL_ERR_TLS_NOT_TLS;
    c->alert = tls_local_alert(c, ret);
    if (ret == MBEDTLS_ERR_SSL_BAD_PROTOCOL_VERSION) return IL_ERR_TLS_VERSION;
    if (in_handshake) return c->alert >= 0 ? IL_ERR_TLS_HANDSHAKE : IL_ERR_TLS;   /* e.g. entropy */
    if (c->alert < 0) c->alert = ALERT_INTERNAL_ERROR;
    return IL_ERR_TLS_RECORD;
}

/* The status of a failed mbedTLS call, from what is known besides its code,
 * most specific first: the lower transport's error, a trust-anchor lookup
 * that failed, the pool running out (IL_TLS_POOL_SIZE too small: mbedTLS
 * reports some of those as "not trusted" or as a failed handshake), then
 * the code. */
static il_status_t map_error(il_tls_conn_t *c, int ret, bool in_handshake)
{
    c->alert = -1;
    if (c->lower_err != 0) return (il_status_t)c->lower_err;
    if (c->ca.err == IL_TLS_CA_TIMEOUT) return IL_ERR_TIMEOUT;
    if (c->ca.err == IL_TLS_CA_NO_MEMORY) return IL_ERR_TLS_MEMORY;
    if (c->ca.err != IL_TLS_CA_OK) return IL_ERR_TLS_CONFIG;
    if (il_tls_pool_failures() != c->pool_failures || il_tls_pool_alloc_error(ret)) return IL_ERR_TLS_MEMORY;
    return map_mbedtls_error(c, ret, in_handshake);
}

int il_tls_alert(const il_tls_conn_t *c)
{
    return c != NULL ? c->alert : -1;
}

/* ---- connection ------------------------------------------------------------ */

#if IL_TLS_1_3
/* The open connections that use PSA, which is process-wide: two at once for
 * TLS inside TLS (an https:// proxy's tunnel); freed when the last ends. */
static unsigned tls_psa_users;
#endif

static void tls_init(il_tls_conn_t *c, const il_transport_t *lower, const char *server_name)
{
    memset(c, 0, sizeof(*c));
    c->lower = *lower;
    c->alert = -1;
    c->pool_failures = il_tls_pool_failures();
    mbedtls_ssl_init(&c->ssl);
    mbedtls_ssl_config_init(&c->conf);
#if !IL_TLS_1_3
    mbedtls_ctr_drbg_init(&c->drbg);
    mbedtls_entropy_init(&c->entropy);
#endif
    c->open = true;
#if IL_TLS_IO_BUF
    if (io_owner == NULL) io_owner = c;
#endif
    il_tls_ip_parse(&c->ip, server_name);
}

static void tls_release(il_tls_conn_t *c)
{
#if IL_TLS_IO_BUF
    if (c == io_owner) {
        il_wipe(io_wbuf, sizeof(io_wbuf));  /* records, as sent and received */
        il_wipe(io_rbuf, sizeof(io_rbuf));
        io_owner = NULL;
    }
    c->wlen = c->rpos = c->rlen = 0;
#endif
    mbedtls_ssl_free(&c->ssl);
    mbedtls_ssl_config_free(&c->conf);
#if IL_TLS_1_3
    if (c->psa && --tls_psa_users == 0)
        mbedtls_psa_crypto_free();          /* its key slots and generator state, out of the pool */
    c->psa = false;
#else
    mbedtls_ctr_drbg_free(&c->drbg);
    mbedtls_entropy_free(&c->entropy);
#endif
    c->open = false;
    il_tls_pool_wipe();                     /* records and keys lived there (once none is open) */
}

/* The versions (TLS 1.3 and 1.2, or 1.2 alone), groups and signature
 * algorithms offered. */
static void tls_conf_protocol(mbedtls_ssl_config *conf)
{
    /* The groups in our order of preference, sent in supported_groups; TLS
     * 1.3 sends a key share for the first only. P-256 first: InfluxDB's own
     * TLS (Go, CurvePreferences P-521, P-384, P-256) takes it at once, where
     * any group outside its list earns a HelloRetryRequest for P-521, by far
     * the dearest; p256.c makes P-256 the cheapest here too. X25519 next,
     * for servers that prefer it (Go's and OpenSSL's defaults). */
    static const uint16_t groups[] = {
        MBEDTLS_SSL_IANA_TLS_GROUP_SECP256R1,
#if defined(MBEDTLS_ECP_DP_CURVE25519_ENABLED)
        MBEDTLS_SSL_IANA_TLS_GROUP_X25519,
#endif
#if defined(MBEDTLS_ECP_DP_SECP384R1_ENABLED)   /* a build without them (IL_TLS_P384 0) must not offer them */
        MBEDTLS_SSL_IANA_TLS_GROUP_SECP384R1, MBEDTLS_SSL_IANA_TLS_GROUP_SECP521R1,
#endif
        MBEDTLS_SSL_IANA_TLS_GROUP_NONE
    };
    /* The server's signature (TLS 1.2's ServerKeyExchange, TLS 1.3's
     * CertificateVerify), one list for both versions: ECDSA, then RSA-PSS
     * (all TLS 1.3 allows for RSA keys), then PKCS#1 v1.5 (TLS 1.2); SHA-256
     * first. The chain's own signatures follow the X.509 profile instead. */
    static const uint16_t sig_algs[] = {
        MBEDTLS_TLS1_3_SIG_ECDSA_SECP256R1_SHA256,
#if defined(MBEDTLS_ECP_DP_SECP384R1_ENABLED) && defined(MBEDTLS_SHA512_C)
        MBEDTLS_TLS1_3_SIG_ECDSA_SECP384R1_SHA384, MBEDTLS_TLS1_3_SIG_ECDSA_SECP521R1_SHA512,
#endif
#if defined(MBEDTLS_RSA_C)
        MBEDTLS_TLS1_3_SIG_RSA_PSS_RSAE_SHA256,
#if defined(MBEDTLS_SHA512_C)
        MBEDTLS_TLS1_3_SIG_RSA_PSS_RSAE_SHA384, MBEDTLS_TLS1_3_SIG_RSA_PSS_RSAE_SHA512,
#endif
        MBEDTLS_TLS1_3_SIG_RSA_PKCS1_SHA256,
#if defined(MBEDTLS_SHA512_C)
        MBEDTLS_TLS1_3_SIG_RSA_PKCS1_SHA384, MBEDTLS_TLS1_3_SIG_RSA_PKCS1_SHA512,
#endif
#endif
        MBEDTLS_TLS1_3_SIG_NONE
    };
#if defined(MBEDTLS_SSL_PROTO_TLS1_2)
    mbedtls_ssl_conf_min_tls_version(conf, MBEDTLS_SSL_VERSION_TLS1_2);
#else
    mbedtls_ssl_conf_min_tls_version(conf, MBEDTLS_SSL_VERSION_TLS1_3);   /* IL_TLS_1_2 0 */
#endif
#if IL_TLS_1_3
    mbedtls_ssl_conf_max_tls_version(conf, MBEDTLS_SSL_VERSION_TLS1_3);
#else
    mbedtls_ssl_conf_max_tls_version(conf, MBEDTLS_SSL_VERSION_TLS1_2);
#endif
    mbedtls_ssl_conf_groups(conf, groups);
    mbedtls_ssl_conf_sig_algs(conf, sig_algs);
}

/* The connection's random generator: PSA's (TLS 1.3 needs PSA anyway), or
 * its own CTR_DRBG over the entropy source. (mbedTLS 4.x has PSA's only, and
 * no mbedtls_ssl_conf_rng.) */
static il_status_t tls_random(il_tls_conn_t *c)
{
#if IL_TLS_1_3
    if (psa_crypto_init() != PSA_SUCCESS) return map_error(c, 0, true);
    c->psa = true;
    tls_psa_users++;
    mbedtls_ssl_conf_rng(&c->conf, mbedtls_psa_get_random, MBEDTLS_PSA_RANDOM_STATE);
#else
    static const unsigned char pers[] = "influx-lite tls";
    int ret = mbedtls_ctr_drbg_seed(&c->drbg, mbedtls_entropy_func, &c->entropy, pers, sizeof(pers) - 1);
    if (ret != 0) return map_error(c, ret, true);
    mbedtls_ssl_conf_rng(&c->conf, mbedtls_ctr_drbg_random, &c->drbg);
#endif
    return IL_OK;
}

/* The trust anchors, the random generator and the configuration. */
static il_status_t tls_configure(il_tls_conn_t *c, const il_tls_options_t *opt)
{
    il_status_t st;
    if (!opt->skip_verify && (st = il_tls_ca_choose(&c->ca, opt)) != IL_OK) return st;
    if ((st = tls_random(c)) != IL_OK) return st;
    if (mbedtls_ssl_config_defaults(&c->conf, MBEDTLS_SSL_IS_CLIENT, MBEDTLS_SSL_TRANSPORT_STREAM,
                                    MBEDTLS_SSL_PRESET_DEFAULT) != 0)
        return IL_ERR_TLS_CONFIG;
    tls_conf_protocol(&c->conf);
    mbedtls_ssl_conf_authmode(&c->conf, opt->skip_verify ? MBEDTLS_SSL_VERIFY_NONE : MBEDTLS_SSL_VERIFY_REQUIRED);
    if (!opt->skip_verify) mbedtls_ssl_conf_ca_cb(&c->conf, il_tls_ca_lookup, &c->ca);
    mbedtls_ssl_conf_verify(&c->conf, il_tls_verify, c);
    return IL_OK;
}

/* The SSL context on the configuration: the server name (a DNS name for SNI
 * and the dNSName check; an IP literal is checked by ip_name.c, and NULL
 * tells mbedTLS so: it refuses to verify a chain without a name set) and
 * the bio. */
static il_status_t tls_setup(il_tls_conn_t *c, const char *server_name)
{
    int ret = mbedtls_ssl_setup(&c->ssl, &c->conf);
    if (ret != 0) return map_error(c, ret, true);
    if ((ret = mbedtls_ssl_set_hostname(&c->ssl, c->ip.len == 0 ? server_name : NULL)) != 0)
        return ret == MBEDTLS_ERR_SSL_BAD_INPUT_DATA ? IL_ERR_ARG   /* longer than 255 bytes */
                                                     : map_error(c, ret, true);
    mbedtls_ssl_set_bio(&c->ssl, c, bio_send, bio_recv, NULL);
    return IL_OK;
}

static il_status_t tls_handshake(il_tls_conn_t *c)
{
    int ret;
    do {
        ret = mbedtls_ssl_handshake(&c->ssl);
    } while (ret == MBEDTLS_ERR_SSL_WANT_READ || ret == MBEDTLS_ERR_SSL_WANT_WRITE);
    if (ret != 0) return map_error(c, ret, true);
#if IL_TLS_IO_BUF
    if (io_flush(c) != 0) return map_error(c, IL_TLS_ERR_LOWER, true);
#endif
    return IL_OK;
}

/* The server's SubjectPublicKeyInfo hashes to pin (compared in constant time). */
static il_status_t tls_check_pin(const il_tls_conn_t *c, const uint8_t *pin)
{
    const mbedtls_x509_crt *crt = mbedtls_ssl_get_peer_cert(&c->ssl);
    unsigned char h[32];
    unsigned diff = 0;
    size_t i;
    if (crt == NULL || crt->pk_raw.p == NULL) return IL_ERR_TLS_PIN;
    if (mbedtls_sha256(crt->pk_raw.p, crt->pk_raw.len, h, 0) != 0) return IL_ERR_TLS;
    for (i = 0; i < sizeof(h); i++) diff |= (unsigned)(h[i] ^ pin[i]);
    return diff == 0 ? IL_OK : IL_ERR_TLS_PIN;
}

il_status_t il_tls_connect(il_tls_conn_t *c, const il_transport_t *lower,
                           const char *server_name, const il_tls_options_t *opt)
{
    static const il_tls_options_t no_options;
    il_status_t st;
    if (c == NULL || lower == NULL || lower->send == NULL || lower->recv == NULL ||
        server_name == NULL || server_name[0] == '\0')
        return IL_ERR_ARG;
    if (opt == NULL) opt = &no_options;
    tls_init(c, lower, server_name);
    c->verify.host = server_name;
    st = tls_configure(c, opt);
    if (st == IL_OK) st = tls_setup(c, server_name);
    if (st == IL_OK) st = tls_handshake(c);
    if (st == IL_OK && opt->pin_sha256 != NULL) st = tls_check_pin(c, opt->pin_sha256);
    c->verify.host = NULL;                  /* the caller's string; the chain lived in the pool */
    c->verify.len = 0;
    if (st != IL_OK) tls_release(c);
    return st;
}

/* ---- transport over the session ---------------------------------------- */

static int32_t tls_send(void *ctx, const uint8_t *data, size_t len)
{
    il_tls_conn_t *c = ctx;
    int ret;
    if (data == NULL || len == 0) return -(int32_t)IL_ERR_ARG;
    if (!c->open) return -(int32_t)IL_ERR_SEND;
    if (len > IO_LEN_MAX) len = IO_LEN_MAX;
    c->lower_err = 0;
    c->pool_failures = il_tls_pool_failures();
    do {
        ret = mbedtls_ssl_write(&c->ssl, data, len);
    } while (ret == MBEDTLS_ERR_SSL_WANT_READ || ret == MBEDTLS_ERR_SSL_WANT_WRITE);
#if IL_TLS_IO_BUF
    if (ret > 0 && io_flush(c) != 0) return -c->lower_err;
#endif
    if (ret > 0) return (int32_t)ret;
    return -(int32_t)map_error(c, ret, false);
}

static int32_t tls_recv(void *ctx, uint8_t *buf, size_t cap)
{
    il_tls_conn_t *c = ctx;
    int ret;
    if (buf == NULL || cap == 0) return -(int32_t)IL_ERR_ARG;
    if (!c->open) return -(int32_t)IL_ERR_RECV;
    if (cap > IO_LEN_MAX) cap = IO_LEN_MAX;
    c->lower_err = 0;
    c->pool_failures = il_tls_pool_failures();
    do {
        ret = mbedtls_ssl_read(&c->ssl, buf, cap);
    } while (ret == MBEDTLS_ERR_SSL_WANT_READ || ret == MBEDTLS_ERR_SSL_WANT_WRITE);
    if (ret > 0) return (int32_t)ret;
    /* close_notify or a bare TCP close: both end the stream; HTTP framing
     * (Content-Length / chunked) catches a truncated answer */
    if (ret == 0 || ret == MBEDTLS_ERR_SSL_PEER_CLOSE_NOTIFY || ret == MBEDTLS_ERR_SSL_CONN_EOF)
        return 0;
    return -(int32_t)map_error(c, ret, false);
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
    tls_release(c);
}

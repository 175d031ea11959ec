/* SPDX-License-Identifier: Apache-2.0 */
/* il_proxy.h - the messages of a forward proxy: HTTP CONNECT (RFC 9110
 * section 9.3.6) with Basic proxy credentials (RFC 7617), and SOCKS5
 * (RFC 1928) with username/password authentication (RFC 1929).
 *
 * Pure, like the rest of the core: each call writes one message into the
 * caller's buffer or reads one answer from the caller's bytes; the I/O is
 * port/proxy's (il_proxy_conn.h). The answer to a CONNECT is read with
 * il_http_response_feed on a parser set to head_only. A plain-HTTP request
 * through an HTTP proxy needs no message of its own: the client writes it
 * in absolute form (il_client_set_proxy). */
#ifndef IL_PROXY_H
#define IL_PROXY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "il_status.h"

/* A CONNECT answer larger than this is refused (the whole header section). */
#ifndef IL_PROXY_ANSWER_MAX
#define IL_PROXY_ANSWER_MAX 16384
#endif

/* The longest "host:port" (IPv6 in brackets) a CONNECT or SOCKS5 names. */
#define IL_PROXY_AUTHORITY_MAX (255 + 8)

/* "host:port", or "[v6]:port" when host holds a ':' (an IPv6 literal,
 * given without brackets), NUL-terminated into out[0..cap): IL_OK;
 * IL_ERR_ARG (NULL, empty host); IL_ERR_REQUEST_TOO_LARGE. */
il_status_t il_proxy_authority(const char *host, uint16_t port, char *out, size_t cap);

/* The Proxy-Authorization value "Basic " + base64(user ":" pass) (pass NULL:
 * none, as Go's url.User sends ""), NUL-terminated into out[0..cap). IL_OK;
 * IL_ERR_ARG; IL_ERR_REQUEST_TOO_LARGE (out then holds a partial secret:
 * wipe it). */
il_status_t il_proxy_basic(const char *user, const char *pass, char *out, size_t cap);

/* "CONNECT authority HTTP/1.1", Host: authority, User-Agent (NULL:
 * IL_USER_AGENT) and, when authorization is neither NULL nor "", a
 * Proxy-Authorization header, then the empty line, into buf[0..cap):
 * IL_OK and *out_len; IL_ERR_ARG; IL_ERR_UNSAFE_CHAR (a control byte, or a
 * space in the authority); IL_ERR_REQUEST_TOO_LARGE. */
il_status_t il_proxy_connect_write(const char *authority, const char *user_agent, const char *authorization,
                                   uint8_t *buf, size_t cap, size_t *out_len);

/* ---- SOCKS5 ---- */

#define IL_SOCKS5_VERSION 0x05
#define IL_SOCKS5_AUTH_NONE 0x00
#define IL_SOCKS5_AUTH_PASSWORD 0x02
#define IL_SOCKS5_AUTH_UNACCEPTABLE 0xFF
#define IL_SOCKS5_ATYP_IPV4 0x01
#define IL_SOCKS5_ATYP_NAME 0x03
#define IL_SOCKS5_ATYP_IPV6 0x04

/* The method selection: "no authentication", and username/password too
 * when with_password (Go's order). Its length (3 or 4). */
size_t il_socks5_greeting(bool with_password, uint8_t out[4]);

/* The RFC 1929 request into buf[0..cap): IL_OK and *out_len; IL_ERR_ARG
 * when user is empty or either is longer than 255 bytes (an empty
 * password is sent, as Go does since go#57285); IL_ERR_REQUEST_TOO_LARGE. */
il_status_t il_socks5_auth_write(const char *user, const char *pass, uint8_t *buf, size_t cap, size_t *out_len);

/* CONNECT to host:port: an IP literal (Go's net.ParseIP) as its address,
 * anything else as a name resolved by the proxy. IL_OK and *out_len;
 * IL_ERR_ARG (empty host, or a name over 255 bytes); IL_ERR_REQUEST_TOO_LARGE. */
il_status_t il_socks5_connect_write(const char *host, uint16_t port, uint8_t *buf, size_t cap, size_t *out_len);

/* How many bytes of BND.ADDR and BND.PORT follow the reply's first four
 * bytes (head[3] is the address type; for a name, name_len is its length
 * byte), or 0 for an unknown address type. */
size_t il_socks5_reply_tail(uint8_t atyp, uint8_t name_len);

#endif

/* SPDX-License-Identifier: Apache-2.0 */
/* il_text.h - the small text helpers that the core, the ports and the CLI
 * share (as curl's tool and library share curlx): hex digits, base64, UTF-8,
 * ASCII case folding and HTTP tokens, Go's percent-encoding sets, decimal
 * digits.
 *
 * Pure C99 under the core's rules: no state, no allocation, no OS; each
 * helper sits in its own section so that --gc-sections drops what a
 * firmware does not call. Every output buffer is the caller's. */
#ifndef IL_TEXT_H
#define IL_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* ---- hex ---- */

/* The value 0..15 of the hex digit c (either case), or -1. */
int il_hex_value(int c);

/* The hex digit of v & 15: "0123456789ABCDEF" when upper, else lower case. */
char il_hex_digit(unsigned v, bool upper);

/* ---- base64 (RFC 4648), streaming ---- */

typedef enum il_b64_alphabet {
    IL_B64_STD,           /* A-Z a-z 0-9 + / */
    IL_B64_STD_OR_URL     /* also - and _ (the URL-safe alphabet, section 5) */
} il_b64_alphabet_t;

/* Bits decoded but not yet a whole byte. Zero-initialise to start. */
typedef struct il_b64_decoder {
    uint32_t acc;
    unsigned bits;
} il_b64_decoder_t;

/* The two base64 calls are made once per character of a CA bundle (the
 * trust-anchor scan reads every certificate line of it): inline, so that a
 * call is not the scan's cost. */

/* The value 0..63 of the base64 digit c, or -1 ('=' and blanks too). */
static inline int il_b64_value(int c, il_b64_alphabet_t alphabet)
{
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+') return 62;
    if (c == '/') return 63;
    if (alphabet == IL_B64_STD_OR_URL && c == '-') return 62;
    if (alphabet == IL_B64_STD_OR_URL && c == '_') return 63;
    return -1;
}

/* Add the digit value v (0..63): true when that completes a byte, stored in
 * *out. At the end of the input, d->acc != 0 means non-zero padding bits. */
static inline bool il_b64_push(il_b64_decoder_t *d, unsigned v, uint8_t *out)
{
    d->acc = (d->acc << 6) | (v & 63u);
    d->bits += 6;
    if (d->bits < 8) return false;
    d->bits -= 8;
    *out = (uint8_t)(d->acc >> d->bits);
    d->acc &= (1u << d->bits) - 1u;
    return true;
}

/* ---- UTF-8 ---- */

/* Encode the code point r (at most 0x10FFFF) into out: returns 1 to 4. */
size_t il_utf8_put(uint32_t r, char out[4]);

/* Decode one rune from s[0..n) (n > 0) like Go's utf8.DecodeRune: returns
 * its byte count; an invalid or short sequence gives *r = 0xFFFD and 1. */
size_t il_utf8_decode(const unsigned char *s, size_t n, uint32_t *r);

/* ---- ASCII ---- */

/* c with A-Z folded to a-z; every other byte unchanged. */
char il_ascii_lower(char c);

/* Whether s[0..n) equals the NUL-terminated lit, ASCII case-insensitively. */
bool il_ascii_ieq(const char *s, size_t n, const char *lit);

/* Whether the NUL-terminated s starts with prefix, ASCII case-insensitively. */
bool il_ascii_istarts(const char *s, const char *prefix);

/* Whether c may be part of an HTTP token (RFC 9110 tchar: a header name, a
 * method): a visible ASCII byte that is not a delimiter. Inline, and a
 * switch (a bit test, where strchr was a call per byte): the
 * response parser asks it of every byte of every header name. */
static inline bool il_ascii_tchar(char c)
{
    switch (c) {
    case '"': case '(': case ')': case ',': case '/': case ':': case ';': case '<': case '=': case '>':
    case '?': case '@': case '[': case '\\': case ']': case '{': case '}':
        return false;
    default:
        return c > ' ' && c < 0x7f;
    }
}

/* ---- percent-encoding, as Go's net/url ---- */

typedef enum il_pct_set {
    IL_PCT_PATH,          /* url.PathEscape: unreserved and $&+:=@ stay */
    IL_PCT_QUERY          /* url.QueryEscape: unreserved stay, space is + */
} il_pct_set_t;

/* Where encoded text goes: put(sink, p, n) appends n bytes. */
typedef void (*il_put_fn)(void *sink, const char *p, size_t n);

/* Percent-encode the NUL-terminated s (NULL: nothing) into put(sink, ...),
 * upper-case hex as Go writes it. */
void il_pct_encode(const char *s, il_pct_set_t set, il_put_fn put, void *sink);

/* ---- IP literals ---- */

/* s[0..len) as Go's net.ParseIP reads it: a dotted quad (four decimal parts
 * 0..255, no leading zero) gives 4 and out[0..4); an RFC 4291 text form
 * ("::" and a trailing dotted quad allowed; no zone, no brackets) gives 16
 * and out[0..16); anything else 0. */
size_t il_ip_parse(const char *s, size_t len, uint8_t out[16]);

/* ---- base64 encoding ---- */

/* Base64 (standard alphabet, '=' padded, as Go's base64.StdEncoding) of
 * p[0..n) into put(sink, ...), four characters at a time. */
void il_b64_encode(const uint8_t *p, size_t n, il_put_fn put, void *sink);

/* ---- decimal ---- */

#define IL_UDEC_MAX 20    /* digits of the largest 64-bit value */

/* The decimal digits of v into out[0..return), no terminator. */
size_t il_udec(unsigned long v, char out[IL_UDEC_MAX]);

/* An IP address as Go's net.IP.String() writes it: len 4, or 16 (an
 * IPv4-mapped one as IPv4), IPv6 in RFC 5952's form (lowercase, the first
 * longest run of two or more zero groups as "::"). out gets the text and a
 * NUL (IL_IP_TEXT_MAX bytes are enough); the length, or 0 for another len.
 * libc's inet_ntop may go through snprintf, whose floating-point code is
 * FPU instructions in a static MIPS binary. */
#define IL_IP_TEXT_MAX 46
size_t il_ip_text(const uint8_t *addr, size_t len, char out[IL_IP_TEXT_MAX]);

#endif

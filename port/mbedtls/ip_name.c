/* SPDX-License-Identifier: Apache-2.0 */
/* ip_name.c - IP-literal server names (il_tls_ip.h). */
#include <string.h>
#include "il_text.h"
#include "il_tls_ip.h"

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

/* The hex digits at s[*i] (at most 5 read, so that a fifth shows the group
 * is too long) into *v: their count. */
static unsigned ipv6_group(const char *s, size_t len, size_t *i, unsigned *v)
{
    unsigned digits = 0;
    *v = 0;
    while (*i < len && il_hex_value(s[*i]) >= 0 && digits < 5) {
        *v = (*v << 4) | (unsigned)il_hex_value(s[*i]);
        (*i)++;
        digits++;
    }
    return digits;
}

/* After the group that ended w at n bytes: the ':' at s[*i], and the one
 * "::" gap (its offset in *gap). 1: a group may follow; 0: the end of the
 * text; -1: not IPv6 (a second gap, a trailing single ':', junk). */
static int ipv6_separator(const char *s, size_t len, size_t *i, int *gap, size_t n)
{
    if (*i == len) return 0;
    if (s[*i] != ':') return -1;
    (*i)++;
    if (*i < len && s[*i] == ':') {
        if (*gap >= 0) return -1;
        *gap = (int)n;
        (*i)++;
    } else if (*i == len) {
        return -1;
    }
    return 1;
}

/* The n bytes of w, with zeros at the gap (gap < 0: none), into out[16]. */
static int ipv6_expand(const uint8_t *w, size_t n, int gap, uint8_t out[16])
{
    size_t g, tail;
    if (gap < 0) {
        if (n != 16) return 0;
        memcpy(out, w, 16);
        return 1;
    }
    if (n > 14) return 0;
    g = (size_t)gap;
    tail = n - g;
    memset(out, 0, 16);
    memcpy(out, w, g);
    memcpy(out + 16 - tail, w + g, tail);
    return 1;
}

/* RFC 4291 text form with "::" and an optional trailing dotted quad. */
static int parse_ipv6(const char *s, size_t len, uint8_t out[16])
{
    uint8_t w[16];
    size_t i = 0, n = 0;
    int gap = -1, more = 1;
    if (len >= 2 && s[0] == ':' && s[1] == ':') {
        gap = 0;
        i = 2;
    } else if (len >= 1 && s[0] == ':') {
        return 0;
    }
    while (i < len && more > 0) {
        size_t start = i;
        unsigned v, digits = ipv6_group(s, len, &i, &v);
        if (i < len && s[i] == '.') {      /* embedded IPv4 at the end */
            if (n > 12 || !parse_ipv4(s + start, len - start, w + n)) return 0;
            n += 4;
            break;
        }
        if (digits == 0 || digits > 4 || n > 14) return 0;
        w[n++] = (uint8_t)(v >> 8);
        w[n++] = (uint8_t)v;
        more = ipv6_separator(s, len, &i, &gap, n);
        if (more < 0) return 0;
    }
    return ipv6_expand(w, n, gap, out);
}

void il_tls_ip_parse(il_tls_ip_t *ip, const char *name)
{
    size_t len = strlen(name);
    if (len >= 2 && name[0] == '[' && name[len - 1] == ']') {
        name++;
        len -= 2;
    }
    if (parse_ipv4(name, len, ip->addr)) ip->len = 4;
    else if (memchr(name, ':', len) != NULL && parse_ipv6(name, len, ip->addr)) ip->len = 16;
    else ip->len = 0;
}

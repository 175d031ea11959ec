/* SPDX-License-Identifier: Apache-2.0 */
/* x509_constraints.c - name constraints as Go 1.25 reads and applies them
 * (il_tls_x509.h): crypto/x509 parser.go parseNameConstraintsExtension and
 * domainNameValid; verify.go isValid, checkNameConstraints,
 * matchDomainConstraint (with the 1.25 security releases' rule that an
 * excluded constraint also excludes a wildcard name one label above it) and
 * matchIPConstraint. DNS and IP names are checked; email and URI names are
 * refused when a CA constrains their kind (IL_TLS_CERT_NAME_UNCHECKED:
 * influx-lite does not implement Go's mailbox and URL parsing). */
#include <string.h>
#include "il_text.h"
#include "il_tls_ip.h"
#include "il_tls_x509.h"

/* Go's default VerifyOptions.MaxConstraintComparisions. */
#define NC_MAX_COMPARISONS 250000ul

/* ---- parsing (parseNameConstraintsExtension) ---- */

/* Go's domainNameValid: no trailing dot, labels of bytes 33..126, none
 * empty; a constraint may start with a dot. */
static bool domain_name_valid(const uint8_t *s, size_t n, bool constraint)
{
    size_t i, label = 0;
    if (n == 0) return true;
    if (s[n - 1] == '.') return false;
    if (constraint && s[0] == '.') {
        s++;
        n--;
    }
    for (i = 0; i <= n; i++) {
        if (i < n && (s[i] < 33 || s[i] > 126)) return false;
        if (i == n || s[i] == '.') {
            if (label == 0) return false;
            label = 0;
        } else {
            label++;
        }
    }
    return true;
}

static bool ia5(const il_der_t *v)
{
    size_t i;
    for (i = 0; i < v->n; i++)
        if (v->p[i] > 127) return false;
    return true;
}

/* Go's isValidIPMask: ones, then zeros. */
static bool ip_mask_valid(const uint8_t *m, size_t n)
{
    size_t i;
    bool zero = false;
    for (i = 0; i < n; i++) {
        unsigned inv = ~(unsigned)m[i] & 0xffu;     /* 2^k - 1 for a byte of ones then zeros */
        if ((zero && m[i] != 0) || (inv & (inv + 1u)) != 0) return false;
        zero = m[i] != 0xff;
    }
    return true;
}

static il_status_t nc_refuse(il_tls_cert_error_t *e, il_tls_cert_reason_t r, il_tls_name_kind_t kind,
                             const il_der_t *text)
{
    il_tls_cert_error_set(e, r, kind);
    if (text != NULL) il_tls_cert_error_put(e, 0, text->p, text->n);
    return IL_ERR_TLS_CERT;
}

static bool uri_is_ip(const il_der_t *v)
{
    char s[48];
    il_tls_ip_t ip;
    if (v->n == 0 || v->n >= sizeof s || v->p[0] == '[') return false;
    memcpy(s, v->p, v->n);
    s[v->n] = '\0';
    il_tls_ip_parse(&ip, s);
    return ip.len != 0;
}

static il_status_t nc_ip_syntax(const il_der_t *v, il_tls_cert_error_t *e)
{
    static const uint8_t v4_prefix[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
    size_t half = v->n / 2, i;
    if (v->n != 8 && v->n != 32) {
        il_tls_cert_error_set(e, IL_TLS_CERT_NC_IP_LENGTH, IL_TLS_NAME_IP);
        e->number = v->n;
        return IL_ERR_TLS_CERT;
    }
    if (!ip_mask_valid(v->p + half, half)) {
        il_tls_cert_error_set(e, IL_TLS_CERT_NC_IP_MASK, IL_TLS_NAME_IP);
        for (i = 0; i < half; i++) {
            char h[2] = {il_hex_digit(v->p[half + i] >> 4, false), il_hex_digit(v->p[half + i] & 0xfu, false)};
            il_tls_cert_error_put(e, 0, h, 2);
        }
        return IL_ERR_TLS_CERT;
    }
    if (half == 16 && memcmp(v->p, v4_prefix, 12) == 0)
        return nc_refuse(e, IL_TLS_CERT_NC_IP_MAPPED, IL_TLS_NAME_IP, NULL);
    return IL_OK;
}

/* One constraint's base (tag, value); *unhandled for a name form Go does
 * not read. */
static il_status_t nc_base_syntax(unsigned tag, const il_der_t *v, bool *unhandled, il_tls_cert_error_t *e)
{
    il_tls_name_kind_t kind = tag == IL_DER_GN_DNS ? IL_TLS_NAME_DNS : tag == IL_DER_GN_EMAIL ? IL_TLS_NAME_EMAIL
                                                                                              : IL_TLS_NAME_URI;
    if (tag == IL_DER_GN_IP) return nc_ip_syntax(v, e);
    if (tag != IL_DER_GN_DNS && tag != IL_DER_GN_EMAIL && tag != IL_DER_GN_URI) {
        *unhandled = true;
        return IL_OK;
    }
    if (!ia5(v)) return nc_refuse(e, IL_TLS_CERT_NC_NOT_IA5, kind, v);
    if (tag == IL_DER_GN_URI && uri_is_ip(v)) return nc_refuse(e, IL_TLS_CERT_NC_URI_IP, kind, v);
    /* an email constraint with an '@' is a mailbox, which Go parses; influx-lite
     * refuses every email name under email constraints, so it is not read */
    if (tag == IL_DER_GN_EMAIL && memchr(v->p, '@', v->n) != NULL) return IL_OK;
    if (!domain_name_valid(v->p, v->n, true)) return nc_refuse(e, IL_TLS_CERT_NC_BAD_NAME, kind, v);
    return IL_OK;
}

/* The permitted ([0]) and excluded ([1]) subtree lists of ca's extension. */
static bool nc_lists(const il_x509_t *ca, il_der_t *permitted, bool *has_p, il_der_t *excluded, bool *has_e)
{
    il_der_t outer = ca->nc, top;
    if (!il_der_read(&outer, IL_DER_SEQUENCE, &top) || outer.n != 0) return false;
    *has_p = il_der_read(&top, 0xa0, permitted);
    *has_e = il_der_read(&top, 0xa1, excluded);
    return top.n == 0;
}

/* The next subtree's base of a list. */
static bool nc_next(il_der_t *list, unsigned *tag, il_der_t *value, bool *bad)
{
    il_der_t seq;
    if (list->n == 0) return false;
    if (!il_der_read(list, IL_DER_SEQUENCE, &seq) || !il_der_read_any(&seq, tag, value)) {
        *bad = true;
        return false;
    }
    return true;
}

static il_status_t nc_list_syntax(il_der_t list, bool *unhandled, il_tls_cert_error_t *e)
{
    unsigned tag;
    il_der_t v;
    bool bad = false;
    il_status_t st;
    while (nc_next(&list, &tag, &v, &bad))
        if ((st = nc_base_syntax(tag, &v, unhandled, e)) != IL_OK) return st;
    return bad ? nc_refuse(e, IL_TLS_CERT_NC_INVALID, IL_TLS_NAME_DNS, NULL) : IL_OK;
}

il_status_t il_x509_check_nc_syntax(const il_x509_t *x, il_tls_cert_error_t *e)
{
    il_der_t permitted = {NULL, 0}, excluded = {NULL, 0};
    bool has_p, has_e, unhandled = false;
    il_status_t st;
    if (x->nc.p == NULL) return IL_OK;
    if (!nc_lists(x, &permitted, &has_p, &excluded, &has_e))
        return nc_refuse(e, IL_TLS_CERT_NC_INVALID, IL_TLS_NAME_DNS, NULL);
    if (!has_p && !has_e) return nc_refuse(e, IL_TLS_CERT_NC_EMPTY, IL_TLS_NAME_DNS, NULL);
    if ((has_p && permitted.n == 0) || (has_e && excluded.n == 0))
        return nc_refuse(e, IL_TLS_CERT_NC_EMPTY_SUBTREES, IL_TLS_NAME_DNS, NULL);
    if ((st = nc_list_syntax(permitted, &unhandled, e)) != IL_OK) return st;
    if ((st = nc_list_syntax(excluded, &unhandled, e)) != IL_OK) return st;
    if (unhandled && x->nc_critical) {
        il_tls_cert_error_set(e, IL_TLS_CERT_CRITICAL, IL_TLS_NAME_DNS);
        return IL_ERR_TLS_CERT;
    }
    return IL_OK;
}

/* ---- matching (checkNameConstraints) ---- */

/* The start of the last `labels` labels of s (s + n when labels is 0). */
static size_t label_suffix(const uint8_t *s, size_t n, size_t labels)
{
    size_t i = n;
    while (labels > 0 && i > 0) {
        i--;
        if (s[i] == '.' && --labels == 0) return i + 1;
    }
    return labels > 0 ? 0 : i;
}

static size_t label_count(const uint8_t *s, size_t n)
{
    size_t i, k = 1;
    for (i = 0; i < n; i++) k += s[i] == '.';
    return k;
}

static bool span_ieq(const uint8_t *a, const uint8_t *b, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++)
        if (il_ascii_lower((char)a[i]) != il_ascii_lower((char)b[i])) return false;
    return true;
}

/* Go's matchDomainConstraint for a valid name and a parsed constraint. */
static bool match_domain(const il_der_t *name, const il_der_t *constraint, bool excluded)
{
    const uint8_t *c = constraint->p;
    size_t cn = constraint->n, dl, cl, ds, cs;
    bool subdomains = false;
    if (cn == 0) return true;
    if (c[0] == '.') {
        subdomains = true;
        c++;
        cn--;
    }
    dl = label_count(name->p, name->n);
    cl = label_count(c, cn);
    if (dl < cl || (subdomains && dl == cl)) return false;
    if (excluded && name->p[0] == '*' && dl > 1) cl--;   /* "*.a.b" is excluded by "x.a.b" */
    ds = label_suffix(name->p, name->n, cl);
    cs = label_suffix(c, cn, cl);
    return name->n - ds == cn - cs && span_ieq(name->p + ds, c + cs, cn - cs);
}

/* Go's matchIPConstraint: same length, equal under the mask. */
static bool match_ip(const il_der_t *ip, const il_der_t *c)
{
    size_t i, half = c->n / 2;
    if (ip->n != half) return false;
    for (i = 0; i < half; i++)
        if ((ip->p[i] & c->p[half + i]) != (c->p[i] & c->p[half + i])) return false;
    return true;
}

/* A constraint as Go prints it: a DNS constraint as written, an IP one as
 * net.IPNet.String() (the address, "/" and the mask's length). */
static void put_constraint(il_tls_cert_error_t *e, unsigned tag, const il_der_t *c)
{
    char d[IL_UDEC_MAX];
    size_t half = c->n / 2, i;
    unsigned long ones = 0;
    if (tag != IL_DER_GN_IP) {
        il_tls_cert_error_put(e, 1, c->p, c->n);
        return;
    }
    il_tls_cert_error_put_ip(e, 1, c->p, half);
    for (i = 0; i < half; i++)                      /* the mask is ones then zeros (parsed) */
        for (unsigned b = c->p[half + i]; (b & 0x80u) != 0; b = (b << 1) & 0xffu) ones++;
    il_tls_cert_error_put(e, 1, "/", 1);
    il_tls_cert_error_put(e, 1, d, il_udec(ones, d));
}

static void put_name(il_tls_cert_error_t *e, unsigned tag, const il_der_t *name)
{
    if (tag == IL_DER_GN_IP) il_tls_cert_error_put_ip(e, 0, name->p, name->n);
    else il_tls_cert_error_put(e, 0, name->p, name->n);
}

static unsigned long nc_count(il_der_t list, unsigned want)
{
    unsigned tag;
    il_der_t v;
    bool bad = false;
    unsigned long n = 0;
    while (nc_next(&list, &tag, &v, &bad)) n += tag == want;
    return n;
}

/* One CA's constraints, for one name. */
typedef struct nc_check {
    il_der_t permitted, excluded;
    unsigned long *count;
    il_tls_cert_error_t *e;
} nc_check_t;

static il_status_t name_refused(nc_check_t *k, il_tls_cert_reason_t r, unsigned tag, const il_der_t *name)
{
    il_tls_name_kind_t kind = tag == IL_DER_GN_DNS   ? IL_TLS_NAME_DNS
                              : tag == IL_DER_GN_IP  ? IL_TLS_NAME_IP
                              : tag == IL_DER_GN_EMAIL ? IL_TLS_NAME_EMAIL
                                                       : IL_TLS_NAME_URI;
    il_tls_cert_error_set(k->e, r, kind);
    if (name != NULL) put_name(k->e, tag, name);
    return IL_ERR_TLS_CERT;
}

/* Go's checkNameConstraints for a DNS or IP name: excluded first, then
 * permitted (a kind without permitted subtrees is not constrained). */
static il_status_t nc_check_name(nc_check_t *k, unsigned tag, const il_der_t *name)
{
    unsigned long ne = nc_count(k->excluded, tag), np = nc_count(k->permitted, tag);
    il_der_t list = k->excluded, c;
    unsigned t;
    bool bad = false;
    if ((*k->count += ne) > NC_MAX_COMPARISONS) return name_refused(k, IL_TLS_CERT_TOO_MANY_CONSTRAINTS, tag, NULL);
    while (nc_next(&list, &t, &c, &bad)) {
        if (t != tag || !(tag == IL_DER_GN_IP ? match_ip(name, &c) : match_domain(name, &c, true))) continue;
        name_refused(k, IL_TLS_CERT_NAME_EXCLUDED, tag, name);
        put_constraint(k->e, tag, &c);
        return IL_ERR_TLS_CERT;
    }
    if ((*k->count += np) > NC_MAX_COMPARISONS) return name_refused(k, IL_TLS_CERT_TOO_MANY_CONSTRAINTS, tag, NULL);
    if (np == 0) return IL_OK;
    list = k->permitted;
    while (nc_next(&list, &t, &c, &bad))
        if (t == tag && (tag == IL_DER_GN_IP ? match_ip(name, &c) : match_domain(name, &c, false))) return IL_OK;
    return name_refused(k, IL_TLS_CERT_NAME_NOT_PERMITTED, tag, name);
}

static il_status_t nc_check_san(nc_check_t *k, unsigned tag, const il_der_t *name)
{
    if (tag == IL_DER_GN_DNS) {
        if (!domain_name_valid(name->p, name->n, false)) return name_refused(k, IL_TLS_CERT_NAME_BAD_DNS, tag, name);
        return nc_check_name(k, tag, name);
    }
    if (tag == IL_DER_GN_IP) {
        if (name->n != 4 && name->n != 16) return name_refused(k, IL_TLS_CERT_NAME_UNCHECKED, tag, NULL);
        return nc_check_name(k, tag, name);
    }
    if (tag == IL_DER_GN_EMAIL || tag == IL_DER_GN_URI) {
        unsigned long n = nc_count(k->excluded, tag) + nc_count(k->permitted, tag);
        if ((*k->count += n) > NC_MAX_COMPARISONS) return name_refused(k, IL_TLS_CERT_TOO_MANY_CONSTRAINTS, tag, NULL);
        if (n > 0) return name_refused(k, IL_TLS_CERT_NAME_UNCHECKED, tag, name);
    }
    return IL_OK;                                   /* other name forms: not constrained */
}

il_status_t il_x509_check_nc(const il_x509_t *ca, const il_x509_t *below, unsigned long *count,
                             il_tls_cert_error_t *e)
{
    nc_check_t k = {{NULL, 0}, {NULL, 0}, count, e};
    bool has_p, has_e, bad = false;
    il_der_t san = below->san, it, name;
    unsigned tag;
    il_status_t st;
    if (ca->nc.p == NULL || below->san.p == NULL) return IL_OK;
    if (!nc_lists(ca, &k.permitted, &has_p, &k.excluded, &has_e) || !il_der_read(&san, IL_DER_SEQUENCE, &it))
        return nc_refuse(e, IL_TLS_CERT_NC_INVALID, IL_TLS_NAME_DNS, NULL);
    while (il_x509_next_name(&it, &tag, &name, &bad))
        if ((st = nc_check_san(&k, tag, &name)) != IL_OK) return st;
    return IL_OK;
}

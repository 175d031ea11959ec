/* SPDX-License-Identifier: Apache-2.0 */
/* cli_cert_errors.c - Go's texts for a refused certificate chain (see
 * cli_cert_errors.h): crypto/tls handshake_client.go (verifyServerCertificate:
 * "tls: failed to parse certificate from server: ", CertificateVerificationError:
 * "tls: failed to verify certificate: "), crypto/x509 verify.go
 * (CertificateInvalidError, HostnameError, UnknownAuthorityError with its
 * hint, checkNameConstraints), x509.go (ConstraintViolationError) and
 * parser.go (parseNameConstraintsExtension). Placeholders: $0 and $1 the
 * texts the TLS port kept, $q0 and $q1 the same quoted as Go's %q, $h the
 * host, $n the number, $k the kind of name, $c the constraint's kind. */
#include "cli_cert_errors.h"

#include <string.h>

#define VERIFY "tls: failed to verify certificate: x509: "
#define PARSE "tls: failed to parse certificate from server: x509: "
#define NOT_AUTHORIZED "a root or intermediate certificate is not authorized to sign for this name: "

/* What each status says without a reason (a port that gives none). */
static const struct {
    il_status_t st;
    const char *text;
} status_texts[] = {
    {IL_ERR_TLS_CA, VERIFY "certificate signed by unknown authority"},
    {IL_ERR_TLS_NAME, VERIFY "certificate is not valid for $h"},
    {IL_ERR_TLS_CERT, VERIFY "certificate refused"},
};

/* Each reason with the status it explains. */
static const struct {
    il_tls_cert_reason_t reason;
    il_status_t st;
    const char *text;
} reason_texts[] = {
    {IL_TLS_CERT_HOST_LEGACY_CN, IL_ERR_TLS_NAME,
     VERIFY "certificate relies on legacy Common Name field, use SANs instead"},
    {IL_TLS_CERT_HOST_NO_IP_SANS, IL_ERR_TLS_NAME,
     VERIFY "cannot validate certificate for $h because it doesn't contain any IP SANs"},
    {IL_TLS_CERT_HOST_NO_NAMES, IL_ERR_TLS_NAME,
     VERIFY "certificate is not valid for any names, but wanted to match $h"},
    {IL_TLS_CERT_HOST_VALID_FOR, IL_ERR_TLS_NAME, VERIFY "certificate is valid for $0, not $h"},
    {IL_TLS_CERT_EKU, IL_ERR_TLS_CERT, VERIFY "certificate specifies an incompatible key usage"},
    {IL_TLS_CERT_CRITICAL, IL_ERR_TLS_CERT, VERIFY "unhandled critical extension"},
    {IL_TLS_CERT_CA_CANNOT_SIGN, IL_ERR_TLS_CA,
     VERIFY "certificate signed by unknown authority (possibly because of \"x509: invalid signature: parent "
            "certificate cannot sign this kind of certificate\" while trying to verify candidate authority "
            "certificate $q0)"},
    {IL_TLS_CERT_NAME_EXCLUDED, IL_ERR_TLS_CERT,
     VERIFY NOT_AUTHORIZED "$k $q0 is excluded by constraint $q1"},
    {IL_TLS_CERT_NAME_NOT_PERMITTED, IL_ERR_TLS_CERT,
     VERIFY NOT_AUTHORIZED "$k $q0 is not permitted by any constraint"},
    {IL_TLS_CERT_NAME_BAD_DNS, IL_ERR_TLS_CERT, VERIFY "cannot parse dnsName $q0"},
    /* influx-lite's own (README, deliberate differences): Go parses mailboxes and URLs */
    {IL_TLS_CERT_NAME_UNCHECKED, IL_ERR_TLS_CERT,
     VERIFY "influx-lite cannot check the $k $q0 against the name constraints of a root or intermediate "
            "certificate"},
    /* Go's CertificateInvalidError has no text for TooManyConstraints */
    {IL_TLS_CERT_TOO_MANY_CONSTRAINTS, IL_ERR_TLS_CERT, VERIFY "unknown error"},
    {IL_TLS_CERT_NC_INVALID, IL_ERR_TLS_CERT, PARSE "invalid NameConstraints extension"},
    {IL_TLS_CERT_NC_EMPTY, IL_ERR_TLS_CERT, PARSE "empty name constraints extension"},
    {IL_TLS_CERT_NC_EMPTY_SUBTREES, IL_ERR_TLS_CERT, PARSE "empty name constraints subtree sequence"},
    {IL_TLS_CERT_NC_BAD_NAME, IL_ERR_TLS_CERT, PARSE "failed to parse $c constraint $q0"},
    {IL_TLS_CERT_NC_URI_IP, IL_ERR_TLS_CERT, PARSE "failed to parse URI constraint $q0: cannot be IP address"},
    {IL_TLS_CERT_NC_NOT_IA5, IL_ERR_TLS_CERT,
     PARSE "invalid constraint value: x509: $q0 cannot be encoded as an IA5String"},
    {IL_TLS_CERT_NC_IP_LENGTH, IL_ERR_TLS_CERT, PARSE "IP constraint contained value of length $n"},
    {IL_TLS_CERT_NC_IP_MASK, IL_ERR_TLS_CERT, PARSE "IP constraint contained invalid mask $0"},
    {IL_TLS_CERT_NC_IP_MAPPED, IL_ERR_TLS_CERT, PARSE "IP constraint contained IPv4-mapped IPv6 address"},
    {IL_TLS_CERT_MALFORMED, IL_ERR_TLS_CERT, PARSE "malformed certificate"},
};

/* Go's nameType texts (checkNameConstraints) and the constraint kinds of
 * its parse errors, by il_tls_name_kind_t. */
static const char *const kind_names[] = {"DNS name", "IP address", "email address", "URI"};
static const char *const constraint_kinds[] = {"dnsName", "IP", "rfc822Name", "URI"};

bool cli_cert_status(il_status_t st)
{
    for (size_t i = 0; i < sizeof status_texts / sizeof status_texts[0]; i++)
        if (status_texts[i].st == st) return true;
    return false;
}

/* Part 0 or 1 of e (empty without e). */
static void put_part(cli_buf_t *b, const il_tls_cert_error_t *e, int part, bool quoted)
{
    const char *p = e != NULL ? e->text + (part == 0 ? 0 : e->len[0]) : "";
    size_t n = e != NULL ? e->len[part != 0] : 0;
    if (quoted) cli_put_quoted(b, p, n);
    else cli_put(b, p, n);
}

/* One placeholder at *t (after the '$'): its text; *t moves past it. */
static void put_placeholder(cli_buf_t *b, const char **t, const il_tls_cert_error_t *e, const char *host)
{
    bool quoted = **t == 'q';
    unsigned kind = e != NULL && (unsigned)e->kind < 4u ? (unsigned)e->kind : 0u;
    if (quoted) (*t)++;
    switch (**t) {
    case '0': put_part(b, e, 0, quoted); break;
    case '1': put_part(b, e, 1, quoted); break;
    case 'h': cli_puts(b, host); break;
    case 'n': cli_put_uint(b, e != NULL ? e->number : 0); break;
    case 'k': cli_puts(b, kind_names[kind]); break;
    case 'c': cli_puts(b, constraint_kinds[kind]); break;
    default: cli_putc(b, '$'); return;
    }
    (*t)++;
}

static const char *cert_text(il_status_t st, const il_tls_cert_error_t *e)
{
    size_t i;
    if (e != NULL && e->reason != IL_TLS_CERT_NONE)
        for (i = 0; i < sizeof reason_texts / sizeof reason_texts[0]; i++)
            if (reason_texts[i].reason == e->reason && reason_texts[i].st == st) return reason_texts[i].text;
    for (i = 0; i < sizeof status_texts / sizeof status_texts[0]; i++)
        if (status_texts[i].st == st) return status_texts[i].text;
    return il_status_str(st);
}

void cli_put_cert_failure(cli_buf_t *b, il_status_t st, const il_tls_cert_error_t *e, const char *host)
{
    const char *t = cert_text(st, e);
    while (*t != '\0') {
        const char *d = strchr(t, '$');
        size_t n = d != NULL ? (size_t)(d - t) : strlen(t);
        cli_put(b, t, n);
        t += n;
        if (*t == '$') {
            t++;
            put_placeholder(b, &t, e, host);
        }
    }
}

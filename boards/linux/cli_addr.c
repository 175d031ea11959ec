/* SPDX-License-Identifier: Apache-2.0 */
/* cli_addr.c - the addresses Go's errors name (see cli_addr.h). */
#include "cli_addr.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>

#include "il_text.h"
#include "cli_lines.h"
#include "cli_out.h"

/* ip and port as Go's net.JoinHostPort writes them. */
static void addr_put(char *out, size_t cap, const char *ip, uint16_t port)
{
    cli_buf_t b;
    cli_buf_init(&b, out, cap - 1);
    cli_putf(&b, strchr(ip, ':') != NULL ? "[%s]:" : "%s:", ip);
    cli_put_uint(&b, port);
    out[b.len] = '\0';
}

/* A literal in its canonical text (Go's IP.String()); false for a name. */
static bool addr_canonical(const char *host, char *out, size_t cap)
{
    unsigned char bin[16];
    int af = strchr(host, ':') != NULL ? AF_INET6 : AF_INET;
    return inet_pton(af, host, bin) == 1 && cap >= IL_IP_TEXT_MAX && il_ip_text(bin, af == AF_INET6 ? 16 : 4, out) > 0;
}

typedef struct hosts_query {
    const char *name;
    char *out;
    size_t cap;
} hosts_query_t;

/* One hosts line "ADDR NAME ALIAS... # comment": ADDR when a name is ours
 * (case-insensitive, as Go's lookupStaticHost). */
static bool hosts_line(char *line, void *ctx)
{
    hosts_query_t *q = ctx;
    char *f[16];
    size_t nf = 0;
    char *hash = strchr(line, '#');
    if (hash != NULL) *hash = '\0';
    for (char *s = line; *s != '\0' && nf < 16;) {
        while (*s == ' ' || *s == '\t') *s++ = '\0';
        if (*s == '\0') break;
        f[nf++] = s;
        while (*s != '\0' && *s != ' ' && *s != '\t') s++;
    }
    for (size_t i = 1; i < nf; i++)
        if (il_ascii_ieq(f[i], strlen(f[i]), q->name) && strlen(q->name) == strlen(f[i]))
            return addr_canonical(f[0], q->out, q->cap);
    return false;
}

void cli_addr_dialled(cli_req_net_t *a, const char *hosts_path, const char *host, uint16_t port,
                      const char *first_addr)
{
    char ip[INET6_ADDRSTRLEN];
    hosts_query_t q = {host, ip, sizeof ip};
    if (addr_canonical(host, ip, sizeof ip) || (hosts_path != NULL && cli_file_lines(hosts_path, hosts_line, &q)))
        addr_put(a->dialled, sizeof a->dialled, ip, port);
    else if (first_addr != NULL && first_addr[0] != '\0')
        addr_put(a->dialled, sizeof a->dialled, first_addr, port);
    else
        addr_put(a->dialled, sizeof a->dialled, host, port);
}

/* A socket address as Go's TCPAddr.String() prints it. */
static void addr_of(const struct sockaddr_storage *ss, char *out, size_t cap)
{
    char ip[IL_IP_TEXT_MAX];
    const uint8_t *bin;
    uint16_t port;
    out[0] = '\0';
    if (ss->ss_family == AF_INET6) {
        const struct sockaddr_in6 *s6 = (const void *)ss;
        bin = (const uint8_t *)&s6->sin6_addr;
        port = ntohs(s6->sin6_port);
    } else if (ss->ss_family == AF_INET) {
        const struct sockaddr_in *s4 = (const void *)ss;
        bin = (const uint8_t *)&s4->sin_addr;
        port = ntohs(s4->sin_port);
    } else {
        return;
    }
    il_ip_text(bin, ss->ss_family == AF_INET6 ? 16 : 4, ip);   /* (not inet_ntop: see il_text.h) */
    addr_put(out, cap, ip, port);
}

void cli_addr_ends(cli_req_net_t *a, int fd)
{
    struct sockaddr_storage ss;
    socklen_t len = sizeof ss;
    a->local[0] = a->remote[0] = '\0';
    if (getsockname(fd, (struct sockaddr *)&ss, &len) == 0) addr_of(&ss, a->local, sizeof a->local);
    len = sizeof ss;
    if (getpeername(fd, (struct sockaddr *)&ss, &len) == 0) addr_of(&ss, a->remote, sizeof a->remote);
}

/* SPDX-License-Identifier: Apache-2.0 */
/* minimal.c - the bench's floor for one HTTP inactivation: a static musl
 * program that sends what influx-lite sends over HTTP (a GET of the
 * authorization, then the PATCH, on one connection), reads each answer by
 * its Content-Length and writes the PATCH's body to stdout. No flags, no
 * configs file, no proxy, no JSON, no redaction, no timeouts: what the
 * system calls and pages of the exchange cost alone.
 *
 *   minimal PORT TOKEN ID      (the server on 127.0.0.1)
 *
 * Exit 0, or 2 on any failure. */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static char answer[16384];

/* One answer, whole: its length, its body at *body; -1 on failure. */
static int read_answer(int fd, const char **body)
{
    int n = 0;
    for (;;) {
        ssize_t r = recv(fd, answer + n, sizeof answer - 1 - (size_t)n, 0);
        if (r <= 0) return -1;
        n += (int)r;
        answer[n] = '\0';
        const char *end = strstr(answer, "\r\n\r\n"), *cl = strstr(answer, "Content-Length: ");
        if (end != NULL && cl != NULL && n >= (int)(end + 4 - answer) + atoi(cl + 16)) {
            *body = end + 4;
            return n;
        }
        if (n == (int)sizeof answer - 1) return -1;
    }
}

static int exchange(int fd, const char *req, int len, const char **body)
{
    return send(fd, req, (size_t)len, MSG_NOSIGNAL) == len ? read_answer(fd, body) : -1;
}

int main(int argc, char **argv)
{
    static const char patch[] = "{\"status\":\"inactive\"}";
    struct sockaddr_in a = {.sin_family = AF_INET};
    char req[1024];
    const char *body;
    int one = 1, fd, len, n;
    if (argc != 4) return 2;
    a.sin_port = htons((uint16_t)atoi(argv[1]));
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0 || connect(fd, (struct sockaddr *)&a, sizeof a) != 0) return 2;
    (void)setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    len = snprintf(req, sizeof req, "GET /api/v2/authorizations/%s HTTP/1.1\r\nHost: 127.0.0.1:%s\r\n"
                   "User-Agent: influx/v2.8.0 (linux) Sha/none Date/none\r\nAccept: application/json\r\n"
                   "Authorization: Token %s\r\nAccept-Encoding: gzip\r\n\r\n", argv[3], argv[1], argv[2]);
    if (len <= 0 || len >= (int)sizeof req || exchange(fd, req, len, &body) < 0) return 2;
    len = snprintf(req, sizeof req, "PATCH /api/v2/authorizations/%s HTTP/1.1\r\nHost: 127.0.0.1:%s\r\n"
                   "User-Agent: influx/v2.8.0 (linux) Sha/none Date/none\r\nContent-Length: %zu\r\n"
                   "Accept: application/json\r\nAuthorization: Token %s\r\nContent-Type: application/json\r\n"
                   "Accept-Encoding: gzip\r\n\r\n%s", argv[3], argv[1], sizeof patch - 1, argv[2], patch);
    if (len <= 0 || len >= (int)sizeof req || (n = exchange(fd, req, len, &body)) < 0) return 2;
    close(fd);
    len = n - (int)(body - answer);
    return write(1, body, (size_t)len) == len ? 0 : 2;
}

/* SPDX-License-Identifier: Apache-2.0 */
/* posix.c - TCP over POSIX sockets: an address literal dialled directly,
 * a name through every address of getaddrinfo in turn; non-blocking connect,
 * and poll() bounded by the connection's deadline. */
#if defined(__linux__) && !defined(_DEFAULT_SOURCE)
#define _DEFAULT_SOURCE 1        /* syscall(): see il_posix_now_ms */
#endif
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>
#if defined(__linux__)
#include <sys/syscall.h>
#endif
#include "il_posix.h"
#include "il_text.h"

#ifndef MSG_NOSIGNAL
#define MSG_NOSIGNAL 0
#endif

/* On Linux the clock is read with the system call itself, not through the
 * vDSO: a run reads it only a handful of times, and libc's first vDSO call
 * maps and parses the vDSO, page faults included, which costs far more than
 * those few system calls. Only where the kernel's timespec is libc's (LP64):
 * 32-bit musl has no SYS_clock_gettime at all (time64). */
int64_t il_posix_now_ms(void)
{
    struct timespec ts;
#if defined(__linux__) && defined(SYS_clock_gettime) && defined(__LP64__)
    if (syscall(SYS_clock_gettime, CLOCK_MONOTONIC, &ts) != 0)
#endif
        clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* The caller's interrupt flag (il_posix_set_interrupt), or NULL. */
static const volatile sig_atomic_t *posix_interrupt;

void il_posix_set_interrupt(const volatile sig_atomic_t *flag)
{
    posix_interrupt = flag;
}

static bool posix_interrupted(void)
{
    return posix_interrupt != NULL && *posix_interrupt != 0;
}

/* Wait for events on fd until the deadline: IL_OK, IL_ERR_TIMEOUT,
 * IL_ERR_CANCELLED or err. A signal ends poll() early (EINTR): the wait goes
 * on unless the interrupt flag is set. */
static il_status_t posix_wait(int fd, short events, int64_t deadline_ms, il_status_t err)
{
    for (;;) {
        struct pollfd pfd;
        int64_t left = deadline_ms > 0 ? deadline_ms - il_posix_now_ms() : -1;
        int rc;
        if (posix_interrupted()) return IL_ERR_CANCELLED;
        if (deadline_ms > 0 && left <= 0) return IL_ERR_TIMEOUT;
        if (left > 60000) left = 60000;
        pfd.fd = fd;
        pfd.events = events;
        pfd.revents = 0;
        rc = poll(&pfd, 1, (int)left);
        if (rc > 0) return IL_OK;
        if (rc < 0 && errno != EINTR) return err;
    }
}

/* Why socket() failed: out of descriptors or memory is no refusal. */
static il_status_t posix_socket_failure(int e)
{
    if (e == EMFILE || e == ENFILE) return IL_ERR_NO_FDS;
    if (e == ENOMEM || e == ENOBUFS) return IL_ERR_NO_MEMORY;
    return IL_ERR_CONNECT;
}

/* Why getaddrinfo failed (rc its result, e errno after it). */
static il_status_t posix_lookup_failure(int rc, int e)
{
    if (rc == EAI_MEMORY) return IL_ERR_NO_MEMORY;
    if (rc == EAI_SYSTEM && (e == EMFILE || e == ENFILE)) return IL_ERR_NO_FDS;
    if (rc == EAI_SYSTEM && (e == ENOMEM || e == ENOBUFS)) return IL_ERR_NO_MEMORY;
    return IL_ERR_DNS;
}

static il_status_t posix_connect_one(il_posix_conn_t *c, int family,
                                     const struct sockaddr *addr, socklen_t addrlen,
                                     int64_t deadline_ms)
{
    int fd, err = 0, one = 1;
    socklen_t len = sizeof(err);
    il_status_t st;

    fd = socket(family, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, IPPROTO_TCP);
    if (fd < 0) return posix_socket_failure(errno);
    if (connect(fd, addr, addrlen) != 0) {
        if (errno != EINPROGRESS && errno != EINTR) {
            close(fd);
            return IL_ERR_CONNECT;
        }
        st = posix_wait(fd, POLLOUT, deadline_ms, IL_ERR_CONNECT);
        if (st == IL_OK && (getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len) != 0 || err != 0))
            st = err == ETIMEDOUT ? IL_ERR_TIMEOUT : IL_ERR_CONNECT;
        if (st != IL_OK) {
            close(fd);
            return st;
        }
    }
    (void)setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
    c->fd = fd;
    return IL_OK;
}

/* An IPv4 or IPv6 literal as a socket address (port set): its length, or 0
 * when host is not one. */
typedef union posix_addr {
    struct sockaddr sa;
    struct sockaddr_in v4;
    struct sockaddr_in6 v6;
} posix_addr_t;

static socklen_t posix_literal(const char *host, uint16_t port, posix_addr_t *out)
{
    memset(out, 0, sizeof(*out));
    if (inet_pton(AF_INET, host, &out->v4.sin_addr) == 1) {
        out->v4.sin_family = AF_INET;
        out->v4.sin_port = htons(port);
        return (socklen_t)sizeof(out->v4);
    }
    if (inet_pton(AF_INET6, host, &out->v6.sin6_addr) == 1) {
        out->v6.sin6_family = AF_INET6;
        out->v6.sin6_port = htons(port);
        return (socklen_t)sizeof(out->v6);
    }
    return 0;
}

bool il_posix_host_is_literal(const char *host)
{
    posix_addr_t a;
    return host != NULL && posix_literal(host, 0, &a) != 0;
}

il_status_t il_posix_connect(il_posix_conn_t *c, const char *host, uint16_t port,
                             int64_t deadline_ms)
{
    struct addrinfo hints, *list = NULL, *ai;
    posix_addr_t literal;
    socklen_t literal_len;
    char service[IL_UDEC_MAX + 1];
    il_status_t st = IL_ERR_CONNECT;
    int rc;

    if (c == NULL || host == NULL) return IL_ERR_ARG;
    c->fd = -1;
    c->deadline_ms = deadline_ms;
    c->sent = 0;
    c->first_addr[0] = '\0';
    literal_len = posix_literal(host, port, &literal);
    if (literal_len != 0)
        return posix_connect_one(c, literal.sa.sa_family, &literal.sa, literal_len, deadline_ms);
    memset(&hints, 0, sizeof(hints));
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_NUMERICSERV;
    service[il_udec(port, service)] = '\0';
    if (posix_interrupted()) return IL_ERR_CANCELLED;
    errno = 0;
    rc = getaddrinfo(host, service, &hints, &list);
    if (rc != 0 || list == NULL) return rc != 0 ? posix_lookup_failure(rc, errno) : IL_ERR_DNS;
    /* (il_ip_text, not inet_ntop: musl's goes through snprintf, FPU code on MIPS) */
    if (list->ai_family == AF_INET6)
        il_ip_text((const uint8_t *)&((const struct sockaddr_in6 *)(const void *)list->ai_addr)->sin6_addr, 16,
                   c->first_addr);
    else if (list->ai_family == AF_INET)
        il_ip_text((const uint8_t *)&((const struct sockaddr_in *)(const void *)list->ai_addr)->sin_addr, 4,
                   c->first_addr);
    for (ai = list; ai != NULL; ai = ai->ai_next) {
        st = posix_connect_one(c, ai->ai_family, ai->ai_addr, ai->ai_addrlen, deadline_ms);
        /* another address helps only against a refusal */
        if (st != IL_ERR_CONNECT) break;
    }
    freeaddrinfo(list);
    return st;
}

void il_posix_set_deadline(il_posix_conn_t *c, int64_t deadline_ms)
{
    if (c != NULL) c->deadline_ms = deadline_ms;
}

static int32_t posix_send(void *ctx, const uint8_t *data, size_t len)
{
    il_posix_conn_t *c = ctx;
    if (data == NULL || len == 0) return -(int32_t)IL_ERR_ARG;
    if (len > 0x7fffffff) len = 0x7fffffff;
    for (;;) {
        ssize_t n = send(c->fd, data, len, MSG_NOSIGNAL);
        if (n > 0) {
            c->sent = 1;
            return (int32_t)n;
        }
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)) {
            il_status_t st = posix_wait(c->fd, POLLOUT, c->deadline_ms, IL_ERR_SEND);
            if (st != IL_OK) return -(int32_t)st;
            continue;
        }
        return -(int32_t)IL_ERR_SEND;
    }
}

static int32_t posix_recv(void *ctx, uint8_t *buf, size_t cap)
{
    il_posix_conn_t *c = ctx;
    if (buf == NULL || cap == 0) return -(int32_t)IL_ERR_ARG;
    if (cap > 0x7fffffff) cap = 0x7fffffff;
    if (c->sent) {
        /* the answer to what was just sent cannot be there yet: wait first
         * (saves the recv that would only say EAGAIN) */
        il_status_t st = posix_wait(c->fd, POLLIN, c->deadline_ms, IL_ERR_RECV);
        c->sent = 0;
        if (st != IL_OK) return -(int32_t)st;
    }
    for (;;) {
        ssize_t n = recv(c->fd, buf, cap, 0);
        if (n >= 0) return (int32_t)n;
        if (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR) {
            il_status_t st = posix_wait(c->fd, POLLIN, c->deadline_ms, IL_ERR_RECV);
            if (st != IL_OK) return -(int32_t)st;
            continue;
        }
        return -(int32_t)IL_ERR_RECV;
    }
}

void il_posix_transport(il_posix_conn_t *c, il_transport_t *t)
{
    t->ctx = c;
    t->send = posix_send;
    t->recv = posix_recv;
}

void il_posix_close(il_posix_conn_t *c)
{
    if (c != NULL && c->fd >= 0) {
        close(c->fd);
        c->fd = -1;
    }
}

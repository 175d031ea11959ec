/* SPDX-License-Identifier: Apache-2.0 */
/* test_posix.c - the POSIX TCP transport on real loopback sockets:
 * round trip, deadlines, refused, peer close, no SIGPIPE, IPv6, and the
 * transport contract's refusal of empty buffers. */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "check.h"
#include "il_posix.h"

/* A listening socket on 127.0.0.1 (or ::1); returns fd, sets *port. */
static int listen_loopback(int family, uint16_t *port)
{
    int fd = socket(family, SOCK_STREAM, 0);
    struct sockaddr_storage ss;
    socklen_t len;
    memset(&ss, 0, sizeof(ss));
    if (family == AF_INET) {
        struct sockaddr_in *a = (struct sockaddr_in *)&ss;
        a->sin_family = AF_INET;
        a->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        len = sizeof(*a);
    } else {
        struct sockaddr_in6 *a = (struct sockaddr_in6 *)&ss;
        a->sin6_family = AF_INET6;
        a->sin6_addr = in6addr_loopback;
        len = sizeof(*a);
    }
    if (fd < 0 || bind(fd, (struct sockaddr *)&ss, len) != 0 || listen(fd, 4) != 0) {
        if (fd >= 0) close(fd);
        return -1;
    }
    getsockname(fd, (struct sockaddr *)&ss, &len);
    *port = ntohs(family == AF_INET ? ((struct sockaddr_in *)&ss)->sin_port
                                    : ((struct sockaddr_in6 *)&ss)->sin6_port);
    return fd;
}

/* A connection over 127.0.0.1: the transport's end (c, t) and the
 * server's socket sfd, accepted on the listener lfd. */
typedef struct posix_pair {
    int lfd, sfd;
    il_posix_conn_t c;
    il_transport_t t;
} posix_pair_t;

static void pair_open(posix_pair_t *p, int64_t within_ms)
{
    uint16_t port;
    p->lfd = listen_loopback(AF_INET, &port);
    CHECK(p->lfd >= 0);
    CHECK_EQ_INT(il_posix_connect(&p->c, "127.0.0.1", port, il_posix_now_ms() + within_ms), IL_OK);
    il_posix_transport(&p->c, &p->t);
    p->sfd = accept(p->lfd, NULL, NULL);
}

/* Close what is still open (sfd -1: the test closed it). */
static void pair_close(posix_pair_t *p)
{
    if (p->sfd >= 0) close(p->sfd);
    il_posix_close(&p->c);
    close(p->lfd);
}

static void posix_round_trip(void)
{
    posix_pair_t p;
    uint8_t buf[16];
    pair_open(&p, 2000);
    CHECK_EQ_INT(p.t.send(p.t.ctx, (const uint8_t *)"ping", 4), 4);
    CHECK_EQ_INT(read(p.sfd, buf, sizeof(buf)), 4);
    CHECK_EQ_INT(write(p.sfd, "pong", 4), 4);
    CHECK_EQ_INT(p.t.recv(p.t.ctx, buf, sizeof(buf)), 4);
    CHECK(memcmp(buf, "pong", 4) == 0);
    close(p.sfd);
    p.sfd = -1;
    CHECK_EQ_INT(p.t.recv(p.t.ctx, buf, sizeof(buf)), 0);   /* orderly close */
    il_posix_close(&p.c);
    pair_close(&p);                                          /* twice is safe */
}

static void posix_recv_deadline(void)
{
    uint16_t port;
    int lfd = listen_loopback(AF_INET, &port);
    il_posix_conn_t c;
    il_transport_t t;
    uint8_t buf[4];
    int64_t start;
    CHECK_EQ_INT(il_posix_connect(&c, "localhost", port, il_posix_now_ms() + 2000), IL_OK);
    il_posix_transport(&c, &t);
    start = il_posix_now_ms();
    il_posix_set_deadline(&c, start + 200);
    CHECK_EQ_INT(t.recv(t.ctx, buf, sizeof(buf)), -(int32_t)IL_ERR_TIMEOUT);
    CHECK(il_posix_now_ms() - start >= 190);
    CHECK(il_posix_now_ms() - start < 2000);
    il_posix_close(&c);
    close(lfd);
}

static void posix_connect_refused(void)
{
    uint16_t port;
    int lfd = listen_loopback(AF_INET, &port);
    il_posix_conn_t c;
    close(lfd);   /* nothing listens there now */
    CHECK_EQ_INT(il_posix_connect(&c, "127.0.0.1", port, il_posix_now_ms() + 2000), IL_ERR_CONNECT);
    CHECK_EQ_INT(c.fd, -1);
}

static void posix_connect_past_deadline(void)
{
    uint16_t port;
    int lfd = listen_loopback(AF_INET, &port);
    il_posix_conn_t c;
    /* a deadline already passed: loopback connects at once or reports the timeout */
    il_status_t st = il_posix_connect(&c, "127.0.0.1", port, il_posix_now_ms() - 1);
    CHECK(st == IL_OK || st == IL_ERR_TIMEOUT);
    il_posix_close(&c);
    close(lfd);
}

static void posix_send_to_closed_peer_no_sigpipe(void)
{
    posix_pair_t p;
    static uint8_t big[65536];
    int32_t n = 1;
    int i;
    signal(SIGPIPE, SIG_DFL);     /* a SIGPIPE would kill the test */
    pair_open(&p, 2000);
    close(p.sfd);
    p.sfd = -1;
    for (i = 0; i < 64 && n > 0; i++) n = p.t.send(p.t.ctx, big, sizeof(big));
    CHECK_EQ_INT(n, -(int32_t)IL_ERR_SEND);
    pair_close(&p);
}

static void posix_ipv6_loopback(void)
{
    uint16_t port;
    int lfd = listen_loopback(AF_INET6, &port);
    il_posix_conn_t c;
    if (lfd < 0) {
        printf("# no IPv6 loopback here; checked nothing\n");
        return;
    }
    CHECK_EQ_INT(il_posix_connect(&c, "::1", port, il_posix_now_ms() + 2000), IL_OK);
    il_posix_close(&c);
    close(lfd);
}

static void posix_literal_hosts(void)
{
    CHECK(il_posix_host_is_literal("127.0.0.1"));
    CHECK(il_posix_host_is_literal("::1"));
    CHECK(il_posix_host_is_literal("fe80::1"));
    CHECK(il_posix_host_is_literal("::ffff:10.0.0.1"));
    CHECK(!il_posix_host_is_literal("localhost"));
    CHECK(!il_posix_host_is_literal("127.1"));         /* legacy forms go through getaddrinfo */
    CHECK(!il_posix_host_is_literal("1.2.3.4.5"));
    CHECK(!il_posix_host_is_literal("[::1]"));
    CHECK(!il_posix_host_is_literal("256.0.0.1"));
    CHECK(!il_posix_host_is_literal(""));
    CHECK(!il_posix_host_is_literal(NULL));
}

/* A legacy IPv4 form is no literal here: getaddrinfo still dials it. */
static void posix_legacy_ipv4_form_resolves(void)
{
    uint16_t port;
    int lfd = listen_loopback(AF_INET, &port);
    il_posix_conn_t c;
    CHECK(lfd >= 0);
    CHECK_EQ_INT(il_posix_connect(&c, "127.1", port, il_posix_now_ms() + 2000), IL_OK);
    il_posix_close(&c);
    close(lfd);
}

/* After a send the receive waits first: an answer that comes late is read,
 * and one that never comes ends at the deadline. */
static void posix_recv_after_send_waits(void)
{
    posix_pair_t p;
    uint8_t buf[8];
    int64_t start;
    pid_t pid;
    pair_open(&p, 3000);
    pid = fork();
    if (pid == 0) {
        char q[4];
        if (read(p.sfd, q, sizeof q) == 4) {
            struct timespec ts = {0, 100 * 1000 * 1000};
            nanosleep(&ts, NULL);
            if (write(p.sfd, "late", 4) != 4) _exit(1);
        }
        _exit(0);
    }
    CHECK_EQ_INT(p.t.send(p.t.ctx, (const uint8_t *)"ask?", 4), 4);
    CHECK_EQ_INT(p.t.recv(p.t.ctx, buf, sizeof(buf)), 4);
    CHECK(memcmp(buf, "late", 4) == 0);
    waitpid(pid, NULL, 0);
    /* asked again, never answered: the deadline ends the wait */
    il_posix_set_deadline(&p.c, il_posix_now_ms() + 300);
    start = il_posix_now_ms();
    CHECK_EQ_INT(p.t.send(p.t.ctx, (const uint8_t *)"ask?", 4), 4);
    CHECK_EQ_INT(p.t.recv(p.t.ctx, buf, sizeof(buf)), -(int32_t)IL_ERR_TIMEOUT);
    CHECK(il_posix_now_ms() - start >= 250);
    pair_close(&p);
}

/* il_transport.h: len or cap 0 and NULL buffers are refused with
 * -IL_ERR_ARG, touching nothing: no byte goes out, the connection and its
 * state stay as they were. */
static void posix_refuses_empty_buffers(void)
{
    posix_pair_t p;
    uint8_t buf[8];
    pair_open(&p, 2000);
    CHECK_EQ_INT(p.t.send(p.t.ctx, buf, 0), -(int32_t)IL_ERR_ARG);
    CHECK_EQ_INT(p.t.send(p.t.ctx, NULL, 4), -(int32_t)IL_ERR_ARG);
    CHECK_EQ_INT(p.c.sent, 0);
    CHECK_EQ_INT(recv(p.sfd, buf, sizeof buf, MSG_DONTWAIT), -1);   /* nothing went out */
    CHECK(errno == EAGAIN || errno == EWOULDBLOCK);
    CHECK_EQ_INT(p.t.send(p.t.ctx, (const uint8_t *)"ask?", 4), 4);
    CHECK_EQ_INT(p.t.recv(p.t.ctx, buf, 0), -(int32_t)IL_ERR_ARG);
    CHECK_EQ_INT(p.t.recv(p.t.ctx, NULL, sizeof buf), -(int32_t)IL_ERR_ARG);
    CHECK_EQ_INT(p.c.sent, 1);                                       /* still waits first */
    CHECK_EQ_INT(read(p.sfd, buf, sizeof buf), 4);
    CHECK_EQ_INT(write(p.sfd, "ok", 2), 2);
    CHECK_EQ_INT(p.t.recv(p.t.ctx, buf, sizeof buf), 2);
    pair_close(&p);
}

static volatile sig_atomic_t interrupt_flag;

static void interrupt_handler(int sig)
{
    interrupt_flag = sig;
}

/* The caller's interrupt flag ends every wait at once: one already set
 * before it starts, and one a signal sets during it (no SA_RESTART: poll
 * returns EINTR); without the flag, a signal does not end the wait. */
static void posix_interrupt_flag_ends_waits(void)
{
    posix_pair_t p;
    uint8_t buf[4];
    struct sigaction sa;
    struct itimerval it;
    int64_t start;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = interrupt_handler;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGALRM, &sa, NULL);
    pair_open(&p, 2000);
    il_posix_set_interrupt(&interrupt_flag);
    interrupt_flag = 1;
    il_posix_set_deadline(&p.c, il_posix_now_ms() + 5000);
    CHECK_EQ_INT(p.t.recv(p.t.ctx, buf, sizeof buf), -(int32_t)IL_ERR_CANCELLED);
    CHECK_EQ_INT(il_posix_connect(&p.c, "localhost", 9, il_posix_now_ms() + 5000), IL_ERR_CANCELLED);
    interrupt_flag = 0;
    pair_close(&p);
    pair_open(&p, 2000);
    memset(&it, 0, sizeof it);
    it.it_value.tv_usec = 100000;                /* SIGALRM in 100 ms sets the flag */
    setitimer(ITIMER_REAL, &it, NULL);
    start = il_posix_now_ms();
    il_posix_set_deadline(&p.c, start + 5000);
    CHECK_EQ_INT(p.t.recv(p.t.ctx, buf, sizeof buf), -(int32_t)IL_ERR_CANCELLED);
    CHECK(il_posix_now_ms() - start < 2000);
    /* no flag: the signal interrupts poll, the wait goes on to its deadline */
    il_posix_set_interrupt(NULL);
    interrupt_flag = 0;
    setitimer(ITIMER_REAL, &it, NULL);
    start = il_posix_now_ms();
    il_posix_set_deadline(&p.c, start + 400);
    CHECK_EQ_INT(p.t.recv(p.t.ctx, buf, sizeof buf), -(int32_t)IL_ERR_TIMEOUT);
    CHECK(il_posix_now_ms() - start >= 390);
    CHECK(interrupt_flag == SIGALRM);
    signal(SIGALRM, SIG_DFL);
    pair_close(&p);
}

static void posix_bad_arguments(void)
{
    il_posix_conn_t c;
    CHECK_EQ_INT(il_posix_connect(&c, NULL, 80, 0), IL_ERR_ARG);
    CHECK_EQ_INT(il_posix_connect(NULL, "h", 80, 0), IL_ERR_ARG);
    il_posix_set_deadline(NULL, 1);   /* ignored */
}

int main(void)
{
    RUN(posix_round_trip);
    RUN(posix_recv_deadline);
    RUN(posix_connect_refused);
    RUN(posix_connect_past_deadline);
    RUN(posix_send_to_closed_peer_no_sigpipe);
    RUN(posix_ipv6_loopback);
    RUN(posix_literal_hosts);
    RUN(posix_legacy_ipv4_form_resolves);
    RUN(posix_recv_after_send_waits);
    RUN(posix_refuses_empty_buffers);
    RUN(posix_interrupt_flag_ends_waits);
    RUN(posix_bad_arguments);
    return check_summary();
}

/* SPDX-License-Identifier: Apache-2.0 */
/* il_lwipsock.c - TCP over lwIP's sockets for threads (NO_SYS=0): a
 * non-blocking connect bounded by lwip_select, then blocking sends and
 * receives bounded by SO_SNDTIMEO/SO_RCVTIMEO, set to what is left of the
 * deadline before each call. lwIP's own names (lwip_*) only, so that the
 * C library's socket headers never meet lwIP's. */
#include "il_lwipsock.h"

#include <errno.h>
#include <string.h>
#include "lwip/netdb.h"
#include "lwip/sockets.h"
#include "lwip/sys.h"

/* Milliseconds left before deadline on the wrapping clock; 0 when reached. */
static uint32_t time_left(uint32_t deadline_ms)
{
    int32_t left = (int32_t)(deadline_ms - sys_now());
    return left > 0 ? (uint32_t)left : 0;
}

static struct timeval ms_timeval(uint32_t ms)
{
    struct timeval tv;
    tv.tv_sec = (long)(ms / 1000u);
    tv.tv_usec = (long)(ms % 1000u) * 1000L;
    return tv;
}

/* host as an IPv4 address: a literal, else lwIP's resolver (its own
 * retries bound that wait, not the deadline). */
static il_status_t lwipsock_resolve(const char *host, ip4_addr_t *out)
{
    struct hostent he, *found = NULL;
    /* lwIP keeps the address list and a copy of the name in it */
    char buf[DNS_MAX_NAME_LENGTH + 64];
    int err = 0;
    if (ip4addr_aton(host, out)) return IL_OK;
    if (lwip_gethostbyname_r(host, &he, buf, sizeof buf, &found, &err) != 0 || found == NULL ||
        found->h_addr_list[0] == NULL)
        return IL_ERR_DNS;
    memcpy(out, found->h_addr_list[0], sizeof *out);
    return IL_OK;
}

/* Wait for the non-blocking connect on fd to finish before deadline_ms. */
static il_status_t lwipsock_wait_connected(int fd, uint32_t deadline_ms)
{
    fd_set wr, ex;
    struct timeval tv = ms_timeval(time_left(deadline_ms));
    int soerr = 0;
    socklen_t len = sizeof soerr;
    int rc;
    FD_ZERO(&wr);
    FD_ZERO(&ex);
    FD_SET(fd, &wr);
    FD_SET(fd, &ex);
    rc = lwip_select(fd + 1, NULL, &wr, &ex, &tv);
    if (rc == 0) return IL_ERR_TIMEOUT;
    if (rc < 0 || lwip_getsockopt(fd, SOL_SOCKET, SO_ERROR, &soerr, &len) != 0 || soerr != 0)
        return IL_ERR_CONNECT;
    return IL_OK;
}

il_status_t il_lwipsock_connect(il_lwipsock_conn_t *c, const char *host, uint16_t port,
                                uint32_t deadline_ms)
{
    struct sockaddr_in sa;
    ip4_addr_t addr;
    il_status_t st;
    int one = 1;
    if (c == NULL || host == NULL) return IL_ERR_ARG;
    c->fd = -1;
    c->deadline_ms = deadline_ms;
    st = lwipsock_resolve(host, &addr);
    if (st != IL_OK) return st;
    memset(&sa, 0, sizeof sa);
    sa.sin_family = AF_INET;
    sa.sin_port = lwip_htons(port);
    inet_addr_from_ip4addr(&sa.sin_addr, &addr);
    c->fd = lwip_socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    if (c->fd < 0) return IL_ERR_CONNECT;
    (void)lwip_fcntl(c->fd, F_SETFL, O_NONBLOCK);
    if (lwip_connect(c->fd, (const struct sockaddr *)(const void *)&sa, sizeof sa) == 0)
        st = IL_OK;
    else
        st = errno == EINPROGRESS ? lwipsock_wait_connected(c->fd, deadline_ms) : IL_ERR_CONNECT;
    if (st != IL_OK) {
        il_lwipsock_close(c);
        return st;
    }
    (void)lwip_fcntl(c->fd, F_SETFL, 0);
    (void)lwip_setsockopt(c->fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    return IL_OK;
}

void il_lwipsock_set_deadline(il_lwipsock_conn_t *c, uint32_t deadline_ms)
{
    if (c != NULL) c->deadline_ms = deadline_ms;
}

/* Bound the next blocking call of kind option (SO_SNDTIMEO, SO_RCVTIMEO)
 * by the deadline: false when it has passed (lwIP reads 0 as "forever"). */
static int lwipsock_arm(const il_lwipsock_conn_t *c, int option)
{
    uint32_t left = time_left(c->deadline_ms);
#if LWIP_SO_SNDRCVTIMEO_NONSTANDARD
    int tv = left > 0x7fffffffu ? 0x7fffffff : (int)left;   /* such builds take milliseconds */
#else
    struct timeval tv = ms_timeval(left);
#endif
    return left > 0 && lwip_setsockopt(c->fd, SOL_SOCKET, option, &tv, sizeof tv) == 0;
}

static int32_t lwipsock_send(void *ctx, const uint8_t *data, size_t len)
{
    il_lwipsock_conn_t *c = ctx;
    ssize_t n;
    if (data == NULL || len == 0) return -(int32_t)IL_ERR_ARG;
    if (len > 0x7fffffff) len = 0x7fffffff;
    if (!lwipsock_arm(c, SO_SNDTIMEO)) return -(int32_t)IL_ERR_TIMEOUT;
    n = lwip_send(c->fd, data, len, 0);
    if (n > 0) return (int32_t)n;
    return -(int32_t)(errno == EWOULDBLOCK || errno == EAGAIN ? IL_ERR_TIMEOUT : IL_ERR_SEND);
}

static int32_t lwipsock_recv(void *ctx, uint8_t *buf, size_t cap)
{
    il_lwipsock_conn_t *c = ctx;
    ssize_t n;
    if (buf == NULL || cap == 0) return -(int32_t)IL_ERR_ARG;
    if (cap > 0x7fffffff) cap = 0x7fffffff;
    if (!lwipsock_arm(c, SO_RCVTIMEO)) return -(int32_t)IL_ERR_TIMEOUT;
    n = lwip_recv(c->fd, buf, cap, 0);
    if (n >= 0) return (int32_t)n;
    return -(int32_t)(errno == EWOULDBLOCK || errno == EAGAIN ? IL_ERR_TIMEOUT : IL_ERR_RECV);
}

void il_lwipsock_transport(il_lwipsock_conn_t *c, il_transport_t *t)
{
    t->ctx = c;
    t->send = lwipsock_send;
    t->recv = lwipsock_recv;
}

void il_lwipsock_close(il_lwipsock_conn_t *c)
{
    if (c != NULL && c->fd >= 0) {
        (void)lwip_close(c->fd);
        c->fd = -1;
    }
}

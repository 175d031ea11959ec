/* SPDX-License-Identifier: Apache-2.0 */
/* main.c - influx-lite firmware for MPS2 AN386 (Cortex-M4) under QEMU.
 *
 * lwIP NO_SYS=1 over the LAN9118 (polled), port/lwip's transport, core/ for
 * HTTP and JSON (and port/mbedtls for https when FW_TLS=1). It inactivates
 * one token, prints the result on UART0 and returns the il_status_t, which
 * startup.c hands to QEMU as its exit status (semihosting SYS_EXIT_EXTENDED).
 * QEMU user networking: the guest is 10.0.2.15, the gateway 10.0.2.2; the
 * test's guestfwd makes FW_HOST:FW_PORT reach the test server. No heap. */
#include <string.h>
#include "board.h"
#include "il_client.h"
#include "il_config.h"
#include "il_lwip.h"
#include "lan9118.h"
#include "lwip/init.h"
#include "lwip/netif.h"
#include "lwip/sys.h"
#include "lwip/timeouts.h"
#include "netif/ethernet.h"
#if FW_TLS
#include "il_tls.h"
#include "il_tls_conn.h"
#endif

#ifndef FW_TLS
#define FW_TLS 0
#endif
#ifndef FW_TLS_NAME
#define FW_TLS_NAME FW_HOST   /* SNI and the certificate name (or IP SAN) check */
#endif
#ifndef FW_IP
#define FW_IP "10.0.2.15"
#endif
#ifndef FW_GW
#define FW_GW "10.0.2.2"
#endif
#ifndef FW_HOST
#define FW_HOST "10.0.2.100"
#endif
#ifndef FW_PORT
#define FW_PORT 8086
#endif
#ifndef FW_TOKEN
#define FW_TOKEN "op-token-for-tests"
#endif
#ifndef FW_ID
#define FW_ID "06c86c40a9f36000"
#endif
#ifndef FW_TIMEOUT_MS
#define FW_TIMEOUT_MS 10000u
#endif
#ifndef FW_BODY_BUF
#define FW_BODY_BUF 4096
#endif
#ifndef FW_JSON_TOKENS
#define FW_JSON_TOKENS 256
#endif
#ifndef FW_PERMISSIONS
#define FW_PERMISSIONS 16
#endif

#define FW_STR2(x) #x
#define FW_STR(x) FW_STR2(x)

static struct netif eth;
static uint8_t req_buf[IL_DEFAULT_REQUEST_BUF];
static uint8_t body_buf[FW_BODY_BUF];
static jsmntok_t toks[FW_JSON_TOKENS];
static il_permission_t perms[FW_PERMISSIONS];
static il_lwip_conn_t conn;
static il_client_t client;
static il_result_t res;
#if FW_TLS
static il_tls_conn_t tls;
extern const unsigned char fw_ca_pem[];
extern const size_t fw_ca_pem_len;
#endif

/* ---- what lwIP needs from the board ---- */
u32_t sys_now(void) { return board_ms(); }

uint32_t il_board_rand(void)
{
    /* xorshift32 stirred with SysTick jitter: enough for lwIP's port numbers
     * and ISNs in this test firmware. A product uses the MCU's TRNG here. */
    static uint32_t x = 0x6d2b79f5u;
    x ^= board_cycles() + board_ms();
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    return x;
}

static void poll_net(void *arg, uint32_t max_wait_ms)
{
    (void)arg;
    (void)max_wait_ms;   /* busy polling: nothing else to do meanwhile */
    lan9118_poll(&eth);
    sys_check_timeouts();
}

static void print(const char *s) { board_puts(s); }

/* "<what>: <status text>\n" (no printf: newlib's pulls in malloc) */
static void print_status(const char *what, il_status_t st)
{
    print(what);
    print(il_status_str(st));
    print("\n");
}

int main(void)
{
    ip4_addr_t ip, mask, gw;
    il_transport_t tcp_t, *t = &tcp_t;
    il_json_scratch_t js = { toks, FW_JSON_TOKENS, perms, FW_PERMISSIONS };
    il_status_t st;

    print("influx-lite fw: mps2-an386, lwIP " LWIP_VERSION_STRING ", LAN9118\n");
#if FW_TLS
    print("https; WARNING: test entropy (MPS2 has no TRNG), certificate dates not checked (no RTC)\n");
#endif
    lwip_init();
    (void)ip4addr_aton(FW_IP, &ip);
    (void)ip4addr_aton("255.255.255.0", &mask);
    (void)ip4addr_aton(FW_GW, &gw);
    if (netif_add(&eth, &ip, &mask, &gw, NULL, lan9118_netif_init, ethernet_input) == NULL) {
        print("error: no LAN9118\n");
        return IL_ERR_CONNECT;
    }
    netif_set_default(&eth);
    netif_set_up(&eth);

    print("connecting to " FW_HOST ":" FW_STR(FW_PORT) "\n");
    st = il_lwip_connect(&conn, FW_HOST, FW_PORT, sys_now() + FW_TIMEOUT_MS, poll_net, NULL);
    if (st != IL_OK) {
        print_status("error: connect: ", st);
        return (int)st;
    }
    il_lwip_transport(&conn, &tcp_t);
#if FW_TLS
    il_transport_t tls_t;
    {
        il_tls_options_t opt;
        memset(&opt, 0, sizeof opt);
        opt.ca_pem = fw_ca_pem;
        opt.ca_pem_len = fw_ca_pem_len;
        st = il_tls_connect(&tls, &tcp_t, FW_TLS_NAME, &opt);
        if (st != IL_OK) {
            print_status("error: TLS: ", st);
            il_lwip_close(&conn);
            return (int)st;
        }
        il_tls_transport(&tls, &tls_t);
        t = &tls_t;
    }
#endif
    il_client_init(&client, t, FW_HOST ":" FW_STR(FW_PORT), FW_TOKEN, req_buf, sizeof req_buf,
                   body_buf, sizeof body_buf, &js);
    st = il_auth_inactivate(&client, FW_ID, &res);
#if FW_TLS
    print("tls pool: peak ");
    board_putu((uint32_t)il_tls_pool_peak());
    print(" of ");
    board_putu((uint32_t)il_tls_pool_size());
    print(" bytes\n");
    il_tls_close(&tls);
#endif
    il_lwip_close(&conn);
    {
        uint32_t end = sys_now() + 100u;   /* let the FIN go out */
        while (!il_lwip_time_reached(sys_now(), end)) poll_net(NULL, 0);
    }
    if (st == IL_OK) {
        print("inactivated ");
        board_putn(res.auth.id.p, res.auth.id.n);
        print(": status ");
        board_putn(res.auth.status.p, res.auth.status.n);
        print("\n");
    } else {
        print("error: ");
        print(il_status_str(st));
        if (res.http_status != 0) {
            print(" (HTTP ");
            board_putu((uint32_t)res.http_status);
            print(")");
        }
        print("\n");
    }
    print("stack: ");
    board_putu((uint32_t)board_stack_used());
    print(" of ");
    board_putu((uint32_t)board_stack_size());
    print(" bytes used\n");
    return (int)st;
}

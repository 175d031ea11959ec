/* SPDX-License-Identifier: Apache-2.0 */
/* main.c - influx-lite firmware for MPS2 AN386 (Cortex-M4) under QEMU.
 *
 * lwIP NO_SYS=1 over the LAN9118 (polled, net.c), port/lwip's transport,
 * core/ for HTTP and JSON, and port/mbedtls for https in the TLS image
 * (IL_HAVE_TLS); boards/common/board_inactivate.c runs the exchange. It
 * inactivates one token (fw_config.h), prints the result on UART0 and
 * returns the il_status_t, which startup.c hands to QEMU as its exit status
 * (semihosting SYS_EXIT_EXTENDED). No heap. */
#include "board.h"
#include "board_inactivate.h"
#include "fw_config.h"
#include "il_client.h"
#include "il_config.h"
#include "lwip/init.h"

#define FW_STR2(x) #x
#define FW_STR(x) FW_STR2(x)

static uint8_t req_buf[IL_DEFAULT_REQUEST_BUF];
static uint8_t body_buf[FW_BODY_BUF];
static board_conn_t conn;
static il_result_t res;
#ifdef IL_HAVE_TLS
extern const unsigned char fw_ca_pem[];   /* build/fw/ca_pem.c, by pem2c.py */
extern const size_t fw_ca_pem_len;
static il_tls_options_t tls_opt = { .ca_pem = fw_ca_pem };   /* .ca_pem_len: set by main */
#endif

/* The one exchange this firmware makes, as data (it stays in flash). */
static const board_job_t job = {
    .host = FW_HOST,
    .port = FW_PORT,
    .host_header = FW_HOST ":" FW_STR(FW_PORT),
#ifdef IL_HAVE_TLS
    .tls_name = FW_TLS_NAME,
    .tls_opt = &tls_opt,
#endif
    .token = FW_TOKEN,
    .id = FW_ID,
    .timeout_ms = FW_TIMEOUT_MS,
    .linger_ms = 100,
    .poll = board_poll,
    BOARD_JOB_BUFFERS(req_buf, body_buf),
};

static void print(const char *s) { board_puts(s); }

/* "<what>: <status text>\n" (no printf: newlib's pulls in malloc) */
static void print_status(const char *what, il_status_t st)
{
    print(what);
    print(il_status_str(st));
    print("\n");
}

/* What of the answer the buffers could not keep (the inactivation stands). */
static void print_not_kept(void)
{
    if (res.dropped > 0) {
        print("strings not kept: ");
        board_putu((uint32_t)res.dropped);
        print("\n");
    }
}

static void print_result(il_status_t st)
{
    if (st == IL_OK) {
        print("inactivated ");
        board_putn(res.auth.id.p, res.auth.id.n);
        print(": status ");
        board_putn(res.auth.status.p, res.auth.status.n);
        print(", ");
        board_putu((uint32_t)res.auth.perms_count);
        print(" permissions\n");
        print_not_kept();
        return;
    }
    print("error: ");
    print(il_status_str(st));
    if (res.http_status != 0) {
        print(" (HTTP ");
        board_putu((uint32_t)res.http_status);
        print(")");
    }
    print("\n");
}

/* "<what><used> of <size> bytes<tail>\n" */
static void print_usage(const char *what, size_t used, size_t size, const char *tail)
{
    print(what);
    board_putu((uint32_t)used);
    print(" of ");
    board_putu((uint32_t)size);
    print(" bytes");
    print(tail);
    print("\n");
}

/* What the board's messages say about each step's outcome. */
static void print_outcome(il_status_t st, board_step_t step)
{
    if (step == BOARD_STEP_CONNECT) {
        print_status("error: connect: ", st);
        return;
    }
    if (step == BOARD_STEP_TLS) {
        print_status("error: TLS: ", st);
        return;
    }
#ifdef IL_HAVE_TLS
    print_usage("tls pool: peak ", il_tls_pool_peak(), il_tls_pool_size(), "");
#endif
    print_result(st);
    print_usage("stack: ", board_stack_used(), board_stack_size(), " used");
}

int main(void)
{
    board_step_t step;
    il_status_t st;

    print("influx-lite fw: mps2-an386, lwIP " LWIP_VERSION_STRING ", LAN9118\n");
#ifdef IL_HAVE_TLS
    print("https; WARNING: test entropy (MPS2 has no TRNG), certificate dates not checked (no RTC)\n");
    tls_opt.ca_pem_len = fw_ca_pem_len;
#endif
    if (board_net_init() != 0) {
        print("error: no LAN9118\n");
        return IL_ERR_CONNECT;
    }
    print("connecting to " FW_HOST ":" FW_STR(FW_PORT) "\n");
    st = board_inactivate(&conn, &job, &res, &step);
    print_outcome(st, step);
    return (int)st;
}

/* SPDX-License-Identifier: Apache-2.0 */
/* board_net.c - the firmware boards' network for lwIP: the board's polled
 * NIC (board_nic.h: BOARD_NIC_INIT, BOARD_NIC_POLL) with the addresses of
 * fw_config.h, lwIP's clock and random numbers, the poll hook. */
#include "board.h"
#include "board_nic.h"
#include "fw_config.h"
#include "lwip/dhcp.h"
#include "lwip/init.h"
#include "lwip/ip4_addr.h"
#include "lwip/netif.h"
#include "lwip/sys.h"
#include "lwip/timeouts.h"
#include "netif/ethernet.h"

static struct netif eth;

/* ---- what lwIP needs from the board ---- */
u32_t sys_now(void) { return board_ms(); }

uint32_t il_board_rand(void)
{
    /* xorshift32 stirred with timer jitter: enough for lwIP's port numbers
     * and ISNs in this test firmware. A product uses the MCU's TRNG here. */
    static uint32_t x = 0x6d2b79f5u;
    x ^= board_cycles() + board_ms();
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    return x;
}

#if FW_DHCP
/* Ask for a lease and poll until one is bound or FW_DHCP_WAIT_MS pass:
 * 0, or -1 with nothing configured. */
static int net_dhcp(void)
{
    uint32_t start = board_ms();
    if (dhcp_start(&eth) != ERR_OK) return -1;
    while (!dhcp_supplied_address(&eth)) {
        if (board_ms() - start >= FW_DHCP_WAIT_MS) return -1;
        board_poll(NULL, 10);
    }
    board_puts("dhcp: ");
    board_puts(ip4addr_ntoa(netif_ip4_addr(&eth)));
    board_puts("\n");
    return 0;
}
#endif

int board_net_init(void)
{
    ip4_addr_t ip, mask, gw;
    lwip_init();
    (void)ip4addr_aton(FW_DHCP ? "0.0.0.0" : FW_IP, &ip);
    (void)ip4addr_aton(FW_DHCP ? "0.0.0.0" : "255.255.255.0", &mask);
    (void)ip4addr_aton(FW_DHCP ? "0.0.0.0" : FW_GW, &gw);
    if (netif_add(&eth, &ip, &mask, &gw, NULL, BOARD_NIC_INIT, ethernet_input) == NULL)
        return -1;
    netif_set_default(&eth);
    netif_set_up(&eth);
#if FW_DHCP
    return net_dhcp();
#else
    return 0;
#endif
}

void board_poll(void *arg, uint32_t max_wait_ms)
{
    (void)arg;
    (void)max_wait_ms;   /* busy polling: nothing else to do meanwhile */
    (void)BOARD_NIC_POLL(&eth);
    sys_check_timeouts();
}

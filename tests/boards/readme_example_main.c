/* SPDX-License-Identifier: Apache-2.0 */
/* readme_example_main.c - main() of the firmware image that runs README.md's
 * library example (build/fw/fw-readme.elf): the MPS2 board's network
 * (boards/qemu-mps2/net.c), the clock from SNTP broadcasts
 * (boards/common/board_clock.c), then revoke_own_token() exactly as the README
 * writes it, against the server the test forwards to 10.0.2.100:8086. The
 * status goes to UART0 and, through startup.c, to QEMU's exit status. */
#include "board.h"
#include "board_clock.h"
#include "fw_config.h"
#include "readme_example.h"

int main(void)
{
    il_status_t st;
    if (board_net_init() != 0) {
        board_puts("error: no LAN9118\n");
        return IL_ERR_CONNECT;
    }
    /* the image checks certificate dates: the time first (the test's SNTP broadcasts) */
    if (!board_clock_sync("", 10000, board_poll, NULL)) board_puts("sntp: no time\n");
    st = revoke_own_token(FW_TOKEN, FW_ID, board_poll);
    board_puts("README example: ");
    board_puts(il_status_str(st));
    board_puts("\n");
    return (int)st;
}

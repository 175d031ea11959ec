/* SPDX-License-Identifier: Apache-2.0 */
/* main.c - influx-lite firmware for MPS2 AN386 (Cortex-M4) under QEMU.
 *
 * lwIP NO_SYS=1 over the LAN9118 (polled, net.c), port/lwip's transport,
 * core/ for HTTP and JSON, and port/mbedtls for https in the TLS images
 * (IL_HAVE_TLS). boards/common/board_app.c does the job: the credential
 * page (provisioned after linking, the same image for every device), the
 * clock, the exchange, the token's erasure. Its status goes to UART0 and,
 * through startup.c, to QEMU's exit status (semihosting
 * SYS_EXIT_EXTENDED). The credential page is the PSRAM at 0x21000000,
 * which the tests back with a file (boards/common/board_cred_ram.c). No
 * heap. */
#include "board.h"
#include "board_app.h"

int main(void)
{
#ifdef IL_HAVE_TLS
    board_puts("https; WARNING: test entropy (MPS2 has no TRNG: see board_entropy_test.c)\n");
#endif
#if MPS2_AN505
    return board_app("mps2-an505 (Cortex-M33), LAN9118");
#else
    return board_app("mps2-an386 (Cortex-M4), LAN9118");
#endif
}

/* SPDX-License-Identifier: Apache-2.0 */
/* main.c - influx-lite firmware for MPS2 AN386 (Cortex-M4) under QEMU.
 *
 * lwIP NO_SYS=1 over the LAN9118 (polled, net.c), port/lwip's transport,
 * core/ for HTTP and JSON, and port/mbedtls for https in the TLS images
 * (IL_HAVE_TLS). boards/common/board_app.c does the job: the credential
 * page (provisioned after linking, the same image for every device), the
 * clock, the exchange, the token's erasure. Its status goes to UART0 and,
 * through startup.c, to QEMU's exit status (semihosting
 * SYS_EXIT_EXTENDED). No heap. */
#include "board.h"
#include "board_app.h"

/* The credential page in QEMU: the PSRAM at 0x21000000, which the tests
 * back with a file. A product's flash needs its unlock and program
 * sequence here; NOR programming only clears bits, which is all the
 * token's erasure asks. */
int board_cred_program(uint32_t off, const uint8_t *data, size_t len)
{
    volatile uint8_t *p = (volatile uint8_t *)(uintptr_t)il_cred_page + off;
    if (off + len > BOARD_CRED_PAGE) return -1;
    for (size_t i = 0; i < len; i++) p[i] = (uint8_t)(p[i] & data[i]);
    return 0;
}

int main(void)
{
#ifdef IL_HAVE_TLS
    board_puts("https; WARNING: test entropy (MPS2 has no TRNG: see entropy.c)\n");
#endif
    return board_app("mps2-an386 (Cortex-M4), LAN9118");
}

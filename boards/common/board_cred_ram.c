/* SPDX-License-Identifier: Apache-2.0 */
/* board_cred_ram.c - board_cred_program for a credential page in memory
 * that the CPU writes directly: QEMU's boards, where the page is memory the
 * test provides (a file-backed region, or DRAM loaded with the page). A
 * part's flash needs its unlock and program sequence instead; NOR
 * programming only clears bits, which is all the token's erasure asks. */
#include "board.h"
#include "board_cred.h"

int board_cred_program(uint32_t off, const uint8_t *data, size_t len)
{
    volatile uint8_t *p = (volatile uint8_t *)(uintptr_t)il_cred_page + off;
    if (off + len > BOARD_CRED_PAGE) return -1;
    for (size_t i = 0; i < len; i++) p[i] = (uint8_t)(p[i] & data[i]);
    return 0;
}

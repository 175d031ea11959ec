/* SPDX-License-Identifier: Apache-2.0 */
/* board_putu.c - a number in decimal on the board's console (board.h),
 * through its board_puts. */
#include <stdint.h>
#include "board.h"

void board_putu(uint32_t u)
{
    char buf[12];
    int i = (int)sizeof buf - 1;
    buf[i] = '\0';
    do { buf[--i] = (char)('0' + u % 10u); u /= 10u; } while (u != 0 && i > 0);
    board_puts(&buf[i]);
}

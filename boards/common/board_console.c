/* SPDX-License-Identifier: Apache-2.0 */
/* board_console.c - on the board's console, through its board_puts
 * (board.h): a number in decimal, and an assertion's failure (il_board_fatal,
 * which then ends the run with status 99). */
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

void il_board_fatal(const char *msg, const char *file, int line)
{
    board_puts("assertion failed: ");
    board_puts(msg);
    board_puts(" at ");
    board_puts(file);
    board_puts(":");
    board_putu((uint32_t)line);
    board_puts("\n");
    board_exit(99);
}

/* SPDX-License-Identifier: Apache-2.0 */
/* board.h - the board services the firmware uses (boards/qemu-mps2,
 * boards/qemu-riscv). */
#ifndef IL_MPS2_BOARD_H
#define IL_MPS2_BOARD_H

#include <stddef.h>
#include <stdint.h>

void board_puts(const char *s);                /* UART0 */
void board_putn(const char *s, size_t n);      /* at most n bytes of s */
void board_putu(uint32_t u);                   /* decimal (boards/common/board_console.c) */
__attribute__((noreturn)) void board_exit(int code);  /* semihosting: QEMU's exit status */
uint32_t board_ms(void);                       /* SysTick milliseconds */
uint32_t board_cycles(void);                   /* SysTick down-counter (jitter for seeding) */
uint32_t board_jitter(void);                   /* another free-running counter (jitter for the entropy) */
/* boards/common/board_stack.c: the stack's size, and its high-water mark
 * from the words the reset code painted with BOARD_STACK_PAINT. */
#define BOARD_STACK_PAINT 0xC0FFEE55      /* (no suffix: the reset code's assembly takes it too) */
#define BOARD_STR_(x) #x
#define BOARD_STR(x) BOARD_STR_(x)
size_t board_stack_size(void);
size_t board_stack_used(void);
void il_board_fatal(const char *msg, const char *file, int line);   /* board_console.c */

/* The credential page (board_cred.h): its linker script places it. */
extern const uint8_t il_cred_page[];
/* Program len bytes of the page at off (bits to 0 only); 0 on success. */
int board_cred_program(uint32_t off, const uint8_t *data, size_t len);

/* boards/common/board_net.c: lwip_init() and the board's NIC (board_nic.h)
 * with fw_config.h's addresses, up and default (with FW_DHCP, the address
 * from a DHCP lease); 0, or -1 when no NIC answers or no lease came. */
int board_net_init(void);
/* The il_lwip poll hook: received frames to lwIP, then lwIP's timers. */
void board_poll(void *arg, uint32_t max_wait_ms);

#endif
